import { z } from 'zod';
import { atParam, prospectKey } from '../shared/validate.ts';
import { idParams, itemsOf, keyParams, optionalBody, when } from './fields.ts';
import { operation } from './operation.ts';
import { LEGAL_END, LEGAL_START, recommendations } from './vocabulary.ts';

export const stepKinds = [
  'call',
  'email',
  'letter',
  'referral-request',
  'invitation',
  'linkedin',
  'wait',
] as const;
export type StepKind = (typeof stepKinds)[number];

/** What a task is: a cadence's step, or a follow-up a call left (a callback, a meeting, a person to find). */
export const taskKinds = [...stepKinds, 'callback', 'meeting', 'find-person'] as const;
export type TaskKind = (typeof taskKinds)[number];

/**
 * Parts of the prospect's day a call step aims at: before the gatekeeper arrives, at her
 * lunch, after she leaves, or plain business hours.
 */
export const windows = { early: '08:00', lunch: '12:45', 'after-hours': '17:30', business: '10:00' } as const;
export type Window = keyof typeof windows;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time as HH:MM, for example 08:15');

const stepSchema = z
  .object({
    day: z
      .number()
      .int()
      .min(0)
      .max(365)
      .describe('Working days after the start, in the prospect’s calendar'),
    kind: z.enum(stepKinds),
    window: z.enum(Object.keys(windows) as [Window, ...Window[]]).optional(),
    at: clock.optional().describe("The prospect's local time; the window's, or 09:00, when left out"),
    note: z.string().trim().min(1).max(300).optional(),
    send: z
      .enum(['auto', 'manual'])
      .optional()
      .describe(
        'An email step: `auto` goes out by itself when due (through the team’s SMTP server, if its checks pass); `manual`, the default, waits for the rep',
      ),
  })
  .strict();

/** A cadence's fields, before the checks that read one step against another. */
const cadenceFields = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,40}$/, 'lower-case letters, digits and dashes, for example cold-3-weeks'),
    description: z.string().trim().min(1).max(300),
    /** Most voicemails the whole cadence may leave. */
    maxMessages: z.number().int().min(0).max(50).default(2),
    steps: z.array(stepSchema).min(1).max(100),
  })
  .strict();

const an = (kind: string): string => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

export const cadenceSchema = cadenceFields.superRefine((c, ctx) => {
  c.steps.forEach((step, i) => {
    const previous = c.steps[i - 1];
    if (previous && step.day < previous.day)
      ctx.addIssue({
        code: 'custom',
        path: ['steps', i, 'day'],
        message: `day ${step.day} comes before step ${i - 1}'s day ${previous.day}: list steps in order`,
      });
    if (step.window && step.kind !== 'call')
      ctx.addIssue({
        code: 'custom',
        path: ['steps', i, 'window'],
        message: `only a call aims at a part of the day, not ${an(step.kind)}`,
      });
    if (step.send && step.kind !== 'email')
      ctx.addIssue({
        code: 'custom',
        path: ['steps', i, 'send'],
        message: `only an email goes out by itself, not ${an(step.kind)}`,
      });
    if (step.kind === 'call' && step.at && (step.at < LEGAL_START || step.at >= LEGAL_END))
      ctx.addIssue({
        code: 'custom',
        path: ['steps', i, 'at'],
        message: `${step.at} is outside legal calling hours (${LEGAL_START}-${LEGAL_END} in the prospect's zone)`,
      });
  });
});

export type CadenceInput = z.input<typeof cadenceSchema>;
export type Cadence = z.output<typeof cadenceSchema>;
export type CadenceStep = Cadence['steps'][number];

export const saveCadenceQuerySchema = z
  .object({
    replace: z
      .enum(['true', 'false'])
      .optional()
      .transform((replace) => replace === 'true')
      .describe('`true` overwrites a cadence of the same name; prospects on it keep their steps'),
  })
  .strict();

export const cadenceQuerySchema = z
  .object({
    start: atParam('When the cadence would start (ISO 8601); now when left out'),
    zone: z
      .string()
      .optional()
      .describe("The prospect's IANA zone the steps are laid in; the territory's first when left out"),
  })
  .strict();

/** A cadence named in the path. */
export const nameParams = z.object({ name: z.string() });

export const startCadenceSchema = z
  .object({
    cadence: z.string().min(1).describe('A cadence by name, for example cold-3-weeks'),
    prospects: z.array(prospectKey()).min(1).max(1000).describe('Prospects by id, external id or email'),
    at: atParam('When the cadence starts (ISO 8601); now when left out'),
  })
  .strict();
export type StartCadence = z.output<typeof startCadenceSchema>;

export const stopCadenceSchema = z
  .object({
    reason: z.string().trim().min(1).max(200).default('stopped by the rep'),
    at: atParam('When (ISO 8601); now when left out'),
  })
  .strict();

export const resumeCadenceSchema = z.object({ at: atParam('When (ISO 8601); now when left out') }).strict();

export const tasksQuerySchema = z
  .object({
    at: atParam('The moment of the question (ISO 8601); now when left out'),
    dueBefore: atParam("Only tasks due before this instant; the end of the rep's day when left out"),
    limit: z.coerce.number().int().min(1).max(1000).default(200),
  })
  .strict();

export const completeTaskSchema = z
  .object({
    status: z.enum(['done', 'skipped']).default('done'),
    note: z.string().trim().min(1).max(500).optional(),
    at: atParam('When (ISO 8601); now when left out'),
  })
  .strict();

export const cadenceSummarySchema = z.object({
  name: z.string(),
  description: z.string(),
  maxMessages: z.number(),
  steps: z.number(),
  /** Working days from the first step to the last. */
  workingDays: z.number(),
  kinds: z.partialRecord(z.enum(stepKinds), z.number()),
  /** Shipped with Reach, or the team's own. */
  builtIn: z.boolean(),
});
export type CadenceSummary = z.infer<typeof cadenceSummarySchema>;

export const cadenceViewSchema = cadenceFields.extend({
  zone: z.string(),
  start: when,
  schedule: z.array(
    z.object({
      step: z.number(),
      kind: z.enum(stepKinds),
      dueAt: when,
      local: z.string(),
      note: z.string().nullable(),
      auto: z.boolean(),
    }),
  ),
});
export type CadenceView = z.infer<typeof cadenceViewSchema>;

export const startReportSchema = z.object({
  cadence: z.string(),
  started: z.array(
    z.object({
      prospectId: z.number(),
      name: z.string(),
      zone: z.string(),
      enrollmentId: z.number(),
      firstDue: when,
    }),
  ),
  rejected: z.array(z.object({ prospect: z.string(), reason: z.string() })),
});
export type StartReport = z.infer<typeof startReportSchema>;

export const stoppedCadenceSchema = z.object({
  prospectId: z.number(),
  cadence: z.string(),
  cancelled: z.number(),
});
export type StoppedCadence = z.infer<typeof stoppedCadenceSchema>;

export const resumedCadenceSchema = z.object({
  prospectId: z.number(),
  cadence: z.string(),
  steps: z.number(),
  firstDue: when.nullable(),
});
export type ResumedCadence = z.infer<typeof resumedCadenceSchema>;

export const taskRowSchema = z.object({
  id: z.number(),
  kind: z.enum(taskKinds),
  dueAt: when,
  /** The due time in the prospect's clock, and that clock's zone. */
  local: z.string().nullable(),
  /** The prospect's zone (the cadence's, for a step): the clock `local` is on. */
  zone: z.string().nullable(),
  overdue: z.boolean(),
  prospect: z.object({ id: z.number(), name: z.string(), company: z.string().nullable() }),
  cadence: z.string().nullable(),
  /** The step's place in its cadence, from 1. */
  step: z.number().nullable(),
  of: z.number().nullable(),
  note: z.string().nullable(),
  /** For a call step: keep-or-drop's word, which the step follows. */
  pursuit: z.object({ recommendation: z.enum(recommendations), reason: z.string() }).nullable(),
  /** An email step that goes out by itself when due, given an SMTP server. */
  auto: z.boolean(),
  /** Why an automatic step did not go, or when it is tried again: the rep's to settle. */
  problem: z.string().nullable(),
});
export type TaskRow = z.infer<typeof taskRowSchema>;

export const taskListSchema = z.object({
  at: when,
  dueBefore: when,
  /** The rep's clock (see `repClockZone`). */
  zone: z.string(),
  /** No `dueBefore` was given: the list runs to the end of the rep's day. */
  endOfDay: z.boolean(),
  items: z.array(taskRowSchema),
});
export type TaskList = z.infer<typeof taskListSchema>;

export const completedTaskSchema = z.object({ id: z.number(), status: z.enum(['done', 'skipped']) });
export type CompletedTask = z.infer<typeof completedTaskSchema>;

export const cadenceOperations = {
  listCadences: operation({
    method: 'get',
    path: '/cadences',
    tag: 'cadences',
    summary: 'The follow-up cadences a prospect can be put on: steps, channels, most messages',
    output: itemsOf(cadenceSummarySchema),
    answer: 'The built-in cadences, then the team’s own by name',
  }),
  saveCadence: operation({
    access: 'manager',
    method: 'post',
    path: '/cadences',
    tag: 'cadences',
    summary:
      "Add the team's own cadence, checked step by step (`?replace=true` overwrites one of the same name)",
    query: saveCadenceQuerySchema,
    body: cadenceSchema,
    output: cadenceSchema,
    status: 201,
    answer: 'The cadence as saved',
    otherAnswers: { 409: 'A cadence of that name exists: replace it explicitly' },
  }),
  removeCadence: operation({
    access: 'manager',
    method: 'delete',
    path: '/cadences/{name}',
    tag: 'cadences',
    summary: "Remove one of the team's own cadences; prospects on it keep their steps",
    params: nameParams,
    output: z.object({ removed: z.string() }),
    answer: 'The name of the cadence removed',
    otherAnswers: { 404: 'No cadence of the team’s by that name' },
  }),
  showCadence: operation({
    method: 'get',
    path: '/cadences/{name}',
    tag: 'cadences',
    summary: "One cadence's steps, laid over a prospect's working days in their own zone",
    params: nameParams,
    query: cadenceQuerySchema,
    output: cadenceViewSchema,
    answer: 'The cadence, with each step’s instant and local time in the zone',
    otherAnswers: { 404: 'No cadence by that name' },
  }),
  startCadence: operation({
    method: 'post',
    path: '/enrollments',
    tag: 'cadences',
    summary:
      'Put prospects on a cadence: every step laid in the prospect’s zone as a task; who could not start, and why',
    body: startCadenceSchema,
    output: startReportSchema,
    status: 201,
    answer: 'Who started, with their first step, and who could not, with the reason',
    otherAnswers: { 404: 'No cadence by that name' },
  }),
  stopCadence: operation({
    method: 'post',
    path: '/prospects/{key}/cadence/stop',
    tag: 'cadences',
    summary: 'Take a prospect off their cadence: open steps cancelled, the reason kept',
    params: keyParams,
    body: optionalBody(stopCadenceSchema),
    output: stoppedCadenceSchema,
    answer: 'The cadence stopped and how many open steps were cancelled',
    otherAnswers: { 404: 'No such prospect, or the prospect is not on a cadence' },
  }),
  resumeCadence: operation({
    method: 'post',
    path: '/prospects/{key}/cadence/resume',
    tag: 'cadences',
    summary: 'Set a paused cadence going again: the steps left keep their spacing',
    params: keyParams,
    body: optionalBody(resumeCadenceSchema),
    output: resumedCadenceSchema,
    answer: 'The cadence resumed, the steps left and when the first of them is due',
    otherAnswers: { 404: 'No such prospect, or the prospect has no paused cadence' },
  }),
  listTasks: operation({
    method: 'get',
    path: '/tasks',
    tag: 'cadences',
    summary: 'Open tasks due before a time, earliest first: cadence steps, promised callbacks and meetings',
    query: tasksQuerySchema,
    output: taskListSchema,
    answer: "The tasks due, earliest first, with the moment asked and the rep's clock",
  }),
  completeTask: operation({
    method: 'post',
    path: '/tasks/{id}/done',
    tag: 'cadences',
    summary: 'Mark a task done, or skipped with a note',
    params: idParams,
    body: optionalBody(completeTaskSchema),
    output: completedTaskSchema,
    answer: 'The task and its new status',
    otherAnswers: { 404: 'No such task', 409: 'The task is no longer open' },
  }),
};
