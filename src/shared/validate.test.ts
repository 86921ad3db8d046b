import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { resolveAt, resolveDayOrAt } from './clock.ts';
import type { AppError } from './errors.ts';
import { atParam, parseInput } from './validate.ts';

const reasons = (schema: z.ZodType, input: unknown): string[] => {
  try {
    parseInput(schema, input, 'query');
  } catch (error) {
    return (error as AppError).issues.map((i) => `${i.field}: ${i.reason}`);
  }
  return [];
};

describe('parseInput', () => {
  it('says a number that fails coercion must be a number, not that zod received NaN', () => {
    const schema = z.object({ limit: z.coerce.number().int().min(1).max(200) });
    expect(reasons(schema, { limit: 'abc' })).toEqual(['limit: must be a number']);
    expect(reasons(schema, { limit: '0' })).toEqual(['limit: must be at least 1']);
    expect(reasons(schema, { limit: '1.5' })).toEqual(['limit: must be a whole number']);
  });

  it('names the choices of an enum and a missing field in plain words', () => {
    const schema = z.object({ outcome: z.enum(['reached', 'busy']), note: z.string().min(1).optional() });
    expect(reasons(schema, { outcome: 'x', note: '' })).toEqual([
      'outcome: use one of reached, busy',
      'note: must not be empty',
    ]);
    expect(reasons(schema, {})).toEqual(['outcome: required']);
  });

  it("keeps a schema's own message", () => {
    expect(reasons(z.object({ name: z.string().min(3, 'three letters at least') }), { name: 'a' })).toEqual([
      'name: three letters at least',
    ]);
  });

  it('refuses every time in one wording with an example, whatever the schema said of it', () => {
    const example = 'write an ISO 8601 instant such as 2026-03-04T15:00:00Z or 2026-03-04T10:00:00-05:00';
    const schema = z.object({
      at: atParam('when'),
      since: z.iso.datetime({ offset: true }).optional(),
      day: z.iso.date({ error: 'a date please' }).optional(),
    });
    expect(reasons(schema, { at: 'tomorrow', since: 'monday', day: '4 March' })).toEqual([
      `at: "tomorrow" is not a time: ${example}`,
      `since: "monday" is not a time: ${example}`,
      'day: "4 March" is not a date: write an ISO 8601 date such as 2026-03-04',
    ]);
    expect(() => resolveAt('tomorrow', 'resultAt')).toThrow(`resultAt: "tomorrow" is not a time: ${example}`);
    expect(() => resolveDayOrAt('soon', 'until')).toThrow(
      'until: "soon" is not a date or a time: write an ISO 8601 date such as 2026-03-04',
    );
    expect(resolveDayOrAt('2026-03-04', 'until').toISOString()).toBe('2026-03-04T00:00:00.000Z');
  });
});
