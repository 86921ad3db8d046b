/** The closed set of failure codes Reach reports, at every entry point. */
export type ErrorCode =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'idempotency_mismatch'
  | 'unauthorized'
  | 'data_locked'
  | 'data_incompatible'
  | 'unreadable_input'
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
  data_locked: { status: 423, exitCode: 1, title: 'Data directory in use' },
  data_incompatible: { status: 500, exitCode: 1, title: 'Data directory written by another version' },
  unreadable_input: { status: 400, exitCode: 2, title: 'Input cannot be read' },
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

/** Any thrown value as an AppError, keeping the original as `cause`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError('internal', message, { cause: error });
}
