import { z } from 'zod';
import { instant } from '../shared/validate.ts';
import { optionalBody } from './fields.ts';
import { operation } from './operation.ts';

/** When the demo's four weeks of history end, and the seed they are drawn from. */
export const demoBodySchema = z
  .object({ at: instant().optional(), seed: z.number().int().optional() })
  .strict();
export type DemoInput = z.output<typeof demoBodySchema>;

export const demoReportSchema = z.object({
  prospects: z.number(),
  companies: z.number(),
  attempts: z.number(),
  voicemails: z.number(),
  callbacks: z.number(),
});
export type DemoReport = z.infer<typeof demoReportSchema>;

export const demoOperations = {
  loadDemo: operation({
    access: 'admin',
    method: 'post',
    path: '/demo',
    tag: 'config',
    summary: 'Load the demo territory (about 200 prospects with call history) into an empty book',
    // The body may be left out whole: no body loads the demo as of now.
    body: optionalBody(demoBodySchema),
    output: demoReportSchema,
    status: 201,
    answer: 'What was loaded',
  }),
};
