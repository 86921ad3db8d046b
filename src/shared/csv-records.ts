/**
 * A CSV reader that survives any file: it reads records from a byte stream and, for every
 * record it cannot read, says which line and why, then goes on with the next one. A quote left
 * open gives up after MAX_RECORD_LINES lines (or at the end of the file) and the lines after the
 * one that opened it are read again as records of their own, so one stray quote costs one row,
 * not the rest of the file. Bytes that are not UTF-8 spoil only their row; a line longer than
 * MAX_LINE_BYTES is skipped without being held. Memory is bounded by those two limits.
 */

/** A line longer than this is refused unread (a cell of 50 MB is not a prospect). */
export const MAX_LINE_BYTES = 1024 * 1024;
/** How many rejected rows a report of a CSV read lists; the rest are counted (and streamed where asked). */
export const REJECTIONS_LISTED = 1_000;
/** A quoted cell may hold line breaks (notes do), but not more than this many. */
export const MAX_RECORD_LINES = 200;

export type CsvRecord =
  | { kind: 'record'; line: number; cells: string[] }
  | { kind: 'unreadable'; line: number; reason: string };

type PhysicalLine = { line: number; text: string; badByte: number | null; tooLong: number | null };

/** Splits a byte stream into lines (LF, CRLF or a lone CR), decoding each as UTF-8 and marking the ones that are not. */
async function* physicalLines(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<PhysicalLine> {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const lenient = new TextDecoder('utf-8');
  let parts: Buffer[] = [];
  let held = 0;
  let skipped = 0;
  let lineNo = 0;
  let afterCr = false;
  const finish = (): PhysicalLine => {
    lineNo++;
    const bytes = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    parts = [];
    held = 0;
    if (skipped > 0) {
      const out = { line: lineNo, text: '', badByte: null, tooLong: skipped + bytes.length };
      skipped = 0;
      return out;
    }
    try {
      return { line: lineNo, text: strict.decode(bytes), badByte: null, tooLong: null };
    } catch {
      return { line: lineNo, text: lenient.decode(bytes), badByte: firstBadByte(bytes), tooLong: null };
    }
  };
  for await (const chunk of input) {
    const bytes =
      typeof chunk === 'string'
        ? Buffer.from(chunk)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b !== 0x0a && b !== 0x0d) continue;
      if (b === 0x0a && afterCr && i === start) {
        // The LF of a CRLF split across chunks: the line already ended at the CR.
        afterCr = false;
        start = i + 1;
        continue;
      }
      keep(bytes.subarray(start, i));
      yield finish();
      afterCr = b === 0x0d;
      if (afterCr && bytes[i + 1] === 0x0a) {
        i++;
        afterCr = false;
      }
      start = i + 1;
    }
    if (start < bytes.length) {
      afterCr = false;
      keep(bytes.subarray(start));
    }
  }
  if (held > 0 || skipped > 0) yield finish();

  function keep(piece: Buffer): void {
    if (piece.length === 0) return;
    if (skipped > 0 || held + piece.length > MAX_LINE_BYTES) {
      skipped += held + piece.length;
      parts = [];
      held = 0;
      return;
    }
    // Copied: the chunk's memory is the stream's to reuse.
    parts.push(Buffer.from(piece));
    held += piece.length;
  }
}

function firstBadByte(bytes: Buffer): number {
  const strict = new TextDecoder('utf-8', { fatal: true });
  let lo = 0;
  let hi = bytes.length;
  // The longest prefix that decodes ends just before the first bad byte (give or take a partial character).
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      strict.decode(bytes.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  let at = lo;
  while (at < bytes.length && bytes[at]! < 0x80) at++;
  return at;
}

/** The state of a record being read across lines. */
type Reading = { cells: string[]; cell: string; quoted: boolean; fieldStart: boolean };

const fresh = (): Reading => ({ cells: [], cell: '', quoted: false, fieldStart: true });

/**
 * Reads one line into the record: `done` when the record is complete at its end, `open` when a
 * quoted cell goes on to the next line, `broken` when a quoted cell that spans lines closes
 * with text after it (a stray quote that paired with a quote of a later row). RFC 4180 with the
 * usual leniency on one line: a quote inside an unquoted cell is a character, text after a
 * closing quote joins the cell.
 */
function readLine(state: Reading, text: string): 'done' | 'open' | 'broken' {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (state.quoted) {
      if (ch !== '"') state.cell += ch;
      else if (text[i + 1] === '"') {
        state.cell += '"';
        i++;
      } else {
        const next = text[i + 1];
        if (next !== undefined && next !== ',' && state.cell.includes('\n')) return 'broken';
        state.quoted = false;
      }
      continue;
    }
    if (ch === ',') {
      state.cells.push(state.cell);
      state.cell = '';
      state.fieldStart = true;
      continue;
    }
    if (ch === '"' && state.fieldStart) {
      state.quoted = true;
      state.fieldStart = false;
      continue;
    }
    state.fieldStart = false;
    state.cell += ch;
  }
  if (state.quoted) {
    state.cell += '\n';
    return 'open';
  }
  state.cells.push(state.cell);
  return 'done';
}

/** The records of a CSV byte stream, each with the line it starts on, or why it could not be read. */
export async function* csvRecords(input: AsyncIterable<Uint8Array | string>): AsyncGenerator<CsvRecord> {
  let pending: PhysicalLine[] = [];
  let state = fresh();
  let first = true;

  function* take(physical: PhysicalLine): Generator<CsvRecord> {
    if (first) {
      physical.text = physical.text.replace(/^\ufeff/, '');
      first = false;
    }
    if (pending.length === 0 && physical.tooLong !== null) {
      yield {
        kind: 'unreadable',
        line: physical.line,
        reason: `the line is ${physical.tooLong.toLocaleString('en-US')} bytes long, over the ${MAX_LINE_BYTES.toLocaleString('en-US')} a row may have`,
      };
      return;
    }
    pending.push(physical);
    if (physical.tooLong !== null) {
      yield* abandon(`a line inside it is over ${MAX_LINE_BYTES.toLocaleString('en-US')} bytes long`);
      return;
    }
    const read = readLine(state, physical.text);
    if (read === 'broken') {
      yield* abandon(
        `a quote opened on this line is never closed as a cell (the next quote, on line ${physical.line}, is inside other text)`,
      );
      return;
    }
    if (read === 'open') {
      if (pending.length >= MAX_RECORD_LINES)
        yield* abandon(`a quote opened on this line is not closed within ${MAX_RECORD_LINES} lines`);
      return;
    }
    const lines = pending;
    const cells = state.cells;
    pending = [];
    state = fresh();
    const bad = lines.find((l) => l.badByte !== null);
    if (bad)
      yield {
        kind: 'unreadable',
        line: lines[0]!.line,
        reason: `not valid UTF-8 (line ${bad.line}, byte ${bad.badByte! + 1}); save the file as UTF-8`,
      };
    else yield { kind: 'record', line: lines[0]!.line, cells };
  }

  /** Gives up the record begun on pending[0]: that line is reported, the ones after it (this one too) read again. */
  function* abandon(reason: string): Generator<CsvRecord> {
    const [opened, ...rest] = pending;
    pending = [];
    state = fresh();
    if (opened) yield { kind: 'unreadable', line: opened.line, reason };
    for (const physical of rest) yield* take(physical);
  }

  for await (const physical of physicalLines(input)) yield* take(physical);
  if (pending.length > 0) yield* abandon('a quote opened on this line is never closed');
}
