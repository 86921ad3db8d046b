import type { MessageNeed as Need, ScriptKind } from '../../contracts/voicemail.contract.ts';
import { asNounPhrase, asVerbPhrase } from '../../shared/phrasing.ts';
/** What a message can draw on: a news item, an event, a contact, each from the talking points. */
export type Point = {
  id: number;
  title: string;
  detail: string | null;
  on: Date | null;
  industry: string | null;
};

/** A client the prospect can relate to and what the team helped it do ("cut dispatch time by a third"). */
export type Reference = { key: string; name: string; result: string; industry: string | null };

/** The facts one message is made of; a template says which it needs. */
export type Fill = {
  first: string;
  /** Their company, for a curiosity message's hook. */
  company: string | null;
  industry: string | null;
  rep: { full: string; first: string; phone: string; seller: string | null };
  objective: string | null;
  benefits: string[];
  referredBy: string | null;
  news?: Point | undefined;
  event?: Point | undefined;
  contact?: Point | undefined;
  reference?: Reference | undefined;
  /** The event's date in words, in the prospect's clock: "on Thursday, December 3". */
  when?: string | undefined;
  /** The last conversation, for a follow-up: its day in words and what it came to. */
  talk?: (LastTalk & { when: string }) | undefined;
};

/** The last conversation as the record shows it: the day, its result, and the next step promised. */
export type LastTalk = {
  on: Date;
  result: 'interested' | 'callback-scheduled' | 'referred' | null;
  /** The next step the record holds: a promised callback's time in words, when there is one. */
  next: string | null;
};

export type Template = {
  id: string;
  kind: ScriptKind;
  needs: Need[];
  render: (f: Fill) => string;
};

/** "with Northwind" when the rep speaks for a company, nothing when not. */
const at = (f: Fill, word: string): string => (f.rep.seller ? ` ${word} ${f.rep.seller}` : '');
const clause = (s: string): string => {
  const t = s.trim().replace(/[.!]+$/, '');
  return /^(The|A|An|Their|Your|Its|Our)\b/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
};
const sentence = (s: string): string => {
  const t = s.trim().replace(/[.!]+$/, '');
  return `${t[0]!.toUpperCase()}${t.slice(1)}.`;
};
const who = (detail: string | null): string =>
  detail
    ? `, who ${detail
        .trim()
        .replace(/^who\s+/i, '')
        .replace(/[.]+$/, '')}`
    : '';
const two = (f: Fill): string => `${asNounPhrase(f.benefits[0]!)} and ${asNounPhrase(f.benefits[1]!)}`;
/** The priority objective, fitted after "on", "about" or "for": "cut scrap" → "cutting scrap". */
const goal = (f: Fill): string => asNounPhrase(f.objective!);
/**
 * A curiosity message's one concrete hook, without a pitch: their goal at their company
 * ("cutting scrap on the press line at Ridgeway"), else a project for their company.
 */
const hook = (f: Fill): string | null =>
  f.objective?.trim()
    ? `${goal(f)}${f.company ? ` at ${f.company}` : ''}`
    : f.company
      ? `a project for ${f.company}`
      : null;
/** What the team helped a reference client do, after "helped them". */
const did = (r: Reference): string => asVerbPhrase(r.result);
const firstName = (name: string): string => name.trim().split(/\s+/)[0]!;

/** What the last conversation came to, in the rep's words to the prospect. */
const cameTo = (talk: NonNullable<Fill['talk']>): string =>
  talk.result === 'callback-scheduled'
    ? `when you asked me to call you back${talk.next ? ` ${talk.next}` : ''}`
    : talk.result === 'interested'
      ? 'when you said you would like to hear more'
      : '';

/**
 * Several templates per kind, each short enough to say in 15-30 seconds, with the rep's
 * name and number early and the number again as the last thing. None pitches a product
 * by name; each gives one reason to call back, drawn from the research.
 */
export const templates: Template[] = [
  {
    id: 'info-benefits',
    kind: 'information',
    needs: ['news', 'objective', 'benefits'],
    render: (f) =>
      `${f.first}, this is ${f.rep.full}${at(f, 'at')}; my number is ${f.rep.phone}. I read that ${clause(f.news!.title)}. That makes ${goal(f)} all the more pressing, and we can help with two things: ${two(f)}. Worth a few minutes? Again, ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'info-reference',
    kind: 'information',
    needs: ['news', 'reference', 'objective'],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}, ${f.rep.phone}. I saw that ${clause(f.news!.title)}. We helped ${f.reference!.name} ${did(f.reference!)} in the same spot, and I have an idea for ${goal(f)}. A few minutes this week? ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'info-full',
    kind: 'information',
    needs: ['news', 'reference', 'benefits'],
    render: (f) =>
      `Hello ${f.first}, it's ${f.rep.full}${at(f, 'from')}, on ${f.rep.phone}. I noticed that ${clause(f.news!.title)}. When ${f.reference!.name} faced that, we helped them ${did(f.reference!)}: ${two(f)}. Could we talk for a few minutes? ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'info-peer',
    kind: 'information',
    needs: ['reference', 'objective', 'benefits'],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}, ${f.rep.phone}. We recently helped ${f.reference!.name} ${did(f.reference!)}. I'd like to show you how the same approach could help with ${goal(f)}: ${two(f)}. Could we take a few minutes on it? ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'invite-objective',
    kind: 'invitation',
    needs: ['event', 'objective'],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}, ${f.rep.phone}. We're hosting ${clause(f.event!.title)} ${f.when}${f.event!.detail ? `: ${clause(f.event!.detail)}` : ''}. People working on ${goal(f)} have found it useful, and I'd like to invite you. Would you join us? ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'invite-benefits',
    kind: 'invitation',
    needs: ['event', 'benefits'],
    render: (f) =>
      `${f.first}, this is ${f.rep.full}${at(f, 'at')}. My number is ${f.rep.phone}. I'm inviting a few ${f.industry ? `${f.industry.toLowerCase()} ` : ''}leaders to ${clause(f.event!.title)} ${f.when}. We'll show how teams get ${two(f)}. Would you like a seat? Again, ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'invite-plain',
    kind: 'invitation',
    needs: ['event'],
    render: (f) =>
      `Hello ${f.first}, it's ${f.rep.full}${at(f, 'from')}, on ${f.rep.phone}. I'd like to invite you to ${clause(f.event!.title)} ${f.when}.${f.event!.detail ? ` ${sentence(f.event!.detail)}` : ''} If you'd like to come, call me and I'll keep you a seat. ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'intro-objective',
    kind: 'introduction',
    needs: ['contact', 'objective'],
    render: (f) =>
      `${f.first}, this is ${f.rep.full}${at(f, 'at')}; my number is ${f.rep.phone}. Someone worth knowing: ${f.contact!.title}${who(f.contact!.detail)}. With your work on ${goal(f)}, a short call between you could pay off. Shall I set it up? ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'intro-plain',
    kind: 'introduction',
    needs: ['contact'],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}, ${f.rep.phone}. I'd like to introduce you to ${f.contact!.title}${who(f.contact!.detail)}. I think you two should talk, and I'm glad to connect you. Call me on ${f.rep.phone}. ${f.rep.first}.`,
  },
  {
    id: 'referral-reference',
    kind: 'referral',
    needs: ['referredBy', 'reference', 'objective'],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}, ${f.rep.phone}. ${f.referredBy} suggested I call you about ${goal(f)}. We helped ${f.reference!.name} ${did(f.reference!)}, and ${firstName(f.referredBy!)} thought you'd want to hear how. A few minutes this week? ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'referral-benefits',
    kind: 'referral',
    needs: ['referredBy', 'objective', 'benefits'],
    render: (f) =>
      `${f.first}, this is ${f.rep.full}${at(f, 'at')}. ${f.referredBy} gave me your name and said you are working on ${goal(f)}. I have two ideas: ${two(f)}. Call me on ${f.rep.phone}; again, ${f.rep.phone}.`,
  },
  {
    id: 'follow-up-objective',
    kind: 'follow-up',
    needs: ['lastTalk', 'objective'],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}, ${f.rep.phone}. Following up on our conversation ${f.talk!.when}${cameTo(f.talk!) ? `, ${cameTo(f.talk!)}` : ''}. I have put together a few thoughts on ${goal(f)}. Ten minutes this week? ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'follow-up-benefits',
    kind: 'follow-up',
    needs: ['lastTalk', 'benefits'],
    render: (f) =>
      `${f.first}, it's ${f.rep.full}${at(f, 'at')}. Since we spoke ${f.talk!.when}, I have two ideas for you: ${two(f)}. Call me on ${f.rep.phone}; again, ${f.rep.phone}.`,
  },
  {
    id: 'follow-up-plain',
    kind: 'follow-up',
    needs: ['lastTalk'],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}. Following up on our conversation ${f.talk!.when}${cameTo(f.talk!) ? `, ${cameTo(f.talk!)}` : ''}. I'd like to set up the next step with you. My number is ${f.rep.phone}. Again, ${f.rep.first}, ${f.rep.phone}.`,
  },
  {
    id: 'curiosity-project',
    kind: 'curiosity',
    needs: [],
    render: (f) =>
      `Hi ${f.first}, ${f.rep.full}${at(f, 'with')}. I'd like to talk to you about ${hook(f) ?? 'a project'}. My number is ${f.rep.phone}; again, ${f.rep.phone}.`,
  },
  {
    id: 'curiosity-discuss',
    kind: 'curiosity',
    needs: [],
    render: (f) =>
      `${f.first}, ${f.rep.full} here${at(f, 'from')}. I have ${f.objective ? `an idea about ${hook(f)}` : (hook(f) ?? 'a project')} to discuss with you. You can reach me on ${f.rep.phone}. That's ${f.rep.phone}.`,
  },
  {
    id: 'curiosity-call-back',
    kind: 'curiosity',
    needs: [],
    render: (f) =>
      `Hello ${f.first}, ${f.rep.full}${at(f, 'with')}. ${f.objective ? `It's about ${hook(f)}.` : `I'd like to talk with you about ${hook(f) ?? 'a project'}.`} Please call me back at ${f.rep.phone}; once more, ${f.rep.phone}.`,
  },
];
