import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { dncEntries } from '../../db/schema.ts';
import { resolveAt } from '../../shared/clock.ts';
import { normalizePhone } from '../phones/normalize-phone.ts';
import type { Ctx } from '../team/team.service.ts';
import { blockedNumbers } from './dnc.repository.ts';

export type DncImportReport = {
  added: number;
  alreadyListed: number;
  rejected: { line: number; reason: string }[];
};

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
  const report: DncImportReport = { added: 0, alreadyListed: 0, rejected: [] };
  let column: number | null = null;
  let headerSeen = false;
  let batch: string[] = [];
  let lineNo = 0;
  for await (const raw of createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++;
    const line = raw.replace(/^\ufeff/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    if (!headerSeen) {
      headerSeen = true;
      const header = cellsOf(line) ?? undefined;
      const found = header?.findIndex((h) => /phone|number|tel/i.test(h)) ?? -1;
      if (header && header.length > 1 && found >= 0) {
        column = found;
        continue;
      }
      // A one-column list may open with a title such as "phone" rather than a number.
      if (/[a-z]{3,}/i.test(line) && !/\d{5,}/.test(line)) continue;
    }
    const cells = column === null ? [line] : cellsOf(line);
    if (cells === null) {
      report.rejected.push({ line: lineNo, reason: 'a quote opened on this line is never closed' });
      continue;
    }
    const cell = cells[column ?? 0] ?? '';
    const parsed = normalizePhone(cell, ctx.team.defaultCountry);
    if (!parsed.ok) {
      report.rejected.push({ line: lineNo, reason: `invalid phone "${cell}": ${parsed.reason}` });
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

/** A line's CSV cells; null when it cannot be read as CSV (a quote left open). */
function cellsOf(line: string): string[] | null {
  try {
    return (parse(line, { relax_quotes: true, relax_column_count: true })[0] as string[] | undefined) ?? [];
  } catch {
    return null;
  }
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
    await tx.insert(dncEntries).values(
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
