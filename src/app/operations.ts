import { type OperationName, type Operations, operations } from '../contracts/index.ts';
import type { InputOf, OutputOf } from '../contracts/operation.ts';
import type { Ctx } from '../db/context.ts';
import { intelHandlers } from '../modules/intel/intel.operations.ts';
import type { Handler, Handlers } from '../shared/handler.ts';
import { perform } from './perform.ts';

/** Each operation's handler, from its feature: one missing, or one whose answer drifts, does not compile. */
export const handlers: Handlers<Operations> = {
  ...intelHandlers,
};

/** Runs the named operation in this process, its input checked as the HTTP API checks it. */
export const performNamed = <N extends OperationName>(
  ctx: Ctx,
  name: N,
  input: InputOf<Operations[N]>,
): Promise<OutputOf<Operations[N]>> =>
  perform(ctx, { operation: operations[name], handler: handlers[name] as Handler<Operations[N]> }, input);

export { operations };
