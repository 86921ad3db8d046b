import { getTableColumns, sql } from 'drizzle-orm';
import { type CopyValue, copyRows } from '../../db/copy.ts';
import type { Db } from '../../db/create-db.ts';
import { rowsOf } from '../../db/rows.ts';
import { prospects } from '../../db/schema.ts';
import {
  type CompanyInput,
  companyKey,
  type NewPhoneRow,
  type NewProspectRow,
  type ProspectPatch,
  type ProspectWriter,
} from '../prospects/index.ts';

/**
 * An import batch's writes: each kind of change is loaded through COPY into a staging table of
 * the transaction, then applied in one set-wise statement. A batch of thousands of rows costs a
 * handful of statements, and no value travels as a query parameter.
 */
export const stagedWriter: ProspectWriter = {
  ensureCompanies: ensureCompaniesStaged,
  insertProspects: insertStaged,
  updateProspects: updateStaged,
  insertPhones: insertPhonesStaged,
};

const columns = getTableColumns(prospects);
type ProspectKey = keyof typeof columns & keyof NewProspectRow;

/** What a new prospect row carries from an import; the rest take the table's defaults. */
const newProspectKeys: ProspectKey[] = [
  'id',
  'teamId',
  'companyId',
  'externalId',
  'firstName',
  'lastName',
  'title',
  'email',
  'stage',
  'value',
  'alreadyHasProduct',
  'competitorRelationship',
  'research',
  'city',
  'region',
  'country',
  'timezone',
  'timezoneCandidates',
  'timezoneSource',
  'statedTimezone',
];

/** A staging table living until the transaction ends, with the named prospect columns' types. */
async function stage(tx: Db, name: string, definitions: string[]): Promise<void> {
  await tx.execute(
    sql.raw(`create temp table if not exists ${name} (${definitions.join(', ')}) on commit drop`),
  );
  // A second batch in the same transaction finds the table holding the first one's rows.
  await tx.execute(sql.raw(`truncate ${name}`));
}

const columnName = (key: ProspectKey): string => `"${columns[key].name}"`;
const definition = (key: ProspectKey): string => `${columnName(key)} ${columns[key].getSQLType()}`;

async function insertStaged(tx: Db, rows: NewProspectRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  // Ids are reserved first, so each row's id is known without relying on the order of RETURNING.
  const reserved = await tx.execute(
    sql`select nextval(pg_get_serial_sequence('prospects', 'id')) as id from generate_series(1, ${rows.length})`,
  );
  // bigint: a number from PGlite, a string from node-postgres.
  const ids = rowsOf<{ id: number | string }>(reserved).map((r) => Number(r.id));
  const defaults: Partial<NewProspectRow> = {
    stage: 'new',
    alreadyHasProduct: false,
    competitorRelationship: false,
    research: {},
    timezoneCandidates: [],
  };
  const names = newProspectKeys.map(columnName).join(', ');
  await stage(tx, 'reach_import_new', newProspectKeys.map(definition));
  await copyRows(
    tx,
    { table: 'reach_import_new', columns: newProspectKeys.map(columnName) },
    rows.map((row, i) =>
      newProspectKeys.map((key) =>
        key === 'id' ? ids[i]! : ((row[key] ?? defaults[key] ?? null) as CopyValue),
      ),
    ),
  );
  await tx.execute(sql.raw(`insert into prospects (${names}) select ${names} from reach_import_new`));
  return ids;
}

/**
 * Each prospect gets only the fields its patch names: a field a patch leaves out keeps the
 * stored value, even one changed by someone else since the batch read it.
 */
async function updateStaged(tx: Db, patches: ProspectPatch[]): Promise<void> {
  if (patches.length === 0) return;
  const keys = [...new Set(patches.flatMap(({ patch }) => Object.keys(patch)))] as ProspectKey[];
  await stage(tx, 'reach_import_changes', ['id integer', 'given text[]', ...keys.map(definition)]);
  await copyRows(
    tx,
    { table: 'reach_import_changes', columns: ['id', 'given', ...keys.map(columnName)] },
    patches.map(({ id, patch }) => [
      id,
      Object.keys(patch).map((key) => columns[key as ProspectKey].name),
      ...keys.map((key) => (patch[key] ?? null) as CopyValue),
    ]),
  );
  const set = keys.map((key) => {
    const name = columnName(key);
    return `${name} = case when '${columns[key].name}' = any(s.given) then s.${name} else p.${name} end`;
  });
  await tx.execute(
    sql.raw(
      `update prospects p set ${set.join(', ')}, updated_at = now() from reach_import_changes s where p.id = s.id`,
    ),
  );
}

const phoneColumns = ['team_id', 'prospect_id', 'company_id', 'e164', 'kind', 'extension', 'source'];

async function insertPhonesStaged(tx: Db, rows: NewPhoneRow[]): Promise<void> {
  if (rows.length === 0) return;
  await stage(tx, 'reach_import_phones', [
    'team_id integer',
    'prospect_id integer',
    'company_id integer',
    'e164 text',
    'kind text',
    'extension text',
    'source text',
  ]);
  await copyRows(
    tx,
    { table: 'reach_import_phones', columns: phoneColumns },
    rows.map((r) => [
      r.teamId,
      r.prospectId ?? null,
      r.companyId ?? null,
      r.e164,
      r.kind,
      r.extension ?? null,
      r.source ?? 'import',
    ]),
  );
  const names = phoneColumns.join(', ');
  await tx.execute(
    sql.raw(
      `insert into phone_numbers (${names}) select ${names} from reach_import_phones on conflict do nothing`,
    ),
  );
}

type CompanyAddress = { city?: string; region?: string; country?: string; timezone: string | null };

/**
 * `ensureCompanies` set-wise: a company is the team's one with the same domain, or with no
 * domain and the same name (either in any case); the ones not found are created with the
 * address given for them. Ids come back by `companyKey`.
 */
async function ensureCompaniesStaged(
  tx: Db,
  teamId: number,
  wanted: { list: CompanyInput[]; address: Map<string, CompanyAddress> },
): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  if (wanted.list.length === 0) return ids;
  // The last mention of a company names it, the first one places it (as ensureCompanies does).
  const byKey = new Map<string, CompanyInput>();
  for (const c of wanted.list) byKey.set(companyKey(c), c);
  // lower_name and lower_domain are lowered here, as companyKey lowers them.
  const staged = ['key', 'name', 'domain', 'industry', 'city', 'region', 'country', 'timezone'];
  const names = [...staged, 'lower_name', 'lower_domain'];
  await stage(
    tx,
    'reach_import_companies',
    names.map((name) => `${name} text`),
  );
  await copyRows(
    tx,
    { table: 'reach_import_companies', columns: names },
    [...byKey].map(([key, c]) => {
      const where = wanted.address.get(key);
      return [
        key,
        c.name,
        c.domain || null,
        c.industry,
        where?.city ?? null,
        where?.region ?? null,
        where?.country ?? null,
        where?.timezone ?? null,
        c.name.toLowerCase(),
        c.domain ? c.domain.toLowerCase() : null,
      ];
    }),
  );
  // Each kind of key is looked up on its own index; the companies not found are created. Every
  // condition is an equality, so that a batch of thousands of companies joins by hashing.
  const rows = await tx.execute(sql`
    with known as (
      select s.key, c.id, c.name, c.domain from reach_import_companies s
        join companies c on c.team_id = ${teamId} and lower(c.domain) = s.lower_domain
      union all
      select s.key, c.id, c.name, c.domain from reach_import_companies s
        join companies c on c.team_id = ${teamId} and c.domain is null and lower(c.name) = s.lower_name
      where s.lower_domain is null
    ),
    added as (
      insert into companies (team_id, name, domain, industry, city, region, country, timezone)
      select ${teamId}, s.name, s.domain, s.industry, s.city, s.region, s.country, s.timezone
      from reach_import_companies s
      where s.key not in (select key from known)
      returning id, name, domain
    )
    select id, name, domain, false as added from known
    union all
    select id, name, domain, true from added
    order by added, id`);
  for (const c of rowsOf<{ id: number; name: string; domain: string | null }>(rows))
    ids.set(companyKey(c), Number(c.id));
  return ids;
}
