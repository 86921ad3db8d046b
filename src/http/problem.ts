import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { problemBody } from '../shared/problem.ts';
import { traceOf } from '../shared/request-trace.ts';

/** The one place an error becomes an HTTP answer: RFC 9457 problem+json naming the field. */
export function problemResponse(c: Context, error: unknown): Response {
  const trace = traceOf(c);
  const body = problemBody(error, trace);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
    'x-request-id': trace.id,
  });
}
