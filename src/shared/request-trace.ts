import { randomUUID } from 'node:crypto';
import type { Context } from 'hono';
import type { RequestTrace } from './problem.ts';

/** The request's id: the client's `X-Request-Id` when it is a plain token, else one made here. */
export function requestIdOf(c: Context): string {
  const known = c.get('requestId' as never) as string | undefined;
  if (known) return known;
  const given = c.req.header('x-request-id');
  const id = given && /^[\w.:-]{1,100}$/.test(given) ? given : randomUUID();
  c.set('requestId' as never, id as never);
  return id;
}

export const traceOf = (c: Context): RequestTrace => ({
  id: requestIdOf(c),
  method: c.req.method,
  path: safePath(c),
});

/** The path as the log shows it; a path that does not decode is logged as sent. */
function safePath(c: Context): string {
  try {
    return c.req.path;
  } catch {
    return new URL(c.req.url).pathname;
  }
}

/** A batch's HTTP status: 422 when some rows were refused, 200 when none were. */
export const batchStatus = (report: { rejected: unknown[] }): 200 | 422 =>
  report.rejected.length > 0 ? 422 : 200;

/**
 * The answer to a batch (an import, a Do-Not-Call list) of which some rows were refused: 422
 * problem+json saying how many, with the batch's whole report beside it (RFC 9457 extension
 * members), so a client reads the kept and the refused in one document.
 */
export function partialAnswer<R extends { rejected: unknown[] }>(
  c: Context,
  report: R,
  noun: { one: string; many: string },
): Response {
  if (batchStatus(report) === 200) return c.json(report, 200);
  const n = report.rejected.length;
  const body = {
    type: 'urn:reach:problem:rows_rejected',
    title: `Some ${noun.many} were rejected`,
    status: 422,
    detail: `${n} ${n === 1 ? noun.one : noun.many} rejected, each named in "rejected" by line and reason; every other ${noun.one} was kept`,
    code: 'rows_rejected',
    requestId: requestIdOf(c),
    ...report,
  };
  return c.body(JSON.stringify(body), 422, { 'content-type': 'application/problem+json' });
}
