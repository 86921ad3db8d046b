import { z } from 'zod';
import { atParam, isoDate } from '../shared/validate.ts';
import { operation } from './operation.ts';
import { phoneKinds, recommendations, stages } from './vocabulary.ts';

export const queueQuerySchema = z
  .object({
    at: atParam('The decision time (ISO 8601); now when left out'),
    limit: z.coerce.number().int().min(1).max(200).default(20),
    rep: z.string().optional().describe("Only this rep's prospects: a user id, email or name"),
    worth: z
      .enum(['true', 'false'])
      .default('false')
      .describe(
        "true: only dials worth the rep's minute, at a fifth or more of the book's usual chance of reaching a decision maker (a promised callback or a due cadence step stays)",
      ),
    explore: z
      .enum(['true', 'false'])
      .default('true')
      .describe(
        'false: the best bets alone, by the mean of their chance, with no entry exploring and no first try put in for coverage (what a plan reads)',
      ),
    hours: z
      .enum(['any', 'after-hours'])
      .default('any')
      .describe('after-hours: only numbers whose clock reads after 17:00, before 08:00 or a weekend'),
  })
  .strict();
export type QueueQuery = z.output<typeof queueQuerySchema>;

export const planQuerySchema = z
  .object({
    day: isoDate().describe('The day to plan, as YYYY-MM-DD in the rep’s zone'),
    limit: z.coerce.number().int().min(1).max(200).default(30),
    rep: z.string().optional(),
    zone: z
      .string()
      .optional()
      .describe("The rep's zone; the rep's own, else the territory's first, else the server's"),
  })
  .strict();
export type PlanQuery = z.output<typeof planQuerySchema>;

const queueProspectSchema = z.object({
  id: z.number(),
  name: z.string(),
  company: z.string().nullable(),
  title: z.string().nullable(),
  stage: z.enum(stages),
});
const queueNumberSchema = z.object({ id: z.number(), e164: z.string(), kind: z.enum(phoneKinds) });

export const queueEntrySchema = z.object({
  prospect: queueProspectSchema,
  number: queueNumberSchema,
  local: z.object({ time: z.string(), weekday: z.string(), timezone: z.string(), ambiguous: z.boolean() }),
  /** The believed chance that the decision maker answers this number now. */
  probability: z.number(),
  /** Probability times the prospect's weight (value, raised for an engaged or interested prospect). */
  expectedValue: z.number(),
  /** What the rank used: the drawn chance times the weight (the mean, in plans). */
  score: z.number(),
  exploring: z.boolean(),
  callbackDue: z.boolean(),
  /** A cadence's call step is in its window now: it goes after promised callbacks, ahead of the rest. */
  cadenceDue: z.boolean(),
  /** Keep-or-drop's word on the prospect: a slowed or nurtured one appears only when its turn comes. */
  pursuit: z.object({ recommendation: z.enum(recommendations), reason: z.string() }),
  reasons: z.array(z.string()),
});
export type QueueEntry = z.infer<typeof queueEntrySchema>;

export const queueSchema = z.object({
  at: z.string(),
  /** Prospects the shortlist looked at fully; the rest of the book could not beat them now. */
  considered: z.number(),
  /** The currency of every value and expected value (the team's). */
  currency: z.string(),
  entries: z.array(queueEntrySchema),
});
export type Queue = z.infer<typeof queueSchema>;

export const planWindowSchema = z.object({
  /** The window in the rep's zone and in the prospect's. */
  from: z.string(),
  to: z.string(),
  localFrom: z.string(),
  localTo: z.string(),
  prospect: queueProspectSchema,
  number: queueNumberSchema,
  timezone: z.string(),
  probability: z.number(),
  expectedValue: z.number(),
  reasons: z.array(z.string()),
});
export type PlanWindow = z.infer<typeof planWindowSchema>;

export const planSchema = z.object({ day: z.string(), zone: z.string(), windows: z.array(planWindowSchema) });
export type Plan = z.infer<typeof planSchema>;

export const queueOperations = {
  queue: operation({
    method: 'get',
    path: '/queue',
    tag: 'queue',
    summary:
      'Whom to call now and on which number, best first, with the chance of reaching the decision maker and the reasons',
    query: queueQuerySchema,
    output: queueSchema,
    answer: 'The queue, best first, every entry allowed by the law, the team and the prospect',
  }),
  plan: operation({
    method: 'get',
    path: '/plan',
    tag: 'queue',
    summary: "A day's best calling windows per prospect, in the rep's clock and the prospect's",
    query: planQuerySchema,
    output: planSchema,
    answer: "The day's windows, in time order",
  }),
};
