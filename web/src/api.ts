/** The web app's only way to the server: the public JSON API under /api/v1. */

import type { Operations, OutputOf } from '../../src/contracts/index.ts';

export type Problem = {
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: { field: string; reason: string; line?: number }[];
};

export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail || problem.title);
    this.problem = problem;
  }
}

const TOKEN_KEY = 'reach.token';
export const savedToken = (): string => localStorage.getItem(TOKEN_KEY) ?? '';
export const saveToken = (token: string): void => {
  if (token) localStorage.setItem(TOKEN_KEY, token);
  else localStorage.removeItem(TOKEN_KEY);
};

type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return `/api/v1${path}${text ? `?${text}` : ''}`;
}

/** This desk (this tab), named in every request, so it can tell its own changes from a teammate's. */
export const DESK_ID = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

/** The CSRF token of this desk's session, sent with every change a logged-in desk makes. */
let csrf: string | null = null;
export const setCsrf = (token: string | null): void => {
  csrf = token;
};

/** Told when the server no longer knows this desk (its session ended): the desk asks to log in again. */
let onSignedOut: (() => void) | null = null;
export const whenSignedOut = (hear: (() => void) | null): void => {
  onSignedOut = hear;
};

export function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = savedToken();
  return {
    ...extra,
    'x-reach-desk': DESK_ID,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(csrf && !token ? { 'x-reach-csrf': csrf } : {}),
  };
}

/** The page's one stream of the server's live events, open while anything listens to it. */
let stream: { source: EventSource; listeners: number } | null = null;

/** Ends the page's live events at once (the desk signs out): whatever listens hears nothing more. */
export function closeEvents(): void {
  stream?.source.close();
  stream = null;
}

/** Listens to one kind of live event on the shared stream; null where the stream cannot open. */
function listen(kind: string, hear: (data: string) => void): (() => void) | null {
  if (typeof EventSource === 'undefined' || savedToken()) return null;
  stream ??= { source: new EventSource('/api/v1/events'), listeners: 0 };
  const open = stream;
  const listener = (message: Event) => hear((message as MessageEvent<string>).data);
  open.source.addEventListener(kind, listener);
  open.listeners++;
  return () => {
    open.source.removeEventListener(kind, listener);
    if (--open.listeners === 0) {
      open.source.close();
      if (stream === open) stream = null;
    }
  };
}

/**
 * Calls `hear` whenever another desk (a teammate, another tab) changes the book, through the
 * server's live events; returns how to stop. Where the stream cannot open (a token the browser
 * cannot send on it), the desk's own timed refresh carries on alone.
 */
export function onBookChange(hear: (change: string) => void): () => void {
  const stop = listen('changed', (data) => {
    const event = JSON.parse(data) as { change: string; desk: string | null };
    if (event.desk !== DESK_ID) hear(event.change);
  });
  return stop ?? (() => undefined);
}

/**
 * Calls `hear` with every move of a call through the provider (ringing, a person, a machine, the
 * beep, ended, logged) and every call coming in; returns how to stop. Null where the stream cannot
 * open: the card then asks after its call itself.
 */
export function onCall(hear: (call: LiveCall) => void): (() => void) | null {
  return listen('call', (data) => hear((JSON.parse(data) as { call: LiveCall }).call));
}

/** Reads a problem+json answer (or anything else that failed) into an ApiError. */
export async function problemOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as Partial<Problem>;
    return new ApiError({
      title: body.title ?? response.statusText,
      status: body.status ?? response.status,
      detail: body.detail ?? body.title ?? `HTTP ${response.status}`,
      ...(body.code ? { code: body.code } : {}),
      ...(body.errors ? { errors: body.errors } : {}),
    });
  } catch {
    return new ApiError({
      title: response.statusText,
      status: response.status,
      detail: text.slice(0, 300) || `HTTP ${response.status}`,
    });
  }
}

/**
 * One API call: a JSON body, or a CSV one (`csv`, sent as text/csv). `accept422` takes a
 * "some rows rejected" answer as a result, not an error.
 */
export async function api<T>(
  path: string,
  options: { method?: string; query?: Query; body?: unknown; csv?: string; accept422?: boolean } = {},
): Promise<T> {
  const { body, csv } = options;
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? (csv === undefined ? 'GET' : 'POST'),
      ...(csv !== undefined
        ? { headers: headers({ 'content-type': 'text/csv' }), body: csv }
        : body !== undefined
          ? { headers: headers({ 'content-type': 'application/json' }), body: JSON.stringify(body) }
          : { headers: headers() }),
    });
  } catch (error) {
    throw new ApiError({
      title: 'Server unreachable',
      status: 0,
      detail: `Reach's server did not answer (${(error as Error).message}). Is \`reach serve\` running?`,
    });
  }
  if (response.status === 401 && !path.startsWith('/auth/')) onSignedOut?.();
  if (!response.ok && !(options.accept422 && response.status === 422)) throw await problemOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Words for an error, with the fields it names. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = (error.problem.errors ?? [])
      .map((e) => `${e.line ? `line ${e.line}, ` : ''}${e.field}: ${e.reason}`)
      .join('; ');
    const detail = error.problem.detail;
    return fields && !detail.includes(fields) ? `${detail} (${fields})` : detail;
  }
  return error instanceof Error ? error.message : String(error);
}

// The shapes the screens read: the API's own answers, from its contracts. A screen that reads a
// field the API no longer answers does not compile.

type Answer<N extends keyof Operations> = OutputOf<Operations[N]>;

export type Queue = Answer<'queue'>;
export type QueueEntry = Queue['entries'][number];
/** What the call card shows: a queue entry, or a prospect opened by hand (unranked, their zone perhaps unknown). */
export type CardEntry = Omit<QueueEntry, 'local' | 'score' | 'cadenceDue' | 'pursuit'> & {
  local: Omit<QueueEntry['local'], 'timezone'> & { timezone: string | null };
};

export type Prospect = Answer<'getProspect'>;
export type Phone = Prospect['phones'][number];
export type Research = Prospect['research'];
export type ProspectList = Answer<'listProspects'>;

export type Advice = Answer<'voicemail'>;
export type Check = NonNullable<Advice['script']>['checks'][number];

export type Timeline = Answer<'timeline'>;
export type Effort = Timeline['effort'];
export type TimelineEntry = Timeline['entries'][number];

/** Due tasks, earliest first (GET /tasks). */
export type TaskList = Answer<'listTasks'>;

/** Keep-or-drop's word on one prospect (GET /prospects/{key}/pursuit). */
export type Pursuit = Answer<'pursuit'>;

/** A logged call as `GET /calls` lists it. */
export type CallRow = Answer<'listCalls'>['items'][number];

export type IntelFact = Answer<'listIntel'>['items'][number];

export type LoggedCall = Answer<'logCall'>;

/** What a voicemail greeting said, read, and the facts recorded from it. */
export type GreetingRead = Answer<'readGreeting'>;

/** A call through the team's telephony provider, as it stands. */
export type LiveCall = Answer<'liveCall'>;
export type Drop = Answer<'addDrop'>;

export type CallbackCard = {
  known: boolean;
  number: string;
  prospect?: { id: number; name: string; title: string | null; company: string | null; stage: string };
  others?: { id: number; name: string }[];
  localTime?: { label: string; zone: string | null; candidates: string[] } | null;
  messages?: { id: number; at: string; kind: string; text: string | null; callbackId: number | null }[];
  intel?: string[];
  lastOutcome?: { at: string; outcome: string; result: string | null; note: string | null } | null;
  opener?: string;
};
export type RecordedCallback = {
  callbackId: number;
  attributedTo: number | null;
  result?: string | null;
  resultAt?: string | null;
  card: CallbackCard;
};

export type Config = Answer<'getConfig'>;

/** Who this desk is: the account, its team and role, and how it was let in. */
export type WhoAmI = Answer<'whoAmI'>;
export type Account = Answer<'users'>['users'][number];
export type PasswordLink = Answer<'resetPassword'>;
export type Token = Answer<'tokens'>['tokens'][number];
/** Each rep's calling over a period (managers). */
export type RepFigures = Answer<'repFigures'>;

export type DncEntry = {
  id: number;
  e164: string | null;
  /** An email address that asked not to be contacted. */
  email: string | null;
  /** The person's own request: lifted only with their consent. */
  bindsPerson: boolean;
  prospectId: number | null;
  prospectName: string | null;
  reason: string;
  source: string;
  addedAt: string;
};

export type ImportReport = {
  preset: string;
  dryRun: boolean;
  rows: number;
  imported: number;
  updated: number;
  unchanged: number;
  rejected: { line: number; field: string; reason: string }[];
  rejectedRows: number;
  warnings: { line: number; field: string; reason: string }[];
  warningCount: number;
  mapping: { column: string; field: string | null }[];
  preview: { line: number; cells: string[]; problems: { field: string; reason: string }[] }[];
};

export type MessageStats = Answer<'messageStats'>;
export type MessageRate = MessageStats['byKind'][number];
export type ReachMap = Answer<'reachMap'>;
export type FirstConversation = Answer<'firstConversation'>;
export type EffortPoint = Answer<'effortAgainstValue'>['items'][number];
