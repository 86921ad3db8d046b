import { parse } from 'csv-parse';
import { inArray, sql, TransactionRollbackError } from 'drizzle-orm';
import { prospects } from '../../db/schema.ts';
import { AppError, type FieldIssue, invalid } from '../../shared/errors.ts';
import { validateProspect } from '../prospects/prospect-draft.ts';
import { type PreparedDraft, prepareDraft, upsertProspects } from '../prospects/upsert-prospects.ts';
import { voicemailStrategies } from '../team/team.schemas.ts';
import type { Ctx } from '../team/team.service.ts';
import { columnMapping, detectPreset, mapRecord, type PresetName, presetNames } from './presets.ts';

export type Rejection = { line: number; field: string; reason: string };
export type ImportReport = {
  preset: PresetName;
  dryRun: boolean;
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: Rejection[];
  /** Rows that arrived opted out: they share an email address or an own number with someone who asked to stop. */
  suppressed: { line: number; prospectId: number; reason: string }[];
  /** Which field each column fills under the preset. */
  mapping: { column: string; field: string | null }[];
  /** The first rows as read, with their problems, when a preview was asked for. */
  preview: PreviewRow[];
};
export type PreviewRow = { line: number; cells: string[]; problems: { field: string; reason: string }[] };
export type ImportProgress = { rows: number; bytes: number };
export type ImportOptions = {
  input: AsyncIterable<Uint8Array | string>;
  preset?: PresetName | undefined;
  /** The country national numbers are read in; the team's default when not given. */
  country?: string | undefined;
  dryRun?: boolean | undefined;
  /** The voicemail strategy for every prospect of this list, instead of the team's. */
  strategy?: string | undefined;
  /** The list's name, kept on every prospect of it: team calling rules may be scoped to a list. */
  list?: string | undefined;
  batchSize?: number | undefined;
  /** How many leading rows to return as read, with their problems. */
  previewRows?: number | undefined;
  onProgress?: ((progress: ImportProgress) => void) | undefined;
};

/** Imported rows after which statistics are refreshed; then again at each doubling. */
const ANALYZE_AFTER = 5_000;

/**
 * A book that grows within one import outruns its statistics: the planner, still believing
 * the table small, scans it on every batch. PGlite has no autovacuum at all, and the server's
 * runs too late, so a large import analyzes at each doubling (bounded total cost) and at the end.
 */
async function refreshStatistics(ctx: Ctx, report: ImportReport): Promise<void> {
  if (report.dryRun) return;
  await ctx.db.execute(sql`analyze prospects, phone_numbers, companies`);
}

/** Thrown inside a dry-run batch so that the transaction rolls back after its counts are taken. */
class DryRun extends Error {}

/**
 * Streams a CSV file into the book. Each batch is one transaction, so a failure leaves every
 * batch wholly in or wholly out; bad rows are reported by line and field, good rows committed.
 */
export async function importCsv(ctx: Ctx, options: ImportOptions): Promise<ImportReport> {
  if (
    options.strategy !== undefined &&
    !(voicemailStrategies as readonly string[]).includes(options.strategy)
  )
    throw invalid('strategy', `use one of ${voicemailStrategies.join(', ')}`);
  const parser = parse({
    bom: true,
    info: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    relax_quotes: true,
  });
  const progress = { rows: 0, bytes: 0 };
  const feed = pump(options.input, parser, progress);
  const report: ImportReport = {
    preset: options.preset ?? 'generic',
    dryRun: options.dryRun ?? false,
    rows: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    suppressed: [],
    mapping: [],
    preview: [],
  };
  const previewRows = options.previewRows ?? 0;
  const batchSize = options.batchSize ?? 500;
  let headers: string[] | null = null;
  let batch: PreparedDraft[] = [];
  const statistics = { next: ANALYZE_AFTER };
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
      raw: string;
    }>) {
      const line = startLine(info.lines, raw);
      if (headers === null) {
        headers = record;
        report.preset = options.preset ?? detectOrFail(headers);
        report.mapping = columnMapping(report.preset, headers);
        continue;
      }
      if (record.every((cell) => cell.trim() === '')) continue;
      report.rows++;
      progress.rows = report.rows;
      const result = validateProspect(mapRecord(report.preset, headers, record), {
        defaultCountry: options.country ?? ctx.team.defaultCountry,
        requireIdentity: true,
      });
      if (report.preview.length < previewRows)
        report.preview.push({ line, cells: record, problems: result.ok ? [] : result.issues });
      if (!result.ok) {
        for (const issue of result.issues) report.rejected.push(rejection(line, issue));
        continue;
      }
      batch.push({ ...(await prepareDraft(result.draft)), line });
      if (batch.length >= batchSize) {
        await commitBatch(ctx, { batch, report, strategy: options.strategy, list: options.list });
        if (report.imported >= statistics.next) {
          await refreshStatistics(ctx, report);
          statistics.next = report.imported * 2;
        }
        batch = [];
        options.onProgress?.({ ...progress });
      }
    }
    await commitBatch(ctx, { batch, report, strategy: options.strategy, list: options.list });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if ((error as { code?: string }).code?.startsWith('CSV_')) {
      throw new AppError('unreadable_input', `The file is not readable CSV: ${(error as Error).message}`, {
        cause: error,
      });
    }
    throw new AppError(
      'internal',
      `Import stopped after ${report.rows} rows; the rows before this batch were saved: ${String(error)}`,
      {
        cause: error,
      },
    );
  } finally {
    if (!parser.destroyed) parser.destroy();
    await feed.catch(() => undefined);
  }
  if (headers === null) throw new AppError('unreadable_input', 'The file is empty: no header row');
  if (report.imported >= ANALYZE_AFTER) await refreshStatistics(ctx, report);
  options.onProgress?.({ ...progress });
  return report;
}

function detectOrFail(headers: string[]): PresetName {
  const preset = detectPreset(headers);
  if (preset) return preset;
  throw new AppError(
    'unreadable_input',
    `No known columns in the header row (${headers.slice(0, 6).join(', ')}…). Use --preset ${presetNames.join('|')} ` +
      'with headers such as first_name, last_name, email, phone_direct.',
  );
}

async function commitBatch(
  ctx: Ctx,
  input: {
    batch: PreparedDraft[];
    report: ImportReport;
    strategy?: string | undefined;
    list?: string | undefined;
  },
): Promise<void> {
  const { batch, report } = input;
  if (batch.length === 0) return;
  try {
    await ctx.db.transaction(async (tx) => {
      const outcomes = await upsertProspects(tx, ctx.team.id, batch);
      for (const [i, o] of outcomes.entries()) {
        report[o.status]++;
        if (o.suppressed)
          report.suppressed.push({ line: batch[i]!.line ?? 0, prospectId: o.id, reason: o.suppressed });
      }
      if (input.strategy || input.list)
        await tx
          .update(prospects)
          .set({
            ...(input.strategy ? { voicemailStrategy: input.strategy } : {}),
            ...(input.list ? { list: input.list } : {}),
          })
          .where(
            inArray(
              prospects.id,
              outcomes.map((o) => o.id),
            ),
          );
      if (report.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun || error instanceof TransactionRollbackError)) throw error;
  }
}

function rejection(line: number, issue: FieldIssue): Rejection {
  return { line, field: issue.field, reason: issue.reason };
}

/** The line a record starts on: csv-parse reports where it ends, and the raw text holds its inner newlines. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

/** Feeds the parser, folding CRLF and lone CR to LF so line numbers match what an editor shows. */
async function pump(
  input: AsyncIterable<Uint8Array | string>,
  parser: ReturnType<typeof parse>,
  progress: ImportProgress,
): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  let carry = '';
  try {
    for await (const chunk of input) {
      if (parser.destroyed) return;
      progress.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      let text = carry + (typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
      carry = text.endsWith('\r') ? '\r' : '';
      if (carry) text = text.slice(0, -1);
      if (!parser.write(text.replace(/\r\n?/g, '\n'))) await drained(parser);
    }
    if (!parser.destroyed) parser.end((carry + decoder.decode()).replace(/\r\n?/g, '\n'));
  } catch (error) {
    parser.destroy(error as Error);
    throw error;
  }
}

function drained(parser: ReturnType<typeof parse>): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      parser.off('drain', done);
      parser.off('close', done);
      resolve();
    };
    parser.on('drain', done);
    parser.on('close', done);
  });
}
