import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../contracts/vocabulary.ts';
import { checkLog, nextStage, outcomes, results } from './call-rules.ts';

const now = new Date('2026-03-02T15:00:00Z');
const at = new Date('2026-03-02T14:55:00Z');

describe('checkLog', () => {
  it('accepts a plain no-answer logged after the fact', () => {
    expect(checkLog({ outcome: 'no-answer', at: new Date('2026-02-01T15:00:00Z'), now })).toEqual([]);
  });

  it.each([
    [{ outcome: 'voicemail-left' as const }, 'messageKind'],
    [{ outcome: 'no-answer' as const, messageKind: 'generic' as const }, 'message'],
    [{ outcome: 'voicemail' as const, result: 'interested' as const }, 'result'],
    [{ outcome: 'reached' as const, result: 'meeting' as const }, 'resultAt'],
    [{ outcome: 'reached' as const, result: 'interested' as const, resultAt: now }, 'resultAt'],
  ])('names the field that is wrong in %o', (log, field) => {
    expect(checkLog({ at, now, ...log }).map((i) => i.field)).toEqual([field]);
  });

  it('refuses a call more than five minutes in the future, and allows a clock a little fast', () => {
    expect(checkLog({ outcome: 'busy', at: new Date(now.getTime() + 6 * 60_000), now })[0]?.field).toBe('at');
    expect(checkLog({ outcome: 'busy', at: new Date(now.getTime() + 4 * 60_000), now })).toEqual([]);
  });
});

describe('nextStage', () => {
  it('makes a new prospect contacted on the first attempt', () => {
    expect(nextStage('new', { outcome: 'no-answer' })).toEqual({ to: 'contacted', reason: 'first attempt' });
  });

  it('moves to engaged on interest and to interested on a meeting', () => {
    expect(nextStage('contacted', { outcome: 'reached', result: 'interested' })?.to).toBe('engaged');
    expect(nextStage('engaged', { outcome: 'reached', result: 'meeting' })?.to).toBe('interested');
  });

  it('never moves a stage backwards, nor out of customer or lost', () => {
    const stage = fc.constantFrom<Stage>('new', 'contacted', 'engaged', 'interested', 'customer', 'lost');
    fc.assert(
      fc.property(
        stage,
        fc.constantFrom(...outcomes),
        fc.option(fc.constantFrom(...results), { nil: undefined }),
        (current, outcome, result) => {
          const move = nextStage(current, { outcome, result });
          const order: Stage[] = ['new', 'contacted', 'engaged', 'interested'];
          if (current === 'customer' || current === 'lost') expect(move).toBeNull();
          else if (move) expect(order.indexOf(move.to)).toBeGreaterThan(order.indexOf(current));
        },
      ),
    );
  });
});
