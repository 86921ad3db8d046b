import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { localClock, weekdayName, zoneCity } from './local-clock.ts';

const zones = [
  'America/New_York',
  'America/Los_Angeles',
  'America/St_Johns',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'UTC',
];

describe('localClock', () => {
  it('reads every instant as luxon does, across clock changes in zones with odd offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2028, 11, 31) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          const at = new Date(ms);
          const expected = DateTime.fromJSDate(at, { zone });
          expect(localClock(at, zone)).toEqual({
            date: expected.toISODate(),
            clock: expected.toFormat('HH:mm'),
            hour: expected.hour,
            minute: expected.minute,
            weekday: expected.weekday,
            offset: expected.offset,
          });
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads the minutes either side of a spring-forward change in New York', () => {
    expect(localClock(new Date('2026-03-08T06:59:00Z'), 'America/New_York')?.clock).toBe('01:59');
    expect(localClock(new Date('2026-03-08T07:00:00Z'), 'America/New_York')?.clock).toBe('03:00');
  });

  it('answers null for a zone that does not exist', () => {
    expect(localClock(new Date(), 'Mars/Olympus_Mons')).toBeNull();
  });

  it('names weekdays as the queue shows them', () => {
    expect(weekdayName(1)).toBe('Mon');
    expect(weekdayName(7)).toBe('Sun');
  });
});

describe('zoneCity', () => {
  it('names a zone by its city as a rep says it', () => {
    expect(zoneCity('America/New_York')).toBe('New York');
    expect(zoneCity('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
    expect(zoneCity('UTC')).toBe('UTC');
  });
});
