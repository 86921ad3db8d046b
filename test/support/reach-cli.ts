import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The reach command line, run as a process, as a user runs it: books in a directory of its own per test file. */
export const bin = fileURLToPath(new URL('../../bin/reach.js', import.meta.url));
export const work = mkdtempSync(join(tmpdir(), 'reach-cli-'));
export const env = { ...process.env, REACH_DATA: '', DATABASE_URL: '', REACH_TOKEN: '' };

export type Run = { code: number; stdout: string; stderr: string };

export function reach(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { ...env, ...extraEnv }, timeout: 60_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

export const dir = (name: string) => join(work, name);

// A new book's first open creates and migrates its database, seconds of work: every test's book is
// a copy of one made once, as `reach migrate` leaves it, and every demo territory a copy of one
// made once by `reach demo` at the same instant.
let emptyBook: Promise<string> | undefined;
let demoTerritory: Promise<string> | undefined;
export async function made(path: string, args: string[]): Promise<string> {
  const run = await reach([...args, '--data', path]);
  if (run.code !== 0) throw new Error(`reach ${args.join(' ')}: ${run.stderr}`);
  return path;
}
/** A data directory holding a migrated, empty book. */
export async function newBook(name: string): Promise<string> {
  emptyBook ??= made(dir('template-empty'), ['migrate']);
  cpSync(await emptyBook, dir(name), { recursive: true });
  return dir(name);
}
/** A data directory holding the demo territory made at 2026-11-20T17:00:00Z. */
export async function demoBook(name: string): Promise<string> {
  demoTerritory ??= newBook('template-demo').then((path) =>
    made(path, ['demo', '--at', '2026-11-20T17:00:00Z']),
  );
  cpSync(await demoTerritory, dir(name), { recursive: true });
  return dir(name);
}
export const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

/** Removes every book the file made. */
export const cleanUp = (): void => rmSync(work, { recursive: true, force: true });
