import { z } from 'zod';
import { type FieldIssue, invalidFields } from './errors.ts';
import { MAX_ID } from './ids.ts';

/** The years a date or time may fall in; a year such as 0001 or 9999 is a typing slip, not a plan. */
export const KEPT_YEARS = { from: 1900, to: 2199 } as const;

const isKeptYear = (year: number): boolean => year >= KEPT_YEARS.from && year <= KEPT_YEARS.to;

export const inKeptYears = (date: Date): boolean => isKeptYear(date.getUTCFullYear());

/** Why a date or time in a far year was refused. */
export const outsideKeptYears = (given: unknown): string =>
  `${shown(given instanceof Date ? given.toISOString() : given)} is outside the years Reach keeps (${KEPT_YEARS.from} to ${KEPT_YEARS.to})`;

/** Text a database column cannot hold: a NUL character, or half of a UTF-16 surrogate pair. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a piece of text cannot be kept, or null when it can. */
export function unstorableText(text: string): string | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  return found[0] === '\u0000'
    ? `contains a NUL character (\\0) at position ${found.index + 1}, which text cannot hold`
    : `contains a broken character (half of a UTF-16 surrogate pair) at position ${found.index + 1}`;
}

/** Every string in an input (keys too) that cannot be kept, named by where it is. */
function unstorableIssues(input: unknown, where: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const walk = (value: unknown, path: string, depth: number): void => {
    if (issues.length >= 20 || depth > 64) return;
    if (typeof value === 'string') {
      const reason = unstorableText(value);
      if (reason) issues.push({ field: path, reason });
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) walk(item, `${path}.${i}`, depth + 1);
    } else if (value !== null && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        const keyReason = unstorableText(key);
        if (keyReason) issues.push({ field: path, reason: `a field name ${keyReason}` });
        else walk(item, path === where ? key : `${path}.${key}`, depth + 1);
      }
  };
  walk(input, where, 0);
  return issues;
}

/**
 * Parses input at an entry point's edge; every zod issue becomes a field issue naming where it
 * is, in words a rep reads rather than zod's.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where = 'body'): z.infer<S> {
  const unstorable = unstorableIssues(input, where);
  if (unstorable.length > 0) throw invalidFields(unstorable);
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

const keptYear = (text: string): boolean => {
  const typed = /^(\d{4})-/.exec(text);
  // Not a date at all: its format check says so.
  return !typed || isKeptYear(Number(typed[1]));
};

/** An ISO 8601 instant with its offset, in the years Reach keeps. */
export const instant = () =>
  z.iso
    .datetime({ offset: true, error: (issue) => notATime(issue.input) })
    .refine(keptYear, { error: (issue) => outsideKeptYears(issue.input) });

/** An ISO 8601 calendar date, in the years Reach keeps. */
export const isoDate = () =>
  z.iso
    .date({ error: (issue) => notADate(issue.input) })
    .refine(keptYear, { error: (issue) => outsideKeptYears(issue.input) });

/** A calendar date or an instant, for "until" and "on" fields. */
export const dateOrInstant = () =>
  z
    .union([z.iso.date(), z.iso.datetime({ offset: true })], {
      error: (issue) => notADateOrTime(issue.input),
    })
    .refine(keptYear, { error: (issue) => outsideKeptYears(issue.input) });

/** A prospect named by id, external id or email. */
export const prospectKey = () =>
  z.union([z.string().trim().min(1).max(320), z.number().int().min(1).max(MAX_ID)], {
    error: (issue) =>
      issue.input === undefined ? 'required' : `name a prospect by id (1 to ${MAX_ID}), external id or email`,
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
