import type { Ctx } from '../../src/context/context.ts';
import {
  attachBodySchema,
  callbackBodySchema,
  lookupQuerySchema,
} from '../../src/contracts/callbacks.contract.ts';
import {
  callsQuerySchema,
  correctCallSchema,
  type LogCallInput,
  logCallSchema,
} from '../../src/contracts/calls.contract.ts';
import { dncAddSchema, dncRemoveSchema } from '../../src/contracts/dnc.contract.ts';
import { idParams } from '../../src/contracts/fields.ts';
import { addIntelSchema } from '../../src/contracts/intel.contract.ts';
import { planQuerySchema, queueQuerySchema } from '../../src/contracts/queue.contract.ts';
import { teamConfigSchema } from '../../src/contracts/team.contract.ts';
import * as callbacks from '../../src/modules/calls/callbacks.service.ts';
import * as calls from '../../src/modules/calls/calls.service.ts';
import * as correct from '../../src/modules/calls/correct.service.ts';
import * as timeline from '../../src/modules/calls/timeline.service.ts';
import * as dnc from '../../src/modules/dnc/dnc.service.ts';
import * as intel from '../../src/modules/intel/intel.service.ts';
import * as queue from '../../src/modules/queue/queue.service.ts';
import * as team from '../../src/modules/team/team.service.ts';
import { parseInput } from '../../src/shared/validate.ts';

/**
 * Feature calls as the API makes them: the input checked against its contract first (every
 * problem named by field), then the feature with a test's clock (`now`).
 */
export const logCall = async (
  ctx: Ctx,
  input: { body: LogCallInput | Record<string, unknown>; now?: Date },
) => calls.logCall(ctx, { ...input, body: parseInput(logCallSchema, input.body) });

export const correctCall = async (
  ctx: Ctx,
  input: { id: string | number; body: Record<string, unknown>; now?: Date },
) => correct.correctCall(ctx, { ...input, body: parseInput(correctCallSchema, input.body) });

export const listCalls = async (ctx: Ctx, query: Record<string, unknown>) =>
  timeline.listCalls(ctx, parseInput(callsQuerySchema, query, 'query'));

export const addIntel = async (ctx: Ctx, body: Record<string, unknown>) =>
  intel.addIntel(ctx, parseInput(addIntelSchema, body));

export const buildQueue = async (ctx: Ctx, query: Record<string, unknown>) =>
  queue.buildQueue(ctx, parseInput(queueQuerySchema, query, 'query'));

export const planDay = async (ctx: Ctx, query: Record<string, unknown>) =>
  queue.planDay(ctx, parseInput(planQuerySchema, query, 'query'));

export const lookup = async (ctx: Ctx, query: Record<string, unknown>) =>
  callbacks.lookup(ctx, parseInput(lookupQuerySchema, query, 'query'));

export const recordCallback = async (ctx: Ctx, body: Record<string, unknown>) =>
  callbacks.recordCallback(ctx, parseInput(callbackBodySchema, body));

export const attachCallback = async (
  ctx: Ctx,
  input: { callbackId: string | number; body: Record<string, unknown> },
) =>
  callbacks.attachCallback(ctx, {
    callbackId: parseInput(idParams, { id: input.callbackId }, 'path').id,
    body: parseInput(attachBodySchema, input.body),
  });

export const addDnc = async (ctx: Ctx, body: Record<string, unknown>) =>
  dnc.addDnc(ctx, parseInput(dncAddSchema, body));

export const removeDnc = async (ctx: Ctx, body: Record<string, unknown>) =>
  dnc.removeDnc(ctx, parseInput(dncRemoveSchema, body));

export const updateTeamConfig = async (ctx: Ctx, patch: Record<string, unknown>) =>
  team.updateTeamConfig(ctx, parseInput(teamConfigSchema, patch));
