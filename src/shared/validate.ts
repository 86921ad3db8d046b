import { z } from 'zod';
import { invalidFields } from './errors.ts';

/**
 * Parses input at an entry point's edge; every zod issue becomes a field issue naming where it
 * is, in words a rep reads rather than zod's.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const result = schema.safeParse(input, { reportInput: true, error: plainWords });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.join('.') : where,
    reason: reasonOf(issue),
  }));
  throw invalidFields(issues);
}

const shown = (given: unknown): string => (typeof given === 'string' ? `"${given}"` : String(given));

/** Why a time was refused, with an example to copy: said the same way by every entry point. */
export const notATime = (given: unknown): string =>
  `${shown(given)} is not a time: write an ISO 8601 instant such as 2026-03-04T15:00:00Z or 2026-03-04T10:00:00-05:00`;

/** Why a date was refused, in the same words as a time. */
export const notADate = (given: unknown): string =>
  `${shown(given)} is not a date: write an ISO 8601 date such as 2026-03-04`;

/** Why a value that may be a date or a time was refused. */
export const notADateOrTime = (given: unknown): string =>
  `${shown(given)} is not a date or a time: write an ISO 8601 date such as 2026-03-04 or an instant such as 2026-03-04T15:00:00Z`;

/** An ISO 8601 instant with its offset. */
export const instant = () => z.iso.datetime({ offset: true, error: (issue) => notATime(issue.input) });

/** An ISO 8601 calendar date. */
export const isoDate = () => z.iso.date({ error: (issue) => notADate(issue.input) });

/** A calendar date or an instant, for "until" and "on" fields. */
export const dateOrInstant = () =>
  z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: (issue) => notADateOrTime(issue.input),
  });

/** An optional `at` query parameter: the instant a decision is made for, now when left out. */
export const atParam = (description: string) => instant().optional().describe(description);

function reasonOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s): ${issue.keys.join(', ')}`;
  // Whatever a schema says of a bad time, it is refused in the one wording.
  if (issue.code === 'invalid_format' && issue.format === 'datetime') return notATime(issue.input);
  if (issue.code === 'invalid_format' && issue.format === 'date') return notADate(issue.input);
  return issue.message;
}

const typeWords: Record<string, string> = {
  number: 'must be a number',
  int: 'must be a whole number',
  string: 'must be text',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
};

/** Zod's default wording for the common issues, said plainly; a schema's own message wins over it. */
function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : typeWords[issue.expected];
    case 'invalid_value':
      return issue.input === undefined ? 'required' : `use one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return boundWords({
        origin: issue.origin,
        limit: issue.minimum,
        inclusive: issue.inclusive,
        least: true,
      });
    case 'too_big':
      return boundWords({
        origin: issue.origin,
        limit: issue.maximum,
        inclusive: issue.inclusive,
        least: false,
      });
    default:
      return undefined;
  }
}

function boundWords(bound: {
  origin: string;
  limit: number | bigint;
  inclusive?: boolean | undefined;
  least: boolean;
}): string | undefined {
  const { origin, limit, least } = bound;
  const inclusive = bound.inclusive ?? true;
  if (origin === 'number' || origin === 'int' || origin === 'bigint')
    return `must be ${least ? (inclusive ? 'at least' : 'more than') : inclusive ? 'at most' : 'less than'} ${limit}`;
  if (origin === 'string')
    return least && Number(limit) === 1
      ? 'must not be empty'
      : `must be ${least ? 'at least' : 'at most'} ${limit} characters`;
  if (origin === 'array' || origin === 'set')
    return `must have ${least ? 'at least' : 'at most'} ${limit} item${Number(limit) === 1 ? '' : 's'}`;
  return undefined;
}

/** A reason a person can check later: a sentence, not a word ("ok", "test", "done"). */
export const sentenceReason = (example: string) =>
  z
    .string()
    .trim()
    .max(500)
    .refine(
      (text) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 3 && text.length >= 12,
      `say why in a sentence of three words or more, such as '${example}'`,
    );
