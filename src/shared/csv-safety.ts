/** A cell a spreadsheet would run as a formula, behind any apostrophes already there. */
const NEEDS_QUOTE = /^'*[=+\-@\t\r]/;
const QUOTED = /^'+[=+\-@\t\r]/;

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula; a leading apostrophe makes it
 * text. A cell that already starts with apostrophes before such a character gets one more, so
 * `unescapeCell`, which takes exactly one off, gives every export back unchanged.
 */
export const escapeCell = (value: string): string => (NEEDS_QUOTE.test(value) ? `'${value}` : value);

export const unescapeCell = (value: string): string => (QUOTED.test(value) ? value.slice(1) : value);
