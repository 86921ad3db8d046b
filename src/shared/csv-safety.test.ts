import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeCell, unescapeCell } from './csv-safety.ts';

describe('spreadsheet formula neutralisation', () => {
  it('quotes a cell a spreadsheet would run as a formula', () => {
    expect(escapeCell('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(escapeCell('+12125550142')).toBe("'+12125550142");
    expect(escapeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCell('Ann')).toBe('Ann');
  });

  it("gives back a cell that itself starts with an apostrophe before a formula character ('+)", () => {
    expect(escapeCell("'+")).toBe("''+");
    expect(unescapeCell(escapeCell("'+"))).toBe("'+");
    expect(unescapeCell(escapeCell("''=x"))).toBe("''=x");
    expect(escapeCell("'tis")).toBe("'tis");
  });

  it('never lets an escaped cell start a formula, and import gets back exactly what was exported', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^'{0,3}[=+\-@a]/)), (value) => {
        const escaped = escapeCell(value);
        expect(/^[=+\-@\t\r]/.test(escaped)).toBe(false);
        expect(unescapeCell(escaped)).toBe(value);
      }),
    );
  });
});
