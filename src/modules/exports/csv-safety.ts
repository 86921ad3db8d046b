const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheets run a cell that starts with = + - @ as a formula; a leading apostrophe makes it
 * text. `unescapeCell` reverses exactly this, so an export imports back unchanged.
 */
export const escapeCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);

export const unescapeCell = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
