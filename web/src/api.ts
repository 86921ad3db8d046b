/** The web app's only way to the server: the public JSON API under /api/v1. */

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

export function headers(extra: Record<string, string> = {}): Record<string, string> {
  const token = savedToken();
  return { ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) };
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
  if (!response.ok && !(options.accept422 && response.status === 422)) throw await problemOf(response);
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

// The shapes the screens read.

export type QueueEntry = {
  prospect: { id: number; name: string; company: string | null; title: string | null; stage: string };
  number: { id: number; e164: string; kind: string };
  local: { time: string; weekday: string; timezone: string | null; ambiguous: boolean };
  probability: number;
  expectedValue: number;
  exploring: boolean;
  callbackDue: boolean;
  reasons: string[];
};
export type Queue = { at: string; considered: number; entries: QueueEntry[] };

export type Phone = {
  id: number;
  e164: string;
  kind: string;
  extension: string | null;
  valid: boolean;
  doNotCall: boolean;
};
export type Research = {
  background?: string;
  priorityObjective?: string;
  referenceClients?: string;
  benefits?: string[];
  preferredChannel?: string;
  referredBy?: string;
  notes?: string;
};
export type Prospect = {
  id: number;
  externalId: string | null;
  name: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  email: string | null;
  stage: string;
  value: number | null;
  company: { id: number; name: string; domain: string | null; industry: string | null } | null;
  phones: Phone[];
  timezone: string | null;
  localTime: { label: string; ambiguous: boolean; zone: string | null; candidates: string[] } | null;
  city: string | null;
  region: string | null;
  country: string | null;
  research: Research;
  optedOut: boolean;
  voicemailStrategy: string | null;
  alreadyHasProduct: boolean;
  competitorRelationship: boolean;
};
export type ProspectList = { total: number; items: Prospect[] };

export type Check = { code: string; severity: 'ok' | 'info' | 'warn' | 'fail'; text: string; fix?: string };
export type Advice = {
  decision: 'leave' | 'skip';
  strategy: string;
  strategyFrom: string;
  reasons: { code: string; text: string }[];
  script: { kind: string; template: string; text: string; seconds: number; checks: Check[] } | null;
  missing: { need: string; text: string }[];
  instead: { kind?: string; text: string }[];
};

export type Effort = {
  attempts: number;
  conversations: number;
  voicemails: number;
  callbacks: number;
  minutes: number;
};
export type TimelineEntry = { at: string; type: string; text: string; id: number };
export type Timeline = { prospectId: number; name: string; effort: Effort; entries: TimelineEntry[] };

/** Due tasks, earliest first (GET /tasks). */
export type TaskList = {
  at: string;
  dueBefore: string;
  items: {
    id: number;
    kind: string;
    dueAt: string;
    local: string | null;
    /** The prospect's zone, which `local` is on. */
    zone: string | null;
    overdue: boolean;
    prospect: { id: number; name: string; company: string | null };
    cadence: string | null;
    step: number | null;
    of: number | null;
    note: string | null;
    pursuit: { recommendation: 'continue' | 'slow-down' | 'drop'; reason: string } | null;
    auto: boolean;
    problem: string | null;
  }[];
};

/** Keep-or-drop's word on one prospect (GET /prospects/{key}/pursuit). */
export type Pursuit = {
  recommendation: 'continue' | 'slow-down' | 'drop';
  reason: string;
  chance: number;
  expectedValue: number;
  cost: number;
  ratio: number;
  horizon: number;
  at: string;
  resumeAt: string | null;
  rates: { hourlyValue: number; hourlyValueFrom: 'team' | 'book' };
};

/** A logged call as `GET /calls` lists it. */
export type CallRow = {
  id: number;
  at: string;
  prospectId: number;
  prospect: string;
  number: string | null;
  kind: string | null;
  outcome: string;
  result: string | null;
  resultAt?: string | null;
  durationSeconds: number | null;
  localTime: string | null;
  note: string | null;
  flags: string[];
};

export type IntelFact = { id: number; type: string; text: string; until: string | null; recordedAt: string };

export type LoggedCall = {
  attempt: {
    id: number;
    prospectId: number;
    outcome: string;
    at: string;
    result: string | null;
    resultAt: string | null;
    durationSeconds: number | null;
    note: string | null;
    number: { e164: string; kind: string } | null;
  };
  intel?: IntelFact[];
  voicemailId: number | null;
  stage: { from: string; to: string; reason: string } | null;
  flags: string[];
};

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

export type Config = {
  name: string;
  offerCategory: string;
  defaultStrategy: string;
  defaultCountry: string;
  callingHoursStart: string;
  callingHoursEnd: string;
  maxDialsPerDay: number;
  maxDialsPerWeek: number;
  maxMessagesPerProspect: number;
  territoryZones: string[];
  repName: string | null;
  repPhone: string | null;
  sellerName: string | null;
  repHourlyValue: number | null;
  smtpUrl: string | null;
  emailFrom: string | null;
  postalAddress: string | null;
  currency: string;
};

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

export type MessageRate = { key: string; messages: number; callbacks: number; rate: number };
export type MessageStats = {
  messages: number;
  callbacks: number;
  byKind: MessageRate[];
  byTemplate: MessageRate[];
  byStrategy: MessageRate[];
};
export type ReachMap = {
  scope: string;
  dials: number;
  reached: number;
  cells: { weekday: number; hour: number; dials: number; reached: number; rate: number }[];
};
export type FirstConversation = {
  reachedProspects: number;
  median: number | null;
  buckets: { attempts: number; prospects: number }[];
  notYet: { attempts: number; prospects: number }[];
};
export type EffortPoint = {
  prospectId: number;
  name: string;
  company: string | null;
  stage: string;
  value: number | null;
  attempts: number;
  conversations: number;
  voicemails: number;
  minutes: number;
  pursuit: 'continue' | 'slow-down' | 'drop' | null;
};
