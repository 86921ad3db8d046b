import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Context } from 'hono';
import { AppError } from './errors.ts';

/** A request body as a Node stream, read as it arrives, so an upload of any size fits in memory. */
export function bodyStream(c: Context): Readable {
  const body = c.req.raw.body;
  if (!body) throw new AppError('unreadable_input', 'The request has no body');
  return Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
}
