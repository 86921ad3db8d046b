import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../shared/errors.ts';

export type LockHolder = {
  pid: number;
  kind: 'server' | 'cli';
  port?: number;
  host?: string;
  startedAt: string;
};

const LOCK_FILE = 'reach.lock';
const MARKER_FILE = 'reach-store.json';

/** `--data`, then `REACH_DATA`, then `$XDG_DATA_HOME/reach`, then `~/.local/share/reach`. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return flag;
  if (env['REACH_DATA']) return env['REACH_DATA'];
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg ? xdg : join(homedir(), '.local', 'share'), 'reach');
}

/** The installed PGlite's version, read from its package.json (which its exports map does not expose). */
export function pgliteVersion(): string {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (dir !== dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version: string };
      if (pkg.name === '@electric-sql/pglite') return pkg.version;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the installed PGlite version');
}

/** The part of a version that must match for PGlite to open a directory (0.x releases break on the minor). */
export function storageMajor(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `0.${minor}` : major;
}

/**
 * Creates the directory when new, and refuses one written by another PGlite major version,
 * before PGlite itself tries (and fails obscurely) to open it.
 */
export function prepareDataDir(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const markerPath = join(dir, MARKER_FILE);
  const current = pgliteVersion();
  if (existsSync(markerPath)) {
    const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as { pglite?: string };
    const written = marker.pglite ?? 'unknown';
    if (storageMajor(written) !== storageMajor(current)) {
      throw new AppError(
        'data_incompatible',
        `The data directory ${dir} was written by PGlite ${written}; this Reach uses PGlite ${current}, which cannot open it. ` +
          'Run `reach export --all --out backup.json` with the Reach version that wrote it, then ' +
          '`reach import --all backup.json --data NEW_DIR` with this one.',
      );
    }
    return;
  }
  writeFileSync(markerPath, `${JSON.stringify({ pglite: current, createdAt: new Date().toISOString() })}\n`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Records the port a server actually listens on (it asked for 0, any free port), so CLI commands find it. */
export function recordLockPort(dir: string, port: number): void {
  const holder = readLock(dir);
  if (holder?.pid === process.pid)
    writeFileSync(join(dir, LOCK_FILE), `${JSON.stringify({ ...holder, port })}\n`);
}

/** The live process holding the directory, if any; a stale lock is ignored. */
export function readLock(dir: string): LockHolder | null {
  const path = join(dir, LOCK_FILE);
  if (!existsSync(path)) return null;
  try {
    const holder = JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
    return isAlive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

/**
 * Takes the directory for this process. PGlite does not stop two processes from opening one
 * directory (and the second silently loses rows), so every opener goes through this lock.
 */
export function acquireLock(dir: string, holder: Omit<LockHolder, 'pid' | 'startedAt'>): () => void {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const record: LockHolder = { ...holder, pid: process.pid, startedAt: new Date().toISOString() };
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(record)}\n`);
      closeSync(fd);
      return () => {
        const now = readLock(dir);
        if (now?.pid === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const live = readLock(dir);
      if (live) throw lockedError(dir, live);
      rmSync(path, { force: true });
    }
  }
  throw new AppError('data_locked', `Could not take the lock on ${dir}`);
}

export function lockedError(dir: string, holder: LockHolder): AppError {
  const who =
    holder.kind === 'server'
      ? `a Reach server (pid ${holder.pid}, port ${holder.port ?? '?'})`
      : `another reach command (pid ${holder.pid})`;
  return new AppError(
    'data_locked',
    `The data directory ${dir} is in use by ${who}. Wait for it, or stop it first.`,
  );
}
