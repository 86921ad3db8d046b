import type { Readable } from 'node:stream';
import { inProcess } from '../app/operations.ts';
import type { OperationClient } from '../contracts/client.ts';

export type { OperationClient };

import {
  attachCallback,
  type CallbackCard,
  lookup,
  type RecordedCallback,
  recordCallback,
} from '../modules/calls/callbacks.service.ts';
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
import { letterFor } from '../modules/email/email.service.ts';
import { type ExportFormat, type ExportKind, exportRows } from '../modules/exports/export.service.ts';
import {
  type ImportProgress,
  type ImportReport,
  importCsv,
  type Rejection,
} from '../modules/imports/import.service.ts';
import type { PresetName } from '../modules/imports/presets.ts';
import { buildQueue, type Plan, planDay, type Queue } from '../modules/queue/queue.service.ts';
import { checkNumber, listRules, type RuleCheck, type RuleList } from '../modules/queue/rules.service.ts';
import { type Ctx, teamConfig, updateTeamConfig } from '../modules/team/team.service.ts';

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
  importCsv(request: ImportRequest): Promise<ImportReport>;
  exportRows(options: { kind: ExportKind; format: ExportFormat }): AsyncIterable<string>;
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
  rules(): Promise<RuleList>;
  checkRules(query: Record<string, string | undefined>): Promise<RuleCheck>;
  letter(input: { id: number; query: Record<string, string | undefined> }): Promise<string>;
};

export function localClient(ctx: Ctx, where: string): ReachClient {
  return {
    ...inProcess(ctx),
    where,
    importCsv: (request) => importCsv(ctx, request),
    exportRows: (options) => exportRows(ctx, options),
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
    rules: async () => listRules(ctx),
    checkRules: (query) => checkNumber(ctx, defined(query)),
    letter: async ({ id, query }) => (await letterFor(ctx, { id, query: defined(query) })).html,
  };
}

/** The query without its unset options, as an HTTP query string would carry it. */
const defined = (query: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
