import { z } from 'zod';
import { MAX_ID } from '../shared/ids.ts';
import { atParam } from '../shared/validate.ts';
import { itemsOf } from './fields.ts';
import { operation } from './operation.ts';
import { recommendations, stages } from './vocabulary.ts';

export const reachMapQuerySchema = z
  .object({
    prospect: z.string().min(1).optional().describe('One prospect (id, external id or email)'),
    company: z.coerce.number().int().positive().max(MAX_ID).optional().describe('One company id'),
  })
  .strict();

export const effortQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(5000).default(1000).describe('Most-worked prospects first'),
    at: atParam('The moment keep-or-drop is read at (ISO 8601); now when left out'),
  })
  .strict();

/** Dials and decision-maker reaches in one prospect-local weekday (1 Monday) and hour. */
export const reachCellSchema = z.object({
  weekday: z.number().int().min(1).max(7),
  hour: z.number().int().min(0).max(23),
  dials: z.number(),
  reached: z.number(),
  rate: z.number(),
});
export type ReachCell = z.infer<typeof reachCellSchema>;

export const reachMapSchema = z.object({
  /** `book`, `company <id>` or `prospect <id>`. */
  scope: z.string(),
  dials: z.number(),
  reached: z.number(),
  cells: z.array(reachCellSchema),
});
export type ReachMap = z.infer<typeof reachMapSchema>;

/** How many prospects took (or have had so far) this many attempts. */
const attemptsBucket = z.object({ attempts: z.number(), prospects: z.number() });

export const firstConversationSchema = z.object({
  reachedProspects: z.number(),
  median: z.number().nullable(),
  buckets: z.array(attemptsBucket),
  notYet: z.array(attemptsBucket),
});
export type FirstConversation = z.infer<typeof firstConversationSchema>;

export const effortPointSchema = z.object({
  prospectId: z.number(),
  name: z.string(),
  company: z.string().nullable(),
  stage: z.enum(stages),
  value: z.number().nullable(),
  attempts: z.number(),
  conversations: z.number(),
  voicemails: z.number(),
  minutes: z.number(),
  /** Keep-or-drop's word now. */
  pursuit: z.enum(recommendations).nullable(),
});
export type EffortPoint = z.infer<typeof effortPointSchema>;

export const repFiguresQuerySchema = z
  .object({
    since: atParam('From this instant (ISO 8601); seven days before `until` when left out'),
    until: atParam('Until this instant (ISO 8601); now when left out'),
  })
  .strict();

/** One rep's calling over a period: what a sales manager reads each week. */
export const repFiguresSchema = z.object({
  userId: z.number().nullable(),
  /** The rep's name; "(no account)" for dials logged by the operator or before accounts. */
  name: z.string(),
  dials: z.number(),
  /** Someone answered: the decision maker, a gatekeeper or the wrong person. */
  connects: z.number(),
  connectRate: z.number().nullable(),
  /** The decision maker on the line. */
  conversations: z.number(),
  meetings: z.number(),
  messagesLeft: z.number(),
  /** Callbacks credited to this rep's messages, by the message's kind. */
  callbacks: z.number(),
  callbacksByKind: z.record(z.string(), z.number()),
  /** Keep-or-drop decisions the rep made by hand in the period, by the state decided (`not-interested`, `follow-up`, …). */
  decisions: z.record(z.string(), z.number()),
  /** The rep's time the dials took (talk, or the usual for the outcome, plus wrap-up). */
  hours: z.number(),
  meetingsPerHour: z.number().nullable(),
});

export const insightOperations = {
  repFigures: operation({
    method: 'get',
    path: '/insights/reps',
    tag: 'insights',
    access: 'manager',
    summary:
      "Each rep's dials, connect rate, conversations, meetings, messages, callbacks per message kind and meetings per hour over a period (managers)",
    query: repFiguresQuerySchema,
    output: z.object({ since: z.string(), until: z.string(), reps: z.array(repFiguresSchema) }),
    answer: 'The period and each rep with dials in it, most dials first',
  }),
  reachMap: operation({
    method: 'get',
    path: '/insights/reach',
    tag: 'insights',
    summary:
      'Decision-maker reach rate by prospect-local weekday and hour, for the book, a company or a prospect',
    query: reachMapQuerySchema,
    output: reachMapSchema,
    answer: 'The scope, its totals and every weekday and hour with dials',
  }),
  firstConversation: operation({
    method: 'get',
    path: '/insights/first-conversation',
    tag: 'insights',
    summary:
      'Attempts it took to first reach each decision maker, and the attempts spent on those not yet reached',
    output: firstConversationSchema,
    answer:
      'Prospects by the attempts it took to reach them, and those not reached yet by the attempts spent',
  }),
  effortAgainstValue: operation({
    method: 'get',
    path: '/insights/effort',
    tag: 'insights',
    summary: 'Effort spent (attempts, messages, rep minutes) against value, per worked prospect',
    query: effortQuerySchema,
    output: itemsOf(effortPointSchema),
    answer: 'The worked prospects, most worked first',
  }),
};
