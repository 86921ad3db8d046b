import type { Command } from 'commander';
import { AppError, errorTable, type FieldIssue, toAppError } from '../shared/errors.ts';
import { tableLines } from '../shared/terminal-text.ts';
import { type FieldOptions, optionFor } from './option-words.ts';

export const out = (text: string): void => {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
};

export const printJson = (value: unknown): void => out(JSON.stringify(value, null, 2));

/** A plain aligned table, for a terminal or a pipe. */
export function printTable(headers: string[], rows: (string | number | null | undefined)[][]): void {
  for (const line of tableLines(headers, rows)) out(line);
}

/** Prints an answer: its JSON when asked for, else the lines its feature's printer makes of it. */
export function show<T>(json: boolean | undefined, value: T, lines: (value: T) => string[]): void {
  if (json) printJson(value);
  else for (const line of lines(value)) out(line);
}

/** The command being run, whose options a refused field is named by. */
let running: { command: Command; fields?: FieldOptions | undefined } | undefined;

/** Errors reported from now on name this command's options and arguments, not the API's fields. */
export function speakFor(command: Command, fields?: FieldOptions): void {
  running = { command, fields };
}

/** A field as the user gave it: `--result-at` for `resultAt`; null where the field is the whole request. */
function labelOf(field: string): string | null {
  const option = running ? optionFor(running.command, { field, fields: running.fields }) : undefined;
  if (option !== undefined) return option;
  return field === 'body' || field === 'query' ? null : field;
}

const joined = (issues: FieldIssue[]): string => issues.map((i) => `${i.field}: ${i.reason}`).join('; ');

/** The error's message in the user's words: each refused field by the option they typed. */
function messageOf(error: AppError): string {
  // A message written for its reader is kept; one made of field issues is made again from them.
  if (error.issues.length === 0 || error.message !== joined(error.issues)) return error.message;
  return error.issues
    .map((issue) => {
      const label = labelOf(issue.field);
      return label === null ? issue.reason : `${label}: ${issue.reason}`;
    })
    .join('; ');
}

/** The one place the CLI turns an error into words and an exit code. */
export function reportError(error: unknown, json: boolean): number {
  const appError = toAppError(error);
  const meta = errorTable[appError.code];
  const message = messageOf(appError);
  if (json) {
    const issues = appError.issues.map((issue) => {
      const label = labelOf(issue.field);
      return label === null || label === issue.field ? issue : { ...issue, option: label };
    });
    process.stderr.write(`${JSON.stringify({ error: { code: appError.code, message, issues } })}\n`);
  } else {
    process.stderr.write(`reach: ${message}\n`);
    if (appError.code === 'internal' && process.env['REACH_DEBUG'])
      process.stderr.write(`${String(appError.cause)}\n`);
  }
  return meta.exitCode;
}

export { AppError };
