import { z } from 'zod';
import { atParam } from '../../shared/validate.ts';
import { voicemailStrategies } from '../team/team.schemas.ts';
import { NOTES_MAX, phoneKinds, stages, TEXT_MAX } from './prospect-draft.ts';

const text = z.string().max(TEXT_MAX);

export const researchSchema = z
  .object({
    background: text,
    priorityObjective: text,
    referenceClients: text,
    benefits: z.array(z.string().max(500)).max(4),
    preferredChannel: z.enum(['phone', 'voicemail', 'email', 'letter']),
    referredBy: text,
    notes: z.string().max(NOTES_MAX),
  })
  .partial()
  .strict();

/** A prospect to add, or the fields of one to change: the same shape for the API and the CLI. */
export const prospectInputSchema = z
  .object({
    externalId: text,
    firstName: text,
    lastName: text,
    title: text,
    email: text,
    company: text,
    companyDomain: text,
    industry: text,
    stage: z.enum(stages),
    value: z.union([z.number().nonnegative(), z.string()]),
    timezone: text,
    city: text,
    region: text,
    country: text,
    notes: z.string().max(NOTES_MAX),
    /** The rep who works this prospect: a user's email or name, added to the team when new. */
    owner: z.string().trim().min(1).max(200),
    /** This prospect's voicemail strategy instead of the team's; null goes back to the team's. */
    voicemailStrategy: z.enum(voicemailStrategies).nullable(),
    alreadyHasProduct: z.boolean(),
    competitorRelationship: z.boolean(),
    phones: z
      .array(
        z
          .object({ number: z.string().min(1), kind: z.enum(phoneKinds), extension: z.string().optional() })
          .strict(),
      )
      .max(10),
    research: researchSchema,
  })
  .partial()
  .strict();

export type ProspectInput = z.infer<typeof prospectInputSchema>;

export const listQuerySchema = z
  .object({
    q: z.string().max(200).optional(),
    stage: z.enum(stages).optional(),
    limit: z.coerce.number().int().min(1).max(1000).default(50),
    offset: z.coerce.number().int().min(0).default(0),
    at: atParam('The time to read local times at (ISO 8601); now when left out'),
  })
  .strict();

export type ListQuery = z.input<typeof listQuerySchema>;
