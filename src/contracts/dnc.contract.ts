import { z } from 'zod';
import { instant, prospectKey, sentenceReason } from '../shared/validate.ts';
import { itemsOf, when } from './fields.ts';
import { operation } from './operation.ts';

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
export type DncAddInput = z.output<typeof dncAddSchema>;

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
export type DncRemoveInput = z.output<typeof dncRemoveSchema>;

/** What the audit log says happened to an entry. */
export const dncActions = ['added', 'lifted'] as const;
export type DncAction = (typeof dncActions)[number];

export const dncEntrySchema = z.object({
  id: z.number(),
  /** The number, E.164; null for a person's request kept by email or by prospect. */
  e164: z.string().nullable(),
  /** An email address that asked not to be contacted. */
  email: z.string().nullable(),
  /** The person's own request, binding every record of theirs. */
  bindsPerson: z.boolean(),
  prospectId: z.number().nullable(),
  prospectName: z.string().nullable(),
  reason: z.string(),
  source: z.string(),
  addedAt: when,
});
export type DncEntry = z.infer<typeof dncEntrySchema>;

export const liftedSchema = z.object({
  /** How many entries were lifted. */
  removed: z.number(),
  /** The prospects no longer opted out. */
  prospects: z.array(z.number()),
});
export type Lifted = z.infer<typeof liftedSchema>;

export const dncEventSchema = z.object({
  at: when,
  action: z.enum(dncActions),
  prospectId: z.number().nullable(),
  e164: z.string().nullable(),
  email: z.string().nullable(),
  reason: z.string(),
  source: z.string().nullable(),
  by: z.string().nullable(),
  /** A person's own request lifted with their consent to be called again. */
  consent: z.boolean(),
});
export type DncEvent = z.infer<typeof dncEventSchema>;

export const dncOperations = {
  listDnc: operation({
    method: 'get',
    path: '/dnc',
    tag: 'dnc',
    summary: 'The active Do-Not-Call list',
    output: itemsOf(dncEntrySchema),
    answer: 'The active entries, newest first',
  }),
  addDnc: operation({
    method: 'post',
    path: '/dnc',
    tag: 'dnc',
    summary:
      'Put a number, or a person (every record sharing their email or an own number, their own numbers and email), on the Do-Not-Call list',
    body: dncAddSchema,
    output: itemsOf(dncEntrySchema),
    status: 201,
    answer: 'The entries now active',
  }),
  removeDnc: operation({
    access: 'manager',
    method: 'post',
    path: '/dnc/removals',
    tag: 'dnc',
    summary:
      "Lift Do-Not-Call entries with a named reason and the user, kept in the audit log; a person's own request only with consent: true",
    body: dncRemoveSchema,
    output: liftedSchema,
    answer: 'How many entries were lifted, and the prospects no longer opted out',
  }),
  dncHistory: operation({
    method: 'get',
    path: '/dnc/history',
    tag: 'dnc',
    summary:
      'The audit log: every Do-Not-Call entry added or lifted, newest first, with who, why and consent',
    output: itemsOf(dncEventSchema),
    answer: 'The audit log, newest first',
  }),
};
