import { describe, expect, it } from 'vitest';
import { checkIntel, describeIntel } from './intel-rules.ts';

const at = new Date('2026-03-02T15:00:00Z');

describe('checkIntel', () => {
  it.each([
    [{ type: 'gatekeeper-name' as const, value: 'Janet' }, []],
    [{ type: 'gatekeeper-name' as const }, ['value']],
    [{ type: 'dm-hours' as const, from: '18:00', to: '19:00' }, []],
    [{ type: 'dm-hours' as const, from: '18:00' }, ['to']],
    [{ type: 'dm-hours' as const, from: '19:00', to: '18:00' }, ['to']],
    [{ type: 'dm-hours' as const, from: '6pm', to: '19:00' }, ['from']],
    [
      { type: 'gatekeeper-hours' as const, arrives: '08:30', from: '13:00', to: '14:00', leaves: '17:15' },
      [],
    ],
    [{ type: 'gatekeeper-hours' as const }, ['arrives']],
    [{ type: 'private-line' as const, value: '212-555-0199' }, []],
    [{ type: 'private-line' as const, value: '212-555-0199', from: '18:00', to: '19:00' }, []],
    [{ type: 'private-line' as const, value: '212-555-0199', from: '18:00' }, ['to']],
    [{ type: 'route' as const, value: 'press-0' }, []],
    [{ type: 'route' as const, value: 'bribe' }, ['value']],
    [{ type: 'prefers' as const, value: 'email' }, []],
    [{ type: 'out-of-office' as const, until: new Date('2026-03-10T00:00:00Z') }, []],
    [{ type: 'out-of-office' as const, until: new Date('2026-03-01T00:00:00Z') }, ['until']],
  ])('checks %o', (fact, fields) => {
    expect(checkIntel({ at, ...fact }).map((i) => i.field)).toEqual(fields);
  });
});

describe('describeIntel', () => {
  it('reads like a note on a call card', () => {
    expect(
      describeIntel({
        type: 'gatekeeper-hours',
        value: { arrives: '08:30', leaves: '17:15' },
        fromTime: '13:00',
        toTime: '14:00',
        validUntil: null,
      }),
    ).toBe('gatekeeper arrives 08:30, lunch 13:00-14:00, leaves 17:15');
    expect(
      describeIntel({
        type: 'dm-hours',
        value: { text: 'in until eight' },
        fromTime: '18:00',
        toTime: '19:00',
        validUntil: null,
      }),
    ).toBe('picks up 18:00-19:00 (in until eight)');
  });
});
