import { type AppError, errorTable, type FieldIssue, toAppError } from './errors.ts';

export type ProblemDocument = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldIssue[];
};

/** An error as an RFC 9457 problem document: the body of every HTTP error, and of a streamed failure. */
export function problemBody(error: unknown): ProblemDocument {
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
