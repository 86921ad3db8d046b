import { z } from 'zod';
import { bodyStream } from '../../shared/request-body.ts';
import { partialAnswer } from '../../shared/request-trace.ts';
import type { Route } from '../../shared/route.ts';
import { parseInput } from '../../shared/validate.ts';
import { dncAddSchema, dncRemoveSchema } from './dnc.schemas.ts';
import { addDnc, listDnc, listDncEvents, removeDnc } from './dnc.service.ts';
import { importDnc } from './dnc-import.service.ts';

const dncImportQuery = z
  .object({ source: z.string().max(100).optional(), reason: z.string().max(500).optional() })
  .strict();

export const dncRoutes: Route[] = [
  {
    method: 'get',
    path: '/dnc',
    tag: 'dnc',
    summary: 'The active Do-Not-Call list',
    handle: async ({ c, ctx }) => c.json({ items: await listDnc(ctx) }),
  },
  {
    method: 'post',
    path: '/dnc',
    tag: 'dnc',
    summary:
      'Put a number, or a person (every record sharing their email or an own number, their own numbers and email), on the Do-Not-Call list',
    body: dncAddSchema,
    responses: { 201: 'The entries now active' },
    handle: async ({ c, ctx }) =>
      c.json({ items: await addDnc(ctx, await c.req.json().catch(() => null)) }, 201),
  },
  {
    method: 'post',
    path: '/dnc/removals',
    tag: 'dnc',
    summary:
      "Lift Do-Not-Call entries with a named reason and the user, kept in the audit log; a person's own request only with consent: true",
    body: dncRemoveSchema,
    handle: async ({ c, ctx }) => c.json(await removeDnc(ctx, await c.req.json().catch(() => null))),
  },
  {
    method: 'get',
    path: '/dnc/history',
    tag: 'dnc',
    summary:
      'The audit log: every Do-Not-Call entry added or lifted, newest first, with who, why and consent',
    handle: async ({ c, ctx }) => c.json({ items: await listDncEvents(ctx) }),
  },
  {
    method: 'post',
    path: '/dnc/imports',
    tag: 'dnc',
    summary: 'Load a Do-Not-Call list: one number per line, or a CSV with a phone column; bad lines reported',
    query: dncImportQuery,
    bodyType: 'text/csv',
    responses: { 200: 'All lines accepted', 422: 'Some lines rejected; the others were added' },
    handle: async ({ c, ctx }) => {
      const query = parseInput(dncImportQuery, c.req.query(), 'query');
      const report = await importDnc(ctx, {
        input: bodyStream(c),
        ...query,
      });
      return partialAnswer(c, report, { one: 'line', many: 'lines' });
    },
  },
];
