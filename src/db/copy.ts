import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { type Db, rawClientOf } from './create-db.ts';

/** A value COPY can carry: text, a number, a yes/no, a list of text, a JSON document, or nothing. */
export type CopyValue = string | number | boolean | null | undefined | string[] | Record<string, unknown>;

/** How much COPY text is handed to the server at a time. */
const CHUNK_CHARS = 64 * 1024;

/**
 * Loads rows into a table through COPY, inside the caller's transaction: a data stream on the
 * server's connection, or the embedded database's COPY from a blob. One statement however many
 * rows, and no parameter limit.
 */
export async function copyRows(
  tx: Db,
  into: { table: string; columns: string[] },
  rows: CopyValue[][],
): Promise<void> {
  if (rows.length === 0) return;
  const statement = `copy ${into.table} (${into.columns.join(', ')})`;
  const raw = rawClientOf(tx);
  if (raw.kind === 'pglite') {
    const text = [...copyText(rows)].join('');
    await raw.client.query(`${statement} from '/dev/blob'`, [], { blob: new Blob([text]) });
    return;
  }
  await pipeline(Readable.from(copyText(rows)), raw.client.query(copyFrom(`${statement} from stdin`)));
}

/** The rows in COPY's text format, in chunks of about CHUNK_CHARS. */
function* copyText(rows: CopyValue[][]): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    chunk += `${row.map(copyField).join('\t')}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return escapeText(arrayLiteral(value));
  return escapeText(JSON.stringify(value));
}

/** COPY's text format: a backslash, tab, newline or carriage return in a value is written escaped. */
const SPECIAL = /[\\\t\n\r]/;
const escapeText = (text: string): string =>
  SPECIAL.test(text)
    ? text.replace(/[\\\t\n\r]/g, (c) =>
        c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
      )
    : text;

/** A text[] literal, every element quoted so that commas, braces and spaces stay inside it. */
const arrayLiteral = (items: string[]): string =>
  `{${items.map((item) => `"${item.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
