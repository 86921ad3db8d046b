import { type AppError, errorTable, type FieldIssue, pgErrorCode, toAppError } from './errors.ts';

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldIssue[];
  /** The request this answers, as the server log names it (`X-Request-Id`). */
  requestId?: string;
  instance?: string;
};

/** Where a request came from, for the server log line of a failure. */
export type RequestTrace = { id: string; method?: string; path?: string };

/**
 * An error as an RFC 9457 problem document: the body of every HTTP error, and of a streamed
 * failure. A failure of Reach's own (not the request's) keeps its insides for the server log,
 * under the request id the client is given; the client reads only that it failed and the id.
 */
export function problemBody(error: unknown, trace?: RequestTrace): ProblemDocument {
  const appError: AppError = toAppError(error);
  const meta = errorTable[appError.code];
  const where = trace ? `[request ${trace.id}] ${trace.method ?? ''} ${trace.path ?? ''}`.trim() : '';
  // Reach's own failures, and the database's refusals behind a 4xx, are for the operator to read.
  if (appError.code === 'internal' || pgErrorCode(appError.cause) !== undefined)
    console.error(where, appError.cause ?? appError);
  const detail =
    appError.code === 'internal' && trace
      ? `Reach could not finish this request. The server log has the cause under request id ${trace.id}; quote it when you report this.`
      : appError.message;
  return {
    type: `urn:reach:problem:${appError.code}`,
    title: meta.title,
    status: meta.status,
    detail,
    code: appError.code,
    ...(appError.issues.length > 0 ? { errors: appError.issues } : {}),
    ...(trace ? { requestId: trace.id, instance: `urn:reach:request:${trace.id}` } : {}),
  };
}
