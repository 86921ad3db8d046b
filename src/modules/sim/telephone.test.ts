import { describe, expect, it } from 'vitest';
import {
  annoyanceOf,
  callbackChance,
  freshHidden,
  type Hidden,
  reachChance,
  routeOf,
  wallOf,
  wordsOf,
} from './telephone.ts';
import type { NumberKind, SimProspect } from './territory.ts';
import { parseWorld } from './world.ts';

const b = parseWorld({}).behaviour;
const hm = (clock: string): number => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/** A New York prospect: in 07:30-18:00 with lunch at 14:00, gatekeeper 08:30-17:00 with lunch 12:30-13:30, never in meetings. */
function prospect(over: Partial<SimProspect> = {}): SimProspect {
  const number = (id: number, kind: NumberKind) => ({
    id,
    kind,
    e164: `+1212555010${id}`,
    bad: false,
    given: kind !== 'private',
  });
  return {
    id: 1,
    visible: {
      firstName: 'Ann',
      lastName: 'Lee',
      company: 'Acme',
      industry: 'Retail',
      title: 'CFO',
      seniority: 3,
      stage: 'new',
      value: 20_000,
      timezone: 'America/New_York',
      research: null,
    },
    numbers: [number(1, 'main'), number(2, 'direct'), number(3, 'mobile'), number(4, 'private')],
    persona: 'gatekeeper-fronted',
    zone: 'America/New_York',
    dm: { from: hm('07:30'), to: hm('18:00') },
    dmLunch: { from: hm('14:00'), to: hm('14:45') },
    gatekeeper: {
      day: { from: hm('08:30'), to: hm('17:00') },
      lunch: { from: hm('12:30'), to: hm('13:30') },
    },
    // A seed whose meeting draws never fall under the share is not guaranteed: tests use a zero share instead.
    meetingSeed: 7,
    interest: 0.12,
    threshold: 1.2,
    researched: false,
    hasProduct: false,
    competitor: false,
    ...over,
  };
}
const free = { ...b, meetingShare: 0, awayDayShare: 0 };
// Tuesday 2026-03-03; New York is UTC-5.
const at = (clock: string): number => Date.parse(`2026-03-03T${clock}:00-05:00`);
const route = (p: SimProspect, dial: { kind: NumberKind; clock: string; hidden?: Hidden }) => {
  const { kind, clock, hidden = freshHidden() } = dial;
  const number = p.numbers.find((n) => n.kind === kind)!;
  const t = at(clock);
  return routeOf({ prospect: p, hidden, number, at: t, wall: wallOf(t, p.zone), behaviour: free });
};

describe('the simulated telephone', () => {
  it('puts the main line through to the gatekeeper at her desk and to an auto-attendant when she is away', () => {
    const p = prospect();
    expect(route(p, { kind: 'main', clock: '10:00' })).toEqual({ to: 'gatekeeper' });
    expect(route(p, { kind: 'main', clock: '12:45' })).toEqual({ to: 'auto-attendant' });
    expect(route(p, { kind: 'main', clock: '17:30' })).toEqual({ to: 'auto-attendant' });
  });

  it("forwards a gatekeeper-fronted decision maker's direct line to the gatekeeper, but not an edge-hours one's", () => {
    expect(route(prospect(), { kind: 'direct', clock: '10:00' })).toEqual({ to: 'gatekeeper' });
    expect(route(prospect(), { kind: 'direct', clock: '08:00' })).toEqual({ to: 'own-line', pickup: 0.5 });
    expect(route(prospect({ persona: 'edge-hours' }), { kind: 'direct', clock: '10:00' })).toEqual({
      to: 'own-line',
      pickup: 0.7,
    });
  });

  it('rings nobody before the decision maker arrives, at their lunch, after they leave and at weekends', () => {
    expect(route(prospect(), { kind: 'private', clock: '07:00' })).toEqual({ to: 'own-line', pickup: 0 });
    expect(route(prospect(), { kind: 'private', clock: '14:15' })).toEqual({ to: 'own-line', pickup: 0 });
    expect(route(prospect(), { kind: 'private', clock: '18:30' })).toEqual({ to: 'own-line', pickup: 0 });
    const saturday = Date.parse('2026-03-07T10:00:00-05:00');
    const p = prospect();
    const number = p.numbers[3]!;
    expect(
      reachChance({
        prospect: p,
        hidden: freshHidden(),
        number,
        at: saturday,
        wall: wallOf(saturday, p.zone),
        behaviour: free,
      }),
    ).toBe(0);
  });

  it('lets a screener pick up a known number far more often than an unknown one', () => {
    const p = prospect({ persona: 'screener', gatekeeper: null });
    expect(route(p, { kind: 'direct', clock: '10:00' })).toEqual({ to: 'own-line', pickup: 0.04 });
    expect(
      route(p, { kind: 'direct', clock: '10:00', hidden: { ...freshHidden(), knowsNumber: true } }),
    ).toEqual({
      to: 'own-line',
      pickup: 0.6,
    });
  });

  it('lowers pick-up 7% for each unanswered ring this week and 20% per message for a desk persona', () => {
    const p = prospect({ persona: 'desk', gatekeeper: null });
    const h = { ...freshHidden(), unanswered: [at('09:00'), at('09:30')] };
    expect(
      (route(p, { kind: 'direct', clock: '10:00', hidden: h }) as { pickup: number }).pickup,
    ).toBeCloseTo(0.45 * 0.93 ** 2, 10);
    const messaged = {
      ...freshHidden(),
      messages: [{ at: at('09:00'), kind: 'generic' as const, words: new Set<string>(), tailored: false }],
    };
    expect(
      (route(p, { kind: 'direct', clock: '10:00', hidden: messaged }) as { pickup: number }).pickup,
    ).toBeCloseTo(0.45 * 0.8, 10);
  });

  it('answers a mobile a quarter of the time in the working day, a tenth near it, never late at night', () => {
    const p = prospect();
    expect(route(p, { kind: 'mobile', clock: '10:00' })).toEqual({ to: 'mobile', pickup: 0.25 });
    expect(route(p, { kind: 'mobile', clock: '19:00' })).toEqual({ to: 'mobile', pickup: 0.1 });
    expect(route(p, { kind: 'mobile', clock: '20:30' })).toEqual({ to: 'mobile', pickup: 0 });
  });

  it('never connects a bad number', () => {
    const p = prospect();
    p.numbers[1]!.bad = true;
    expect(route(p, { kind: 'direct', clock: '08:00' })).toEqual({ to: 'dead' });
  });
});

describe('callbacks and annoyance', () => {
  const message = (
    text: string,
    kind: 'generic' | 'information' | 'curiosity' = 'information',
    clock = '10:00',
  ) => ({
    kind,
    words: wordsOf(text),
    at: at(clock),
  });
  const chance = (over: {
    p?: SimProspect;
    h?: Hidden;
    m?: ReturnType<typeof message>;
    stage?: string;
    offer?: string;
  }) =>
    callbackChance({
      prospect: over.p ?? prospect(),
      hidden: over.h ?? freshHidden(),
      message: over.m ?? message('news about your new site'),
      stage: over.stage ?? 'new',
      spokenBefore: false,
      offer: over.offer ?? 'software',
      behaviour: b,
    });

  it('pays a relevant message to a researched prospect more than a generic one', () => {
    expect(chance({ p: prospect({ researched: true }) })).toBeCloseTo(0.35 * 0.28, 10);
    expect(chance({ m: message('call me back', 'generic') })).toBeCloseTo(0.35 * 0.12, 10);
    expect(chance({ m: message('a project to talk about', 'curiosity') })).toBeCloseTo(0.35 * 0.18, 10);
  });

  it('earns nothing from a cold first message when the offer is insurance', () => {
    expect(chance({ offer: 'insurance' })).toBe(0);
    expect(chance({ offer: 'insurance', stage: 'engaged' })).toBeGreaterThan(0);
  });

  it('weighs fit: less for a prospect with the product, more mid-sale', () => {
    expect(chance({ p: prospect({ hasProduct: true }) })).toBeCloseTo(0.35 * 0.12 * 0.4, 10);
    expect(chance({ stage: 'engaged' })).toBeCloseTo(0.35 * 0.12 * 1.5, 10);
  });

  it('counts a message that repeats most of an earlier one as generic at a fifth, and a second in a day as nothing', () => {
    const h: Hidden = {
      ...freshHidden(),
      messages: [
        {
          at: at('09:00') - 2 * 86_400_000,
          kind: 'information',
          words: wordsOf('news about your new site'),
          tailored: true,
        },
      ],
    };
    const p = prospect({ researched: true });
    expect(chance({ p, h, m: message('news about your new site today') })).toBeCloseTo(0.35 * 0.12 * 0.2, 10);
    expect(chance({ p, h, m: message('an invitation to the summit in May') })).toBeCloseTo(
      0.35 * 0.28 * 0.85,
      10,
    );
    const soon: Hidden = { ...h, messages: [{ ...h.messages[0]!, at: at('08:00') }] };
    expect(chance({ p, h: soon, m: message('an invitation to the summit in May') })).toBe(0);
  });

  it('grows annoyance by a tenth for a second dial in a day, a quarter per message and one for a second message in a day', () => {
    const h: Hidden = { ...freshHidden(), dials: [at('09:00')] };
    expect(annoyanceOf(freshHidden(), at('10:00'), false)).toBe(0);
    expect(annoyanceOf(h, at('10:00'), false)).toBeCloseTo(0.1, 10);
    expect(annoyanceOf(freshHidden(), at('10:00'), true)).toBeCloseTo(0.25, 10);
    const messaged: Hidden = {
      ...h,
      messages: [{ at: at('09:00'), kind: 'generic', words: new Set(), tailored: false }],
    };
    expect(annoyanceOf(messaged, at('10:00'), true)).toBeCloseTo(1.35, 10);
  });
});
