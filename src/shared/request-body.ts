import { Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Context } from 'hono';
import { AppError } from './errors.ts';

/** The largest body each kind of request may send; a route may set its own (`Route.maxBody`). */
export const BODY_LIMITS = {
  /** A JSON request: a prospect with notes of 10,000 characters is a few tens of kilobytes. */
  json: 1024 * 1024,
  /** A CSV upload, streamed row by row, so its size costs time, not memory. */
  csv: 1024 * 1024 * 1024,
} as const;

export const megabytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;

export const tooLarge = (limit: number): AppError =>
  new AppError(
    'too_large',
    `The request body is larger than this endpoint takes (${megabytes(limit)}); send less, or split the file`,
    { issues: [{ field: 'body', reason: `larger than ${megabytes(limit)}` }] },
  );

const LIMIT_KEY = 'reachBodyLimit' as never;

/** Refuses a body whose declared length is over the limit before a byte is read, and remembers the limit. */
export function limitBody(c: Context, limit: number): void {
  c.set(LIMIT_KEY, limit as never);
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
}

/**
 * A request body as a Node stream, read as it arrives, so an upload of any size fits in memory;
 * a body sent without a length is counted as it streams and stopped at the route's limit.
 */
export function bodyStream(c: Context): Readable {
  const body = c.req.raw.body;
  if (!body) throw new AppError('unreadable_input', 'The request has no body');
  const limit = (c.get(LIMIT_KEY) as number | undefined) ?? BODY_LIMITS.csv;
  let seen = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      done(seen > limit ? tooLarge(limit) : null, chunk);
    },
  });
  const source = Readable.fromWeb(body as unknown as NodeReadableStream<Uint8Array>);
  source.on('error', (error) => counted.destroy(error));
  return source.pipe(counted);
}
