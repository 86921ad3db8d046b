import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { Route } from '../../context/route.ts';
import { importReportSchema } from '../../contracts/transfers.contract.ts';
import { strategies as voicemailStrategies } from '../../contracts/vocabulary.ts';
import { problemBody } from '../../shared/problem.ts';
import { bodyStream } from '../../shared/request-body.ts';
import { batchStatus, partialAnswer, traceOf } from '../../shared/request-trace.ts';
import { parseInput } from '../../shared/validate.ts';
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
    preview: z.coerce
      .number()
      .int()
      .min(0)
      .max(50)
      .optional()
      .describe('Return the first N rows as read, with their problems (with dryRun, a preview)'),
    strategy: z
      .enum(voicemailStrategies)
      .optional()
      .describe("This list's voicemail strategy, instead of the team's"),
    list: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe("The list's name: the team's calling rules may be scoped to it"),
  })
  .strict();

export const importRoutes: Route[] = [
  {
    method: 'post',
    path: '/imports',
    tag: 'imports',
    summary:
      'Import a CSV file (generic, HubSpot or Salesforce export): every bad row reported, good rows kept. With Accept: application/x-ndjson the answer streams {type:"progress",rows,bytes} lines and ends with {type:"report",status,report} or {type:"problem",problem}',
    query: importQuerySchema,
    bodyType: 'text/csv',
    responses: { 200: 'All rows accepted', 422: 'Some rows rejected; the others were imported' },
    content: { 'application/json': importReportSchema },
    handle: async ({ c, ctx }) => {
      const query = parseInput(importQuerySchema, c.req.query(), 'query');
      const options = {
        input: bodyStream(c),
        preset: query.preset,
        country: query.country,
        dryRun: query.dryRun === 'true',
        strategy: query.strategy,
        list: query.list,
        previewRows: query.preview,
      };
      if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
        return partialAnswer(c, await importCsv(ctx, options), { one: 'row', many: 'rows' });
      }
      c.header('content-type', 'application/x-ndjson');
      return stream(c, async (out) => {
        const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
        try {
          const report = await importCsv(ctx, {
            ...options,
            onProgress: (progress) => void line({ type: 'progress', ...progress }),
          });
          await line({ type: 'report', status: batchStatus(report), report });
        } catch (error) {
          await line({ type: 'problem', problem: problemBody(error, traceOf(c)) });
        }
      });
    },
  },
];
