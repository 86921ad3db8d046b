import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type Cadence, cadenceSchema } from '../../contracts/cadences.contract.ts';
import { builtInCadences } from './built-in.ts';
import { schedule } from './cadence.ts';

const cold = builtInCadences.find((c) => c.name === 'cold-3-weeks')!;
const issues = (input: unknown) =>
  cadenceSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('cadences', () => {
  it('ships three cadences from the brief, the cold one with two messages at most', () => {
    expect(builtInCadences.map((c) => c.name)).toEqual([
      'cold-3-weeks',
      'persistent-value',
      'warm-follow-up',
    ]);
    expect(cold.maxMessages).toBe(2);
    expect(new Set(cold.steps.filter((s) => s.kind === 'call').map((s) => s.window))).toEqual(
      new Set(['early', 'lunch', 'after-hours']),
    );
  });

  it("schedules steps in the prospect's clock on their working days, whatever the rep's zone", () => {
    // Started Friday 6 March 2026 at 07:00 in Los Angeles: day 0 is that Friday.
    const steps = schedule(cold, {
      start: new Date('2026-03-06T15:00:00Z'),
      zone: 'America/Los_Angeles',
    });
    expect(steps.slice(0, 4).map((s) => s.local)).toEqual([
      'Fri 06 Mar 08:00',
      'Mon 09 Mar 09:00',
      'Tue 10 Mar 17:30',
      'Thu 12 Mar 12:45',
    ]);
    expect(steps[0]!.dueAt.toISOString()).toBe('2026-03-06T16:00:00.000Z');
    // Across the clock change on 8 March, 17:30 is still 17:30 in Los Angeles.
    expect(steps[2]!.dueAt.toISOString()).toBe('2026-03-11T00:30:00.000Z');
  });

  it('starts a working day later when the first step’s time has passed, and skips a weekend start', () => {
    const late = schedule(cold, { start: new Date('2026-03-06T20:00:00Z'), zone: 'America/Chicago' });
    expect(late[0]!.local).toBe('Mon 09 Mar 08:00');
    const saturday = schedule(cold, { start: new Date('2026-03-07T12:00:00Z'), zone: 'Europe/Berlin' });
    expect(saturday[0]!.local).toBe('Mon 09 Mar 08:00');
  });

  it('names the step and field of a bad cadence', () => {
    expect(
      issues({
        name: 'My Cadence',
        description: 'x',
        steps: [
          { day: 3, kind: 'call', at: '07:30' },
          { day: 1, kind: 'fax' },
          { day: 4, kind: 'email', window: 'lunch' },
        ],
      }),
    ).toEqual([
      'name: lower-case letters, digits and dashes, for example cold-3-weeks',
      expect.stringMatching(/^steps\.1\.kind: /),
    ]);
    expect(
      issues({
        name: 'mine',
        description: 'x',
        steps: [
          { day: 3, kind: 'call', at: '07:30' },
          { day: 1, kind: 'call' },
          { day: 4, kind: 'email', window: 'lunch' },
        ],
      }),
    ).toEqual([
      "steps.0.at: 07:30 is outside legal calling hours (08:00-21:00 in the prospect's zone)",
      "steps.1.day: day 1 comes before step 0's day 3: list steps in order",
      'steps.2.window: only a call aims at a part of the day, not an email',
    ]);
    expect(issues({ name: 'mine', description: 'x', steps: [], extra: 1 })).toEqual([
      'steps: Too small: expected array to have >=1 items',
      expect.stringMatching(/unrecognized key.*extra/i),
    ]);
  });

  it('puts every call step inside legal hours and on a weekday in any zone, from any start', () => {
    const zones = [
      'Pacific/Honolulu',
      'America/New_York',
      'Europe/London',
      'Asia/Kolkata',
      'Australia/Sydney',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...builtInCadences),
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }),
        (cadence: Cadence, zone, start) => {
          for (const s of schedule(cadence, { start: new Date(start), zone })) {
            const local = DateTime.fromJSDate(s.dueAt, { zone });
            expect(local.weekday).toBeLessThanOrEqual(5);
            expect(s.dueAt.getTime()).toBeGreaterThanOrEqual(start);
            if (s.kind === 'call')
              expect(local.toFormat('HH:mm') >= '08:00' && local.toFormat('HH:mm') < '21:00').toBe(true);
          }
        },
      ),
    );
  });
});
