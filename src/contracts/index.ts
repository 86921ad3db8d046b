import { intelOperations } from './intel.contract.ts';

/** Every operation of the API, by name: the one table the server, the clients and the document read. */
export const operations = {
  ...intelOperations,
};

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type { InputOf, Operation, OutputOf } from './operation.ts';
