import { z } from 'zod';
import { invalidFields } from './errors.ts';

/** Parses input at an entry point's edge; every zod issue becomes a field issue naming where it is. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : where,
    reason: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
  }));
  throw invalidFields(issues);
}

/** Why a time was refused: said the same way by every entry point. */
export const NOT_AN_INSTANT = 'not an ISO-8601 time, for example 2026-03-02T14:30:00Z';

/** An optional `at` query parameter: the instant a decision is made for, now when left out. */
export const atParam = (description: string) =>
  z.iso.datetime({ offset: true, error: NOT_AN_INSTANT }).optional().describe(description);
