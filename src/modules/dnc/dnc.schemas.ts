import { z } from 'zod';
import { instant, prospectKey, sentenceReason } from '../../shared/validate.ts';

export const dncAddSchema = z
  .object({
    number: z.string().min(1).optional(),
    prospect: prospectKey().optional(),
    reason: z.string().trim().min(1).max(500).default('asked not to be called'),
    source: z.string().trim().min(1).max(100).default('manual'),
    /** Who recorded it, for the audit log. */
    by: z.string().trim().min(1).max(200).optional(),
    at: instant().optional(),
  })
  .strict()
  .refine((v) => v.number !== undefined || v.prospect !== undefined, {
    message: 'give a number or a prospect',
  });

const namedReason = sentenceReason('asked by email on 2 March to be called again');

export const dncRemoveSchema = z
  .object({
    number: z.string().min(1).optional(),
    prospect: prospectKey().optional(),
    reason: namedReason,
    /** The user who lifts it, kept in the audit log. */
    by: z.string().trim().min(1, 'the user who lifts the entry').max(200),
    /** Lifting a person's own request to stop: the user confirms the person consented to be called. */
    consent: z.boolean().default(false),
    at: instant().optional(),
  })
  .strict()
  .refine((v) => v.number !== undefined || v.prospect !== undefined, {
    message: 'give a number or a prospect',
  });
