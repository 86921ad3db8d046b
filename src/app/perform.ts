import type { Ctx } from '../context/context.ts';
import type { Handler } from '../context/handler.ts';
import type { InputOf, Operation, OutputOf } from '../contracts/operation.ts';
import { forServer } from '../db/team-scope.ts';
import { mayRun } from '../modules/accounts/index.ts';
import { AppError } from '../shared/errors.ts';
import { parseInput } from '../shared/validate.ts';

/**
 * Whether answers are checked against their operation's `output` before they leave: on in the
 * test suites (REACH_CHECK_ANSWERS=1), where an answer that drifted from its contract fails the test.
 */
const checkAnswers = process.env['REACH_CHECK_ANSWERS'] === '1';

/**
 * Runs one operation the way every entry point does: each part of the input checked against the
 * contract (every problem named by field), the handler, and, under test, its answer against `output`.
 */
export async function perform<O extends Operation>(
  ctx: Ctx,
  { operation, handler }: { operation: O; handler: Handler<O> },
  raw: InputOf<O> | { params?: unknown; query?: unknown; headers?: unknown; body?: unknown },
): Promise<OutputOf<O>> {
  // Who may: checked before anything is read, so that a refusal tells nothing of the input.
  if (operation.access && ctx.user && !mayRun(ctx.user, operation.access)) throw refused(operation.access);
  const given = raw as { params?: unknown; query?: unknown; headers?: unknown; body?: unknown };
  const input: Record<string, unknown> = {};
  if (operation.params) input['params'] = parseInput(operation.params, given.params ?? {}, 'path');
  if (operation.query) input['query'] = parseInput(operation.query, given.query ?? {}, 'query');
  if (operation.headers) input['headers'] = parseInput(operation.headers, given.headers ?? {}, 'header');
  if (operation.body) input['body'] = parseInput(operation.body, given.body ?? null, 'body');
  // What only the server's owner may do concerns every team (teams made, listed): it runs for the whole server.
  const run = () => handler(ctx, input as Parameters<Handler<O>>[1]);
  const output = await (operation.access === 'owner' ? forServer(run) : run());
  if (checkAnswers) checkAnswer(operation, output);
  return output;
}

/** The refusal of an operation above the caller's role. */
export const refused = (access: NonNullable<Operation['access']>): AppError =>
  new AppError(
    'forbidden',
    access === 'owner'
      ? "Only the server's owner (an admin of its first team, or REACH_TOKEN) may do this"
      : `Only ${access === 'admin' ? 'an admin' : 'a manager or an admin'} may do this`,
  );

function checkAnswer(operation: Operation, output: unknown): void {
  const result = operation.output.safeParse(JSON.parse(JSON.stringify(output)));
  if (result.success) return;
  const where = `${operation.method.toUpperCase()} ${operation.path}`;
  const issues = result.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(answer)'}: ${i.message}`);
  throw new AppError('internal', `The answer of ${where} does not match its contract: ${issues.join('; ')}`);
}
