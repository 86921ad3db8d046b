-- Each number's record over all hours, the level the queue pools between the company and the hour: summed from its hourly counts.
INSERT INTO "reach_counts" ("team_id", "scope", "scope_id", "kind", "slot", "dials", "reached", "gatekeeper")
SELECT "team_id", "scope", "scope_id", "kind", 255, sum("dials"), sum("reached"), sum("gatekeeper")
FROM "reach_counts" WHERE "scope" = 3 AND "slot" BETWEEN 200 AND 223
GROUP BY "team_id", "scope", "scope_id", "kind"
ON CONFLICT DO NOTHING;
