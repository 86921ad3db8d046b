import { z } from 'zod';
import { instant, prospectKey } from '../shared/validate.ts';
import { logCallSchema, loggedCallSchema } from './calls.contract.ts';
import { idParams, itemsOf, keyParams, optionalBody, when } from './fields.ts';
import { operation } from './operation.ts';
import { messageKinds, outcomes } from './vocabulary.ts';

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
  /**
   * How the rep is reached: their own phone, rung first, or the desk's browser phone, and that
   * leg's id at the provider (the call the browser phone is offered carries it as its CallSid).
   */
  repVia: z.enum(['phone', 'browser']),
  repSid: z.string().nullable(),
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
  /** Recorded (the team's choice), and whether the prospect heard that it is before a word was. */
  recorded: z.boolean(),
  disclosed: z.boolean(),
  /** The recorded message played at the beep, and when. */
  drop: z.object({ id: z.number(), name: z.string() }).nullable(),
  droppedAt: when.nullable(),
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

/** The largest recorded message: a minute of 16-bit mono WAV at 16 kHz, base64 in JSON. */
export const DROP_MAX_BYTES = 2_000_000;
export const DROP_MAX_SECONDS = 60;

export const addDropSchema = z
  .object({
    /** How the rep names it: "intro-q4". */
    name: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u, 'letters, digits, spaces, dots, dashes'),
    kind: z.enum(messageKinds),
    /** Its words, as said: checked for honesty like any message, and logged with each drop. */
    transcript: z.string().trim().min(10).max(1_000),
    /** The audio, base64: WAV (PCM) or MP3, in the rep's own voice. */
    audio: z
      .string()
      .min(1)
      .max(Math.ceil((DROP_MAX_BYTES * 4) / 3) + 4),
  })
  .strict();
export type AddDropInput = z.output<typeof addDropSchema>;

export const dropSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(messageKinds),
  transcript: z.string(),
  contentType: z.string(),
  seconds: z.number(),
  bytes: z.number(),
  createdAt: when,
  retiredAt: when.nullable(),
  /** Times it was played, and to how many prospects. */
  played: z.number(),
});
export type Drop = z.infer<typeof dropSchema>;

export const dropAtBeepSchema = z
  .object({
    /** The recorded message, by id or name; the team's only one when left out. */
    drop: z.union([z.number().int().positive(), z.string().trim().min(1).max(60)]).optional(),
  })
  .strict();
export type DropAtBeepInput = z.output<typeof dropAtBeepSchema>;

export const consentSchema = z
  .object({
    /** One of the prospect's numbers. */
    number: z.string().trim().min(1).max(50),
    /** true records consent to recorded messages on that number; false withdraws it. */
    prerecorded: z.boolean(),
    /** How it was given: `written` (signed on paper or electronically: what the TCPA asks for sales messages) or `oral`. */
    form: z.enum(['written', 'oral']).optional(),
    /** Where it is, for the record: "webinar sign-up form, 2026-11-02, checkbox 3". */
    source: z.string().trim().min(5).max(500),
    /** Who recorded it. */
    by: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((c) => !c.prerecorded || c.form !== undefined, {
    path: ['form'],
    message: 'say how the consent was given: written or oral',
  });
export type ConsentInput = z.output<typeof consentSchema>;

export const consentViewSchema = z.object({
  prospect: z.number(),
  number: z.string(),
  prerecorded: z.boolean(),
  form: z.enum(['written', 'oral']).nullable(),
  at: when,
  source: z.string(),
  by: z.string().nullable(),
});
export type ConsentView = z.infer<typeof consentViewSchema>;

/** An access token a rep's browser phone registers with at the provider (Twilio's Voice SDK). */
export const phoneTokenSchema = z.object({
  /** The name the browser phone registers under: calls to `client:` this ring it. */
  identity: z.string(),
  /** A JWT for the Voice SDK's Device: incoming calls only; ask for a new one before it expires. */
  token: z.string(),
  expiresAt: when,
});
export type PhoneToken = z.infer<typeof phoneTokenSchema>;

export const telephonyOperations = {
  phoneToken: operation({
    method: 'post',
    path: '/telephony/phone-token',
    tag: 'telephony',
    summary:
      "An access token for the signed-in rep's browser phone (a rep whose calls ring in the desk: reachBy browser), signed with the team's API key; valid an hour. Reach places every call, so the token lets the browser take calls, not make them",
    output: phoneTokenSchema,
    answer: 'The token, its identity and when it expires',
    otherAnswers: {
      403: 'Not a signed-in user',
      409: "The rep's calls ring their own phone, or the team has no API key (the missing settings are named)",
    },
  }),
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
  dropAtBeep: operation({
    method: 'post',
    path: '/telephony/calls/{id}/drop',
    tag: 'telephony',
    summary:
      "Play a recorded message at the beep and free the rep: only to a machine, only where the strategy says leave, never the same recording twice to one prospect, and only where the law allows a prerecorded message (a business landline the carrier confirms, or the person's recorded consent; never a mobile or a line of unknown type without it); refused, naming the rule, otherwise",
    params: idParams,
    body: optionalBody(dropAtBeepSchema),
    output: liveCallSchema,
    answer: 'The call: the message plays and the call ends; it logs itself as a message left, with its kind',
    otherAnswers: { 409: 'Not allowed on this call (the rule or the reason is named)' },
  }),
  addDrop: operation({
    method: 'post',
    path: '/voicemail-drops',
    tag: 'telephony',
    summary:
      "Keep a recorded message in the rep's own voice (WAV or MP3, at most a minute), with its words: refused when the words fail the honesty check, since the same recording goes to everyone",
    body: addDropSchema,
    output: dropSchema,
    status: 201,
    maxBody: Math.ceil((DROP_MAX_BYTES * 4) / 3) + 8_192,
    answer: 'The recorded message, kept',
    otherAnswers: { 409: 'A message by that name is kept already' },
  }),
  drops: operation({
    method: 'get',
    path: '/voicemail-drops',
    tag: 'telephony',
    summary: 'The recorded messages, with how often each was played',
    output: itemsOf(dropSchema),
    answer: 'The recorded messages, newest first',
  }),
  retireDrop: operation({
    method: 'delete',
    path: '/voicemail-drops/{id}',
    tag: 'telephony',
    summary: 'Retire a recorded message: never played again, kept for the calls that played it',
    params: idParams,
    output: dropSchema,
    answer: 'The recorded message, retired',
  }),
  consent: operation({
    method: 'post',
    path: '/prospects/{key}/consent',
    tag: 'telephony',
    summary:
      "Record (or withdraw) a person's consent to recorded messages on one of their numbers, with how it was given",
    params: keyParams,
    body: consentSchema,
    output: consentViewSchema,
    answer: 'The consent as recorded',
  }),
};
