import { z } from 'zod';
import { importPresets } from './vocabulary.ts';

/**
 * The answers of the operations that stream a file in or out (imports, exports, a letter): their
 * bodies are CSV or HTML, so they are served as routes, but what they answer is written here.
 */

const lineProblem = z.object({ line: z.number(), field: z.string(), reason: z.string() });

export { importPresets };

export const importReportSchema = z.object({
  preset: z.enum(importPresets),
  dryRun: z.boolean(),
  rows: z.number(),
  imported: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** The problems of the rejected rows, by line and field: the first ones (every one goes to the CLI's --rejects). */
  rejected: z.array(lineProblem),
  /** How many rows were rejected, listed or not. */
  rejectedRows: z.number(),
  /** What was dropped from rows that were kept (an unreadable second phone), the first ones. */
  warnings: z.array(lineProblem),
  warningCount: z.number(),
  /** Rows that arrived opted out: they share an email address or an own number with someone who asked to stop. */
  suppressed: z.array(z.object({ line: z.number(), prospectId: z.number(), reason: z.string() })),
  /** Which field each column fills under the preset. */
  mapping: z.array(z.object({ column: z.string(), field: z.string().nullable() })),
  /** The first rows as read, with their problems, when a preview was asked for. */
  preview: z.array(
    z.object({
      line: z.number(),
      cells: z.array(z.string()),
      problems: z.array(z.object({ field: z.string(), reason: z.string() })),
    }),
  ),
});
export type ImportReport = z.infer<typeof importReportSchema>;
export type Rejection = ImportReport['rejected'][number];
export type PreviewRow = ImportReport['preview'][number];

export const dncImportReportSchema = z.object({
  added: z.number(),
  alreadyListed: z.number(),
  /** The first rejected lines, with the reason. */
  rejected: z.array(z.object({ line: z.number(), reason: z.string() })),
  /** How many lines were rejected, listed or not. */
  rejectedLines: z.number(),
});
export type DncImportReport = z.infer<typeof dncImportReportSchema>;

/** A CSV file: a header line, then one record per line. */
export const csvText = z.string().describe('CSV, UTF-8, a header line then one record per line');

/** A JSON export: one array of records. */
export const exportedRecords = z.array(z.record(z.string(), z.unknown()));

/** A print-ready letter. */
export const htmlPage = z.string().describe('An HTML page');
