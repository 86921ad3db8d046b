import { z } from 'zod';
import { instant, prospectKey } from '../shared/validate.ts';
import { idParams, itemsOf, keyParams, when } from './fields.ts';
import { heardFactSchema, intelFactSchema, MAX_FACTS_PER_CALL } from './intel.contract.ts';
import { operation } from './operation.ts';
import { messageKinds, outcomes, phoneKinds, results, stages } from './vocabulary.ts';

/** How long a call logged by mistake can be taken back, in seconds. */
export const UNDO_SECONDS = 60;

/** One dial as a rep logs it: the same shape from the API, the CLI and the web app. */
export const logCallSchema = z
  .object({
    prospect: prospectKey(),
    outcome: z.enum(outcomes),
    number: z.string().trim().min(1).optional(),
    kind: z.enum(phoneKinds).optional(),
    at: instant().optional(),
    durationSeconds: z.number().int().min(0).max(36_000).optional(),
    message: z
      .object({
        kind: z.enum(messageKinds),
        text: z.string().trim().max(2_000).optional(),
        scriptId: z.string().max(200).optional(),
        template: z.string().max(200).optional(),
        strategy: z.string().max(50).optional(),
      })
      .strict()
      .optional(),
    result: z.enum(results).optional(),
    /** With a `referred` result: an existing prospect, or the new person to add at the same company. */
    referral: z
      .object({
        prospect: prospectKey().optional(),
        firstName: z.string().trim().max(200).optional(),
        lastName: z.string().trim().max(200).optional(),
        title: z.string().trim().max(200).optional(),
        email: z.string().trim().max(320).optional(),
        phone: z.string().trim().max(50).optional(),
      })
      .strict()
      .optional(),
    resultAt: instant().optional(),
    note: z.string().max(5_000).optional(),
    /** The carrier said the number does not exist: one such failure invalidates it. */
    carrierFailure: z.boolean().optional(),
    idempotencyKey: z.string().trim().min(1).max(200).optional(),
    /** What was heard on the call (a gatekeeper's name, a private line, their hours), stored with it. */
    intel: z.array(heardFactSchema).max(MAX_FACTS_PER_CALL).optional(),
  })
  .strict();
export type LogCallInput = z.infer<typeof logCallSchema>;

/**
 * A correction of a logged call: the fields that change (null clears a result, its time, the
 * note or the talk time), why, by whom and when.
 */
export const correctCallSchema = z
  .object({
    outcome: z.enum(outcomes).optional(),
    result: z.enum(results).nullable().optional(),
    resultAt: instant().nullable().optional(),
    number: z.string().trim().min(1).optional(),
    note: z.string().max(5_000).nullable().optional(),
    durationSeconds: z.number().int().min(0).max(36_000).nullable().optional(),
    message: z
      .object({ kind: z.enum(messageKinds), text: z.string().trim().max(2_000).optional() })
      .strict()
      .optional(),
    reason: z.string().trim().min(3).max(500),
    by: z.string().trim().min(1).max(200).optional(),
    at: instant().optional(),
  })
  .strict();
export type CorrectCallInput = z.infer<typeof correctCallSchema>;

export const callsQuerySchema = z
  .object({
    prospect: z.string().optional(),
    since: instant().optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(200),
  })
  .strict();

export const loggedCallSchema = z.object({
  attempt: z.object({
    id: z.number(),
    prospectId: z.number(),
    at: when,
    outcome: z.enum(outcomes),
    result: z.enum(results).nullable(),
    resultAt: when.nullable(),
    durationSeconds: z.number().nullable(),
    note: z.string().nullable(),
    number: z.object({ e164: z.string(), kind: z.string() }).nullable(),
    local: z.object({ timezone: z.string(), time: z.string(), weekday: z.number() }).nullable(),
    referredProspectId: z.number().nullable(),
  }),
  voicemailId: z.number().nullable(),
  /** The facts heard on the call, as stored with it. */
  intel: z.array(intelFactSchema),
  /** The stage the call moved the prospect from (empty when it had none) and to. */
  stage: z
    .object({ from: z.enum(stages).or(z.literal('')), to: z.enum(stages), reason: z.string() })
    .nullable(),
  /** What the rep should know: `dnc-number`, `opted-out`, `number-invalidated`, `opted-out-now`. */
  flags: z.array(z.string()),
  /** True when this key was logged before: nothing new was written. */
  replayed: z.boolean(),
});
export type LoggedCall = z.infer<typeof loggedCallSchema>;

/** The fields of a call a correction may change. */
export const callFieldsSchema = z.object({
  outcome: z.enum(outcomes),
  result: z.enum(results).nullable(),
  /** ISO instant of the meeting or the promised callback. */
  resultAt: when.nullable(),
  /** The number dialled, E.164. */
  number: z.string().nullable(),
  note: z.string().nullable(),
  durationSeconds: z.number().nullable(),
  message: z.object({ kind: z.enum(messageKinds), text: z.string().nullable() }).nullable(),
});
export type CallFields = z.infer<typeof callFieldsSchema>;

export const callCorrectionSchema = z.object({
  id: z.number(),
  attemptId: z.number(),
  at: when,
  by: z.string(),
  reason: z.string(),
  before: callFieldsSchema,
  after: callFieldsSchema,
  changed: z.array(callFieldsSchema.keyof()),
});
export type CallCorrection = z.infer<typeof callCorrectionSchema>;

export const correctedCallSchema = z.object({
  correction: callCorrectionSchema,
  /** The prospect's stage when the correction moved it. */
  stage: z.object({ from: z.enum(stages), to: z.enum(stages) }).nullable(),
  /** The call as it stands now; `flags` adds what the correction did. */
  call: loggedCallSchema,
});
export type CorrectedCall = z.infer<typeof correctedCallSchema>;

export const undoneCallSchema = z.object({
  undone: z.number(),
  prospectId: z.number(),
  outcome: z.enum(outcomes),
  /** The stage the prospect is back at, when the log had moved it. */
  stage: z.enum(stages).nullable(),
});
export type UndoneCall = z.infer<typeof undoneCallSchema>;

export const callRowSchema = z.object({
  id: z.number(),
  at: when,
  prospectId: z.number(),
  prospect: z.string(),
  number: z.string().nullable(),
  kind: z.string().nullable(),
  outcome: z.enum(outcomes),
  result: z.enum(results).nullable(),
  /** The meeting's or the promised callback's time. */
  resultAt: when.nullable(),
  durationSeconds: z.number().nullable(),
  localTime: z.string().nullable(),
  note: z.string().nullable(),
  flags: z.array(z.string()),
});
export type CallRow = z.infer<typeof callRowSchema>;

export const effortSchema = z.object({
  attempts: z.number(),
  conversations: z.number(),
  voicemails: z.number(),
  callbacks: z.number(),
  minutes: z.number(),
});
export type Effort = z.infer<typeof effortSchema>;

export const timelineEntrySchema = z.object({
  at: when,
  type: z.enum(['call', 'message', 'intel', 'task', 'callback', 'stage', 'correction']),
  text: z.string(),
  id: z.number(),
});
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;

export const timelineSchema = z.object({
  prospectId: z.number(),
  name: z.string(),
  effort: effortSchema,
  entries: z.array(timelineEntrySchema),
});
export type Timeline = z.infer<typeof timelineSchema>;

export const callOperations = {
  logCall: operation({
    method: 'post',
    path: '/calls',
    tag: 'calls',
    summary:
      'Log a dial: outcome, number, message left, result; an Idempotency-Key header makes a retry record one attempt',
    headers: z.object({ 'idempotency-key': z.string().optional() }),
    body: logCallSchema,
    output: loggedCallSchema,
    status: (logged: LoggedCall) => (logged.replayed ? 200 : 201),
    answer:
      'The call as recorded (201), or as first recorded when this Idempotency-Key was logged before (200)',
    otherAnswers: {
      422: 'This Idempotency-Key was first used with another request (problem+json naming the key)',
    },
  }),
  undoCall: operation({
    method: 'delete',
    path: '/calls/{id}',
    tag: 'calls',
    summary: `Undo a call logged by mistake, within ${UNDO_SECONDS} s of logging it: the attempt and everything it wrote`,
    params: idParams,
    output: undoneCallSchema,
    answer: 'The call was taken back',
    otherAnswers: { 409: 'Too late, or it recorded a do-not-call request' },
  }),
  correctCall: operation({
    method: 'patch',
    path: '/calls/{id}',
    tag: 'calls',
    summary:
      'Correct a logged call after the undo window, with a reason: the outcome, result, number, message, note or talk time, and everything the call wrote or taught follows',
    params: idParams,
    body: correctCallSchema,
    output: correctedCallSchema,
    answer: 'The correction (before and after, by whom, why) and the call as it stands now',
    otherAnswers: {
      409: 'It recorded a do-not-call request, or left a message a callback was credited to',
    },
  }),
  listCalls: operation({
    method: 'get',
    path: '/calls',
    tag: 'calls',
    summary: 'Logged calls, newest first, for one prospect or the whole book',
    query: callsQuerySchema,
    output: itemsOf(callRowSchema),
    answer: 'The calls, newest first',
  }),
  timeline: operation({
    method: 'get',
    path: '/prospects/{key}/timeline',
    tag: 'calls',
    summary:
      'Every call, message, fact, task, callback and stage move of a prospect in time order, with the effort spent',
    params: keyParams,
    output: timelineSchema,
    answer: "The prospect's history and the effort spent",
  }),
};
