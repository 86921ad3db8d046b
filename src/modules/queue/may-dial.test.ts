import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type DialLimits, type DialTarget, mayDial } from './may-dial.ts';

const limits: DialLimits = {
  callingHoursStart: '08:00',
  callingHoursEnd: '21:00',
  maxDialsPerDay: 2,
  maxDialsPerWeek: 5,
  territoryZones: ['America/New_York', 'America/Chicago'],
};

const target = (over: Partial<DialTarget> = {}): DialTarget => ({
  timezone: 'America/Chicago',
  timezoneCandidates: ['America/Chicago'],
  optedOut: false,
  stage: 'contacted',
  numberOnDnc: false,
  numberValid: true,
  outOfOfficeUntil: null,
  dials: [],
  messages: [],
  callbackAt: null,
  ...over,
});

const at = (iso: string) => new Date(iso);

describe('mayDial', () => {
  it('allows a first dial at 9:00 in the prospect zone', () => {
    expect(mayDial(at('2026-03-03T15:00:00Z'), { target: target(), limits })).toEqual({ ok: true });
  });

  const refused: { name: string; when: string; over: Partial<DialTarget>; refusal: string }[] = [
    { name: 'before 8:00 local', when: '2026-03-03T13:59:00Z', over: {}, refusal: 'outside-legal-hours' },
    { name: 'at 21:00 local', when: '2026-03-04T03:00:00Z', over: {}, refusal: 'outside-legal-hours' },
    {
      name: 'to an opted-out prospect',
      when: '2026-03-03T15:00:00Z',
      over: { optedOut: true },
      refusal: 'opted-out',
    },
    {
      name: 'to a DNC number',
      when: '2026-03-03T15:00:00Z',
      over: { numberOnDnc: true },
      refusal: 'dnc-number',
    },
    {
      name: 'to a customer',
      when: '2026-03-03T15:00:00Z',
      over: { stage: 'customer' },
      refusal: 'closed-stage',
    },
    {
      name: 'while out of office',
      when: '2026-03-03T15:00:00Z',
      over: { outOfOfficeUntil: at('2026-03-10T00:00:00Z') },
      refusal: 'out-of-office',
    },
    {
      name: 'an hour after the last dial',
      when: '2026-03-03T16:00:00Z',
      over: { dials: [at('2026-03-03T15:00:00Z')] },
      refusal: 'too-soon',
    },
    {
      name: 'the day after a message',
      when: '2026-03-04T15:00:00Z',
      over: { messages: [at('2026-03-03T20:00:00Z')] },
      refusal: 'message-within-24h',
    },
  ];
  it.each(refused)('refuses a dial $name', ({ when, over, refusal }) => {
    const decision = mayDial(at(when), { target: target(over), limits });
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.refusals).toContain(refusal);
  });

  it('the daily cap reset at local midnight: four dials in sixteen hours are no longer possible', () => {
    // Sunday 18:00 and 20:00 in Chicago, then Monday 08:00: the cap of 2 counts any 24 hours.
    const sunday = [at('2026-03-02T00:00:00Z'), at('2026-03-02T02:00:00Z')];
    const monday8 = at('2026-03-02T14:00:00Z');
    expect(mayDial(monday8, { target: target({ dials: sunday }), limits })).toMatchObject({
      refusals: ['daily-limit'],
    });
    expect(mayDial(at('2026-03-03T02:01:00Z'), { target: target({ dials: sunday }), limits }).ok).toBe(true);
  });

  it("refuses by the strictest rule of the number's place, with the rule's words and source", () => {
    const florida = { timezone: 'America/New_York', places: [{ country: 'US', region: 'FL' }] };
    // 20:05 in Miami: inside the federal 21:00, outside Florida's 20:00.
    const late = mayDial(at('2026-03-04T01:05:00Z'), { target: target(florida), limits });
    expect(late).toMatchObject({ ok: false, refusals: ['outside-legal-hours'] });
    if (!late.ok) expect(late.why[0]).toContain('Florida allows calls 08:00–20:00');
    // A fourth call in any 24 hours to one person in Florida, with the team's own caps set high.
    const loose = { ...limits, maxDialsPerDay: 9, maxDialsPerWeek: 20 };
    const three = ['2026-03-03T14:00:00Z', '2026-03-03T17:00:00Z', '2026-03-03T20:00:00Z'].map(at);
    const fourth = mayDial(at('2026-03-03T22:30:00Z'), {
      target: target({ ...florida, dials: three }),
      limits: loose,
    });
    expect(fourth).toMatchObject({ ok: false, refusals: ['attempt-cap'] });
    // A team that calls businesses keeps Florida's rule: its source does not exempt them.
    expect(
      mayDial(at('2026-03-04T01:05:00Z'), { target: target(florida), limits: { ...limits, audience: 'b2b' } })
        .ok,
    ).toBe(false);
  });

  it('refuses a Canadian Saturday at 18:00, a Sunday in Alabama and a French holiday', () => {
    const toronto = { timezone: 'America/Toronto', places: [{ country: 'CA', region: 'ON' }] };
    expect(mayDial(at('2026-03-07T23:00:00Z'), { target: target(toronto), limits })).toMatchObject({
      refusals: ['outside-legal-hours'],
    });
    expect(mayDial(at('2026-03-07T22:59:00Z'), { target: target(toronto), limits }).ok).toBe(true);
    const alabama = { timezone: 'America/Chicago', places: [{ country: 'US', region: 'AL' }] };
    expect(mayDial(at('2026-03-08T17:00:00Z'), { target: target(alabama), limits })).toMatchObject({
      refusals: ['day-forbidden'],
    });
    const paris = { timezone: 'Europe/Paris', places: [{ country: 'FR', region: null }] };
    // 14 July 2026, a Tuesday, 11:00 in Paris.
    expect(mayDial(at('2026-07-14T09:00:00Z'), { target: target(paris), limits })).toMatchObject({
      refusals: ['holiday'],
    });
  });

  it("applies a team's own rule to its list only, and only to narrow", () => {
    const nineToFive = {
      id: 'dentists',
      label: 'Dentists 9 to 5',
      jurisdictions: [],
      list: 'dentists',
      hours: { weekday: [{ start: '09:00', end: '17:00' }], saturday: [], sunday: [] },
      holidaysForbidden: false,
    };
    const team = { ...limits, teamRules: [nineToFive] };
    // 17:30 on a Tuesday in Chicago.
    const late = at('2026-03-03T23:30:00Z');
    const dentist = mayDial(late, { target: target({ list: 'dentists' }), limits: team });
    expect(dentist).toMatchObject({ ok: false, refusals: ['outside-legal-hours'] });
    if (!dentist.ok) expect(dentist.why[0]).toContain('Dentists 9 to 5 allows calls 09:00–17:00');
    expect(mayDial(late, { target: target({ list: 'carriers' }), limits: team }).ok).toBe(true);
  });

  it('counts the daily limit in any 24 hours, and the weekly limit over 7 days', () => {
    const twoToday = [at('2026-03-03T14:00:00Z'), at('2026-03-03T17:00:00Z')];
    expect(
      mayDial(at('2026-03-03T21:00:00Z'), { target: target({ dials: twoToday }), limits }),
    ).toMatchObject({ refusals: ['daily-limit'] });
    const fiveThisWeek = [1, 2, 3, 4, 5].map((d) => at(`2026-03-0${d}T15:00:00Z`));
    expect(
      mayDial(at('2026-03-07T15:00:00Z'), { target: target({ dials: fiveThisWeek }), limits }),
    ).toMatchObject({ refusals: ['weekly-limit'] });
  });

  it('lets a promised callback through the two-hour gap, never through legal hours', () => {
    const callbackAt = at('2026-03-03T16:00:00Z');
    expect(
      mayDial(callbackAt, { target: target({ dials: [at('2026-03-03T15:00:00Z')], callbackAt }), limits }),
    ).toEqual({ ok: true });
    const late = at('2026-03-04T04:00:00Z');
    expect(mayDial(late, { target: target({ callbackAt: late }), limits }).ok).toBe(false);
  });

  it('keeps an ambiguous prospect inside the window in every candidate zone', () => {
    const ambiguous = target({ timezone: null, timezoneCandidates: ['America/Chicago', 'America/Denver'] });
    expect(mayDial(at('2026-03-03T14:30:00Z'), { target: ambiguous, limits }).ok).toBe(false); // 8:30 Chicago, 7:30 Denver
    expect(mayDial(at('2026-03-03T15:30:00Z'), { target: ambiguous, limits }).ok).toBe(true);
  });

  it('calls an unknown zone only inside the window of every territory zone, and never with no territory', () => {
    const unknown = target({ timezone: null, timezoneCandidates: [] });
    expect(mayDial(at('2026-03-03T13:30:00Z'), { target: unknown, limits }).ok).toBe(false); // 8:30 New York, 7:30 Chicago
    expect(mayDial(at('2026-03-03T15:00:00Z'), { target: unknown, limits }).ok).toBe(true);
    expect(
      mayDial(at('2026-03-03T15:00:00Z'), { target: unknown, limits: { ...limits, territoryZones: [] } }),
    ).toMatchObject({
      refusals: ['zone-unknown'],
    });
  });
});

describe('legal hours, whatever the zone, the day or the clock change', () => {
  const zones = [
    'America/New_York',
    'America/Chicago',
    'America/Denver',
    'America/Phoenix',
    'America/Los_Angeles',
    'Europe/London',
    'Europe/Berlin',
    'Australia/Sydney',
    'Asia/Kolkata',
    'Pacific/Honolulu',
  ];
  // Around the 2026 transitions in both hemispheres, and any other day of the year.
  const instant = fc.oneof(
    fc.integer({ min: Date.parse('2026-03-07T00:00:00Z'), max: Date.parse('2026-03-10T00:00:00Z') }),
    fc.integer({ min: Date.parse('2026-03-28T00:00:00Z'), max: Date.parse('2026-04-06T00:00:00Z') }),
    fc.integer({ min: Date.parse('2026-10-24T00:00:00Z'), max: Date.parse('2026-11-03T00:00:00Z') }),
    fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') }),
  );
  const known = fc.subarray(zones, { minLength: 1, maxLength: 3 });

  it('never allows a dial outside 8:00-21:00 in any zone the prospect may be in', () => {
    fc.assert(
      fc.property(instant, known, fc.boolean(), (ms, candidates, single) => {
        const when = new Date(ms);
        const t = target({
          timezone: single ? candidates[0]! : null,
          timezoneCandidates: single ? [candidates[0]!] : candidates,
        });
        if (mayDial(when, { target: t, limits }).ok) {
          for (const zone of single ? [candidates[0]!] : candidates) {
            const local = DateTime.fromJSDate(when, { zone });
            expect(local.hour).toBeGreaterThanOrEqual(8);
            expect(local.hour).toBeLessThan(21);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('never allows a dial to a DNC number or an opted-out prospect, at any time', () => {
    fc.assert(
      fc.property(instant, fc.boolean(), fc.boolean(), (ms, dnc, optedOut) => {
        fc.pre(dnc || optedOut);
        expect(mayDial(new Date(ms), { target: target({ numberOnDnc: dnc, optedOut }), limits }).ok).toBe(
          false,
        );
      }),
    );
  });

  it('never allows more than the daily and weekly limits, nor two dials within two hours without a promise', () => {
    fc.assert(
      fc.property(fc.array(instant, { maxLength: 12 }), instant, (history, ms) => {
        const when = new Date(ms);
        const dials = history.map((h) => new Date(h));
        if (mayDial(when, { target: target({ dials }), limits }).ok) {
          const earlier = dials.filter((d) => d <= when);
          expect(earlier.filter((d) => when.getTime() - d.getTime() < 7 * 86_400_000).length).toBeLessThan(5);
          expect(earlier.some((d) => when.getTime() - d.getTime() < 7_200_000)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
