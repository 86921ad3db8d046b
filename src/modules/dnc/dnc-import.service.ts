import type { Readable } from 'node:stream';
import type { Ctx } from '../../context/context.ts';
import type { DncImportReport } from '../../contracts/transfers.contract.ts';
import { resolveAt } from '../../shared/clock.ts';
import { csvRecords, REJECTIONS_LISTED } from '../../shared/csv-records.ts';
import { normalizePhone } from '../phones/index.ts';
import { blockedNumbers } from '../suppression/index.ts';
import { insertEntries } from './dnc.repository.ts';

export type { DncImportReport };

const BATCH = 1_000;

/**
 * Loads a Do-Not-Call list: one number per line, or a CSV whose header names a phone or
 * number column. Good numbers are added (each batch at once); bad lines are reported.
 */
export async function importDnc(
  ctx: Ctx,
  options: {
    input: Readable;
    source?: string | undefined;
    reason?: string | undefined;
    at?: string | undefined;
  },
): Promise<DncImportReport> {
  const at = resolveAt(options.at);
  const report: DncImportReport = { added: 0, alreadyListed: 0, rejected: [], rejectedLines: 0 };
  const reject = (line: number, reason: string) => {
    report.rejectedLines++;
    if (report.rejected.length < REJECTIONS_LISTED) report.rejected.push({ line, reason });
  };
  let column: number | null = null;
  let headerSeen = false;
  let batch: string[] = [];
  for await (const read of csvRecords(options.input)) {
    if (read.kind === 'unreadable') {
      reject(read.line, read.reason);
      continue;
    }
    const line = read.cells.join(',').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!headerSeen) {
      headerSeen = true;
      const found = read.cells.findIndex((h) => /phone|number|tel/i.test(h));
      if (read.cells.length > 1 && found >= 0) {
        column = found;
        continue;
      }
      // A one-column list may open with a title such as "phone" rather than a number.
      if (/[a-z]{3,}/i.test(line) && !/\d{5,}/.test(line)) continue;
    }
    const cell = (column === null ? line : (read.cells[column] ?? '')).trim();
    const parsed = normalizePhone(cell, ctx.team.defaultCountry);
    if (!parsed.ok) {
      reject(read.line, `invalid phone "${cell.slice(0, 60)}": ${parsed.reason}`);
      continue;
    }
    batch.push(parsed.e164);
    if (batch.length >= BATCH) {
      await addBatch(ctx, { numbers: batch, report, at, source: options.source, reason: options.reason });
      batch = [];
    }
  }
  await addBatch(ctx, { numbers: batch, report, at, source: options.source, reason: options.reason });
  return report;
}

async function addBatch(
  ctx: Ctx,
  input: {
    numbers: string[];
    report: DncImportReport;
    at: Date;
    source?: string | undefined;
    reason?: string | undefined;
  },
): Promise<void> {
  const unique = [...new Set(input.numbers)];
  input.report.alreadyListed += input.numbers.length - unique.length;
  if (unique.length === 0) return;
  await ctx.db.transaction(async (tx) => {
    const have = await blockedNumbers(tx, { teamId: ctx.team.id, numbers: unique });
    const fresh = unique.filter((n) => !have.has(n));
    input.report.alreadyListed += unique.length - fresh.length;
    if (fresh.length === 0) return;
    await insertEntries(
      tx,
      fresh.map((e164) => ({
        teamId: ctx.team.id,
        e164,
        reason: input.reason ?? 'on an imported Do-Not-Call list',
        source: input.source ?? 'import',
        addedAt: input.at,
      })),
    );
    input.report.added += fresh.length;
  });
}
