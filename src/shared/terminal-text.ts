/**
 * How an answer reads in a terminal: amounts, times and aligned tables as lines of text. The
 * features' printers (`*.print.ts`) build their lines with these; the CLI writes them out.
 */

/** An amount in the team's currency, as a rep reads it: "$5,143". */
export function money(value: number, currency = 'USD'): string {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 }).format(
      value,
    );
  } catch {
    return `${Math.round(value).toLocaleString('en-US')} ${currency}`;
  }
}

/** An instant as stored (ISO 8601, UTC) to the minute: "2026-03-02 14:05". */
export const minuteOf = (iso: string): string => iso.slice(0, 16).replace('T', ' ');

/** "1 entry", "2 entries": a count with its noun. */
export const counted = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** A plain aligned table, for a terminal or a pipe: cells over 48 characters are cut with an ellipsis. */
export function tableLines(headers: string[], rows: (string | number | null | undefined)[][]): string[] {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.min(48, Math.max(...cells.map((r) => (r[i] ?? '').length))));
  return cells.map((row) =>
    row
      .map((c, i) => (c.length > 48 ? `${c.slice(0, 47)}…` : c).padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
