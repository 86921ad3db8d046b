import { z } from 'zod';
import { atParam, instant, sentenceReason } from '../shared/validate.ts';
import { keyParams, when } from './fields.ts';
import { operation } from './operation.ts';
import { pursuitStates, recommendations, type SettableState, settableStates, stages } from './vocabulary.ts';

/** What moved a pursuit: a logged conversation, a callback's result, or the rep's hand. */
export const pursuitSources = ['call', 'callback', 'rep'] as const;

export const pursuitQuerySchema = z
  .object({
    at: atParam('The decision time (ISO 8601); now when left out'),
  })
  .strict();

export const standingQuerySchema = z
  .object({ at: atParam('The moment to read the standing at; now when left out') })
  .strict();

export const setStandingSchema = z
  .object({
    state: z
      .enum(settableStates as [SettableState, ...SettableState[]])
      .describe('The state to put the pursuit in'),
    until: instant()
      .optional()
      .describe(
        "When the state ends by itself: the meeting's time, the promised callback, the end of a rest; a meeting and a callback need one",
      ),
    reason: sentenceReason('they moved the meeting to after the trade show').describe('Why, in a sentence'),
    by: z.string().trim().min(1).max(200).optional().describe('Who moved it'),
    at: atParam('When it was moved; now when left out'),
  })
  .strict();

/** Keep, slow down or drop one prospect at a moment, with the figures behind it. */
export const pursuitViewSchema = z.object({
  at: when,
  prospect: z.object({
    id: z.number(),
    name: z.string(),
    value: z.number().nullable(),
    stage: z.enum(stages),
  }),
  recommendation: z.enum(recommendations),
  reason: z.string(),
  /** The chance of a conversation within the next `horizon` attempts. */
  chance: z.number(),
  /** Expected pipeline value of those attempts: weight × chance × meeting rate. */
  expectedValue: z.number(),
  /** Their cost: the rep's time at the hourly value. */
  cost: z.number(),
  /** Expected value over cost: 1 means as good as an average hour on the book. */
  ratio: z.number(),
  /** What reaching the prospect is worth: their value (or the book's typical one), raised by stage. */
  weight: z.number(),
  horizon: z.number(),
  /** Not before this instant: spacing for a slow-down, the nurture date after a drop. */
  resumeAt: when.nullable(),
  effort: z.object({
    attempts: z.number(),
    reached: z.number(),
    messages: z.number(),
    repSeconds: z.number(),
    minutes: z.number(),
    lastAttemptAt: when.nullable(),
  }),
  rates: z.object({
    meetingRate: z.number(),
    callbackRate: z.number(),
    secondsPerAttempt: z.number(),
    hourlyValue: z.number(),
    hourlyValueFrom: z.enum(['team', 'book']),
  }),
  /** The currency of every amount here (the team's). */
  currency: z.string(),
});
export type PursuitView = z.infer<typeof pursuitViewSchema>;

/** Where a prospect's pursuit stands at a moment, and what moved it there. */
export const standingViewSchema = z.object({
  at: when,
  state: z.enum(pursuitStates),
  since: when.nullable(),
  until: when.nullable(),
  reason: z.string(),
  /** What to do instead of a dial, when the state asks for it. */
  next: z.string().nullable(),
  /** Whether the queue may propose them at `at`. */
  callable: z.boolean(),
  /** Every move, newest first: conversations with a result, callbacks, the rep's hand. */
  history: z.array(
    z.object({ at: when, source: z.enum(pursuitSources), what: z.string(), until: when.nullable() }),
  ),
});
export type StandingView = z.infer<typeof standingViewSchema>;

export const pursuitOperations = {
  pursuit: operation({
    method: 'get',
    path: '/prospects/{key}/pursuit',
    tag: 'pursuit',
    summary:
      'Keep, slow down or drop: the expected pipeline of the next attempts against the rep time they cost, with the effort spent and the reason',
    params: keyParams,
    query: pursuitQuerySchema,
    output: pursuitViewSchema,
    answer: 'The recommendation, its reason and its figures',
  }),
  standing: operation({
    method: 'get',
    path: '/prospects/{key}/pursuit-state',
    tag: 'pursuit',
    summary:
      'Where the pursuit stands: open, a promised callback, a meeting booked, follow-up, not interested until a date, referred, the wrong person, customer, lost or do-not-call; why, until when, whether the queue may propose them, and every move',
    params: keyParams,
    query: standingQuerySchema,
    output: standingViewSchema,
    answer: 'The standing at the moment asked, with every move before it',
  }),
  setStanding: operation({
    method: 'post',
    path: '/prospects/{key}/pursuit-state',
    tag: 'pursuit',
    summary:
      'Move a pursuit by hand, with a reason: a meeting or callback becomes a task at its time; customer and lost move the stage',
    params: keyParams,
    body: setStandingSchema,
    output: standingViewSchema,
    answer: 'The standing as it is after the move',
  }),
};
