import type { Readable } from 'node:stream';
import { inProcess } from '../app/operations.ts';
import type { OperationClient } from '../contracts/client.ts';
import { type DncImportReport, importDnc } from '../modules/dnc/index.ts';
import { letterFor } from '../modules/email/index.ts';
import { type ExportFormat, type ExportKind, exportRows } from '../modules/exports/index.ts';
import {
  type ImportProgress,
  type ImportReport,
  importCsv,
  type PresetName,
  type Rejection,
} from '../modules/imports/index.ts';
import type { Ctx } from '../modules/team/index.ts';

export type { OperationClient };

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
  importDnc(request: {
    input: Readable;
    source?: string | undefined;
    reason?: string | undefined;
  }): Promise<DncImportReport>;
  letter(input: { id: number; query: Record<string, string | undefined> }): Promise<string>;
};

export function localClient(ctx: Ctx, where: string): ReachClient {
  return {
    ...inProcess(ctx),
    where,
    importCsv: (request) => importCsv(ctx, request),
    exportRows: (options) => exportRows(ctx, options),
    importDnc: (request) => importDnc(ctx, request),
    letter: async ({ id, query }) => (await letterFor(ctx, { id, query: defined(query) })).html,
  };
}

/** The query without its unset options, as an HTTP query string would carry it. */
const defined = (query: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
