import type { z } from 'zod';

export type Method = 'get' | 'post' | 'patch' | 'delete';

/**
 * One use case of Reach as every entry point sees it: where it is served, what it takes (path
 * parameters, query, headers, body) and what it answers. The HTTP route, the OpenAPI document,
 * the CLI's in-process and HTTP clients and the web app's types are all read from this one
 * definition; the server implements it once (`implement`), and a handler whose answer drifts from
 * `output` does not compile.
 */
export type Operation = {
  method: Method;
  /** The path under /api/v1, with `{name}` for each path parameter. */
  path: string;
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  /** Request headers the operation reads, by lower-case name. */
  headers?: z.ZodType;
  body?: z.ZodType;
  /** The JSON answer on success. */
  output: z.ZodType;
  /** What the success answer holds, for the API's readers. */
  answer: string;
  /** The success status: 201 for something created; a function when it depends on the answer. */
  status?: 200 | 201 | ((output: never) => 200 | 201);
  /** Other answers worth naming in the document (status → what it means). */
  otherAnswers?: Record<number, string>;
  /** The largest body this operation takes, in bytes, when not the JSON default. */
  maxBody?: number;
  /** Who may run it, at least (accounts.contract.ts `accessLevels`); any account when left out. */
  access?: 'rep' | 'manager' | 'admin' | 'owner';
};

/** Declares an operation, keeping its literal types for the clients. */
export const operation = <const O extends Operation>(definition: O): O => definition;

type Part<O, K extends 'params' | 'query' | 'headers' | 'body', Side extends 'in' | 'out'> = O extends {
  [P in K]: infer S extends z.ZodType;
}
  ? Side extends 'in'
    ? // A query or headers of only optional fields may be left out whole.
      K extends 'query' | 'headers'
      ? object extends z.input<S>
        ? { [P in K]?: z.input<S> }
        : { [P in K]: z.input<S> }
      : { [P in K]: z.input<S> }
    : { [P in K]: z.output<S> }
  : unknown;

/** What a caller sends: the parts the operation takes, as written on the wire. */
export type InputOf<O extends Operation> = Part<O, 'params', 'in'> &
  Part<O, 'query', 'in'> &
  Part<O, 'headers', 'in'> &
  Part<O, 'body', 'in'>;

/** What the server's handler receives: the same parts, checked and read. */
export type ParsedOf<O extends Operation> = Part<O, 'params', 'out'> &
  Part<O, 'query', 'out'> &
  Part<O, 'headers', 'out'> &
  Part<O, 'body', 'out'>;

/** The JSON answer of an operation. */
export type OutputOf<O extends Operation> = z.output<O['output']>;
