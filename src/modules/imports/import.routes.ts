import { z } from 'zod';
import { bodyStream } from '../../shared/request-body.ts';
import type { Route } from '../../shared/route.ts';
import { parseInput } from '../../shared/validate.ts';
import { voicemailStrategies } from '../team/team.schemas.ts';
import { importCsv } from './import.service.ts';
import { presetNames } from './presets.ts';

export const importQuerySchema = z
  .object({
    preset: z.enum(presetNames).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'an ISO country code such as US or GB')
      .optional(),
    dryRun: z.enum(['true', 'false']).optional(),
    strategy: z
      .enum(voicemailStrategies)
      .optional()
      .describe("This list's voicemail strategy, instead of the team's"),
  })
  .strict();

export const importRoutes: Route[] = [
  {
    method: 'post',
    path: '/imports',
    tag: 'imports',
    summary:
      'Import a CSV file (generic, HubSpot or Salesforce export): every bad row reported, good rows kept',
    query: importQuerySchema,
    bodyType: 'text/csv',
    responses: { 200: 'All rows accepted', 422: 'Some rows rejected; the others were imported' },
    handle: async ({ c, ctx }) => {
      const query = parseInput(importQuerySchema, c.req.query(), 'query');
      const report = await importCsv(ctx, {
        input: bodyStream(c),
        preset: query.preset,
        country: query.country,
        dryRun: query.dryRun === 'true',
        strategy: query.strategy,
      });
      return c.json(report, report.rejected.length > 0 ? 422 : 200);
    },
  },
];
