import { parseId } from '../../shared/ids.ts';
import type { Route } from '../../shared/route.ts';
import {
  emailAnswerSchema,
  emailDraft,
  emailQuerySchema,
  letterFor,
  letterQuerySchema,
  recordEmailAnswer,
  sendEmail,
} from './email.service.ts';

const body = async (c: { req: { json(): Promise<unknown> } }) => c.req.json().catch(() => null);

/** A cadence's email, invitation, referral-request and letter steps: drafts, sending, what came back. */
export const emailRoutes: Route[] = [
  {
    method: 'get',
    path: '/tasks/{id}/email',
    tag: 'cadences',
    summary:
      "An email, invitation or referral-request step's draft: subject, text (an email's with the unsubscribe line), checks and a mailto: link; `to` names the champion a referral request asks",
    query: emailQuerySchema,
    handle: async ({ c, ctx }) =>
      c.json(await emailDraft(ctx, { id: parseId(c.req.param('id') ?? ''), query: c.req.query() })),
  },
  {
    method: 'post',
    path: '/tasks/{id}/email',
    tag: 'cadences',
    summary:
      "Send an email, invitation or referral-request step through the team's SMTP server; the step is then done",
    body: emailQuerySchema,
    handle: async ({ c, ctx }) =>
      c.json(await sendEmail(ctx, { id: parseId(c.req.param('id') ?? ''), body: (await body(c)) ?? {} })),
  },
  {
    method: 'get',
    path: '/tasks/{id}/letter',
    tag: 'cadences',
    summary:
      "A letter step as a print-ready HTML page, from the company's postal address to the prospect's company",
    query: letterQuerySchema,
    responses: { 200: 'text/html' },
    handle: async ({ c, ctx }) =>
      c.html((await letterFor(ctx, { id: parseId(c.req.param('id') ?? ''), query: c.req.query() })).html),
  },
  {
    method: 'post',
    path: '/tasks/{id}/answer',
    tag: 'cadences',
    summary:
      'Record what came back from a sent email: a reply pauses the cadence, "unsubscribe" stops it for good, a bounce skips the other email steps',
    body: emailAnswerSchema,
    handle: async ({ c, ctx }) =>
      c.json(await recordEmailAnswer(ctx, { id: parseId(c.req.param('id') ?? ''), body: await body(c) })),
  },
];
