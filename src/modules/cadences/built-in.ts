import { type Cadence, type CadenceInput, cadenceSchema } from '../../contracts/cadences.contract.ts';

/**
 * The cadences Reach ships, drawn from the brief: a three-week cold cadence that alternates
 * windows and channels with at most two messages; a months-long series for high-value
 * prospects with something new every week or two; a warm follow-up after a conversation.
 */
const definitions: CadenceInput[] = [
  {
    name: 'cold-3-weeks',
    description:
      'Three weeks of cold outreach: calls in different windows (before the gatekeeper, at her lunch, after hours), email, LinkedIn and a letter; two messages at most',
    maxMessages: 2,
    steps: [
      { day: 0, kind: 'call', window: 'early', note: 'direct line before the gatekeeper arrives' },
      { day: 1, kind: 'email', send: 'auto', note: 'short: their priority objective and two benefits' },
      { day: 2, kind: 'call', window: 'after-hours', note: 'after the gatekeeper leaves' },
      { day: 4, kind: 'call', window: 'lunch', note: "at the gatekeeper's lunch" },
      { day: 5, kind: 'linkedin', note: 'connect, with a one-line note' },
      { day: 7, kind: 'call', window: 'early', note: 'another number' },
      {
        day: 8,
        kind: 'email',
        send: 'auto',
        note: 'a reference client they relate to, and what was done for it',
      },
      { day: 10, kind: 'call', window: 'after-hours' },
      { day: 12, kind: 'call', window: 'lunch' },
      { day: 13, kind: 'letter', note: 'printed, from the company address' },
      { day: 15, kind: 'call', window: 'early' },
      { day: 15, kind: 'email', send: 'auto', note: 'the last note: leave the door open' },
    ],
  },
  {
    name: 'persistent-value',
    description:
      'Four months for a high-value prospect: something new every week or two (news, an invitation, an introduction) by call, email, letter and referral',
    maxMessages: 12,
    steps: [
      { day: 0, kind: 'call', window: 'early', note: 'information: news about their company or industry' },
      { day: 1, kind: 'email', send: 'auto', note: 'the same news, in two lines' },
      { day: 6, kind: 'invitation', note: 'an event worth their time' },
      { day: 10, kind: 'call', window: 'after-hours', note: 'invitation: the event, by voice' },
      { day: 15, kind: 'referral-request', note: 'ask a customer or a champion for an introduction' },
      { day: 20, kind: 'call', window: 'lunch', note: 'introduction: someone worth knowing' },
      { day: 25, kind: 'letter', note: 'a reference client in their industry' },
      { day: 30, kind: 'call', window: 'early', note: 'information: new since the last touch' },
      { day: 38, kind: 'email', send: 'auto', note: 'a short idea on their priority objective' },
      { day: 45, kind: 'call', window: 'after-hours', note: 'invitation' },
      { day: 55, kind: 'call', window: 'early', note: 'information' },
      { day: 65, kind: 'invitation', note: 'the next event' },
      { day: 70, kind: 'call', window: 'lunch', note: 'introduction' },
      { day: 80, kind: 'call', window: 'after-hours', note: 'information' },
    ],
  },
  {
    name: 'warm-follow-up',
    description:
      'After a conversation: a recap the same day, then calls and notes that keep it moving for three weeks',
    maxMessages: 3,
    steps: [
      { day: 0, kind: 'email', at: '16:00', note: 'recap: what they said, what happens next' },
      { day: 2, kind: 'call', window: 'business', note: 'the next step they agreed to' },
      { day: 5, kind: 'email', send: 'auto', note: 'something useful for their objective' },
      { day: 8, kind: 'call', window: 'after-hours' },
      { day: 12, kind: 'invitation', note: 'an event, or a visit to a customer' },
      { day: 15, kind: 'call', window: 'early' },
    ],
  },
];

export const builtInCadences: Cadence[] = definitions.map((d) => cadenceSchema.parse(d));
