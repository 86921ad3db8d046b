import { describe, expect, it } from 'vitest';
import { type CsvRecord, csvRecords, MAX_LINE_BYTES, MAX_RECORD_LINES } from './csv-records.ts';

async function read(...chunks: (string | Uint8Array)[]): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  async function* source() {
    yield* chunks;
  }
  for await (const r of csvRecords(source())) out.push(r);
  return out;
}
const cellsOf = (records: CsvRecord[]) =>
  records.map((r) => (r.kind === 'record' ? [r.line, ...r.cells] : [r.line, r.reason]));

describe('reading CSV records from any file', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, numbering records by their first line', async () => {
    const records = await read('name,notes\r\n"Ann, Jr.","said ""call me""\nafter lunch"\r\nBo,5" screen\n');
    expect(cellsOf(records)).toEqual([
      [1, 'name', 'notes'],
      [2, 'Ann, Jr.', 'said "call me"\nafter lunch'],
      [4, 'Bo', '5" screen'],
    ]);
  });

  it('an unclosed quote swallowed the rest of the file: its line is reported and the lines after it are read', async () => {
    const records = await read('name,phone\n"Ann,312-555-0142\nBo,312-555-0143\nCy,312-555-0144\n');
    expect(records[1]).toEqual({
      kind: 'unreadable',
      line: 2,
      reason: expect.stringContaining('never closed'),
    });
    expect(cellsOf(records.slice(2))).toEqual([
      [3, 'Bo', '312-555-0143'],
      [4, 'Cy', '312-555-0144'],
    ]);
  });

  it('a stray quote paired with a quoted cell of a later row and merged the two: the stray line is rejected, the later row read', async () => {
    const records = await read('name,notes\n"Ann,first\nBo,"met at the show"\nCy,"two\nlines"\n');
    expect(records[1]).toMatchObject({ kind: 'unreadable', line: 2 });
    expect(cellsOf(records.slice(2))).toEqual([
      [3, 'Bo', 'met at the show'],
      [4, 'Cy', 'two\nlines'],
    ]);
  });

  it('gives up a quote left open for too many lines and reads on from the next', async () => {
    const body = Array.from({ length: MAX_RECORD_LINES + 5 }, (_, i) => `p${i},x`).join('\n');
    const records = await read(`name,v\n"open,${body}\n`);
    expect(records[1]).toMatchObject({ kind: 'unreadable', line: 2 });
    expect(records.filter((r) => r.kind === 'record')).toHaveLength(MAX_RECORD_LINES + 5);
  });

  it('invalid UTF-8 was silently replaced: the row is reported with the line and byte, the others kept', async () => {
    const bad = Buffer.concat([
      Buffer.from('name\nAnn\nB'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('o\nCy\n'),
    ]);
    const records = await read(bad);
    expect(cellsOf(records)).toEqual([
      [1, 'name'],
      [2, 'Ann'],
      [3, expect.stringMatching(/not valid UTF-8 \(line 3, byte 2\)/)],
      [4, 'Cy'],
    ]);
  });

  it('keeps a character split across chunks, and a CRLF split across chunks is one line end', async () => {
    const e = Buffer.from('é');
    const records = await read(
      Buffer.from('name\r'),
      Buffer.from('\nRen'),
      e.subarray(0, 1),
      Buffer.concat([e.subarray(1), Buffer.from('e\n')]),
    );
    expect(cellsOf(records)).toEqual([
      [1, 'name'],
      [2, 'Renée'],
    ]);
  });

  it('a 50 MB cell was held and stored: a line over the limit is refused by number without being kept', async () => {
    const huge = 'x'.repeat(MAX_LINE_BYTES);
    const records = await read('name,notes\n', `Ann,${huge}`, huge, '\nBo,ok\n');
    expect(cellsOf(records)).toEqual([
      [1, 'name', 'notes'],
      [2, expect.stringContaining('bytes long')],
      [3, 'Bo', 'ok'],
    ]);
  });
});
