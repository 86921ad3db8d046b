/**
 * The closed lists and limits the API speaks in, shared by the contracts and the features that
 * act on them.
 */

/** Where a prospect stands in the pipeline, from first listed to won or lost. */
export const stages = ['new', 'contacted', 'engaged', 'interested', 'customer', 'lost'] as const;
export type Stage = (typeof stages)[number];

export const phoneKinds = ['main', 'direct', 'mobile', 'private', 'assistant', 'other'] as const;
export type PhoneKind = (typeof phoneKinds)[number];

/** The voicemail strategies a team, a list or a prospect may follow (voicemail/decide.ts plays them). */
export const strategies = ['never', 'rules', 'persistent', 'curiosity', 'adaptive'] as const;
export type StrategyName = (typeof strategies)[number];

/** Legal calling hours in the called person's clock: a team may narrow them, never widen them. */
export const LEGAL_START = '08:00';
export const LEGAL_END = '21:00';

/** The longest text a prospect field takes, at every entry point (API, CLI, import). */
export const TEXT_MAX = 2_000;
/** The longest research notes. */
export const NOTES_MAX = 10_000;

/** What a dial came to. */
export const outcomes = [
  'reached',
  'gatekeeper',
  'voicemail',
  'voicemail-left',
  'no-answer',
  'busy',
  'bad-number',
  'wrong-person',
] as const;
export type Outcome = (typeof outcomes)[number];

/** What a conversation came to. */
export const results = [
  'meeting',
  'callback-scheduled',
  'interested',
  'not-interested',
  'referred',
  'do-not-call',
] as const;
export type Result = (typeof results)[number];

/** Results a callback can come to: what a reached call can, but a referral (log that as a call). */
export const callbackResults = [
  'meeting',
  'callback-scheduled',
  'interested',
  'not-interested',
  'do-not-call',
] as const satisfies readonly Result[];
export type CallbackResult = (typeof callbackResults)[number];

/** The kinds of voicemail message a rep leaves. */
export const messageKinds = [
  'information',
  'invitation',
  'introduction',
  'curiosity',
  'referral',
  'follow-up',
  'generic',
] as const;
export type MessageKind = (typeof messageKinds)[number];

/** Keep-or-drop's word on a prospect (pursuit/keep-or-drop.ts decides it). */
export const recommendations = ['continue', 'slow-down', 'drop'] as const;
export type Recommendation = (typeof recommendations)[number];

/**
 * Where a prospect's pursuit stands. A conversation moves it; the rep may move it too. Only
 * `open`, a promised callback at its time, and a nurture that has run its course put the
 * prospect on the prospecting queue; every other state keeps them off it, with its reason.
 */
export const pursuitStates = [
  'open',
  'callback',
  'meeting-booked',
  'follow-up',
  'not-interested',
  'referred',
  'wrong-person',
  'customer',
  'lost',
  'do-not-call',
] as const;
export type PursuitState = (typeof pursuitStates)[number];

/** States a rep may set by hand; do-not-call is set only by an opt-out, which has its own audit. */
export const settableStates = pursuitStates.filter((s): s is SettableState => s !== 'do-not-call');
export type SettableState = Exclude<PursuitState, 'do-not-call'>;

/** What a message can be made of: news, an event to invite to, a contact to introduce, a reference client. */
export const pointKinds = ['news', 'event', 'contact', 'reference'] as const;
export type PointKind = (typeof pointKinds)[number];

/** The kinds of fact a gatekeeper or a greeting reveals. */
export const intelTypes = [
  'gatekeeper-name',
  'gatekeeper-hours',
  'dm-hours',
  'private-line',
  'route',
  'champion',
  'out-of-office',
  'prefers',
  /** A greeting that warns sellers off ("if you are calling to sell me X, don't hold your breath"). */
  'deterrent',
  /** Someone else to call, named by a greeting or a gatekeeper: a colleague, an extension, a number. */
  'alternate-contact',
  /** The number is the prospect's own: their greeting says their name. */
  'number-confirmed',
] as const;
export type IntelType = (typeof intelTypes)[number];

/** What can be exported. */
export const exportKinds = ['prospects', 'calls'] as const;
export type ExportKind = (typeof exportKinds)[number];

/** The CSV layouts an import reads: Reach's own, a HubSpot export, a Salesforce export. */
export const importPresets = ['generic', 'hubspot', 'salesforce'] as const;

/** How bad one finding about a message is. */
export const severities = ['ok', 'info', 'warn', 'fail'] as const;
export type Severity = (typeof severities)[number];

/** What an account may do: a rep works their own book; a manager the team's; an admin also its accounts. */
export const roles = ['rep', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];
