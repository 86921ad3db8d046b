import { describe, expect, it } from 'vitest';
import { parseWorld } from './world.ts';

const reasons = (input: unknown): string => {
  try {
    parseWorld(input);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('a world file', () => {
  it('takes every default from SIMULATION.md when empty', () => {
    const world = parseWorld({});
    expect(world).toMatchObject({
      name: 'default',
      seed: 1,
      start: '2026-03-02',
      days: 20,
      rep: { timezone: 'America/New_York', workday: ['07:30', '19:30'], dialingMinutesPerDay: 180 },
      offer: { category: 'software' },
      prospects: {
        count: 400,
        directDialShare: 0.6,
        mobileShare: 0.25,
        badNumberShare: 0.1,
        valueMedian: 20_000,
      },
      behaviour: { meetingShare: 0.35, transfer: 0.15, listen: 0.35, pickup: { screener: 0.04 } },
    });
    expect(world.rep.seconds).toEqual({
      ring: 25,
      gatekeeper: 60,
      leaveMessage: 35,
      conversation: 300,
      wrapUp: 20,
    });
  });

  it('overrides one nested field and keeps its siblings', () => {
    const world = parseWorld({ behaviour: { pickup: { desk: 0.3 } }, rep: { seconds: { ring: 20 } } });
    expect(world.behaviour.pickup).toEqual({
      desk: 0.3,
      'gatekeeper-fronted': 0.5,
      'edge-hours': 0.7,
      screener: 0.04,
    });
    expect(world.rep.seconds.ring).toBe(20);
    expect(world.rep.seconds.conversation).toBe(300);
  });

  it('names an unknown field, wherever it is', () => {
    expect(reasons({ rep: { lunch: true } })).toBe('rep: unknown field(s): lunch');
    expect(reasons({ behaviour: { pickup: { robot: 1 } } })).toBe(
      'behaviour.pickup: unknown field(s): robot',
    );
    expect(reasons({ prospects: { personas: { alien: 1 } } })).toMatch(/^prospects\.personas/);
  });

  it('refuses a zone that does not exist, a clock that is not HH:MM and a share above one', () => {
    expect(reasons({ prospects: { timezones: { 'Mars/Base': 1 } } })).toMatch(/not an IANA time zone/);
    expect(reasons({ rep: { workday: ['7:30', '19:30'] } })).toMatch(
      /^rep\.workday\.0: a clock time as HH:MM/,
    );
    expect(reasons({ prospects: { badNumberShare: 1.5 } })).toMatch(/^prospects\.badNumberShare/);
    expect(reasons({ offer: { category: 'timeshares' } })).toMatch(/^offer\.category/);
  });
});
