import {
  and,
  asc,
  count,
  eq,
  ilike,
  inArray,
  isNotNull,
  or,
  type SQL,
  type SQLWrapper,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { companies, phoneNumbers, prospects } from '../../db/schema.ts';

export type ProspectRow = typeof prospects.$inferSelect;
export type NewProspectRow = typeof prospects.$inferInsert;
export type PhoneRow = typeof phoneNumbers.$inferSelect;
export type NewPhoneRow = typeof phoneNumbers.$inferInsert;
export type CompanyRow = typeof companies.$inferSelect;
export type CompanyInput = { name: string; domain: string | null; industry: string | null };
export type ExistingProspect = ProspectRow & { phones: PhoneRow[] };

/** `expr = any($1)`: one array parameter instead of one parameter per value. */
const anyOf = (expr: SQLWrapper, values: string[]): SQL => sql`${expr} = any(${sql.param(values)}::text[])`;

/** First name, last name and company: the last-resort identity of a row with no id, email or personal number. */
export const nameKey = (p: {
  firstName?: string | null;
  lastName?: string | null;
  companyId?: number | null;
}): string => `${p.firstName ?? ''}|${p.lastName ?? ''}|${p.companyId ?? ''}`.toLowerCase();

/** The same key in SQL; the index prospects_team_name_key is built on exactly this expression. */
export const nameKeySql = sql`(lower(coalesce(${prospects.firstName}, '') || '|' || coalesce(${prospects.lastName}, '') || '|' || coalesce(${prospects.companyId}::text, '')))`;

/** The key a company is matched on: its domain when known, else its name. */
export const companyKey = (c: { name: string; domain: string | null }): string =>
  c.domain ? `d:${c.domain.toLowerCase()}` : `n:${c.name.toLowerCase()}`;

/** Finds or creates each company, returning ids by `companyKey`. */
export async function ensureCompanies(
  db: Db,
  teamId: number,
  wanted: {
    list: CompanyInput[];
    address: Map<string, { city?: string; region?: string; country?: string; timezone: string | null }>;
  },
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (wanted.list.length === 0) return ids;
  const domains = [...new Set(wanted.list.flatMap((c) => (c.domain ? [c.domain.toLowerCase()] : [])))];
  const names = [...new Set(wanted.list.flatMap((c) => (c.domain ? [] : [c.name.toLowerCase()])))];
  const found = await db
    .select({ id: companies.id, name: companies.name, domain: companies.domain })
    .from(companies)
    .where(
      and(
        eq(companies.teamId, teamId),
        or(
          domains.length ? anyOf(sql`lower(${companies.domain})`, domains) : sql`false`,
          names.length
            ? and(sql`${companies.domain} is null`, anyOf(sql`lower(${companies.name})`, names))
            : sql`false`,
        ),
      ),
    );
  for (const c of found) ids.set(companyKey(c), c.id);
  const missing = new Map<string, CompanyInput>();
  for (const c of wanted.list) if (!ids.has(companyKey(c))) missing.set(companyKey(c), c);
  if (missing.size > 0) {
    const rows = [...missing.entries()].map(([key, c]) => {
      const where = wanted.address.get(key);
      return {
        teamId,
        name: c.name,
        domain: c.domain,
        industry: c.industry,
        city: where?.city ?? null,
        region: where?.region ?? null,
        country: where?.country ?? null,
        timezone: where?.timezone ?? null,
      };
    });
    const inserted = await db
      .insert(companies)
      .values(rows)
      .returning({ id: companies.id, name: companies.name, domain: companies.domain });
    for (const c of inserted) ids.set(companyKey(c), c.id);
  }
  return ids;
}

/** Prospects that any of the keys could match, each with its numbers. */
/**
 * Prospects that any of the keys could match, each with its numbers. One indexed lookup per
 * key, merged by id: a single OR across the keys makes PostgreSQL scan the whole table.
 */
export async function findCandidates(
  db: Db,
  teamId: number,
  keys: { externalIds: string[]; emails: string[]; phones: string[]; names?: string[] },
): Promise<ExistingProspect[]> {
  const team = eq(prospects.teamId, teamId);
  const lookups: Promise<ProspectRow[]>[] = [];
  const where = (condition: SQL) => db.select().from(prospects).where(and(team, condition));
  if (keys.externalIds.length) lookups.push(where(anyOf(prospects.externalId, keys.externalIds)));
  if (keys.emails.length) lookups.push(where(anyOf(sql`lower(${prospects.email})`, keys.emails)));
  if (keys.names?.length) {
    lookups.push(
      where(sql`${nameKeySql} = any(select lower(k) from unnest(${sql.param(keys.names)}::text[]) k)`),
    );
  }
  if (keys.phones.length) {
    const owners = db
      .select({ id: phoneNumbers.prospectId })
      .from(phoneNumbers)
      .where(
        and(
          eq(phoneNumbers.teamId, teamId),
          anyOf(phoneNumbers.e164, keys.phones),
          isNotNull(phoneNumbers.prospectId),
        ),
      );
    lookups.push(where(inArray(prospects.id, owners)));
  }
  // Sequential on purpose: a transaction handle runs one query at a time.
  const byId = new Map<number, ProspectRow>();
  for (const lookup of lookups) for (const row of await lookup) byId.set(row.id, row);
  return attachPhones(
    db,
    [...byId.values()].sort((a, b) => a.id - b.id),
  );
}

export async function attachPhones(db: Db, rows: ProspectRow[]): Promise<ExistingProspect[]> {
  if (rows.length === 0) return [];
  const phones = await db
    .select()
    .from(phoneNumbers)
    .where(
      inArray(
        phoneNumbers.prospectId,
        rows.map((r) => r.id),
      ),
    )
    .orderBy(phoneNumbers.id);
  const byProspect = new Map<number, PhoneRow[]>();
  for (const p of phones) {
    const list = byProspect.get(p.prospectId!) ?? [];
    list.push(p);
    byProspect.set(p.prospectId!, list);
  }
  return rows.map((r) => ({ ...r, phones: byProspect.get(r.id) ?? [] }));
}

/**
 * Inserts many prospects in one statement: ids are reserved from the sequence first, so each
 * row's id is known without relying on the order of RETURNING, and each column travels as one
 * array parameter (fast to build and within any parameter limit).
 */
export async function insertProspects(db: Db, rows: NewProspectRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const reserved = await db.execute(
    sql`select nextval(pg_get_serial_sequence('prospects', 'id')) as id from generate_series(1, ${rows.length})`,
  );
  // bigint: a number from PGlite, a string from node-postgres.
  const ids = rowsOf<{ id: number | string }>(reserved).map((r) => Number(r.id));
  const col = <T>(pick: (r: NewProspectRow) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    insert into prospects (id, team_id, company_id, external_id, first_name, last_name, title, email, stage, value,
      already_has_product, competitor_relationship, research, city, region, country, timezone, timezone_candidates,
      timezone_source, stated_timezone)
    select id, team_id, company_id, external_id, first_name, last_name, title, email, stage, value,
      already_has_product, competitor_relationship, research::jsonb, city, region, country, timezone,
      case when candidates = '' then '{}'::text[] else string_to_array(candidates, ',') end, timezone_source, stated_timezone
    from unnest(${sql.param(ids)}::int[], ${col((r) => r.teamId)}::int[], ${col((r) => r.companyId ?? null)}::int[],
      ${col((r) => r.externalId ?? null)}::text[], ${col((r) => r.firstName ?? null)}::text[],
      ${col((r) => r.lastName ?? null)}::text[], ${col((r) => r.title ?? null)}::text[], ${col((r) => r.email ?? null)}::text[],
      ${col((r) => r.stage ?? 'new')}::text[], ${col((r) => r.value ?? null)}::bigint[],
      ${col((r) => r.alreadyHasProduct ?? false)}::boolean[], ${col((r) => r.competitorRelationship ?? false)}::boolean[],
      ${col((r) => JSON.stringify(r.research ?? {}))}::text[], ${col((r) => r.city ?? null)}::text[],
      ${col((r) => r.region ?? null)}::text[], ${col((r) => r.country ?? null)}::text[], ${col((r) => r.timezone ?? null)}::text[],
      ${col((r) => (r.timezoneCandidates ?? []).join(','))}::text[], ${col((r) => r.timezoneSource ?? null)}::text[],
      ${col((r) => r.statedTimezone ?? null)}::text[])
      as t(id, team_id, company_id, external_id, first_name, last_name, title, email, stage, value, already_has_product,
        competitor_relationship, research, city, region, country, timezone, candidates, timezone_source, stated_timezone)`);
  return ids;
}

export async function insertPhones(db: Db, rows: NewPhoneRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <T>(pick: (r: NewPhoneRow) => T) => sql.param(rows.map(pick));
  await db.execute(sql`
    insert into phone_numbers (team_id, prospect_id, company_id, e164, kind, extension, source)
    select * from unnest(${col((r) => r.teamId)}::int[], ${col((r) => r.prospectId ?? null)}::int[],
      ${col((r) => r.companyId ?? null)}::int[], ${col((r) => r.e164)}::text[], ${col((r) => r.kind)}::text[],
      ${col((r) => r.extension ?? null)}::text[], ${col((r) => r.source ?? 'import')}::text[])
    on conflict do nothing`);
}

export async function updateProspectRow(db: Db, id: number, patch: Partial<NewProspectRow>): Promise<void> {
  await db
    .update(prospects)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(prospects.id, id));
}

/** The team's prospects a key could name (its id, external id or email, lowered), lowest id first, at most two. */
export async function prospectsByKey(
  db: Db,
  input: { teamId: number; id: number | undefined; text: string },
): Promise<ProspectRow[]> {
  const byId = input.id === undefined ? undefined : eq(prospects.id, input.id);
  return db
    .select()
    .from(prospects)
    .where(
      and(
        eq(prospects.teamId, input.teamId),
        or(
          byId,
          eq(prospects.externalId, input.text),
          sql`lower(${prospects.email}) = ${input.text.toLowerCase()}`,
        ),
      ),
    )
    .orderBy(asc(prospects.id))
    .limit(2);
}

/**
 * A page of the team's prospects by id, with how many there are in all: of one stage when given,
 * and matching the pattern (an ILIKE pattern) on the name, the email or the company's name.
 */
export async function prospectsPage(
  db: Db,
  input: {
    teamId: number;
    /** A rep's book: theirs and the shared pool's; the whole team's when null. */
    ownerId: number | null;
    stage: string | undefined;
    pattern: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ total: number; rows: ProspectRow[] }> {
  const where = and(
    eq(prospects.teamId, input.teamId),
    input.ownerId === null
      ? undefined
      : or(eq(prospects.ownerId, input.ownerId), sql`${prospects.ownerId} is null`),
    input.stage ? eq(prospects.stage, input.stage) : undefined,
    input.pattern
      ? or(
          ilike(
            sql`coalesce(${prospects.firstName}, '') || ' ' || coalesce(${prospects.lastName}, '')`,
            input.pattern,
          ),
          ilike(prospects.email, input.pattern),
          ilike(companies.name, input.pattern),
        )
      : undefined,
  );
  const base = db
    .select({ p: prospects })
    .from(prospects)
    .leftJoin(companies, eq(companies.id, prospects.companyId));
  const [rows, [total]] = await Promise.all([
    base.where(where).orderBy(asc(prospects.id)).limit(input.limit).offset(input.offset),
    db
      .select({ n: count() })
      .from(prospects)
      .leftJoin(companies, eq(companies.id, prospects.companyId))
      .where(where),
  ]);
  return { total: Number(total?.n ?? 0), rows: rows.map((r) => r.p) };
}

/** Moves the team's prospects that fit the filters to an owner (null: the shared pool): how many moved. */
export async function moveOwner(
  db: Db,
  input: {
    teamId: number;
    to: number | null;
    from?: number | null | undefined;
    stage?: string | undefined;
    ids?: number[] | undefined;
  },
): Promise<number> {
  const rows = await db
    .update(prospects)
    .set({ ownerId: input.to })
    .where(
      and(
        eq(prospects.teamId, input.teamId),
        input.from === undefined
          ? undefined
          : input.from === null
            ? sql`${prospects.ownerId} is null`
            : eq(prospects.ownerId, input.from),
        input.stage === undefined ? undefined : eq(prospects.stage, input.stage),
        input.ids === undefined ? undefined : sql`${prospects.id} = any(${sql.param(input.ids)}::int[])`,
        input.to === null
          ? sql`${prospects.ownerId} is not null`
          : sql`${prospects.ownerId} is distinct from ${input.to}`,
      ),
    )
    .returning({ id: prospects.id });
  return rows.length;
}

/** Puts the prospect in this user's book. */
export async function setOwner(db: Db, input: { prospectId: number; ownerId: number }): Promise<void> {
  await db.update(prospects).set({ ownerId: input.ownerId }).where(eq(prospects.id, input.prospectId));
}

/** Keeps the voicemail strategy chosen for this prospect (null: the team's). */
export async function setVoicemailStrategy(
  db: Db,
  input: { prospectId: number; strategy: string | null },
): Promise<void> {
  await db
    .update(prospects)
    .set({ voicemailStrategy: input.strategy })
    .where(eq(prospects.id, input.prospectId));
}

/** Writes an edit's changed fields to the prospect, marked as updated at the edit's instant. */
export async function updateProspectFields(
  db: Db,
  input: { prospectId: number; changes: Partial<NewProspectRow>; at: Date },
): Promise<void> {
  await db
    .update(prospects)
    .set({ ...input.changes, updatedAt: input.at })
    .where(eq(prospects.id, input.prospectId));
}

/** Adds numbers to the book as they are. */
export async function addPhoneRows(db: Db, rows: NewPhoneRow[]): Promise<void> {
  await db.insert(phoneNumbers).values(rows);
}

/** Merges these research fields into the prospect's research, stamped with when it was done. */
export async function mergeResearch(
  db: Db,
  input: { prospectId: number; research: Record<string, unknown>; at: Date },
): Promise<void> {
  await db
    .update(prospects)
    .set({
      research: sql`${prospects.research} || ${JSON.stringify(input.research)}::jsonb`,
      researchedAt: input.at,
    })
    .where(eq(prospects.id, input.prospectId));
}

/** The company with this id, or null. */
export async function companyById(db: Db, input: { id: number }): Promise<CompanyRow | null> {
  const [company] = await db.select().from(companies).where(eq(companies.id, input.id));
  return company ?? null;
}

/** The companies with these ids (none asked: none read). */
export async function companiesByIds(db: Db, ids: number[]): Promise<CompanyRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(companies).where(inArray(companies.id, ids));
}
