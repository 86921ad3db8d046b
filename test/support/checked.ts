import {
  callsQuerySchema,
  correctCallSchema,
  type LogCallInput,
  logCallSchema,
} from '../../src/contracts/calls.contract.ts';
import { addIntelSchema } from '../../src/contracts/intel.contract.ts';
import type { Ctx } from '../../src/db/context.ts';
import * as calls from '../../src/modules/calls/calls.service.ts';
import * as correct from '../../src/modules/calls/correct.service.ts';
import * as timeline from '../../src/modules/calls/timeline.service.ts';
import * as intel from '../../src/modules/intel/intel.service.ts';
import { parseInput } from '../../src/shared/validate.ts';

/**
 * Feature calls as the API makes them: the input checked against its contract first (every
 * problem named by field), then the feature with a test's clock (`now`).
 */
export const logCall = async (ctx: Ctx, input: { body: LogCallInput | Record<string, unknown>; now?: Date }) =>
  calls.logCall(ctx, { ...input, body: parseInput(logCallSchema, input.body) });

export const correctCall = async (
  ctx: Ctx,
  input: { id: string | number; body: Record<string, unknown>; now?: Date },
) => correct.correctCall(ctx, { ...input, body: parseInput(correctCallSchema, input.body) });

export const listCalls = async (ctx: Ctx, query: Record<string, unknown>) =>
  timeline.listCalls(ctx, parseInput(callsQuerySchema, query, 'query'));

export const addIntel = async (ctx: Ctx, body: Record<string, unknown>) =>
  intel.addIntel(ctx, parseInput(addIntelSchema, body));
