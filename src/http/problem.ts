import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { problemBody } from '../shared/problem.ts';

/** The one place an error becomes an HTTP answer: RFC 9457 problem+json naming the field. */
export function problemResponse(c: Context, error: unknown): Response {
  const body = problemBody(error);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}
