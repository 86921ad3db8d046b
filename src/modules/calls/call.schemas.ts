import { z } from 'zod';
import { heardFactSchema, MAX_FACTS_PER_CALL } from '../../contracts/intel.contract.ts';
import { instant, prospectKey } from '../../shared/validate.ts';
import { messageKinds, outcomes, results } from '../outcomes/call-rules.ts';
import { phoneKinds } from '../prospects/prospect-draft.ts';

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
