import type { Route } from '../../shared/route.ts';
import { checkNumber, listRules, ruleCheckQuerySchema } from './rules.service.ts';

export const ruleRoutes: Route[] = [
  {
    method: 'get',
    path: '/rules',
    tag: 'compliance',
    summary:
      "Every calling rule Reach obeys (hours, days, holidays, attempt caps) with its source and effective date, whom the team calls, and the team's own rules",
    handle: async ({ c, ctx }) => c.json(listRules(ctx)),
  },
  {
    method: 'get',
    path: '/rules/check',
    tag: 'compliance',
    summary:
      "Whether the law and the team's rules allow calling a number at a moment, each refusal in words with its source, and the next moment they do",
    query: ruleCheckQuerySchema,
    handle: async ({ c, ctx }) => c.json(await checkNumber(ctx, c.req.query())),
  },
];
