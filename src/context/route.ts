import type { Context } from 'hono';
import type { z } from 'zod';
import type { Ctx } from './context.ts';

/** One API operation, declared beside its feature; the HTTP layer mounts it and documents it. */
export type Route = {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodType;
  body?: z.ZodType;
  bodyType?: 'application/json' | 'text/csv' | 'application/x-www-form-urlencoded';
  /** The largest body this operation takes, in bytes; BODY_LIMITS for its body type when left out. */
  maxBody?: number;
  responses?: Record<number, string>;
  /** What a success answers, by media type, for the OpenAPI document. */
  content: Partial<
    Record<'application/json' | 'text/csv' | 'text/html' | 'text/xml' | 'audio/wav' | 'audio/mpeg', z.ZodType>
  >;
  /** A header carrying the caller's signature, which authenticates the request instead of the API token. */
  signedWith?: string;
  /** A query parameter whose secret value authenticates the request instead of the API token (an address handed to the provider). */
  keyedBy?: string;
  /** Served without a session or token (login, the first run, a one-time link). */
  public?: boolean;
  /** Who may call it, at least (as an operation's `access`); any account when left out. */
  access?: 'rep' | 'manager' | 'admin' | 'owner';
  handle: (input: { c: Context; ctx: Ctx }) => Promise<Response>;
};
