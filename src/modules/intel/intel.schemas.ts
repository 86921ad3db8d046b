import { z } from 'zod';
import { idSchema } from '../../shared/ids.ts';
import { dateOrInstant, instant, prospectKey } from '../../shared/validate.ts';
import { intelTypes } from './intel-rules.ts';

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
