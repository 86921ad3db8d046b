import type { Ctx } from '../context/context.ts';
import type { Handler, Handlers } from '../context/handler.ts';
import type { OperationClient } from '../contracts/client.ts';
import { type OperationName, type Operations, operations } from '../contracts/index.ts';
import type { InputOf, OutputOf } from '../contracts/operation.ts';
import { accountHandlers } from '../modules/accounts/index.ts';
import { cadenceHandlers } from '../modules/cadences/index.ts';
import { callbackHandlers, callHandlers } from '../modules/calls/index.ts';
import { demoHandlers } from '../modules/demo/index.ts';
import { dncHandlers } from '../modules/dnc/index.ts';
import { emailHandlers } from '../modules/email/index.ts';
import { insightHandlers } from '../modules/insights/index.ts';
import { intelHandlers } from '../modules/intel/index.ts';
import { prospectHandlers } from '../modules/prospects/index.ts';
import { standingHandlers } from '../modules/pursuit/index.ts';
import { pursuitViewHandlers, queueHandlers, rulesHandlers } from '../modules/queue/index.ts';
import { teamHandlers } from '../modules/team/index.ts';
import { telephonyHandlers } from '../modules/telephony/index.ts';
import { voicemailHandlers } from '../modules/voicemail/index.ts';
import { perform } from './perform.ts';

/** Each operation's handler, from its feature: one missing, or one whose answer drifts, does not compile. */
export const handlers: Handlers<Operations> = {
  ...accountHandlers,
  ...intelHandlers,
  ...teamHandlers,
  ...queueHandlers,
  ...rulesHandlers,
  ...voicemailHandlers,
  ...insightHandlers,
  ...pursuitViewHandlers,
  ...standingHandlers,
  ...callHandlers,
  ...callbackHandlers,
  ...telephonyHandlers,
  ...dncHandlers,
  ...demoHandlers,
  ...cadenceHandlers,
  ...emailHandlers,
  ...prospectHandlers,
};

/** Runs the named operation in this process, its input checked as the HTTP API checks it. */
export const performNamed = <N extends OperationName>(
  ctx: Ctx,
  name: N,
  input: InputOf<Operations[N]>,
): Promise<OutputOf<Operations[N]>> =>
  perform(ctx, { operation: operations[name], handler: handlers[name] as Handler<Operations[N]> }, input);

/** Every operation as a method run in this process: the CLI's client over its own book, and the tests'. */
export const inProcess = (ctx: Ctx): OperationClient =>
  Object.fromEntries(
    (Object.keys(operations) as OperationName[]).map((name) => [
      name,
      (input?: object) => performNamed(ctx, name, (input ?? {}) as never),
    ]),
  ) as OperationClient;

export { operations };
