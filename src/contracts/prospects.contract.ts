import { z } from 'zod';
import { atParam } from '../shared/validate.ts';
import { itemsOf, keyParams, when } from './fields.ts';
import { operation } from './operation.ts';
import { NOTES_MAX, phoneKinds, stages, strategies, TEXT_MAX } from './vocabulary.ts';

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
    /** The user whose book holds the prospect (a rep works their own); null for the team's shared pool. */
    ownerId: z.number().nullable(),
    value: z.union([z.number().nonnegative(), z.string()]),
    timezone: text,
    city: text,
    region: text,
    country: text,
    notes: z.string().max(NOTES_MAX),
    /** The rep who works this prospect: a user's email or name, added to the team when new. */
    owner: z.string().trim().min(1).max(200),
    /** This prospect's voicemail strategy instead of the team's; null goes back to the team's. */
    voicemailStrategy: z.enum(strategies).nullable(),
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
export type { PhoneKind, Stage, StrategyName } from './vocabulary.ts';
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

const atQuery = z
  .object({ at: atParam('The time to read the local time at (ISO 8601); now when left out') })
  .strict();

/** The prospect's clock at an instant, never the caller's. */
export const localTimeSchema = z.object({
  zone: z.string().nullable(),
  candidates: z.array(z.string()),
  ambiguous: z.boolean(),
  /** ISO local date-time in the zone, or in the earliest candidate zone when ambiguous. */
  local: z.string().nullable(),
  /** What a rep reads: "Tue 09:05 (America/Chicago)", "09:05-10:05, zone ambiguous", "zone unknown". */
  label: z.string(),
});
export type LocalTime = z.infer<typeof localTimeSchema>;

export const prospectViewSchema = z.object({
  id: z.number(),
  externalId: z.string().nullable(),
  name: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  title: z.string().nullable(),
  email: z.string().nullable(),
  stage: z.enum(stages),
  /** The user whose book holds the prospect; null for the team's shared pool. */
  ownerId: z.number().nullable(),
  value: z.number().nullable(),
  company: z
    .object({
      id: z.number(),
      name: z.string(),
      domain: z.string().nullable(),
      industry: z.string().nullable(),
    })
    .nullable(),
  phones: z.array(
    z.object({
      id: z.number(),
      e164: z.string(),
      kind: z.enum(phoneKinds),
      extension: z.string().nullable(),
      valid: z.boolean(),
      doNotCall: z.boolean(),
    }),
  ),
  timezone: z.string().nullable(),
  timezoneCandidates: z.array(z.string()),
  timezoneSource: z.string().nullable(),
  localTime: localTimeSchema,
  city: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
  research: z.object({
    background: z.string().optional(),
    priorityObjective: z.string().optional(),
    referenceClients: z.string().optional(),
    benefits: z.array(z.string()).optional(),
    preferredChannel: z.string().optional(),
    notes: z.string().optional(),
    referredBy: z.string().optional(),
  }),
  researchedAt: when.nullable(),
  alreadyHasProduct: z.boolean(),
  competitorRelationship: z.boolean(),
  optedOut: z.boolean(),
  voicemailStrategy: z.enum(strategies).nullable(),
  createdAt: when,
  updatedAt: when,
});
export type ProspectView = z.infer<typeof prospectViewSchema>;

export const zoneChangeSchema = z.object({
  prospectId: z.number(),
  name: z.string(),
  at: when,
  before: z.array(z.string()),
  after: z.array(z.string()),
  reason: z.string(),
});
export type ZoneChange = z.infer<typeof zoneChangeSchema>;

/** Which prospects a reassignment moves: at least one filter, or `all`. */
export const reassignSchema = z
  .object({
    /** The user whose book they go to (id, email or name), or `pool` for the team's shared pool. */
    to: z.string().trim().min(1).max(200),
    /** Only those now in this user's book (id, email or name), or `pool` for the unowned. */
    from: z.string().trim().min(1).max(200).optional(),
    stage: z.enum(stages).optional(),
    /** Only these prospects, by id. */
    ids: z.array(z.number().int().positive().max(2_147_483_647)).min(1).max(10_000).optional(),
    /** Every prospect of the team (when no other filter is given, this must be said). */
    all: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.all || r.from !== undefined || r.stage !== undefined || r.ids !== undefined, {
    message: 'name which prospects: from, stage, ids, or all: true',
    path: ['from'],
  });

/** A prospect a rep has open: held from every other rep until it lapses. */
export const holdViewSchema = z.object({
  held: z.boolean(),
  until: z.string().nullable(),
  by: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type HoldView = z.infer<typeof holdViewSchema>;

export const prospectOperations = {
  holdProspect: operation({
    method: 'post',
    path: '/prospects/{key}/hold',
    tag: 'prospects',
    summary:
      'Hold a prospect the rep has open for five minutes (renewed while open): no other rep is proposed them or may dial them, nor anyone at their company through its main line',
    params: keyParams,
    output: holdViewSchema,
    answer: 'The hold',
    otherAnswers: { 409: 'Another rep has them (or their company’s main line) open' },
  }),
  releaseProspect: operation({
    method: 'delete',
    path: '/prospects/{key}/hold',
    tag: 'prospects',
    summary: 'Let go of a prospect the rep had open',
    params: keyParams,
    output: holdViewSchema,
    answer: 'No hold',
  }),
  reassign: operation({
    method: 'post',
    path: '/prospects/reassign',
    tag: 'prospects',
    access: 'manager',
    summary:
      "Move prospects to a rep's book (or the team's shared pool): those of one owner, one stage, a list, or all; audited",
    body: reassignSchema,
    output: z.object({ reassigned: z.number().int(), to: z.number().int().nullable() }),
    answer: 'How many moved, and to whom',
  }),
  zoneChanges: operation({
    method: 'get',
    path: '/zones/changes',
    tag: 'prospects',
    summary:
      "What re-resolving zones changed in the book (each number's own plan data, places that span zones, abbreviations read as zones), with the reason",
    output: itemsOf(zoneChangeSchema),
    answer: 'The changes, newest first',
  }),
  listProspects: operation({
    method: 'get',
    path: '/prospects',
    tag: 'prospects',
    summary: 'List prospects with their local time, filtered by text or stage',
    query: listQuerySchema,
    output: z.object({ total: z.number(), items: z.array(prospectViewSchema) }),
    answer: 'One page of prospects and how many match',
  }),
  addProspect: operation({
    method: 'post',
    path: '/prospects',
    tag: 'prospects',
    summary: 'Add a prospect',
    body: prospectInputSchema,
    output: prospectViewSchema,
    status: 201,
    answer: 'The prospect as stored',
  }),
  getProspect: operation({
    method: 'get',
    path: '/prospects/{key}',
    tag: 'prospects',
    summary: 'One prospect by id, external id or email',
    params: keyParams,
    query: atQuery,
    output: prospectViewSchema,
    answer: 'The prospect, with its local time',
  }),
  editProspect: operation({
    method: 'patch',
    path: '/prospects/{key}',
    tag: 'prospects',
    summary: 'Change a prospect: the fields given, numbers added, research notes merged',
    params: keyParams,
    query: atQuery,
    body: prospectInputSchema,
    output: prospectViewSchema,
    answer: 'The prospect as it stands now',
  }),
};
