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

/** The longest text a prospect field takes, at every entry point (API, CLI, import). */
export const TEXT_MAX = 2_000;
/** The longest research notes. */
export const NOTES_MAX = 10_000;
