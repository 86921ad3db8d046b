import { z } from 'zod';
import type { Route } from '../../shared/route.ts';
import { instant, parseInput } from '../../shared/validate.ts';
import { loadDemo } from './demo.service.ts';

const demoBody = z.object({ at: instant().optional(), seed: z.number().int().optional() }).strict();

export const demoRoutes: Route[] = [
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
