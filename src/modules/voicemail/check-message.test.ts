import { describe, expect, it } from 'vitest';
import { type CheckContext, checkMessage, worst } from './check-message.ts';
import { spokenPhone } from './compose.ts';
import { overlap, spokenSeconds } from './words.ts';

const rep = { name: 'Sam Ortiz', phone: '+13125550147' };
const good =
  'Hi Dana, Sam Ortiz with Tallgrass, 312 555 0147. I saw that Acme opened a cross-dock in Reno. We helped Granite State Carriers cut empty miles by 14%, and I have an idea for your regional lanes. A few minutes this week? Sam, 312 555 0147.';
const prospect = (over: Partial<NonNullable<CheckContext['prospect']>> = {}) => ({
  company: 'Acme Freight',
  industry: 'Transportation',
  spokeBefore: false,
  calledUs: false,
  benefits: ['fewer empty miles', 'dispatchers freed from phone tag'],
  ...over,
});

const codes = (text: string, context: CheckContext = { rep }) =>
  checkMessage(text, context)
    .filter((c) => c.severity !== 'ok')
    .map((c) => `${c.severity}:${c.code}`);

describe('the message checker', () => {
  it('passes a short, specific, honest message with the name and the number twice', () => {
    expect(codes(good)).toEqual([]);
    expect(worst(checkMessage(good, { rep }))).toBe('ok');
  });

  const cases: { name: string; text: string; context?: CheckContext; expect: string }[] = [
    {
      name: 'over 45 seconds fails',
      text: `${good} ${'And there is more to say about it. '.repeat(12)}`,
      expect: 'fail:too-long',
    },
    {
      name: 'over 30 seconds warns',
      text: `${good} We also run a breakfast for operations leaders each spring in Chicago, with peers from carriers across the region and a short talk.`,
      expect: 'warn:long',
    },
    { name: '"just touching base" fails', text: `${good} Just touching base.`, expect: 'fail:cliche' },
    {
      name: '"15 to 20 minutes" fails',
      text: good.replace('A few minutes', 'Could I have 15 to 20 minutes'),
      expect: 'fail:cliche',
    },
    {
      name: '"learn about what you are doing" fails',
      text: `${good} I'd love to learn about what you are doing.`,
      expect: 'fail:cliche',
    },
    {
      name: '"we do a lot of work with" without depth warns',
      text: 'Hi Dana, Sam Ortiz, 312 555 0147. We do a lot of work with logistics firms. Call me back, 312 555 0147.',
      expect: 'warn:name-drop',
    },
    {
      name: 'no callback number fails',
      text: 'Hi Dana, Sam Ortiz with Tallgrass. I saw the Reno news and have an idea for your lanes. A few minutes this week?',
      expect: 'fail:no-number',
    },
    {
      name: "someone else's number fails",
      text: good.replaceAll('312 555 0147', '415 555 0199'),
      expect: 'fail:no-number',
    },
    {
      name: 'the number said once warns',
      text: good.replace('Sam, 312 555 0147.', 'Thanks.'),
      expect: 'warn:number-once',
    },
    {
      name: 'no name fails',
      text: good.replace('Sam Ortiz with Tallgrass', 'calling from Tallgrass').replace('Sam, 312', '312'),
      expect: 'fail:no-name',
    },
    {
      name: 'no reason to call back warns',
      text: 'Hi Dana, Sam Ortiz with Tallgrass, 312 555 0147. Sam Ortiz, 312 555 0147.',
      expect: 'warn:no-reason',
    },
    {
      name: '"returning your call" when they never called fails',
      text: `${good} I'm returning your call.`,
      context: { rep, prospect: prospect() },
      expect: 'fail:false-familiarity',
    },
    {
      name: '"as we discussed" with no conversation fails',
      text: `${good} As we discussed, it fits.`,
      context: { rep, prospect: prospect() },
      expect: 'fail:false-familiarity',
    },
    {
      name: '"as we discussed" with no prospect to check warns',
      text: `${good} As we discussed, it fits.`,
      expect: 'warn:false-familiarity',
    },
    { name: 'invented scarcity fails', text: `${good} Only 3 spots left!`, expect: 'fail:urgency' },
    { name: 'invented urgency fails', text: `${good} This offer expires today.`, expect: 'fail:urgency' },
    { name: 'a "re:" pretext fails', text: `Re: your account. ${good}`, expect: 'fail:pretext' },
    {
      name: 'an account pretext fails',
      text: `${good} It is regarding your account.`,
      expect: 'fail:pretext',
    },
    {
      name: 'one benefit where two were possible warns',
      text: `${good} You get fewer empty miles.`,
      context: { rep, prospect: prospect() },
      expect: 'warn:one-benefit',
    },
    {
      name: 'a reference client in an unrelated industry warns',
      text: good.replace('Granite State Carriers', 'Valley Family Clinics'),
      context: {
        rep,
        prospect: prospect(),
        references: [{ name: 'Valley Family Clinics', industry: 'Healthcare' }],
      },
      expect: 'warn:reference-industry',
    },
    {
      name: 'repeating an earlier message fails',
      text: good,
      context: {
        rep,
        earlier: [{ text: good.replace('Hi Dana', 'Hello Dana'), at: new Date('2026-03-01T00:00:00Z') }],
      },
      expect: 'fail:repeat',
    },
  ];

  it.each(cases)('$name', ({ text, context, expect: expected }) => {
    expect(codes(text, context ?? { rep })).toContain(expected);
  });

  it('accepts "as we discussed" after a conversation and "returning your call" after a callback', () => {
    const context = { rep, prospect: prospect({ spokeBefore: true, calledUs: true }) };
    expect(codes(`${good} As we discussed, it fits.`, context)).toEqual([]);
    expect(codes(`${good} I'm returning your call.`, context)).toEqual([]);
  });

  it('gives every finding a fix', () => {
    for (const c of checkMessage('Just touching base. Only 2 seats left.', {}))
      if (c.severity !== 'ok') expect(c.fix, c.code).toBeTruthy();
  });

  it('lets a curiosity message be short', () => {
    const text = 'Dana, Sam Ortiz: a project to discuss. 312 555 0147, again 312 555 0147.';
    expect(codes(text, { rep, kind: 'curiosity' })).toEqual([]);
    expect(codes(text, { rep })).toContain('info:short');
  });
});

describe('spoken length and overlap', () => {
  it('reads a phone number digit by digit at 150 words a minute', () => {
    expect(spokenSeconds('Call me')).toBe(1);
    expect(spokenSeconds('312 555 0147')).toBe(4);
    expect(spokenSeconds('word '.repeat(75))).toBe(30);
  });

  it('says a number in its national groups', () => {
    expect(spokenPhone('+13125550147')).toBe('312 555 0147');
    expect(spokenPhone('+442079460018')).toBe('020 7946 0018');
  });

  it('measures the share of 3-grams said before, ignoring case and punctuation', () => {
    expect(overlap('One two three four', ['ONE, two three! four']).share).toBe(1);
    expect(overlap('One two three four', ['one two three five']).share).toBe(0.5);
    expect(overlap('One two three four', []).share).toBe(0);
  });
});
