/** The closed set of failure codes Reach reports, at every entry point. */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'idempotency_mismatch'
  | 'unauthorized'
  | 'forbidden'
  | 'dial_refused'
  | 'drop_refused'
  | 'data_locked'
  | 'data_incompatible'
  | 'unreadable_input'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export type FieldIssue = { field: string; reason: string; line?: number };

type ErrorMeta = { status: number; exitCode: number; title: string };

/** One exhaustive table from code to HTTP status and CLI exit code. */
export const errorTable: Record<ErrorCode, ErrorMeta> = {
  validation: { status: 400, exitCode: 2, title: 'Invalid input' },
  not_found: { status: 404, exitCode: 1, title: 'Not found' },
  conflict: { status: 409, exitCode: 1, title: 'Conflict' },
  idempotency_mismatch: { status: 422, exitCode: 2, title: 'Idempotency key used for another request' },
  unauthorized: { status: 401, exitCode: 1, title: 'Unauthorized' },
  forbidden: { status: 403, exitCode: 1, title: 'Forbidden' },
  dial_refused: { status: 409, exitCode: 3, title: 'Not allowed to call now' },
  drop_refused: { status: 409, exitCode: 3, title: 'Not allowed to play a recorded message' },
  data_locked: { status: 423, exitCode: 1, title: 'Data directory in use' },
  data_incompatible: { status: 500, exitCode: 1, title: 'Data directory written by another version' },
  unreadable_input: { status: 400, exitCode: 2, title: 'Input cannot be read' },
  too_large: { status: 413, exitCode: 2, title: 'Request body too large' },
  rate_limited: { status: 429, exitCode: 1, title: 'Too many attempts' },
  unavailable: { status: 503, exitCode: 1, title: 'Service unavailable' },
  internal: { status: 500, exitCode: 1, title: 'Internal error' },
};

export class AppError extends Error {
  override name = 'AppError';
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];

  constructor(code: ErrorCode, message: string, options: { issues?: FieldIssue[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.issues = options.issues ?? [];
  }
}

export const invalid = (field: string, reason: string): AppError =>
  new AppError('validation', `${field}: ${reason}`, { issues: [{ field, reason }] });

/** A validation error that names every bad field at once. */
export const invalidFields = (issues: FieldIssue[]): AppError =>
  new AppError('validation', issues.map((i) => `${i.field}: ${i.reason}`).join('; '), { issues });

export const notFound = (what: string, key: string | number): AppError =>
  new AppError('not_found', `${what} not found: ${key}`);

/** The SQLSTATE of a database error, whether thrown by the driver or wrapped by the query builder. */
export function pgErrorCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * What a database refusal means to the person who sent the request, in words that carry no SQL,
 * no parameters and no other rows: a value it cannot keep is their input's fault (validation), a
 * clash with another writer is a conflict, a busy database is worth a retry.
 */
function databaseMeaning(code: string): { code: ErrorCode; message: string } | null {
  if (code.startsWith('22'))
    return {
      code: 'validation',
      message:
        'A value is out of the range or shape Reach can keep (a number too large, a date too far, text it cannot hold)',
    };
  if (code === '23505' || code === '23P01')
    return {
      code: 'conflict',
      message: 'Another request wrote the same record at the same moment; send this one again',
    };
  if (code === '23503')
    return { code: 'conflict', message: 'A record this request refers to was removed meanwhile' };
  if (code === '23502' || code === '23514')
    return { code: 'validation', message: 'A value is missing or outside what the book allows' };
  if (code === '40001' || code === '40P01' || code === '55P03' || code === '57014')
    return {
      code: 'unavailable',
      message: 'The database was busy with another request; send this one again',
    };
  if (code.startsWith('08') || code === '57P01' || code === '53300')
    return { code: 'unavailable', message: 'The database cannot be reached just now; try again in a moment' };
  return null;
}

/** Any thrown value as an AppError, keeping the original as `cause`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof URIError)
    return new AppError(
      'unreadable_input',
      'The address does not decode: a % in a path or query must be followed by two hex digits (write %25 for a %)',
      { cause: error },
    );
  const sqlState = pgErrorCode(error);
  const meaning = sqlState ? databaseMeaning(sqlState) : null;
  if (meaning) return new AppError(meaning.code, meaning.message, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', message, { cause: error });
}
