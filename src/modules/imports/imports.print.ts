import type { ImportReport } from '../../contracts/transfers.contract.ts';

/**
 * `reach import`: the counts, then the first 50 rejected rows, rows kept with a warning and rows
 * imported opted out, each with its line; `rejects` names the file every problem went to.
 */
export const importReportLines = (report: ImportReport, rejects?: string): string[] => [
  `${report.dryRun ? 'Dry run: would import' : 'Imported'} ${report.imported}, updated ${report.updated}, unchanged ${report.unchanged}, rejected rows ${report.rejectedRows} (preset ${report.preset})`,
  ...report.rejected.slice(0, 50).map((r) => `  line ${r.line}: ${r.field}: ${r.reason}`),
  ...(report.rejected.length > 50
    ? [`  … and more: ${rejects ? `every problem is in ${rejects}` : 'write them all with --rejects FILE'}`]
    : []),
  ...report.warnings.slice(0, 50).map((w) => `  line ${w.line}: kept; ${w.field}: ${w.reason}`),
  ...report.suppressed
    .slice(0, 50)
    .map((r) => `  line ${r.line}: imported opted out (prospect ${r.prospectId}): ${r.reason}`),
];

/** `reach import --all`: how many rows of each table a backup restored. */
export const restoredLines = (answer: { restored: Record<string, number> }): string[] => [
  `Restored ${
    Object.entries(answer.restored)
      .map(([t, n]) => `${n} ${t}`)
      .join(', ') || 'nothing'
  }`,
];
