import { z } from 'zod';
import { idSchema } from '../shared/ids.ts';
import { dateOrInstant, instant, prospectKey } from '../shared/validate.ts';
import { itemsOf, keyParams, when } from './fields.ts';
import { operation } from './operation.ts';

import { type IntelType, intelTypes } from './vocabulary.ts';

export { type IntelType, intelTypes };

/** What one fact says, wherever it is recorded: on its own, or riding on a call log. */
const factShape = {
  type: z.enum(intelTypes),
  value: z.string().trim().max(500).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  arrives: z.string().optional(),
  leaves: z.string().optional(),
  until: dateOrInstant().optional(),
};

/** A fact heard on the call being logged: its prospect, time and source are the call's. */
export const heardFactSchema = z.object(factShape).strict();
export type HeardFact = z.infer<typeof heardFactSchema>;

/** At most this many facts ride on one call log. */
export const MAX_FACTS_PER_CALL = 10;

export const addIntelSchema = z
  .object({
    prospect: prospectKey(),
    ...factShape,
    at: instant().optional(),
    attemptId: idSchema.optional(),
  })
  .strict();

export const intelFactSchema = z.object({
  id: z.number(),
  type: z.enum(intelTypes),
  /** The fact in a sentence. */
  text: z.string(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  value: z.record(z.string(), z.unknown()),
  until: when.nullable(),
  recordedAt: when,
  sourceAttemptId: z.number().nullable(),
});
export type IntelFact = z.infer<typeof intelFactSchema>;

/** What a voicemail greeting said, as the rep heard it (or as transcribed). */
export const greetingSchema = z
  .object({
    text: z.string().trim().min(3).max(2_000),
    /** The number whose greeting it is: a name said on it confirms the number is theirs. */
    number: z.string().trim().min(1).max(50).optional(),
    at: instant().optional(),
  })
  .strict();
export type GreetingInput = z.output<typeof greetingSchema>;

export const greetingReadSchema = z.object({
  /** What the greeting says, each with the words that say it. */
  findings: z.array(
    z.object({
      kind: z.enum(['deterrent', 'out-of-office', 'alternate-contact', 'name', 'prefers-email']),
      text: z.string(),
      quote: z.string(),
    }),
  ),
  /** The facts recorded from it, with their source. */
  facts: z.array(intelFactSchema),
});
export type GreetingRead = z.infer<typeof greetingReadSchema>;

export const intelOperations = {
  readGreeting: operation({
    method: 'post',
    path: '/prospects/{key}/greeting',
    tag: 'intel',
    summary:
      "Read what a prospect's voicemail greeting said (a warning to sellers, away until a date, someone else to call, their name, email me) and record each as intelligence from the greeting",
    params: keyParams,
    body: greetingSchema,
    output: greetingReadSchema,
    status: 201,
    answer: 'What the greeting says, and the facts recorded',
  }),
  addIntel: operation({
    method: 'post',
    path: '/intel',
    tag: 'intel',
    summary: 'Record what a gatekeeper or a voicemail greeting revealed, as a typed fact',
    body: addIntelSchema,
    output: intelFactSchema,
    status: 201,
    answer: 'The fact as recorded',
  }),
  listIntel: operation({
    method: 'get',
    path: '/prospects/{key}/intel',
    tag: 'intel',
    summary: "A prospect's intelligence, newest first",
    params: keyParams,
    output: itemsOf(intelFactSchema),
    answer: 'Its facts, newest first',
  }),
};
