import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAWS, legalByHand, ZONES } from '../../../test/support/law-by-hand.ts';
import { checkCall } from './calling-rules.ts';

const PLACES = Object.keys(LAWS);

const place = (code: string) => {
  const [country, region = null] = code.split('-');
  return { country: country!, region };
};

describe('checkCall against the law written out by hand', () => {
  it('allows a call exactly when every law of the place allows it in every zone', () => {
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2028, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: start, max: end - 1 }).map((ms) => new Date(Math.floor(ms / 60_000) * 60_000)),
        fc.constantFrom(...PLACES),
        // Many attempts near `at` so the rolling caps are reached, a few far back.
        fc.array(fc.oneof(fc.integer({ min: 0, max: 36 * 60 }), fc.integer({ min: 0, max: 40 * 24 * 60 })), {
          maxLength: 8,
        }),
        (at, code, minutesBefore) => {
          const attempts = minutesBefore.map((m) => new Date(at.getTime() - m * 60_000));
          const check = checkCall(at, { zones: ZONES[code]!, places: [place(code)], attempts });
          expect(check.ok).toBe(legalByHand(at, code, { attempts }));
        },
      ),
      { numRuns: 20_000 },
    );
  });
});
