import type { Route } from '../../shared/route.ts';
import { teamConfigSchema } from './team.schemas.ts';
import { teamConfig, updateTeamConfig } from './team.service.ts';

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
];
