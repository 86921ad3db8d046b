import { describe, expect, it } from 'vitest';
import { strategies } from '../../contracts/vocabulary.ts';
import type { Earlier, Material } from './compose.ts';
import { decideVoicemail, type Strategy, type VoicemailState } from './decide.ts';

const AT = new Date('2026-03-03T23:30:00Z'); // Tuesday 17:30 in Chicago
const DAY = 86_400_000;

const material = (over: Partial<Material> = {}): Material => ({
  firstName: 'Dana',
  company: 'Acme Freight',
  industry: 'Transportation',
  objective: 'cutting empty miles on regional lanes',
  benefits: ['fewer empty miles', 'dispatchers freed from phone tag'],
  referredBy: null,
  news: [
    { id: 1, title: 'Acme Freight opened a cross-dock in Reno', detail: null, on: null, industry: null },
  ],
  events: [
    {
      id: 2,
      title: 'the Midwest Operations Breakfast',
      detail: 'a short talk on peak season',
      on: new Date('2026-03-12T14:00:00Z'),
      industry: null,
    },
  ],
  contacts: [
    { id: 3, title: 'Maria Lopez', detail: 'runs operations at Midland Foods', on: null, industry: null },
  ],
  references: [
    {
      key: '4',
      name: 'Granite State Carriers',
      result: 'cut empty miles by 14%',
      industry: 'Transportation',
    },
  ],
  voice: { name: 'Sam Ortiz', phone: '+13125550147', seller: 'Tallgrass' },
  when: (on) => (on ? 'on Thursday, March 12' : ''),
  ...over,
});

type Over = {
  strategy?: Strategy;
  at?: Date;
  team?: Partial<VoicemailState['team']>;
  prospect?: Partial<VoicemailState['prospect']>;
  messages?: Earlier[];
  material?: Partial<Material>;
  pursuit?: VoicemailState['pursuit'];
};

function state(over: Over = {}): VoicemailState {
  return {
    at: over.at ?? AT,
    strategy: over.strategy ?? 'rules',
    strategyFrom: 'team',
    team: { offerCategory: 'software', maxMessagesPerProspect: 8, ...over.team },
    prospect: {
      stage: 'contacted',
      value: 50_000,
      optedOut: false,
      doNotCall: false,
      insideCallingHours: true,
      alreadyHasProduct: false,
      competitorRelationship: false,
      prefers: null,
      localHour: 17,
      localWeekday: 2,
      attempts: 4,
      spokeBefore: true,
      positiveContact: true,
      ...over.prospect,
    },
    typicalValue: 20_000,
    pursuit: over.pursuit ?? null,
    messages: over.messages ?? [],
    material: material(over.material),
    context: {
      rep: { name: 'Sam Ortiz', phone: '+13125550147' },
      prospect: {
        company: 'Acme Freight',
        industry: 'Transportation',
        spokeBefore: over.prospect?.spokeBefore ?? true,
        calledUs: false,
        benefits: ['fewer empty miles', 'dispatchers freed from phone tag'],
      },
    },
  };
}

const left = (
  daysAgo: number,
  kind = 'information',
  text = 'An older message about something else entirely.',
): Earlier => ({
  at: new Date(AT.getTime() - daysAgo * DAY),
  kind,
  text,
  template: null,
});

const cold = { spokeBefore: false, positiveContact: false, stage: 'contacted' as const };

/** Every rule of the brief's section 3, with the decision and the reason a rep reads. */
const table: { rule: string; over: Over; decision: 'leave' | 'skip'; code: string; text?: RegExp }[] = [
  // Never (Werth)
  {
    rule: 'never: no messages, call at another hour',
    over: { strategy: 'never' },
    decision: 'skip',
    code: 'strategy-never',
    text: /another hour/,
  },
  // It depends (Gitomer): the don'ts
  {
    rule: 'rules: a cold first call gets no message',
    over: { prospect: { ...cold, attempts: 1 } },
    decision: 'skip',
    code: 'cold-call',
    text: /^cold first call: no message$/,
  },
  {
    rule: 'rules: an exploratory call, never spoken, gets none',
    over: { prospect: { ...cold, attempts: 5 } },
    decision: 'skip',
    code: 'cold-call',
    text: /5th attempt, never spoken/,
  },
  {
    rule: 'rules: they likely have the product already',
    over: { prospect: { alreadyHasProduct: true } },
    decision: 'skip',
    code: 'has-product',
  },
  {
    rule: 'rules: up against an existing relationship',
    over: { prospect: { competitorRelationship: true } },
    decision: 'skip',
    code: 'existing-relationship',
  },
  {
    rule: 'rules: fundraising for a charity',
    over: { team: { offerCategory: 'charity' } },
    decision: 'skip',
    code: 'charity',
  },
  {
    rule: 'rules: selling insurance',
    over: { team: { offerCategory: 'insurance' } },
    decision: 'skip',
    code: 'regulated-offer',
    text: /insurance/,
  },
  {
    rule: 'rules: selling securities',
    over: { team: { offerCategory: 'securities' } },
    decision: 'skip',
    code: 'regulated-offer',
    text: /securities/,
  },
  {
    rule: 'rules: selling financial planning',
    over: { team: { offerCategory: 'financial-planning' } },
    decision: 'skip',
    code: 'regulated-offer',
    text: /financial planning/,
  },
  {
    rule: 'rules: a don’t beats a leave-condition',
    over: { prospect: { stage: 'interested', alreadyHasProduct: true } },
    decision: 'skip',
    code: 'has-product',
  },
  // It depends: the leave-conditions
  {
    rule: 'rules: spoke before with positive feedback',
    over: {},
    decision: 'leave',
    code: 'positive-contact',
  },
  {
    rule: 'rules: following up an interested lead (mid-sale)',
    over: { prospect: { stage: 'interested', positiveContact: false } },
    decision: 'leave',
    code: 'mid-sale',
  },
  {
    rule: 'rules: an existing customer',
    over: { prospect: { stage: 'customer', positiveContact: false } },
    decision: 'leave',
    code: 'customer',
  },
  {
    rule: 'rules: valuable information to pass',
    over: { prospect: { positiveContact: false } },
    decision: 'leave',
    code: 'valuable-information',
  },
  {
    rule: 'rules: a prepared high-impact message',
    over: { prospect: { positiveContact: false }, material: { news: [] } },
    decision: 'leave',
    code: 'high-impact',
  },
  {
    rule: 'rules: spoke before, nothing new or prepared',
    over: { prospect: { positiveContact: false }, material: { news: [], references: [] } },
    decision: 'skip',
    code: 'no-leave-condition',
  },
  {
    rule: 'rules: a referral is not a cold call',
    over: { prospect: { ...cold }, material: { referredBy: 'Pat Reyes' } },
    decision: 'leave',
    code: 'referred',
  },
  // Persistent value (Miller)
  {
    rule: 'persistent: a high-value prospect gets the series, cold or not',
    over: { strategy: 'persistent', prospect: { ...cold, value: 90_000, attempts: 12 } },
    decision: 'leave',
    code: 'high-value',
  },
  {
    rule: 'persistent: a low-value prospect gets one early',
    over: { strategy: 'persistent', prospect: { ...cold, value: 5_000, attempts: 2 } },
    decision: 'leave',
    code: 'early-attempt',
  },
  {
    rule: 'persistent: a low-value prospect gets none after a few attempts',
    over: { strategy: 'persistent', prospect: { value: 5_000, attempts: 4 } },
    decision: 'skip',
    code: 'low-value',
    text: /after 3 attempts/,
  },
  {
    rule: 'persistent: unknown value counts as low',
    over: { strategy: 'persistent', prospect: { value: null, attempts: 6 } },
    decision: 'skip',
    code: 'low-value',
    text: /value unknown/,
  },
  {
    rule: 'persistent: no series to a prospect keep-or-drop drops',
    over: {
      strategy: 'persistent',
      prospect: { ...cold, value: 90_000, attempts: 30 },
      pursuit: { recommendation: 'drop', reason: '30 attempts, 0 messages, 22 min; …: drop' },
    },
    decision: 'skip',
    code: 'dropped',
    text: /keep-or-drop says drop: 30 attempts/,
  },
  {
    rule: "persistent: a slowed prospect's message is the week's touch",
    over: {
      strategy: 'persistent',
      prospect: { ...cold, value: 90_000, attempts: 12 },
      pursuit: { recommendation: 'slow-down', reason: '…: a touch a week' },
    },
    decision: 'leave',
    code: 'slowed',
  },
  {
    rule: 'persistent: the series is spaced',
    over: { strategy: 'persistent', messages: [left(2)] },
    decision: 'skip',
    code: 'spacing',
  },
  // Short curiosity (Robinson)
  {
    rule: 'curiosity: after hours, a short message',
    over: { strategy: 'curiosity', prospect: { ...cold, localHour: 18 } },
    decision: 'leave',
    code: 'after-hours',
  },
  {
    rule: 'curiosity: not during business hours',
    over: { strategy: 'curiosity', prospect: { localHour: 11 } },
    decision: 'skip',
    code: 'business-hours',
    text: /after 17:00/,
  },
  {
    rule: 'curiosity: a weekend counts as after hours',
    over: { strategy: 'curiosity', prospect: { localHour: 11, localWeekday: 6 } },
    decision: 'leave',
    code: 'after-hours',
  },
];

/** Limits no strategy may cross. */
const always: { rule: string; over: Over; code: string }[] = [
  { rule: 'they asked not to be called', over: { prospect: { optedOut: true } }, code: 'opted-out' },
  { rule: 'a Do-Not-Call number', over: { prospect: { doNotCall: true } }, code: 'do-not-call' },
  { rule: 'a lost prospect', over: { prospect: { stage: 'lost' } }, code: 'lost' },
  { rule: 'outside calling hours', over: { prospect: { insideCallingHours: false } }, code: 'outside-hours' },
  { rule: 'they prefer email', over: { prospect: { prefers: 'email' } }, code: 'prefers-channel' },
  { rule: 'they prefer letters', over: { prospect: { prefers: 'letter' } }, code: 'prefers-channel' },
  { rule: 'a message within 24 hours', over: { messages: [left(0.9)] }, code: 'message-24h' },
  { rule: 'two messages in 7 days', over: { messages: [left(6), left(3.5)] }, code: 'weekly-limit' },
  {
    rule: "the team's maximum per prospect",
    over: { team: { maxMessagesPerProspect: 2 }, messages: [left(30), left(20)] },
    code: 'max-messages',
  },
];

describe('the voicemail decision', () => {
  it.each(table)('$rule', ({ over, decision, code, text }) => {
    const d = decideVoicemail(state(over));
    expect(d.decision).toBe(decision);
    expect(d.reasons.map((r) => r.code)).toContain(code);
    if (text) expect(d.reasons.find((r) => r.code === code)?.text).toMatch(text);
    if (decision === 'leave') {
      expect(d.script).not.toBeNull();
      expect(d.script!.checks.filter((c) => c.severity === 'fail')).toEqual([]);
    } else expect(d.script).toBeNull();
  });

  for (const strategy of strategies)
    it.each(always)(`${strategy}: never when $rule`, ({ over, code }) => {
      const d = decideVoicemail(state({ ...over, strategy, prospect: { localHour: 18, ...over.prospect } }));
      expect(d.decision).toBe('skip');
      expect(d.reasons.at(-1)?.code).toBe(code);
    });

  it('curiosity messages are short and tailored, and still do not pitch: their name, company and goal, no benefit or client', () => {
    const d = decideVoicemail(state({ strategy: 'curiosity', prospect: { localHour: 19 } }));
    expect(d.script?.kind).toBe('curiosity');
    expect(d.script!.text).toMatch(/Dana/);
    expect(d.script!.text).toMatch(/cutting empty miles on regional lanes at Acme Freight/);
    expect(d.script!.text).not.toMatch(/fewer empty miles|Granite|phone tag/);
    expect(d.script!.seconds).toBeLessThanOrEqual(20);
  });

  it('glued fragments ("an idea for cut scrap on the press line along the same lines"): a goal and a result are fitted into sentences', () => {
    const d = decideVoicemail(
      state({
        strategy: 'persistent',
        material: {
          news: [],
          events: [],
          contacts: [],
          objective: 'cut scrap on the press line',
          benefits: ['less scrap', 'shorter changeovers'],
          references: [
            { key: '9', name: 'Ridgeway Plastics', result: 'reduced scrap by 30%', industry: null },
          ],
        },
      }),
    );
    expect(d.script?.template).toMatch(/^info-peer/);
    expect(d.script!.text).toContain('We recently helped Ridgeway Plastics reduce scrap by 30%.');
    expect(d.script!.text).toContain(
      'could help with cutting scrap on the press line: less scrap and shorter changeovers.',
    );
    expect(d.script!.text).not.toMatch(/for cut |along the same lines/);
  });

  it('the same curiosity words went to everyone: each prospect hears their own company and goal', () => {
    const curious = (over: Partial<Material>) =>
      decideVoicemail(
        state({ strategy: 'curiosity', prospect: { localHour: 19 }, material: over }),
      ).script!.text.replace(/^\w+/, '');
    const other = curious({
      firstName: 'Lee',
      company: 'Ridgeway Plastics',
      objective: 'halve changeover time',
    });
    expect(other).toMatch(/halving changeover time at Ridgeway Plastics/);
    expect(other).not.toBe(curious({}));
    expect(curious({ objective: null })).toMatch(/a project for Acme Freight/);
  });

  it('says which message of the series it is and when the last one was', () => {
    const messages = [left(20, 'information'), left(13, 'invitation'), left(6, 'introduction')];
    const d = decideVoicemail(state({ strategy: 'persistent', messages }));
    expect(d.decision).toBe('leave');
    expect(d.reasons.at(-1)?.text).toBe('2nd information message; last one 6 days ago');
  });

  it('rotates kinds: not the kind left last time when another has something to say', () => {
    const d = decideVoicemail(state({ strategy: 'persistent', messages: [left(5, 'information')] }));
    expect(d.script?.kind).not.toBe('information');
  });

  it('never uses a news item, event or contact twice with the same prospect', () => {
    const messages: Earlier[] = [
      { ...left(20, 'information'), template: 'info-benefits|news:1' },
      { ...left(13, 'invitation'), template: 'invite-plain|event:2' },
      { ...left(6, 'introduction'), template: 'intro-plain|contact:3' },
    ];
    const d = decideVoicemail(state({ strategy: 'persistent', messages, material: { references: [] } }));
    expect(d.decision).toBe('skip');
    expect(d.reasons.at(-1)).toEqual({
      code: 'nothing-new',
      text: 'nothing new to say: add news, an event or a contact',
    });
    expect(d.missing.map((m) => m.need)).toEqual(expect.arrayContaining(['news', 'event', 'contact']));
  });

  it('the decision flipped to skip when research was missing: it stays leave, with no generic script and the missing research listed', () => {
    const d = decideVoicemail(
      state({
        strategy: 'persistent',
        material: { objective: null, benefits: [], news: [], events: [], contacts: [], references: [] },
      }),
    );
    expect(d.decision).toBe('leave');
    expect(d.script).toBeNull();
    expect(d.reasons.at(-1)?.code).toBe('missing-research');
    expect(d.reasons.at(-1)?.text).toContain('leave one in your own words');
    expect(d.missing.map((m) => m.text)).toContain('add the priority objective to the research notes');
  });

  it('an interested lead with no research got no message: a follow-up refers honestly to the last conversation', () => {
    const talk = {
      on: new Date('2026-03-02T16:00:00Z'),
      result: 'callback-scheduled' as const,
      next: 'on Thursday at 3:00 PM',
    };
    const d = decideVoicemail(
      state({
        strategy: 'rules',
        prospect: { stage: 'engaged', spokeBefore: true, positiveContact: true },
        material: {
          objective: null,
          benefits: [],
          news: [],
          events: [],
          contacts: [],
          references: [],
          lastTalk: talk,
          when: () => 'on Monday, March 2',
        },
      }),
    );
    expect(d.decision).toBe('leave');
    expect(d.script?.kind).toBe('follow-up');
    expect(d.script?.text).toContain(
      'Following up on our conversation on Monday, March 2, when you asked me to call you back on Thursday at 3:00 PM.',
    );
    expect(d.script?.checks.filter((c) => c.severity === 'fail')).toEqual([]);
    // Never to a stranger: with no conversation on record there is nothing to follow up.
    const cold = decideVoicemail(
      state({
        strategy: 'persistent',
        material: {
          objective: null,
          benefits: [],
          news: [],
          events: [],
          contacts: [],
          references: [],
          lastTalk: null,
        },
      }),
    );
    expect(cold.script).toBeNull();
  });

  it("needs the rep's name and number before it can script anything", () => {
    const d = decideVoicemail(state({ material: { voice: null } }));
    expect(d.decision).toBe('skip');
    expect(d.reasons.at(-1)?.code).toBe('no-voice');
    expect(d.missing[0]?.need).toBe('voice');
  });

  it('refuses a draft that repeats an earlier message and finds another', () => {
    const first = decideVoicemail(state({ strategy: 'persistent' }));
    const earlier = [{ ...left(10, first.script!.kind, first.script!.text), template: 'other' }];
    const second = decideVoicemail(state({ strategy: 'persistent', messages: earlier }));
    expect(second.decision).toBe('leave');
    expect(second.script!.text).not.toBe(first.script!.text);
  });

  it('is a pure function of the state and the time', () => {
    expect(decideVoicemail(state({ strategy: 'persistent' }))).toEqual(
      decideVoicemail(state({ strategy: 'persistent' })),
    );
  });
});

describe('the adaptive strategy', () => {
  const adaptive = (over: Over = {}) => decideVoicemail(state({ strategy: 'adaptive', ...over }));

  it('leaves a message mid-sale, as the rules do', () => {
    const d = adaptive({ prospect: { stage: 'engaged', spokeBefore: false, positiveContact: false } });
    expect(d.decision).toBe('leave');
    expect(d.reasons.map((r) => r.code)).toContain('mid-sale');
  });

  it('leaves none on a cold call', () => {
    const d = adaptive({
      prospect: { stage: 'new', spokeBefore: false, positiveContact: false, attempts: 1 },
    });
    expect(d.reasons.at(-1)).toEqual({ code: 'cold-call', text: 'cold first call: no message' });
  });

  it('waits a week between messages, where the rules would leave one after a day', () => {
    const messages = [left(3)];
    expect(decideVoicemail(state({ strategy: 'rules', messages })).decision).toBe('leave');
    const d = adaptive({ messages });
    expect(d.decision).toBe('skip');
    expect(d.reasons.at(-1)).toEqual({
      code: 'spacing',
      text: 'last message 3 days ago: one a week keeps them listening',
    });
    expect(adaptive({ messages: [left(8)] }).decision).toBe('leave');
  });

  it('stops at three messages without a reply, and goes on once the prospect has called back', () => {
    const messages = [left(30), left(22), left(15, 'invitation')];
    const d = adaptive({ messages });
    expect(d.reasons.at(-1)).toEqual({
      code: 'unanswered-messages',
      text: '3 messages without a reply: call at other hours, or write instead',
    });
    const replied = state({ strategy: 'adaptive', messages });
    replied.context.prospect = { ...replied.context.prospect!, calledUs: true };
    expect(decideVoicemail(replied).decision).toBe('leave');
  });
});
