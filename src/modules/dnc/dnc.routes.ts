import { z } from 'zod';
import type { Route } from '../../context/route.ts';
import { dncImportReportSchema } from '../../contracts/transfers.contract.ts';
import { bodyStream } from '../../shared/request-body.ts';
import { partialAnswer } from '../../shared/request-trace.ts';
import { parseInput } from '../../shared/validate.ts';
import { importDnc } from './dnc-import.service.ts';

const dncImportQuery = z
  .object({ source: z.string().max(100).optional(), reason: z.string().max(500).optional() })
  .strict();

/** Loading a Do-Not-Call list from a file: a CSV streamed in. The list's other uses are operations. */
export const dncRoutes: Route[] = [
  {
    method: 'post',
    path: '/dnc/imports',
    tag: 'dnc',
    summary: 'Load a Do-Not-Call list: one number per line, or a CSV with a phone column; bad lines reported',
    query: dncImportQuery,
    bodyType: 'text/csv',
    responses: { 200: 'All lines accepted', 422: 'Some lines rejected; the others were added' },
    content: { 'application/json': dncImportReportSchema },
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
