import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, errorTable, toAppError } from '../shared/errors.ts';

/** The one place an error becomes an HTTP answer: RFC 9457 problem+json naming the field. */
export function problemResponse(c: Context, error: unknown): Response {
  const body = problemBody(error);
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'content-type': 'application/problem+json',
  });
}

/** An error as an RFC 9457 problem document. */
export function problemBody(error: unknown) {
  const appError: AppError = toAppError(error);
  const meta = errorTable[appError.code];
  if (appError.code === 'internal') console.error(appError.cause ?? appError);
  return {
    type: `urn:reach:problem:${appError.code}`,
    title: meta.title,
    status: meta.status,
    detail: appError.message,
    code: appError.code,
    ...(appError.issues.length > 0 ? { errors: appError.issues } : {}),
  };
}
