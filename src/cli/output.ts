import { AppError, errorTable, toAppError } from '../shared/errors.ts';

export const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

export const printJson = (value: unknown): void => out(JSON.stringify(value, null, 2));

/** A plain aligned table, for a terminal or a pipe. */
export function printTable(headers: string[], rows: (string | number | null | undefined)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.min(48, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  for (const row of cells) {
    out(
      row
        .map((c, i) => (c.length > 48 ? `${c.slice(0, 47)}…` : c).padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    );
  }
}

/** The one place the CLI turns an error into words and an exit code. */
export function reportError(error: unknown, json: boolean): number {
  const appError = toAppError(error);
  const meta = errorTable[appError.code];
  if (json) {
    process.stderr.write(
      `${JSON.stringify({ error: { code: appError.code, message: appError.message, issues: appError.issues } })}\n`,
    );
  } else {
    process.stderr.write(`reach: ${appError.message}\n`);
    if (appError.code === 'internal' && process.env['REACH_DEBUG'])
      process.stderr.write(`${String(appError.cause)}\n`);
  }
  return meta.exitCode;
}

export { AppError };
