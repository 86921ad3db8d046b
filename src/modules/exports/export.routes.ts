import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { Route } from '../../context/route.ts';
import { csvText, exportedRecords } from '../../contracts/transfers.contract.ts';
import { parseInput } from '../../shared/validate.ts';
import { audit } from '../accounts/index.ts';
import { exportKinds, exportRows } from './export.service.ts';

const exportQuery = z.object({ format: z.enum(['csv', 'json']).default('csv') }).strict();

export const exportRoutes: Route[] = [
  {
    method: 'get',
    path: '/exports/{kind}',
    tag: 'exports',
    access: 'manager',
    summary: 'Export prospects or calls as CSV (formula cells neutralised) or JSON, streamed',
    query: exportQuery,
    responses: { 200: 'The records, streamed: CSV (format=csv) or one JSON array (format=json)' },
    content: { 'text/csv': csvText, 'application/json': exportedRecords },
    handle: async ({ c, ctx }) => {
      const kind = parseInput(z.enum(exportKinds), c.req.param('kind'), 'kind');
      const { format } = parseInput(exportQuery, c.req.query(), 'query');
      await audit(ctx, { action: 'export', subject: kind, detail: { format } });
      c.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json');
      c.header('content-disposition', `attachment; filename="${kind}.${format}"`);
      return stream(c, async (out) => {
        for await (const chunk of exportRows(ctx, { kind, format })) await out.write(chunk);
      });
    },
  },
];
