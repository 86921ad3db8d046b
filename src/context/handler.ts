import type { Operation, OutputOf, ParsedOf } from '../contracts/operation.ts';
import type { Ctx } from './context.ts';

/** The server's side of an operation: typed input in, the operation's answer out. */
export type Handler<O extends Operation> = (ctx: Ctx, input: ParsedOf<O>) => Promise<OutputOf<O>>;

/** A feature's handlers, one for each of its operations: a missing or drifting one does not compile. */
export type Handlers<T extends Record<string, Operation>> = { [K in keyof T]: Handler<T[K]> };
