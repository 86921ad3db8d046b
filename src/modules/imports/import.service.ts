import type { Ctx } from '../../context/context.ts';
import type { ImportReport, PreviewRow, Rejection } from '../../contracts/transfers.contract.ts';
import { strategies as voicemailStrategies } from '../../contracts/vocabulary.ts';
import { csvRecords, REJECTIONS_LISTED } from '../../shared/csv-records.ts';
import { AppError, type FieldIssue, invalid } from '../../shared/errors.ts';
import { reclaimMemory } from '../../shared/memory.ts';
import { unstorableText } from '../../shared/validate.ts';
import { ownBook } from '../accounts/index.ts';
import {
  ownImported,
  type PreparedDraft,
  prepareDraft,
  upsertWith,
  validateProspect,
} from '../prospects/index.ts';
import { freshenScores } from '../queue/index.ts';
import { analyzeBook, isRollback, labelImported } from './imports.repository.ts';
import { columnMapping, detectPreset, mapRecord, ownerOf, type PresetName, presetNames } from './presets.ts';
import { stagedWriter } from './staged-writes.ts';

export type { ImportReport, PreviewRow, Rejection };
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
  /** Hears every problem of every rejected row, however many (the report lists the first ones). */
  onRejected?: ((rejection: Rejection) => void) | undefined;
};

/**
 * Rows per batch, each one transaction. A batch costs a dozen statements whatever its size, so
 * a large one spends its time on the rows, not on round trips; it is still a few megabytes.
 */
const BATCH_ROWS = 5_000;

/** Rows after which the import's garbage is swept (a second or two of work). */
const RECLAIM_EVERY_ROWS = 10_000;

/** While a batch commits, validation steps aside this often so that the batch's statements flow. */
const YIELD_EVERY_ROWS = 50;

/** Imported rows after which statistics are refreshed; then again at each doubling. */
const ANALYZE_AFTER = 5_000;

/**
 * A book that grows within one import outruns its statistics: the planner, still believing
 * the table small, scans it on every batch. PGlite has no autovacuum at all, and the server's
 * runs too late, so a large import analyzes at each doubling (bounded total cost) and at the end.
 */
async function refreshStatistics(ctx: Ctx, report: ImportReport): Promise<void> {
  if (report.dryRun) return;
  await analyzeBook(ctx.db);
}

/** Thrown inside a dry-run batch so that the transaction rolls back after its counts are taken. */
class DryRun extends Error {}

/** A batch on its way into the book: how far the file had been read when it was cut, and whether it is in. */
type Committing = {
  done: Promise<void>;
  rows: number;
  progress: ImportProgress;
  finished: boolean;
  /** The batch's own rows it left as they were (another rep's prospects), told once it is in. */
  rejected: Rejection[];
};

/**
 * Streams a CSV file into the book. Each batch is one transaction, so a failure leaves every
 * batch wholly in or wholly out; bad rows are reported by line and field, good rows committed.
 * While a batch commits, the next one is read and validated: the database and the reader work
 * at once, and a batch starts only when the one before it is in.
 */
export async function importCsv(ctx: Ctx, options: ImportOptions): Promise<ImportReport> {
  if (
    options.strategy !== undefined &&
    !(voicemailStrategies as readonly string[]).includes(options.strategy)
  )
    throw invalid('strategy', `use one of ${voicemailStrategies.join(', ')}`);
  const progress = { rows: 0, bytes: 0 };
  const report: ImportReport = {
    preset: options.preset ?? 'generic',
    dryRun: options.dryRun ?? false,
    rows: 0,
    imported: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rejectedRows: 0,
    warnings: [],
    warningCount: 0,
    suppressed: [],
    mapping: [],
    preview: [],
  };
  let committing: Committing | null = null;
  // The problems of rows read while a batch commits are told once it is in: if it fails, the
  // import stops there and no one hears of the rows after it.
  let held: Rejection[] = [];
  const reject = (line: number, issues: FieldIssue[]) => {
    report.rejectedRows++;
    for (const issue of issues) {
      const r = rejection(line, issue);
      if (report.rejected.length < REJECTIONS_LISTED) report.rejected.push(r);
      if (committing) held.push(r);
      else options.onRejected?.(r);
    }
  };
  const previewRows = options.previewRows ?? 0;
  const batchSize = options.batchSize ?? BATCH_ROWS;
  const reclaimEvery = Math.max(1, Math.round(RECLAIM_EVERY_ROWS / batchSize));
  let headers: string[] | null = null;
  let batch: PreparedDraft[] = [];
  const statistics = { next: ANALYZE_AFTER };
  let batches = 0;
  let stoppedAt: number | null = null;
  let sinceYield = 0;
  const commit = (rows: PreparedDraft[]) => {
    const rejected: Rejection[] = [];
    const c: Committing = {
      done: commitBatch(ctx, {
        batch: rows,
        report,
        rejected,
        strategy: options.strategy,
        list: options.list,
      }),
      rows: report.rows,
      progress: { ...progress },
      finished: false,
      rejected,
    };
    const finish = () => {
      c.finished = true;
    };
    c.done.then(finish, finish);
    committing = c;
  };
  /** Waits for the batch in flight; a full batch then has its progress told, as each one did. */
  const settle = async (full: boolean) => {
    const c = committing;
    if (!c) return;
    try {
      await c.done;
    } catch (error) {
      held = [];
      stoppedAt = c.rows;
      throw error;
    }
    committing = null;
    for (const r of [...c.rejected, ...held]) options.onRejected?.(r);
    held = [];
    if (!full) return;
    if (report.imported >= statistics.next) {
      await refreshStatistics(ctx, report);
      statistics.next = report.imported * 2;
    }
    if (++batches % reclaimEvery === 0) reclaimMemory();
    options.onProgress?.(c.progress);
  };
  try {
    for await (const read of csvRecords(counted(options.input, progress))) {
      if (committing !== null) {
        if ((committing as Committing).finished) await settle(true);
        else if (++sinceYield >= YIELD_EVERY_ROWS) {
          sinceYield = 0;
          await new Promise(setImmediate);
        }
      }
      if (headers === null) {
        if (read.kind === 'unreadable')
          throw new AppError(
            'unreadable_input',
            `The header row (line ${read.line}) cannot be read: ${read.reason}`,
          );
        if (read.cells.every((cell) => cell.trim() === '')) continue;
        headers = read.cells;
        report.preset = options.preset ?? detectOrFail(headers);
        report.mapping = columnMapping(report.preset, headers);
        continue;
      }
      if (read.kind === 'record' && read.cells.every((cell) => cell.trim() === '')) continue;
      report.rows++;
      progress.rows = report.rows;
      if (read.kind === 'unreadable') {
        reject(read.line, [{ field: 'row', reason: read.reason }]);
        continue;
      }
      const { line, cells: record } = read;
      const unreadable = cellProblems(headers, record);
      if (unreadable.length > 0) {
        if (report.preview.length < previewRows)
          report.preview.push({ line, cells: [], problems: unreadable });
        reject(line, unreadable);
        continue;
      }
      const result = validateProspect(mapRecord(report.preset, headers, record), {
        defaultCountry: options.country ?? ctx.team.defaultCountry,
        requireIdentity: true,
        lenientPhones: true,
      });
      if (report.preview.length < previewRows)
        report.preview.push({ line, cells: record, problems: result.ok ? result.warnings : result.issues });
      if (!result.ok) {
        reject(line, result.issues);
        continue;
      }
      for (const warning of result.warnings) {
        report.warningCount++;
        if (report.warnings.length < REJECTIONS_LISTED) report.warnings.push(rejection(line, warning));
      }
      const owner = ownerOf(report.preset, headers, record);
      batch.push({ ...(await prepareDraft(result.draft)), line, ...(owner ? { owner } : {}) });
      if (batch.length >= batchSize) {
        await settle(true);
        commit(batch);
        batch = [];
      }
    }
    await settle(true);
    commit(batch);
    await settle(false);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError(
      'internal',
      `Import stopped after ${stoppedAt ?? report.rows} rows; the rows before this batch were saved: ${String(error)}`,
      { cause: error },
    );
  }
  if (headers === null) throw new AppError('unreadable_input', 'The file is empty: no header row');
  // The queue's scores of the new and changed prospects are written now, not by the next queue.
  if (!report.dryRun && report.imported + report.updated > 0) await freshenScores(ctx.db, ctx.team.id);
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
    rejected: Rejection[];
    strategy?: string | undefined;
    list?: string | undefined;
  },
): Promise<void> {
  const { batch, report } = input;
  if (batch.length === 0) return;
  try {
    await ctx.db.transaction(async (tx) => {
      const all = await upsertWith(stagedWriter, { db: tx, teamId: ctx.team.id, batch, own: ownBook(ctx) });
      // A row that is another rep's prospect is left as it is and reported, never named.
      const outcomes = all.filter((o) => !o.elsewhere);
      for (const [i, o] of all.entries())
        if (o.elsewhere) {
          report.rejectedRows++;
          const r = {
            line: batch[i]!.line ?? 0,
            field: 'email',
            reason:
              "matches a prospect in another rep's book: left as it is (a manager may move it to yours)",
          };
          input.rejected.push(r);
          if (report.rejected.length < REJECTIONS_LISTED) report.rejected.push(r);
        }
      for (const [i, o] of all.entries()) {
        if (o.elsewhere) continue;
        report[o.status]++;
        if (o.suppressed)
          report.suppressed.push({ line: batch[i]!.line ?? 0, prospectId: o.id, reason: o.suppressed });
      }
      await ownImported(
        { ...ctx, db: tx },
        {
          rows: all.flatMap((o, i) =>
            o.elsewhere ? [] : [{ id: o.id, status: o.status, owner: batch[i]!.owner }],
          ),
          known: new Map(),
        },
      );
      if (input.strategy || input.list)
        await labelImported(tx, {
          prospectIds: outcomes.map((o) => o.id),
          strategy: input.strategy,
          list: input.list,
        });
      if (report.dryRun) throw new DryRun();
    });
  } catch (error) {
    if (!(error instanceof DryRun || isRollback(error))) throw error;
  }
}

function rejection(line: number, issue: FieldIssue): Rejection {
  return { line, field: issue.field, reason: issue.reason };
}

/** The stream with its bytes counted into the progress as they pass. */
async function* counted(
  input: AsyncIterable<Uint8Array | string>,
  progress: ImportProgress,
): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of input) {
    progress.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
    yield chunk;
  }
}

/**
 * What no prospect field can hold, named by the column it is in: text a database cannot keep
 * (a NUL byte) and cells beyond the header's columns.
 */
function cellProblems(headers: string[], cells: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const [i, cell] of cells.entries()) {
    const column = headers[i] ?? `column ${i + 1}`;
    if (i >= headers.length) {
      if (cell.trim() !== '')
        issues.push({
          field: column,
          reason: `the row has ${cells.length} fields and the header names ${headers.length}: a value beyond the header ("${cell.slice(0, 40)}") has no column`,
        });
      continue;
    }
    const reason = unstorableText(cell);
    if (reason) issues.push({ field: column, reason });
  }
  return issues;
}
