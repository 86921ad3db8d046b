import { z } from 'zod';
import { instant, prospectKey } from '../shared/validate.ts';
import { logCallSchema, loggedCallSchema } from './calls.contract.ts';
import { idParams, itemsOf, when } from './fields.ts';
import { operation } from './operation.ts';
import { outcomes } from './vocabulary.ts';

/** Where a call through the provider stands, as the desk shows it (telephony/call-state.ts). */
export const callStates = [
  'placing',
  'calling-rep',
  'dialling',
  'ringing',
  'answered',
  'person',
  'machine',
  'beep',
  'ended',
] as const;

export const dialSchema = z
  .object({
    prospect: prospectKey(),
    /** One of the prospect's numbers; the one the queue proposes now when left out. */
    number: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type DialInput = z.output<typeof dialSchema>;

/** A call through the provider, as it stands. */
export const liveCallSchema = z.object({
  id: z.number(),
  direction: z.enum(['outbound', 'inbound']),
  prospect: z.object({ id: z.number(), name: z.string(), company: z.string().nullable() }).nullable(),
  /** The prospect's number, E.164. */
  number: z.string(),
  state: z.enum(callStates),
  /** In words, for the rep: "Ringing for 12 s", "A machine: wait for the beep". */
  says: z.string(),
  /** The provider's last word on the prospect's leg, and its answering-machine detection's. */
  status: z.string().nullable(),
  answeredBy: z.string().nullable(),
  at: when,
  ringingAt: when.nullable(),
  answeredAt: when.nullable(),
  beepAt: when.nullable(),
  endedAt: when.nullable(),
  durationSeconds: z.number().nullable(),
  ringSeconds: z.number().nullable(),
  /** The attempt logged for this call, whether the call or the rep wrote it, and what it says. */
  attemptId: z.number().nullable(),
  loggedBy: z.enum(['call', 'rep']).nullable(),
  outcome: z.enum(outcomes).nullable(),
  /** For a call in: the callback recorded, crediting the message that earned it. */
  callbackId: z.number().nullable(),
});
export type LiveCall = z.infer<typeof liveCallSchema>;

/**
 * The rep's word on a call placed through Reach: who answered, what came of it, the message left,
 * notes and intelligence. The number, the instant and the duration are the call's own.
 */
export const callLogSchema = logCallSchema
  .omit({ prospect: true, number: true, kind: true, at: true, durationSeconds: true, carrierFailure: true })
  .strict();
export type CallLogInput = z.output<typeof callLogSchema>;

export const liveCallsQuerySchema = z
  .object({
    since: instant().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export const telephonyOperations = {
  dial: operation({
    method: 'post',
    path: '/calls/dial',
    tag: 'telephony',
    summary:
      "Call a prospect through the team's provider: the rep's phone rings first, then the prospect's, with answering-machine detection; every rule is checked at the server's now (a call is placed now, whatever clock the desk shows), and the dial is refused, naming the rule, where the queue would not dial that number now, or while the prospect has a call under way",
    body: dialSchema,
    output: liveCallSchema,
    status: 201,
    answer: 'The call, placed: follow it at GET /telephony/calls/{id} or on the event stream',
    otherAnswers: {
      409: 'Not allowed now (the rule that refuses it is named), or no telephony configured',
      503: 'The provider refused or could not be reached',
    },
  }),
  liveCall: operation({
    method: 'get',
    path: '/telephony/calls/{id}',
    tag: 'telephony',
    summary:
      'A call through the provider as it stands: ringing, a person, a machine, the beep, ended, logged',
    params: idParams,
    output: liveCallSchema,
    answer: 'The call',
  }),
  liveCalls: operation({
    method: 'get',
    path: '/telephony/calls',
    tag: 'telephony',
    summary: 'Calls through the provider, newest first',
    query: liveCallsQuerySchema,
    output: itemsOf(liveCallSchema),
    answer: 'The calls, newest first',
  }),
  hangUp: operation({
    method: 'post',
    path: '/telephony/calls/{id}/hangup',
    tag: 'telephony',
    summary: 'End a call through the provider (skip a voicemail at the beep)',
    params: idParams,
    output: liveCallSchema,
    answer: 'The call; its end arrives from the provider',
  }),
  logLiveCall: operation({
    method: 'post',
    path: '/telephony/calls/{id}/log',
    tag: 'telephony',
    summary:
      "The rep's word on a call placed through Reach (who answered, the result, the message left, notes, intelligence): it takes the place of what the call logged itself as, once",
    params: idParams,
    body: callLogSchema,
    output: loggedCallSchema,
    status: 201,
    answer: 'The call as logged, with its number, instant and duration from the provider',
    otherAnswers: { 409: 'The rep has logged this call already: correct it with PATCH /calls/{id}' },
  }),
};
