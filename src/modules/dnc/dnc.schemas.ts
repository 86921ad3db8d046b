import { z } from 'zod';
import { instant } from '../../shared/validate.ts';

export const dncAddSchema = z
  .object({
    number: z.string().min(1).optional(),
    prospect: z.union([z.string().min(1), z.number().int()]).optional(),
    reason: z.string().trim().min(1).max(500).default('asked not to be called'),
    source: z.string().trim().min(1).max(100).default('manual'),
    at: instant().optional(),
  })
  .strict()
  .refine((v) => v.number !== undefined || v.prospect !== undefined, {
    message: 'give a number or a prospect',
  });

export const dncRemoveSchema = z
  .object({
    number: z.string().min(1).optional(),
    prospect: z.union([z.string().min(1), z.number().int()]).optional(),
    reason: z.string().trim().min(3, 'say why the entry is removed').max(500),
    at: instant().optional(),
  })
  .strict()
  .refine((v) => v.number !== undefined || v.prospect !== undefined, {
    message: 'give a number or a prospect',
  });
