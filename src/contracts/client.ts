import type { OperationName, Operations } from './index.ts';
import type { InputOf, Operation, OutputOf } from './operation.ts';

type ArgsOf<O extends Operation> = object extends InputOf<O> ? [input?: InputOf<O>] : [input: InputOf<O>];

/**
 * Every operation as a method: its input as sent, its answer as read. The CLI's in-process and
 * HTTP clients both have this shape, derived from the one table of operations.
 */
export type OperationClient = {
  [N in OperationName]: (...args: ArgsOf<Operations[N]>) => Promise<OutputOf<Operations[N]>>;
};
