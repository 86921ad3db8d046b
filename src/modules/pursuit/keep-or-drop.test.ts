import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BookRates,
  type Effort,
  mayPursue,
  type PursuitInput,
  priorReach,
  pursuitOf,
} from './keep-or-drop.ts';

const TYPICAL = 20_000;
/** A book where a dial takes a minute, one conversation in seven books a meeting, 0.6 meetings an hour. */
const rates: BookRates = {
  meetingRate: 0.15,
  callbackRate: 0.03,
  secondsPerAttempt: 60,
  hourlyValue: 0.6 * TYPICAL,
  hourlyValueFrom: 'book',
};
const at = new Date('2026-03-02T15:00:00Z');
const effort = (e: Partial<Effort>): Effort => ({
  attempts: 0,
  reached: 0,
  messages: 0,
  repSeconds: 0,
  lastAttemptAt: new Date('2026-03-02T14:00:00Z'),
  ...e,
});
const input = (i: Partial<PursuitInput>): PursuitInput => ({
  at,
  weight: TYPICAL,
  optedOut: false,
  priorReach: 0.07,
  effort: effort({}),
  rates,
  ...i,
});

describe('keep or drop', () => {
  it('keeps a major account after 35 unanswered messages and about ten hours, as the brief tells it', () => {
    const pursuit = pursuitOf(
      input({ weight: 25 * TYPICAL, effort: effort({ attempts: 35, messages: 35, repSeconds: 10 * 3600 }) }),
    );
    expect(pursuit.recommendation).toBe('continue');
    expect(pursuit.reason).toContain('35 attempts, 35 messages, 10.0 h');
    // So many unanswered: a day between attempts.
    expect(pursuit.reason).toMatch(/35 unanswered, a day between attempts$/);
    expect(pursuit.resumeAt?.toISOString()).toBe('2026-03-03T14:00:00.000Z');
  });

  it('does not keep spending ten hours on a prospect of typical value', () => {
    const pursuit = pursuitOf(
      input({ effort: effort({ attempts: 35, messages: 35, repSeconds: 10 * 3600 }) }),
    );
    expect(pursuit.recommendation).toBe('drop');
    expect(pursuit.resumeAt?.toISOString()).toBe('2026-05-31T14:00:00.000Z');
    expect(pursuit.reason).toMatch(/drop, nurture from 2026-05-31/);
  });

  it('drops a low-value cold prospect after 8 unanswered attempts', () => {
    const pursuit = pursuitOf(
      input({ weight: TYPICAL / 4, effort: effort({ attempts: 8, repSeconds: 8 * 60 }) }),
    );
    expect(pursuit.recommendation).toBe('drop');
    expect(pursuit.ratio).toBeLessThan(0.2);
  });

  it('slows down on a typical prospect after 8 unanswered attempts, a touch a week', () => {
    const pursuit = pursuitOf(input({ effort: effort({ attempts: 8, repSeconds: 8 * 60 }) }));
    expect(pursuit.recommendation).toBe('slow-down');
    expect(pursuit.resumeAt?.toISOString()).toBe('2026-03-09T14:00:00.000Z');
    expect(mayPursue(pursuit, at)).toBe(false);
    expect(mayPursue(pursuit, new Date('2026-03-09T14:00:00Z'))).toBe(true);
  });

  it('judges nobody before three attempts, however low the value', () => {
    const pursuit = pursuitOf(input({ weight: 1, effort: effort({ attempts: 2, repSeconds: 120 }) }));
    expect(pursuit.recommendation).toBe('continue');
    expect(pursuit.reason).toContain('too early to judge');
  });

  it('never resumes a prospect who asked to stop', () => {
    const pursuit = pursuitOf(input({ weight: 100 * TYPICAL, optedOut: true }));
    expect(pursuit).toMatchObject({ recommendation: 'drop', resumeAt: null });
    expect(mayPursue(pursuit, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });

  it('counts callbacks earned by messages toward the chance of a conversation', () => {
    const silent = pursuitOf(input({ effort: effort({ attempts: 10, repSeconds: 600 }) }));
    const messaged = pursuitOf(input({ effort: effort({ attempts: 10, messages: 10, repSeconds: 600 }) }));
    expect(messaged.chance).toBeGreaterThan(silent.chance);
  });

  it('reads the prior from the persona group, pulled toward the book when the group is small', () => {
    const book = { dials: 1000, reached: 70 };
    expect(priorReach({ book, group: undefined })).toBeCloseTo(70.5 / 1010, 4);
    expect(priorReach({ book, group: { dials: 400, reached: 8 } })).toBeLessThan(0.03);
  });

  const arbitrary = fc.record({
    weight: fc.integer({ min: 1, max: 10_000_000 }),
    attempts: fc.integer({ min: 0, max: 80 }),
    reachedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    messages: fc.integer({ min: 0, max: 80 }),
    secondsEach: fc.integer({ min: 10, max: 1800 }),
    priorReach: fc.double({ min: 0.001, max: 0.5, noNaN: true }),
  });
  type Case = {
    weight: number;
    attempts: number;
    reachedShare: number;
    messages: number;
    secondsEach: number;
    priorReach: number;
  };
  const from = (a: Case, extra = 0) =>
    input({
      weight: a.weight,
      priorReach: a.priorReach,
      effort: effort({
        attempts: a.attempts + extra,
        reached: Math.floor(a.attempts * a.reachedShare),
        messages: Math.min(a.messages, a.attempts),
        repSeconds: (a.attempts + extra) * a.secondsEach,
      }),
    });
  const order = { drop: 0, 'slow-down': 1, continue: 2 } as const;

  it('never thinks less of a prospect for being worth more', () => {
    fc.assert(
      fc.property(arbitrary, (a) => {
        const low = pursuitOf(from(a));
        const high = pursuitOf({ ...from(a), weight: a.weight * 2 });
        expect(high.ratio).toBeGreaterThanOrEqual(low.ratio);
        expect(order[high.recommendation]).toBeGreaterThanOrEqual(order[low.recommendation]);
      }),
    );
  });

  it('never thinks more of a prospect after another unanswered attempt', () => {
    fc.assert(
      fc.property(arbitrary, (a) => {
        fc.pre(a.attempts >= 3);
        const before = pursuitOf(from(a));
        const after = pursuitOf(from(a, 1));
        expect(after.chance).toBeLessThanOrEqual(before.chance + 1e-9);
      }),
    );
  });

  it('resumes a dropped or slowed prospect only after its last attempt', () => {
    fc.assert(
      fc.property(arbitrary, (a) => {
        const pursuit = pursuitOf(from(a));
        if (pursuit.resumeAt)
          expect(pursuit.resumeAt.getTime()).toBeGreaterThan(from(a).effort.lastAttemptAt!.getTime());
        if (pursuit.recommendation !== 'continue') expect(pursuit.resumeAt).not.toBeNull();
      }),
    );
  });
});
