import type { Ctx } from '../../context/context.ts';
import type { Db } from '../../db/create-db.ts';
import { countryCode, readZone } from '../phones/index.ts';
import type { ProspectRow } from './prospects.repository.ts';
import { displayName } from './prospects.service.ts';
import { recordZone } from './upsert-prospects.ts';
import {
  insertZoneChange,
  lockUncheckedZones,
  markZoneChecked,
  numbersOfProspects,
  zoneChangesOfTeam,
} from './zones.repository.ts';

const BATCH = 500;

export type ZoneChange = {
  prospectId: number;
  name: string;
  at: string;
  before: string[];
  after: string[];
  reason: string;
};

/**
 * Re-resolves the zone of every prospect not yet resolved by the current rules (each number's
 * own plan data, places that span zones, abbreviations read as the zones they name), records
 * each change with its reason, and returns how many changed. Safe to run again: it only takes
 * rows an earlier run has not checked.
 */
export async function reresolveZones(db: Db, at: Date): Promise<number> {
  let changed = 0;
  for (;;) {
    // Rows locked by another process doing the same are skipped, so each change is reported once.
    const done = await db.transaction(async (tx) => {
      const batch = await lockUncheckedZones(tx, { limit: BATCH });
      if (batch.length === 0) return true;
      const phones = await numbersOfProspects(
        tx,
        batch.map((p) => p.id),
      );
      for (const row of batch) {
        const change = rethink(
          row,
          phones.filter((p) => p.prospectId === row.id),
        );
        if (change) {
          changed++;
          await insertZoneChange(tx, { teamId: row.teamId, prospectId: row.id, at, ...change.report });
        }
        await markZoneChecked(tx, { prospectId: row.id, patch: change?.patch ?? {}, at });
      }
      return false;
    });
    if (done) return changed;
  }
}

function rethink(
  row: ProspectRow,
  phones: { e164: string; kind: string }[],
): {
  patch: Pick<ProspectRow, 'timezone' | 'timezoneCandidates' | 'timezoneSource' | 'statedTimezone'>;
  report: { before: string[]; after: string[]; reason: string };
} | null {
  const reasons: string[] = [];
  let explicit: string | null = null;
  if (row.statedTimezone) {
    const read = readZone(row.statedTimezone, countryCode(row.country));
    if (read.ok) {
      explicit = read.zone;
      if (read.zone !== row.statedTimezone)
        reasons.push(`"${row.statedTimezone}" is read as ${read.zone}, which keeps daylight saving`);
    } else reasons.push(`the stated zone is dropped: ${read.reason}`);
  }
  const { zone } = recordZone({ explicit, address: { region: row.region, country: row.country }, phones });
  const before = row.timezone ? [row.timezone] : row.timezoneCandidates;
  const after = zone.timezone ? [zone.timezone] : zone.candidates;
  if (before.join() === after.join() && zone.source === row.timezoneSource && explicit === row.statedTimezone)
    return null;
  if (reasons.length === 0)
    reasons.push(
      after.length > before.length
        ? 'the place spans zones or the number and the address disagree: a call must be legal in each'
        : "re-read from the number's own plan data and the address",
    );
  return {
    patch: {
      timezone: zone.timezone,
      timezoneCandidates: zone.candidates,
      timezoneSource: zone.source,
      statedTimezone: explicit,
    },
    report: { before, after, reason: reasons.join('; ') },
  };
}

/** What re-resolving zones changed in the team's book, newest first, with each prospect's name. */
export async function listZoneChanges(ctx: Ctx): Promise<{ items: ZoneChange[] }> {
  const rows = await zoneChangesOfTeam(ctx.db, { teamId: ctx.team.id });
  return {
    items: rows.map(({ change, ...who }) => ({
      prospectId: change.prospectId,
      name: displayName(who),
      at: change.at.toISOString(),
      before: change.before,
      after: change.after,
      reason: change.reason,
    })),
  };
}
