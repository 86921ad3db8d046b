import { parseId } from '../../shared/ids.ts';
import type { Route } from '../../shared/route.ts';
import { cadenceSchema } from './cadence.ts';
import {
  cadenceQuerySchema,
  listCadences,
  removeCadence,
  saveCadence,
  showCadence,
} from './cadences.service.ts';
import {
  resumeCadence,
  startCadence,
  startCadenceSchema,
  stopCadence,
  stopCadenceSchema,
} from './enrollments.service.ts';
import { completeTask, completeTaskSchema, listTasks, tasksQuerySchema } from './tasks.service.ts';

const body = async (c: { req: { json(): Promise<unknown> } }) => c.req.json().catch(() => null);

export const cadenceRoutes: Route[] = [
  {
    method: 'get',
    path: '/cadences',
    tag: 'cadences',
    summary: 'The follow-up cadences a prospect can be put on: steps, channels, most messages',
    handle: async ({ c, ctx }) => c.json(await listCadences(ctx)),
  },
  {
    method: 'post',
    path: '/cadences',
    tag: 'cadences',
    summary:
      "Add the team's own cadence, checked step by step (`?replace=true` overwrites one of the same name)",
    body: cadenceSchema,
    handle: async ({ c, ctx }) =>
      c.json(
        await saveCadence(ctx, { definition: await body(c), replace: c.req.query('replace') === 'true' }),
        201,
      ),
  },
  {
    method: 'delete',
    path: '/cadences/{name}',
    tag: 'cadences',
    summary: "Remove one of the team's own cadences; prospects on it keep their steps",
    handle: async ({ c, ctx }) => c.json(await removeCadence(ctx, c.req.param('name') ?? '')),
  },
  {
    method: 'get',
    path: '/cadences/{name}',
    tag: 'cadences',
    summary: "One cadence's steps, laid over a prospect's working days in their own zone",
    query: cadenceQuerySchema,
    handle: async ({ c, ctx }) =>
      c.json(await showCadence(ctx, { name: c.req.param('name') ?? '', query: c.req.query() })),
  },
  {
    method: 'post',
    path: '/enrollments',
    tag: 'cadences',
    summary:
      'Put prospects on a cadence: every step laid in the prospect’s zone as a task; who could not start, and why',
    body: startCadenceSchema,
    handle: async ({ c, ctx }) => c.json(await startCadence(ctx, await body(c)), 201),
  },
  {
    method: 'post',
    path: '/prospects/{key}/cadence/stop',
    tag: 'cadences',
    summary: 'Take a prospect off their cadence: open steps cancelled, the reason kept',
    body: stopCadenceSchema,
    handle: async ({ c, ctx }) =>
      c.json(await stopCadence(ctx, { prospect: c.req.param('key') ?? '', body: (await body(c)) ?? {} })),
  },
  {
    method: 'post',
    path: '/prospects/{key}/cadence/resume',
    tag: 'cadences',
    summary: 'Set a paused cadence going again: the steps left keep their spacing',
    handle: async ({ c, ctx }) =>
      c.json(await resumeCadence(ctx, { prospect: c.req.param('key') ?? '', body: (await body(c)) ?? {} })),
  },
  {
    method: 'get',
    path: '/tasks',
    tag: 'cadences',
    summary: 'Open tasks due before a time, earliest first: cadence steps, promised callbacks and meetings',
    query: tasksQuerySchema,
    handle: async ({ c, ctx }) => c.json(await listTasks(ctx, c.req.query())),
  },
  {
    method: 'post',
    path: '/tasks/{id}/done',
    tag: 'cadences',
    summary: 'Mark a task done, or skipped with a note',
    body: completeTaskSchema,
    handle: async ({ c, ctx }) =>
      c.json(await completeTask(ctx, { id: parseId(c.req.param('id') ?? ''), body: (await body(c)) ?? {} })),
  },
];
