import { stringify } from 'csv-stringify/sync';
import type { Ctx } from '../../context/context.ts';
import type { ExportKind } from '../../contracts/vocabulary.ts';
import { keysetPages } from '../../db/pages.ts';
import { escapeCell } from '../../shared/csv-safety.ts';
import { localTimeAt } from '../prospects/index.ts';
import { blockedNumbers } from '../suppression/index.ts';
import { callsAfter, phonesOfProspects, prospectsAfter } from './export.repository.ts';

export { type ExportKind, exportKinds } from '../../contracts/vocabulary.ts';
export type ExportFormat = 'csv' | 'json';
type Row = Record<string, string | number | boolean | null>;

/** The generic import headers, so that an export imports back as it was. */
// biome-ignore format: one header per CSV column
export const prospectColumns = [
  'external_id', 'first_name', 'last_name', 'title', 'company', 'company_domain', 'industry', 'email',
  'phone_direct', 'phone_mobile', 'phone_main', 'phone_assistant', 'phone_private', 'phone_other', 'extension',
  'timezone', 'city', 'region', 'country', 'stage', 'value', 'already_has_product', 'competitor_relationship',
  'notes', 'opted_out', 'do_not_call',
] as const;

// biome-ignore format: one header per CSV column
const callColumns = [
  'id', 'prospect_id', 'prospect_external_id', 'prospect_email', 'number', 'number_kind', 'at', 'timezone',
  'local_time', 'local_weekday', 'outcome', 'result', 'result_at', 'duration_seconds', 'note',
] as const;

/** Streams an export in pages, as CSV text or a JSON array, never holding the whole book in memory. */
export async function* exportRows(
  ctx: Ctx,
  options: { kind: ExportKind; format: ExportFormat },
): AsyncGenerator<string> {
  const columns: readonly string[] = options.kind === 'prospects' ? prospectColumns : callColumns;
  const pages = options.kind === 'prospects' ? prospectPages(ctx) : callPages(ctx);
  let first = true;
  if (options.format === 'csv') yield stringify([columns as string[]]);
  else yield '[';
  for await (const page of pages) {
    if (page.length === 0) continue;
    if (options.format === 'csv') {
      yield stringify(page.map((row) => columns.map((c) => csvCell(row[c]))));
    } else {
      yield `${first ? '\n' : ',\n'}${page.map((row) => JSON.stringify(row)).join(',\n')}`;
      first = false;
    }
  }
  if (options.format === 'json') yield '\n]\n';
}

function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' ? escapeCell(value) : String(value);
}

async function* prospectPages(ctx: Ctx): AsyncGenerator<Row[]> {
  const pages = keysetPages(
    ({ after, limit }) => prospectsAfter(ctx.db, { teamId: ctx.team.id, after, limit }),
    (row) => row.p.id,
  );
  for await (const rows of pages) {
    const phones = await phonesOfProspects(ctx.db, { prospectIds: rows.map((r) => r.p.id) });
    const blocked = await blockedNumbers(ctx.db, {
      teamId: ctx.team.id,
      numbers: phones.map((ph) => ph.e164),
    });
    yield rows.map(({ p, c }) => {
      const own = phones.filter((ph) => ph.prospectId === p.id);
      const first = (kind: string) => own.find((ph) => ph.kind === kind)?.e164 ?? null;
      return {
        external_id: p.externalId,
        first_name: p.firstName,
        last_name: p.lastName,
        title: p.title,
        company: c?.name ?? null,
        company_domain: c?.domain ?? null,
        industry: c?.industry ?? null,
        email: p.email,
        phone_direct: first('direct'),
        phone_mobile: first('mobile'),
        phone_main: first('main'),
        phone_assistant: first('assistant'),
        phone_private: first('private'),
        phone_other: first('other'),
        extension: own.find((ph) => ph.extension)?.extension ?? null,
        // A derived zone is derived again on import; only a zone someone set is carried.
        timezone: p.statedTimezone,
        city: p.city,
        region: p.region,
        country: p.country,
        stage: p.stage,
        value: p.value === null ? null : Number(p.value),
        already_has_product: p.alreadyHasProduct,
        competitor_relationship: p.competitorRelationship,
        notes: p.research.notes ?? null,
        // A stop request and the list travel with the record, so an import into another book honours them.
        opted_out: p.optedOut,
        do_not_call:
          [...new Set(own.filter((ph) => blocked.has(ph.e164)).map((ph) => ph.e164))].join(';') || null,
      };
    });
  }
}

async function* callPages(ctx: Ctx): AsyncGenerator<Row[]> {
  const pages = keysetPages(
    ({ after, limit }) => callsAfter(ctx.db, { teamId: ctx.team.id, after, limit }),
    (row) => row.a.id,
  );
  for await (const rows of pages) {
    yield rows.map(({ a, p, ph }) => ({
      id: a.id,
      prospect_id: p.id,
      prospect_external_id: p.externalId,
      prospect_email: p.email,
      number: ph?.e164 ?? null,
      number_kind: ph?.kind ?? null,
      at: a.at.toISOString(),
      timezone: a.timezone,
      local_time: a.timezone
        ? localTimeAt(a.at, { timezone: a.timezone, timezoneCandidates: [] }).local
        : null,
      local_weekday: a.localWeekday,
      outcome: a.outcome,
      result: a.result,
      result_at: a.resultAt?.toISOString() ?? null,
      duration_seconds: a.durationSeconds,
      note: a.note,
    }));
  }
}
