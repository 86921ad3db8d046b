import { z } from 'zod';
import type { Route } from '../../shared/route.ts';
import { instant, parseInput } from '../../shared/validate.ts';
import { loadDemo } from '../demo/demo.service.ts';
import { teamConfigSchema } from './team.schemas.ts';
import { teamConfig, updateTeamConfig } from './team.service.ts';

const demoBody = z.object({ at: instant().optional(), seed: z.number().int().optional() }).strict();

export const teamRoutes: Route[] = [
  {
    method: 'get',
    path: '/config',
    tag: 'config',
    summary: "The team's settings: what it sells, strategy, calling hours, courtesy limits",
    handle: async ({ c, ctx }) => c.json(teamConfig(ctx.team)),
  },
  {
    method: 'patch',
    path: '/config',
    tag: 'config',
    summary: "Change the team's settings",
    body: teamConfigSchema,
    handle: async ({ c, ctx }) =>
      c.json(teamConfig(await updateTeamConfig(ctx, await c.req.json().catch(() => null)))),
  },
  {
    method: 'post',
    path: '/demo',
    tag: 'config',
    summary: 'Load the demo territory (about 200 prospects with call history) into an empty book',
    body: demoBody,
    responses: { 201: 'What was loaded' },
    handle: async ({ c, ctx }) => {
      const body = parseInput(demoBody, (await c.req.json().catch(() => ({}))) ?? {});
      return c.json(await loadDemo(ctx, body), 201);
    },
  },
];
