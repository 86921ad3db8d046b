import { z } from 'zod';
import { atParam, dateOrInstant, instant, prospectKey } from '../shared/validate.ts';
import { idParams, itemsOf, keyParams, when } from './fields.ts';
import { operation } from './operation.ts';
import { type MessageKind, messageKinds, pointKinds, severities, strategies } from './vocabulary.ts';

/** The kinds of message Reach composes: every kind a rep leaves but the generic one. */
export type ScriptKind = Exclude<MessageKind, 'generic'>;
export const scriptKinds = messageKinds.filter((kind): kind is ScriptKind => kind !== 'generic');

/** What a message template may need from the research or the talking points. */
export const messageNeeds = [
  'news',
  'event',
  'contact',
  'reference',
  'objective',
  'benefits',
  'referredBy',
  'lastTalk',
] as const;
export type MessageNeed = (typeof messageNeeds)[number];

/** Where the strategy a decision followed came from: asked for this call, set on the prospect, or the team's. */
export const strategySources = ['asked', 'prospect', 'team'] as const;

/** What to do instead of a message: a better time, another number, a way past the gatekeeper, another channel. */
export const insteadCodes = ['next-window', 'other-number', 'route', 'champion', 'email', 'letter'] as const;

export const voicemailQuerySchema = z
  .object({
    at: atParam('The moment of the call; now when left out'),
    strategy: z
      .enum(strategies)
      .optional()
      .describe("Decide under this strategy instead of the prospect's or the team's"),
    number: z.string().optional().describe('The number being dialled, when the prospect has several'),
  })
  .strict();

export const checkMessageSchema = z
  .object({
    text: z.string().trim().min(1, 'the message to check').max(5_000),
    prospect: prospectKey().optional(),
    kind: z.string().max(50).optional(),
    at: instant().optional(),
  })
  .strict();

export const messageStatsQuerySchema = z
  .object({
    since: instant().optional().describe('Messages left at or after this time'),
    until: instant().optional().describe('Messages left before this time'),
  })
  .strict();

const dayOrInstant = dateOrInstant();

export const addPointSchema = z
  .object({
    kind: z.enum(pointKinds),
    title: z.string().trim().min(1).max(300),
    detail: z.string().trim().max(500).optional(),
    prospect: prospectKey().optional(),
    company: z.string().trim().min(1).max(200).optional(),
    industry: z.string().trim().min(1).max(100).optional(),
    on: dayOrInstant.optional(),
    until: dayOrInstant.optional(),
    online: z.boolean().optional().describe('An event held online: every prospect may be invited'),
    city: z.string().trim().min(1).max(100).optional().describe("An event's city"),
    region: z.string().trim().min(1).max(100).optional().describe("An event's state, province or region"),
    country: z.string().trim().min(1).max(100).optional().describe("An event's country"),
    at: instant().optional(),
  })
  .strict();

export const pointsQuerySchema = z
  .object({
    kind: z.enum(pointKinds).optional(),
    at: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('Only points still timely then; all when left out'),
  })
  .strict();

/** One finding about a message: what, how bad, and how to fix it. */
export const messageCheckSchema = z.object({
  code: z.string(),
  severity: z.enum(severities),
  text: z.string(),
  fix: z.string().optional(),
});

/** A message to read at the beep. */
export const scriptSchema = z.object({
  kind: z.enum(scriptKinds),
  /** The template and the facts it used, stored with the message so it is never said again. */
  template: z.string(),
  text: z.string(),
  seconds: z.number(),
  checks: z.array(messageCheckSchema),
});

export const voicemailAdviceSchema = z.object({
  prospect: z.object({ id: z.number(), name: z.string(), company: z.string().nullable() }),
  at: when,
  decision: z.enum(['leave', 'skip']),
  strategy: z.enum(strategies),
  /** Where the strategy came from: asked for this call, set on the prospect, or the team's. */
  strategyFrom: z.enum(strategySources),
  reasons: z.array(z.object({ code: z.string(), text: z.string() })),
  script: scriptSchema.nullable(),
  /** Research that would let Reach say something new. */
  missing: z.array(z.object({ need: z.enum([...messageNeeds, 'voice']), text: z.string() })),
  /** What to do instead, when skipping. */
  instead: z.array(
    z.object({
      code: z.enum(insteadCodes),
      text: z.string(),
      at: when.optional(),
      number: z.string().optional(),
    }),
  ),
});
export type VoicemailAdvice = z.infer<typeof voicemailAdviceSchema>;
export type Instead = VoicemailAdvice['instead'][number];

export const checkedMessageSchema = z.object({
  seconds: z.number(),
  verdict: z.enum(['ok', 'warn', 'fail']),
  checks: z.array(messageCheckSchema),
});
export type CheckedMessage = z.infer<typeof checkedMessageSchema>;

/** Messages left and the callbacks credited to them, for one kind, template or strategy. */
export const messageRateSchema = z.object({
  key: z.string(),
  messages: z.number(),
  callbacks: z.number(),
  rate: z.number(),
});
export type MessageRate = z.infer<typeof messageRateSchema>;

export const messageStatsSchema = z.object({
  messages: z.number(),
  callbacks: z.number(),
  byKind: z.array(messageRateSchema),
  byTemplate: z.array(messageRateSchema),
  byStrategy: z.array(messageRateSchema),
});
export type MessageStats = z.infer<typeof messageStatsSchema>;

export const talkingPointSchema = z.object({
  id: z.number(),
  kind: z.enum(pointKinds),
  title: z.string(),
  detail: z.string().nullable(),
  prospectId: z.number().nullable(),
  companyId: z.number().nullable(),
  industry: z.string().nullable(),
  on: when.nullable(),
  until: when.nullable(),
  /** Where an event is: online, or its city, region and country as recorded. */
  online: z.boolean(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  country: z.string().nullable(),
});
export type TalkingPoint = z.infer<typeof talkingPointSchema>;

export const voicemailOperations = {
  voicemail: operation({
    method: 'get',
    path: '/prospects/{key}/voicemail',
    tag: 'voicemail',
    summary:
      'Leave a voicemail or not under the strategy, with the reasons, the script to read and what to do instead',
    params: keyParams,
    query: voicemailQuerySchema,
    output: voicemailAdviceSchema,
    answer: 'The decision, its reasons, the script when leaving and what to do instead when not',
  }),
  checkMessage: operation({
    method: 'post',
    path: '/check-message',
    tag: 'voicemail',
    summary:
      'Check a message for length, clichés, name and number, honesty and, given a prospect, repetition',
    body: checkMessageSchema,
    output: checkedMessageSchema,
    answer: 'Its spoken length, the verdict and every finding',
  }),
  messageStats: operation({
    method: 'get',
    path: '/message-stats',
    tag: 'voicemail',
    summary: 'Messages left and callbacks credited to them, by kind, template and strategy',
    query: messageStatsQuerySchema,
    output: messageStatsSchema,
    answer: 'The totals, and the messages and callbacks by kind, template and strategy',
  }),
  listPoints: operation({
    method: 'get',
    path: '/talking-points',
    tag: 'voicemail',
    summary: 'News, events, contacts and reference clients that messages are made of',
    query: pointsQuerySchema,
    output: itemsOf(talkingPointSchema),
    answer: 'The talking points, by kind',
  }),
  addPoint: operation({
    method: 'post',
    path: '/talking-points',
    tag: 'voicemail',
    summary: 'Add a news item, an event, a contact or a reference client',
    body: addPointSchema,
    output: talkingPointSchema,
    status: 201,
    answer: 'The talking point as stored',
  }),
  removePoint: operation({
    method: 'delete',
    path: '/talking-points/{id}',
    tag: 'voicemail',
    summary: 'Remove a talking point',
    params: idParams,
    output: z.object({ removed: z.number() }),
    answer: 'How many were removed',
  }),
};
