import type { Recommendation, Stage, strategies } from '../../contracts/vocabulary.ts';
import type { ScriptKind } from '../../contracts/voicemail.contract.ts';
import { AFTER_HOURS_FROM } from '../../shared/local-clock.ts';
import type { CheckContext } from './check-message.ts';
import { type Composed, compose, type Earlier, type Material, type Prompt, type Script } from './compose.ts';

export type Strategy = (typeof strategies)[number];

/** The whole state a voicemail decision reads: the prospect, its history, the team and the time. */
export type VoicemailState = {
  at: Date;
  strategy: Strategy;
  /** Where the strategy came from: asked for this call, set on the prospect, or the team's. */
  strategyFrom: 'asked' | 'prospect' | 'team';
  team: { offerCategory: string; maxMessagesPerProspect: number };
  prospect: {
    stage: Stage;
    value: number | null;
    optedOut: boolean;
    /** The prospect, or the number being dialled, is on a Do-Not-Call list. */
    doNotCall: boolean;
    /** Now is inside the calling window in every zone the prospect may be in. */
    insideCallingHours: boolean;
    alreadyHasProduct: boolean;
    competitorRelationship: boolean;
    /** Their preferred channel, from research or intelligence: email, letter, voicemail, phone. */
    prefers: string | null;
    /** Their greeting warns sellers off, in these words. */
    deterrent?: string | null;
    /** The prospect's local hour and ISO weekday (1 Monday) now. */
    localHour: number;
    localWeekday: number;
    /** Dials so far, this one included. */
    attempts: number;
    /** Spoke with the decision maker at least once. */
    spokeBefore: boolean;
    /** A conversation ended in interest, a callback or a meeting. */
    positiveContact: boolean;
    /** Where the pursuit stands: a booked meeting, a "no" resting, a referral… means no call, so no message. */
    pursuit?: { state: string; callable: boolean; reason: string };
  };
  /** The book's typical deal value: above it a prospect counts as high value. */
  typicalValue: number;
  /** Keep-or-drop's word on the prospect now, which the persistent series follows; null when not weighed. */
  pursuit: { recommendation: Recommendation; reason: string } | null;
  /** Earlier messages to this prospect, oldest first. */
  messages: Earlier[];
  material: Material;
  context: Omit<CheckContext, 'kind' | 'earlier'>;
};

export type Reason = { code: string; text: string };

export type Decision = {
  decision: 'leave' | 'skip';
  strategy: Strategy;
  reasons: Reason[];
  script: Script | null;
  /** Research that would let Reach say something: shown when it could not. */
  missing: Prompt[];
};

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Whatever the strategy: one message a day at most, two a week. */
export const MESSAGE_GAP_HOURS = 24;
export const MESSAGES_PER_WEEK = 2;
/** The persistent series leaves one message every few days, not every day allowed. */
export const PERSISTENT_SPACING_DAYS = 3;
/** A prospect below the typical value gets a message only on its first few attempts. */
export const LOW_VALUE_ATTEMPTS = 3;
/** Reach's own strategy spaces its messages a week apart ... */
export const ADAPTIVE_SPACING_DAYS = 7;
/** ... and stops at two until the prospect answers one, as a cold cadence does: every message left wears on their patience. */
export const ADAPTIVE_MAX_UNANSWERED = 2;

const regulated: Record<string, string> = {
  insurance: 'you sell insurance: a message at the start of the cycle hurts',
  'financial-planning': 'you sell financial planning: a message at the start of the cycle hurts',
  securities: 'you sell securities: a message at the start of the cycle hurts',
};

const ordinal = (n: number): string => {
  const s = ['th', 'st', 'nd', 'rd'];
  const v = n % 100;
  return `${n}${s[(v - 20) % 10] ?? s[v] ?? s[0]}`;
};
const ago = (ms: number): string => {
  const hours = Math.round(ms / HOUR);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `${Math.round(ms / DAY)} days ago`;
};

/**
 * Leave a message or not, and which: a pure function of the prospect's state, its history
 * and the time. The limits every strategy obeys come first; then the strategy's own rule;
 * then the composer, which must find something new that passes every check.
 */
export function decideVoicemail(state: VoicemailState): Decision {
  const reasons: Reason[] = [];
  const skip = (code: string, text: string, missing: Prompt[] = []): Decision => ({
    decision: 'skip',
    strategy: state.strategy,
    reasons: [...reasons, { code, text }],
    script: null,
    missing,
  });
  const blocked = limits(state);
  if (blocked) return skip(blocked.code, blocked.text);

  const rule = strategyRule(state);
  if (!rule.kinds) {
    const why = rule.reasons.at(-1)!;
    return skip(why.code, why.text);
  }
  reasons.push(...rule.reasons);
  const composed: Composed = compose({
    kinds: rule.kinds,
    material: state.material,
    earlier: state.messages,
    context: state.context,
  });
  if (!composed.script) {
    const repeats = composed.refused.some((r) => r.codes.includes('repeat'));
    if (composed.missing.some((p) => p.need === 'voice'))
      return skip('no-voice', "no script without the rep's name and number", composed.missing);
    if (repeats || state.messages.length > 0)
      return skip(
        'nothing-new',
        rule.kinds.every((k) => k === 'curiosity')
          ? 'nothing new to say: every curiosity message has been left; call again at another hour'
          : 'nothing new to say: add news, an event or a contact',
        composed.missing,
      );
    // The strategy says leave one: that stands, and the rep is told what would let Reach write it.
    return {
      decision: 'leave',
      strategy: state.strategy,
      reasons: [
        ...reasons,
        {
          code: 'missing-research',
          text: `no ${rule.kinds.join(' or ')} script without research: leave one in your own words, or add what is missing`,
        },
      ],
      script: null,
      missing: composed.missing,
    };
  }
  const script = composed.script;
  const sameKind = state.messages.filter((m) => m.kind === script.kind).length + 1;
  const last = state.messages.at(-1);
  reasons.push({
    code: 'series',
    text: `${ordinal(sameKind)} ${script.kind} message${last ? `; last one ${ago(state.at.getTime() - last.at.getTime())}` : ''}`,
  });
  return { decision: 'leave', strategy: state.strategy, reasons, script, missing: [] };
}

/** The limits no strategy may cross, as the reason to skip; null when none applies. */
function limits(state: VoicemailState): Reason | null {
  const p = state.prospect;
  if (p.optedOut) return { code: 'opted-out', text: 'they asked not to be called' };
  if (p.doNotCall) return { code: 'do-not-call', text: 'on a Do-Not-Call list' };
  if (p.stage === 'lost') return { code: 'lost', text: 'marked lost' };
  if (p.pursuit && !p.pursuit.callable)
    return { code: `pursuit-${p.pursuit.state}`, text: `${p.pursuit.reason}: no call, so no message` };
  if (!p.insideCallingHours)
    return { code: 'outside-hours', text: 'outside calling hours in their zone: no call, so no message' };
  if (p.prefers === 'email' || p.prefers === 'letter')
    return { code: 'prefers-channel', text: `they prefer ${p.prefers}: write instead` };
  // A pitch left after "don't hold your breath" is one they said they would not return.
  if (p.deterrent)
    return {
      code: 'deterrent-greeting',
      text: `their greeting warns sellers off ("${p.deterrent}"): a message reads as the pitch they refuse; reach them live or through someone they trust`,
    };
  const last = state.messages.at(-1);
  if (last && state.at.getTime() - last.at.getTime() < MESSAGE_GAP_HOURS * HOUR)
    return {
      code: 'message-24h',
      text: `a message was left ${ago(state.at.getTime() - last.at.getTime())}: one a day at most`,
    };
  const week = state.messages.filter((m) => state.at.getTime() - m.at.getTime() < 7 * DAY).length;
  if (week >= MESSAGES_PER_WEEK)
    return {
      code: 'weekly-limit',
      text: `${week} messages in the last 7 days: at most ${MESSAGES_PER_WEEK}`,
    };
  if (state.messages.length >= state.team.maxMessagesPerProspect)
    return {
      code: 'max-messages',
      text: `${state.messages.length} messages left: the team's maximum is ${state.team.maxMessagesPerProspect}`,
    };
  return null;
}

type Rule = { kinds: ScriptKind[] | null; reasons: Reason[] };

/** The strategy leaves no message, for this reason. */
const none = (code: string, text: string): Rule => ({ kinds: null, reasons: [{ code, text }] });

/** What the strategy says about this call: the kinds of message to try in order, or none. */
function strategyRule(state: VoicemailState): Rule {
  switch (state.strategy) {
    case 'never':
      return none('strategy-never', 'strategy never: no messages; call again at another hour');
    case 'rules':
      return rulesRule(state);
    case 'persistent':
      return persistentRule(state);
    case 'curiosity':
      return curiosityRule(state);
    case 'adaptive':
      return adaptiveRule(state);
  }
}

/** The kinds not used last, least used first: a series rotates. */
function rotation(kinds: ScriptKind[], messages: readonly Earlier[]): ScriptKind[] {
  const lastKind = messages.at(-1)?.kind;
  const count = (k: string) => messages.filter((m) => m.kind === k).length;
  return [...kinds].sort(
    (a, b) =>
      Number(a === lastKind) - Number(b === lastKind) ||
      count(a) - count(b) ||
      kinds.indexOf(a) - kinds.indexOf(b),
  );
}

/** "It depends": leave only when a leave-condition holds and no don't-condition does. */
function rulesRule(state: VoicemailState): Rule {
  const p = state.prospect;
  const offer = regulated[state.team.offerCategory];
  if (offer) return none('regulated-offer', offer);
  if (state.team.offerCategory === 'charity')
    return none('charity', 'fundraising for a charity: messages do not earn replies');
  if (p.alreadyHasProduct) return none('has-product', 'they likely have what you sell already');
  if (p.competitorRelationship) return none('existing-relationship', 'up against an existing relationship');
  const referred = Boolean(state.material.referredBy);
  const warm =
    p.spokeBefore || p.positiveContact || referred || ['engaged', 'interested', 'customer'].includes(p.stage);
  if (!warm)
    return none(
      'cold-call',
      p.attempts <= 1
        ? 'cold first call: no message'
        : `cold call (${ordinal(p.attempts)} attempt, never spoken): no message`,
    );
  const reasons: Reason[] = [];
  if (p.stage === 'customer') reasons.push({ code: 'customer', text: 'an existing customer: messages work' });
  else if (p.stage === 'interested' || p.stage === 'engaged')
    reasons.push({ code: 'mid-sale', text: `mid-sale (${p.stage}): messages work` });
  if (p.positiveContact)
    reasons.push({ code: 'positive-contact', text: 'you spoke before and they were positive' });
  if (referred) reasons.push({ code: 'referred', text: `referred by ${state.material.referredBy}` });
  const news = state.material.news.length > 0;
  if (news) reasons.push({ code: 'valuable-information', text: 'news they would want to hear' });
  if (reasons.length === 0) {
    const impact =
      state.material.references.length > 0 && state.material.objective && state.material.benefits.length >= 2;
    if (!impact)
      return none(
        'no-leave-condition',
        'spoke before without interest, and nothing new or high-impact to say: no message',
      );
    reasons.push({
      code: 'high-impact',
      text: 'a prepared message: their objective, a reference client and two benefits',
    });
  }
  const kinds: ScriptKind[] = referred
    ? ['referral', 'information', 'invitation', 'introduction']
    : ['information', 'invitation', 'introduction'];
  // After a conversation, the conversation itself is something to say: a follow-up that
  // refers to what the record shows, when research has nothing newer.
  if (p.spokeBefore || p.positiveContact) kinds.push('follow-up');
  return { kinds: rotation(kinds, state.messages), reasons };
}

/** "Persistent value": a spaced series of unique messages to prospects worth it; none to the rest after a few tries. */
function persistentRule(state: VoicemailState): Rule {
  const p = state.prospect;
  const high = p.value !== null && p.value >= state.typicalValue;
  const last = state.messages.at(-1);
  if (state.pursuit?.recommendation === 'drop')
    return none('dropped', `keep-or-drop says drop: ${state.pursuit.reason}`);
  if (!high) {
    const why =
      p.value === null
        ? 'value unknown'
        : `value ${p.value.toLocaleString('en-US')} below the typical ${Math.round(state.typicalValue).toLocaleString('en-US')}`;
    if (p.attempts > LOW_VALUE_ATTEMPTS)
      return none('low-value', `${why}: no message after ${LOW_VALUE_ATTEMPTS} attempts`);
  }
  if (last && state.at.getTime() - last.at.getTime() < PERSISTENT_SPACING_DAYS * DAY)
    return none(
      'spacing',
      `last message ${ago(state.at.getTime() - last.at.getTime())}: the series waits ${PERSISTENT_SPACING_DAYS} days between messages`,
    );
  const slowed: Reason[] =
    state.pursuit?.recommendation === 'slow-down'
      ? [{ code: 'slowed', text: "slowed down to a touch a week: this message is the week's touch" }]
      : [];
  const reasons: Reason[] = [
    ...slowed,
    high
      ? {
          code: 'high-value',
          text: `high value (${p.value!.toLocaleString('en-US')}): keep the series going`,
        }
      : {
          code: 'early-attempt',
          text: `${ordinal(p.attempts)} attempt: a message while the prospect is new`,
        },
  ];
  return { kinds: rotation(['information', 'invitation', 'introduction'], state.messages), reasons };
}

/**
 * Reach's default: a message only where the rules say it earns a reply (mid-sale, after a
 * positive conversation, a referral or news; never on a cold call or where fit is poor), a
 * week apart, and no more than two until the prospect answers one.
 */
function adaptiveRule(state: VoicemailState): Rule {
  const rule = rulesRule(state);
  if (!rule.kinds) return rule;
  const last = state.messages.at(-1);
  if (last && state.at.getTime() - last.at.getTime() < ADAPTIVE_SPACING_DAYS * DAY)
    return none(
      'spacing',
      `last message ${ago(state.at.getTime() - last.at.getTime())}: one a week keeps them listening`,
    );
  if (state.messages.length >= ADAPTIVE_MAX_UNANSWERED && !state.context.prospect?.calledUs)
    return none(
      'unanswered-messages',
      `${state.messages.length} messages without a reply: call at other hours, or write instead`,
    );
  return rule;
}

/** "Short curiosity": after hours only, a short message that does not pitch. */
function curiosityRule(state: VoicemailState): Rule {
  const p = state.prospect;
  const weekend = p.localWeekday >= 6;
  if (!weekend && p.localHour < AFTER_HOURS_FROM && p.localHour >= 8)
    return none(
      'business-hours',
      `curiosity messages go after hours: call again after ${AFTER_HOURS_FROM}:00 their time`,
    );
  return {
    kinds: ['curiosity'],
    reasons: [
      {
        code: 'after-hours',
        text: `after hours (${String(p.localHour).padStart(2, '0')}:00 their time): a short message, no pitch`,
      },
    ],
  };
}
