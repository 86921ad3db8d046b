import { z } from 'zod';
import { instant, prospectKey } from '../shared/validate.ts';
import { idParams, when } from './fields.ts';
import { operation } from './operation.ts';
import { localTimeSchema } from './prospects.contract.ts';
import { callbackResults, messageKinds, outcomes, results, stages } from './vocabulary.ts';

/** A callback earns credit for the most recent message left this long before it. */
export const ATTRIBUTION_DAYS = 14;

export const lookupQuerySchema = z.object({ number: z.string().min(1), at: instant().optional() }).strict();

/** What the callback came to, as on a reached call; a meeting and a promised callback have their time. */
const resultShape = {
  result: z.enum(callbackResults).optional(),
  resultAt: instant().optional(),
};

export const callbackBodySchema = z
  .object({
    from: z.string().trim().min(1),
    at: instant().optional(),
    prospect: prospectKey().optional(),
    note: z.string().max(5_000).optional(),
    ...resultShape,
  })
  .strict();
export type CallbackInput = z.output<typeof callbackBodySchema>;

/** What a callback recorded as it came in (through the provider) came to, told once the call is over. */
export const settleBodySchema = z
  .object({
    result: z.enum(callbackResults),
    resultAt: instant().optional(),
    note: z.string().max(5_000).optional(),
  })
  .strict();
export type SettleInput = z.output<typeof settleBodySchema>;

/** Attaching a callback from an unknown number: who it was, and what it came to when not recorded yet. */
export const attachBodySchema = z.object({ prospect: prospectKey(), ...resultShape }).strict();
export type AttachInput = z.output<typeof attachBodySchema>;

/** A caller not in the book: the number, and what to do about it. */
export const unknownCallerSchema = z.object({
  known: z.literal(false),
  number: z.string(),
  text: z.string(),
});

/** A caller in the book: who, what they were told, what happened last, and what to say. */
export const knownCallerSchema = z.object({
  known: z.literal(true),
  /** The calling number, E.164. */
  number: z.string(),
  prospect: z.object({
    id: z.number(),
    name: z.string(),
    title: z.string().nullable(),
    company: z.string().nullable(),
    stage: z.enum(stages),
  }),
  /** Colleagues on the same number (a company's main line), for the rep to ask for by name. */
  others: z.array(z.object({ id: z.number(), name: z.string(), title: z.string().nullable() })),
  localTime: localTimeSchema,
  /** The messages left, newest first, and the callback each one earned. */
  messages: z.array(
    z.object({
      id: z.number(),
      at: when,
      kind: z.enum(messageKinds),
      text: z.string().nullable(),
      callbackId: z.number().nullable(),
    }),
  ),
  intel: z.array(z.string()),
  lastOutcome: z
    .object({
      at: when,
      outcome: z.enum(outcomes),
      result: z.enum(results).nullable(),
      note: z.string().nullable(),
    })
    .nullable(),
  opener: z.string(),
});
export type KnownCaller = z.infer<typeof knownCallerSchema>;

export const callbackCardSchema = z.discriminatedUnion('known', [unknownCallerSchema, knownCallerSchema]);
export type CallbackCard = z.infer<typeof callbackCardSchema>;

export const recordedCallbackSchema = z.object({
  callbackId: z.number(),
  /** The message the callback is credited to. */
  attributedTo: z.number().nullable(),
  /** What the callback came to, and the time of the meeting or promised callback. */
  result: z.enum(callbackResults).nullable(),
  resultAt: when.nullable(),
  card: callbackCardSchema,
});
export type RecordedCallback = z.infer<typeof recordedCallbackSchema>;

export const callbackOperations = {
  lookup: operation({
    method: 'get',
    path: '/lookup',
    tag: 'callbacks',
    summary: 'Who is calling from this number: the prospect, the messages left, intelligence and an opener',
    query: lookupQuerySchema,
    output: callbackCardSchema,
    answer: 'The caller card: who it is and what to say, or that the number is not in the book',
  }),
  recordCallback: operation({
    method: 'post',
    path: '/callbacks',
    tag: 'callbacks',
    summary: `Record an inbound call; it is credited to the most recent message left within ${ATTRIBUTION_DAYS} days, and its result (a meeting, a promised callback, interest, a refusal, do-not-call) does what it does on a reached call`,
    body: callbackBodySchema,
    output: recordedCallbackSchema,
    status: 201,
    answer: 'The callback, the message it is credited to, and the caller card',
  }),
  settleCallback: operation({
    method: 'post',
    path: '/callbacks/{id}/result',
    tag: 'callbacks',
    summary:
      'What a callback already recorded came to (one recorded as the call came in through the provider): it does what it does on a reached call, once',
    params: idParams,
    body: settleBodySchema,
    output: recordedCallbackSchema,
    answer: 'The callback with its result, and the caller card',
    otherAnswers: { 409: 'It has a result already, or its caller is not known: attach it first' },
  }),
  attachCallback: operation({
    method: 'post',
    path: '/callbacks/{id}/attach',
    tag: 'callbacks',
    summary:
      'Attach a callback from an unknown number to a prospect; its result (given now, or recorded with it) then takes effect',
    params: idParams,
    body: attachBodySchema,
    output: recordedCallbackSchema,
    answer: 'The callback, the message it is now credited to, and the caller card',
  }),
};
