import { z } from 'zod';
import { atParam } from '../shared/validate.ts';
import { idParams, optionalBody, when } from './fields.ts';
import { operation } from './operation.ts';
import { severities } from './vocabulary.ts';

export const emailQuerySchema = z
  .object({
    at: atParam('The moment of the step (ISO 8601); now when left out'),
    to: z
      .string()
      .trim()
      .regex(
        /^[^<>@\s]*(\s*[^<>@]*<)?[^<>@\s]+@[^<>@\s]+\.[^<>@\s]+>?$/,
        'an address: dana@example.com or Dana Cho <dana@example.com>',
      )
      .optional()
      .describe('A referral request: the champion or customer asked for the introduction'),
  })
  .strict();
export type EmailQuery = z.output<typeof emailQuerySchema>;

/** A letter's moment; a letter has no recipient to name, so `to` is refused. */
export const letterQuerySchema = emailQuerySchema.pick({ at: true }).strict();

export const emailAnswers = ['reply', 'unsubscribe', 'bounce'] as const;

export const emailAnswerSchema = z
  .object({
    answer: z.enum(emailAnswers).describe('What came back from a sent email step'),
    note: z.string().trim().min(1).max(500).optional(),
    at: atParam('When it came (ISO 8601); now when left out'),
  })
  .strict();
export type EmailAnswer = z.output<typeof emailAnswerSchema>;

/** What an email opens with: news, an event, a contact, a reference client, their objective; or a referral request. */
export const emailKinds = [
  'information',
  'invitation',
  'introduction',
  'reference',
  'objective',
  'referral',
] as const;
export type EmailKind = (typeof emailKinds)[number];

/** One finding of the message checker about the email: what, how bad, and how to fix it. */
const checkSchema = z.object({
  code: z.string(),
  severity: z.enum(severities),
  text: z.string(),
  fix: z.string().optional(),
});

export const emailDraftSchema = z.object({
  kind: z.enum(emailKinds),
  subject: z.string(),
  text: z.string(),
  checks: z.array(checkSchema),
  taskId: z.number(),
  prospectId: z.number(),
  to: z.string().nullable(),
  /** Opens the rep's own mail program with the draft filled in. */
  mailto: z.string(),
  sent: z.object({ messageId: z.string(), at: when }).nullable(),
});
export type EmailDraft = z.infer<typeof emailDraftSchema>;

export const recordedAnswerSchema = z.object({
  taskId: z.number(),
  answer: z.enum(emailAnswers),
  /** What the answer did to the cadence, in words. */
  effect: z.string(),
});
export type RecordedAnswer = z.infer<typeof recordedAnswerSchema>;

/** A cadence's email, invitation and referral-request steps: drafts, sending, what came back. */
export const emailOperations = {
  emailDraft: operation({
    method: 'get',
    path: '/tasks/{id}/email',
    tag: 'cadences',
    summary:
      "An email, invitation or referral-request step's draft: subject, text (an email's with the unsubscribe line), checks and a mailto: link; `to` names the champion a referral request asks",
    params: idParams,
    query: emailQuerySchema,
    output: emailDraftSchema,
    answer: 'The draft, its checks and a mailto: link',
    otherAnswers: {
      404: 'No such task',
      409: 'The step is no longer open, or the prospect asked not to be contacted',
    },
  }),
  sendEmail: operation({
    method: 'post',
    path: '/tasks/{id}/email',
    tag: 'cadences',
    summary:
      "Send an email, invitation or referral-request step through the team's SMTP server; the step is then done",
    params: idParams,
    body: optionalBody(emailQuerySchema),
    output: emailDraftSchema,
    answer: 'The email as sent, with its message id',
    otherAnswers: {
      404: 'No such task',
      409: 'The step is no longer open, or the prospect asked not to be contacted',
      503: 'The SMTP server refused the email',
    },
  }),
  recordEmailAnswer: operation({
    method: 'post',
    path: '/tasks/{id}/answer',
    tag: 'cadences',
    summary:
      'Record what came back from a sent email: a reply pauses the cadence, "unsubscribe" stops it for good, a bounce skips the other email steps',
    params: idParams,
    body: emailAnswerSchema,
    output: recordedAnswerSchema,
    answer: 'The answer recorded and what it did to the cadence',
    otherAnswers: { 404: 'No such task' },
  }),
};
