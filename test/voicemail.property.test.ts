import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { strategies } from '../src/contracts/vocabulary.ts';
import { usedFacts } from '../src/modules/voicemail/compose.ts';
import { decideVoicemail, type VoicemailState } from '../src/modules/voicemail/decide.ts';
import type { Point } from '../src/modules/voicemail/templates.ts';
import { overlap, REPEAT_SHARE } from '../src/modules/voicemail/words.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-03-02T14:00:00Z');

const points = (kind: string, offset: number) =>
  fc.integer({ min: 0, max: 4 }).map((n): Point[] =>
    Array.from({ length: n }, (_, i) => ({
      id: offset + i,
      title: `${kind} number ${i + 1} about ${['Reno', 'Omaha', 'Tulsa', 'Boise'][i % 4]} and the ${['spring', 'autumn', 'winter', 'summer'][i % 4]} season`,
      detail: i % 2 === 0 ? `detail ${i} for the ${kind}` : null,
      on: kind === 'event' ? new Date(START + (30 + i) * 24 * HOUR) : null,
      industry: null,
    })),
  );

const world = fc.record({
  strategy: fc.constantFrom(...strategies),
  offerCategory: fc.constantFrom('software', 'services', 'insurance', 'charity'),
  max: fc.constantFrom(0, 2, 8, 40),
  stage: fc.constantFrom('new', 'contacted', 'engaged', 'interested', 'customer', 'lost'),
  value: fc.option(fc.integer({ min: 1_000, max: 200_000 }), { nil: null }),
  optedOut: fc.constantFrom(false, false, false, true),
  doNotCall: fc.constantFrom(false, false, false, true),
  prefers: fc.constantFrom(null, null, null, null, null, 'email', 'letter', 'voicemail', 'phone'),
  flags: fc.record({ has: fc.boolean(), rival: fc.boolean(), spoke: fc.boolean(), positive: fc.boolean() }),
  objective: fc.option(fc.constantFrom('cutting empty miles', 'faster patient intake'), { nil: null }),
  benefits: fc.constantFrom([], ['fewer empty miles'], ['fewer empty miles', 'dispatchers off the phone']),
  referredBy: fc.option(fc.constantFrom('Pat Reyes'), { nil: null }),
  pursuit: fc.constantFrom(null, 'continue', 'slow-down', 'drop'),
  news: points('news', 100),
  events: points('event', 200),
  contacts: points('contact', 300),
  references: fc.constantFrom(
    [],
    [
      {
        key: '1',
        name: 'Granite State Carriers',
        result: 'cut empty miles by 14%',
        industry: 'Transportation',
      },
    ],
  ),
  /** Calls that hit voicemail: hours after the previous one, and whether inside calling hours. */
  calls: fc.array(
    fc.record({
      gapHours: fc.double({ min: 0.25, max: 120, noNaN: true }),
      localHour: fc.integer({ min: 8, max: 20 }),
      weekday: fc.integer({ min: 1, max: 7 }),
      inside: fc.constantFrom(true, true, true, true, true, true, true, false),
    }),
    { minLength: 1, maxLength: 60 },
  ),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function play(w: World): {
  left: { at: Date; text: string; template: string | null; checks: string[] }[];
  states: VoicemailState[];
} {
  const messages: VoicemailState['messages'] = [];
  const left: { at: Date; text: string; template: string | null; checks: string[] }[] = [];
  const states: VoicemailState[] = [];
  let t = START;
  w.calls.forEach((call, i) => {
    t += call.gapHours * HOUR;
    const state: VoicemailState = {
      at: new Date(t),
      strategy: w.strategy,
      strategyFrom: 'team',
      team: { offerCategory: w.offerCategory, maxMessagesPerProspect: w.max },
      prospect: {
        stage: w.stage as VoicemailState['prospect']['stage'],
        value: w.value,
        optedOut: w.optedOut,
        doNotCall: w.doNotCall,
        insideCallingHours: call.inside,
        alreadyHasProduct: w.flags.has,
        competitorRelationship: w.flags.rival,
        prefers: w.prefers,
        localHour: call.localHour,
        localWeekday: call.weekday,
        attempts: i + 1,
        spokeBefore: w.flags.spoke,
        positiveContact: w.flags.positive,
      },
      typicalValue: 20_000,
      pursuit:
        w.pursuit === null ? null : { recommendation: w.pursuit, reason: `keep-or-drop: ${w.pursuit}` },
      messages: [...messages],
      material: {
        firstName: 'Dana',
        company: 'Acme Freight',
        industry: 'Transportation',
        objective: w.objective,
        benefits: [...w.benefits],
        referredBy: w.referredBy,
        news: w.news,
        events: w.events,
        contacts: w.contacts,
        references: [...w.references],
        voice: { name: 'Sam Ortiz', phone: '+13125550147', seller: 'Tallgrass' },
        when: (on) => (on ? `on day ${on.getUTCDate()}` : ''),
      },
      context: {
        rep: { name: 'Sam Ortiz', phone: '+13125550147' },
        prospect: {
          company: 'Acme Freight',
          industry: 'Transportation',
          spokeBefore: w.flags.spoke,
          calledUs: false,
          benefits: [...w.benefits],
        },
      },
    };
    states.push(state);
    const d = decideVoicemail(state);
    if (d.decision === 'leave' && d.script) {
      messages.push({ at: state.at, kind: d.script.kind, text: d.script.text, template: d.script.template });
      left.push({
        at: state.at,
        text: d.script.text,
        template: d.script.template,
        checks: d.script.checks.filter((c) => c.severity === 'fail').map((c) => c.code),
      });
    }
  });
  return { left, states };
}

describe('voicemail decisions over a series of calls', () => {
  it('never leave two messages within 24 hours, more than 2 in 7 days, or past the team maximum', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { left } = play(w);
        for (let i = 1; i < left.length; i++)
          expect(left[i]!.at.getTime() - left[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(24 * HOUR);
        for (const m of left) {
          const week = left.filter((o) => o.at <= m.at && m.at.getTime() - o.at.getTime() < 7 * 24 * HOUR);
          expect(week.length).toBeLessThanOrEqual(2);
        }
        expect(left.length).toBeLessThanOrEqual(w.max);
      }),
      { numRuns: 300 },
    );
  });

  it('never repeat a message or a fact, and never leave one that fails a check', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { left } = play(w);
        left.forEach((m, i) => {
          const earlier = left.slice(0, i).map((e) => e.text);
          expect(overlap(m.text, earlier).share).toBeLessThanOrEqual(REPEAT_SHARE);
          expect(m.checks).toEqual([]);
        });
        const used = left.flatMap((m) =>
          (m.template ?? '')
            .split('|')
            .slice(1)
            .filter((f) => !f.startsWith('ref:')),
        );
        expect(new Set(used).size).toBe(used.length);
        expect(usedFacts(left.map((m) => ({ ...m, kind: '' }))).size).toBeLessThanOrEqual(4);
      }),
      { numRuns: 300 },
    );
  });

  it('never leave a message to a prospect who asked to stop, is on Do-Not-Call, prefers writing, or outside hours', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { left, states } = play(w);
        for (const m of left) {
          const s = states.find((x) => x.at.getTime() === m.at.getTime())!;
          expect(s.prospect.optedOut || s.prospect.doNotCall).toBe(false);
          expect(s.prospect.insideCallingHours).toBe(true);
          expect(['email', 'letter']).not.toContain(s.prospect.prefers);
          expect(s.prospect.stage).not.toBe('lost');
        }
        if (w.strategy === 'never') expect(left).toEqual([]);
        if (w.strategy === 'rules' && ['insurance', 'charity'].includes(w.offerCategory))
          expect(left).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
