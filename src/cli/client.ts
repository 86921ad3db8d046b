import type { Readable } from 'node:stream';
import { operations, performNamed } from '../app/operations.ts';
import type { OperationClient } from '../contracts/client.ts';
import type { OperationName } from '../contracts/index.ts';

export type { OperationClient };

import type { Cadence } from '../modules/cadences/cadence.ts';
import {
  type CadenceSummary,
  type CadenceView,
  listCadences,
  removeCadence,
  saveCadence,
  showCadence,
} from '../modules/cadences/cadences.service.ts';
import {
  resumeCadence,
  type StartReport,
  startCadence,
  stopCadence,
} from '../modules/cadences/enrollments.service.ts';
import { completeTask, listTasks, type TaskList } from '../modules/cadences/tasks.service.ts';
import {
  attachCallback,
  type CallbackCard,
  lookup,
  type RecordedCallback,
  recordCallback,
} from '../modules/calls/callbacks.service.ts';
import { type LoggedCall, logCall } from '../modules/calls/calls.service.ts';
import { type CorrectedCall, correctCall } from '../modules/calls/correct.service.ts';
import { type CallRow, listCalls, timeline } from '../modules/calls/timeline.service.ts';
import { type UndoneCall, undoCall } from '../modules/calls/undo.service.ts';
import {
  type EmailDraft,
  emailDraft,
  letterFor,
  recordEmailAnswer,
  sendEmail,
} from '../modules/email/email.service.ts';

export type Timeline = Awaited<ReturnType<typeof timeline>>;

import type { DemoReport } from '../modules/demo/demo.service.ts';
import { loadDemo } from '../modules/demo/demo.service.ts';
import type { DncEntry } from '../modules/dnc/dnc.service.ts';
import {
  addDnc,
  type DncEvent,
  type Lifted,
  listDnc,
  listDncEvents,
  removeDnc,
} from '../modules/dnc/dnc.service.ts';
import { type DncImportReport, importDnc } from '../modules/dnc/dnc-import.service.ts';
import { type ExportFormat, type ExportKind, exportRows } from '../modules/exports/export.service.ts';
import {
  type ImportProgress,
  type ImportReport,
  importCsv,
  type Rejection,
} from '../modules/imports/import.service.ts';
import type { PresetName } from '../modules/imports/presets.ts';
import type { ListQuery } from '../modules/prospects/prospect.schemas.ts';
import {
  addProspect,
  editProspect,
  getProspect,
  listProspects,
  type ProspectView,
} from '../modules/prospects/prospects.service.ts';
import { listZoneChanges, type ZoneChange } from '../modules/prospects/zone-upgrade.service.ts';
import { type PursuitView, pursuitOfProspect } from '../modules/pursuit/pursuit.service.ts';
import { type StandingView, setStanding, standingOfProspect } from '../modules/pursuit/standing.service.ts';
import { buildQueue, type Plan, planDay, type Queue } from '../modules/queue/queue.service.ts';
import { checkNumber, listRules, type RuleCheck, type RuleList } from '../modules/queue/rules.service.ts';
import { type Ctx, teamConfig, updateTeamConfig } from '../modules/team/team.service.ts';
import { type MessageStats, messageStats } from '../modules/voicemail/message-stats.service.ts';
import {
  addPoint,
  listPoints,
  removePoint,
  type TalkingPoint,
} from '../modules/voicemail/talking-points.service.ts';
import {
  type CheckedMessage,
  checkMessageFor,
  type VoicemailAdvice,
  voicemailAdvice,
} from '../modules/voicemail/voicemail.service.ts';

export type TeamConfig = ReturnType<typeof teamConfig>;
export type ImportRequest = {
  input: Readable;
  preset?: PresetName | undefined;
  country?: string | undefined;
  dryRun?: boolean | undefined;
  strategy?: string | undefined;
  list?: string | undefined;
  onProgress?: ((p: ImportProgress) => void) | undefined;
  /** Every problem of every rejected row; over HTTP, the ones the report lists. */
  onRejected?: ((r: Rejection) => void) | undefined;
};

/** What the CLI can ask of Reach, whether it holds the database itself or talks to a running server. */
export type ReachClient = OperationClient & {
  where: string;
  listProspects(query: ListQuery): Promise<{ total: number; items: ProspectView[] }>;
  getProspect(key: string, at?: string): Promise<ProspectView>;
  addProspect(body: unknown): Promise<ProspectView>;
  editProspect(input: { key: string; body: unknown; at?: string | undefined }): Promise<ProspectView>;
  importCsv(request: ImportRequest): Promise<ImportReport>;
  exportRows(options: { kind: ExportKind; format: ExportFormat }): AsyncIterable<string>;
  logCall(body: unknown): Promise<LoggedCall>;
  undoCall(id: string): Promise<UndoneCall>;
  correctCall(input: { id: string; body: unknown }): Promise<CorrectedCall>;
  listCalls(query: Record<string, unknown>): Promise<CallRow[]>;
  timeline(prospect: string): Promise<Timeline>;
  lookup(query: { number: string; at?: string | undefined }): Promise<CallbackCard>;
  recordCallback(body: unknown): Promise<RecordedCallback>;
  attachCallback(input: { callbackId: string; body: unknown }): Promise<RecordedCallback>;
  listDnc(): Promise<DncEntry[]>;
  importDnc(request: {
    input: Readable;
    source?: string | undefined;
    reason?: string | undefined;
  }): Promise<DncImportReport>;
  addDnc(body: unknown): Promise<DncEntry[]>;
  removeDnc(body: unknown): Promise<Lifted>;
  dncHistory(): Promise<DncEvent[]>;
  getConfig(): Promise<TeamConfig>;
  updateConfig(patch: unknown): Promise<TeamConfig>;
  loadDemo(options: { at?: string | undefined }): Promise<DemoReport>;
  queue(query: Record<string, string | undefined>): Promise<Queue>;
  plan(query: Record<string, string | undefined>): Promise<Plan>;
  voicemail(input: { prospect: string; query: Record<string, string | undefined> }): Promise<VoicemailAdvice>;
  pursuit(input: { prospect: string; query: Record<string, string | undefined> }): Promise<PursuitView>;
  standing(input: { prospect: string; query: Record<string, string | undefined> }): Promise<StandingView>;
  setStanding(input: { prospect: string; body: unknown }): Promise<StandingView>;
  zoneChanges(): Promise<{ items: ZoneChange[] }>;
  rules(): Promise<RuleList>;
  checkRules(query: Record<string, string | undefined>): Promise<RuleCheck>;
  listCadences(): Promise<{ items: CadenceSummary[] }>;
  showCadence(input: { name: string; query: Record<string, string | undefined> }): Promise<CadenceView>;
  saveCadence(input: { definition: unknown; replace: boolean }): Promise<Cadence>;
  removeCadence(name: string): Promise<{ removed: string }>;
  startCadence(body: unknown): Promise<StartReport>;
  stopCadence(input: {
    prospect: string;
    body: unknown;
  }): Promise<{ prospectId: number; cadence: string; cancelled: number }>;
  resumeCadence(input: {
    prospect: string;
    body: unknown;
  }): Promise<{ prospectId: number; cadence: string; steps: number; firstDue: string | null }>;
  listTasks(query: Record<string, string | undefined>): Promise<TaskList>;
  completeTask(input: { id: number; body: unknown }): Promise<{ id: number; status: string }>;
  emailDraft(input: { id: number; query: Record<string, string | undefined> }): Promise<EmailDraft>;
  sendEmail(input: { id: number; body: unknown }): Promise<EmailDraft>;
  recordEmailAnswer(input: {
    id: number;
    body: unknown;
  }): Promise<{ taskId: number; answer: string; effect: string }>;
  letter(input: { id: number; query: Record<string, string | undefined> }): Promise<string>;
  checkMessage(body: unknown): Promise<CheckedMessage>;
  addPoint(body: unknown): Promise<TalkingPoint>;
  listPoints(query: Record<string, string | undefined>): Promise<TalkingPoint[]>;
  removePoint(id: string): Promise<{ removed: number }>;
  messageStats(query: Record<string, string | undefined>): Promise<MessageStats>;
};

export function localClient(ctx: Ctx, where: string): ReachClient {
  const perform = Object.fromEntries(
    (Object.keys(operations) as OperationName[]).map((name) => [
      name,
      (input?: object) => performNamed(ctx, name, (input ?? {}) as never),
    ]),
  ) as OperationClient;
  return {
    ...perform,
    where,
    listProspects: (query) => listProspects(ctx, query),
    getProspect: (key, at) => getProspect(ctx, { key, at }),
    addProspect: (body) => addProspect(ctx, body),
    editProspect: (input) => editProspect(ctx, input),
    importCsv: (request) => importCsv(ctx, request),
    exportRows: (options) => exportRows(ctx, options),
    logCall: (body) => logCall(ctx, { body }),
    undoCall: (id) => undoCall(ctx, { id }),
    correctCall: (input) => correctCall(ctx, input),
    listCalls: (query) => listCalls(ctx, query),
    timeline: (prospect) => timeline(ctx, prospect),
    lookup: (query) => lookup(ctx, query),
    recordCallback: (body) => recordCallback(ctx, body),
    attachCallback: (input) => attachCallback(ctx, input),
    listDnc: () => listDnc(ctx),
    importDnc: (request) => importDnc(ctx, request),
    addDnc: (body) => addDnc(ctx, body),
    removeDnc: (body) => removeDnc(ctx, body),
    dncHistory: () => listDncEvents(ctx),
    getConfig: async () => teamConfig(ctx.team),
    updateConfig: async (patch) => teamConfig(await updateTeamConfig(ctx, patch)),
    loadDemo: (options) => loadDemo(ctx, options),
    queue: (query) => buildQueue(ctx, defined(query)),
    plan: (query) => planDay(ctx, defined(query)),
    voicemail: ({ prospect, query }) => voicemailAdvice(ctx, { prospect, query: defined(query) }),
    pursuit: ({ prospect, query }) => pursuitOfProspect(ctx, { prospect, query: defined(query) }),
    standing: ({ prospect, query }) => standingOfProspect(ctx, { prospect, query: defined(query) }),
    setStanding: (input) => setStanding(ctx, input),
    zoneChanges: () => listZoneChanges(ctx),
    rules: async () => listRules(ctx),
    checkRules: (query) => checkNumber(ctx, defined(query)),
    listCadences: () => listCadences(ctx),
    showCadence: ({ name, query }) => showCadence(ctx, { name, query: defined(query) }),
    saveCadence: (input) => saveCadence(ctx, input),
    removeCadence: (name) => removeCadence(ctx, name),
    startCadence: (body) => startCadence(ctx, body),
    stopCadence: (input) => stopCadence(ctx, input),
    resumeCadence: (input) => resumeCadence(ctx, input),
    listTasks: (query) => listTasks(ctx, defined(query)),
    completeTask: (input) => completeTask(ctx, input),
    emailDraft: ({ id, query }) => emailDraft(ctx, { id, query: defined(query) }),
    sendEmail: (input) => sendEmail(ctx, input),
    recordEmailAnswer: (input) => recordEmailAnswer(ctx, input),
    letter: async ({ id, query }) => (await letterFor(ctx, { id, query: defined(query) })).html,
    checkMessage: (body) => checkMessageFor(ctx, body),
    addPoint: (body) => addPoint(ctx, body),
    listPoints: (query) => listPoints(ctx, defined(query)),
    removePoint: (id) => removePoint(ctx, id),
    messageStats: (query) => messageStats(ctx, defined(query)),
  };
}

/** The query without its unset options, as an HTTP query string would carry it. */
const defined = (query: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
