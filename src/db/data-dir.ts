import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
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

/** Exit code `flock` gives when another process holds the lock. */
const HELD = 75;

/** Whether the operating system's `flock(1)` is here; without it (macOS, Windows) the pid lock stands in. */
let flockHere: boolean | undefined;
function hasFlock(): boolean {
  flockHere ??= spawnSync('flock', ['--version'], { stdio: 'ignore' }).status === 0;
  return flockHere;
}

/**
 * Whether some process holds the directory's lock, asked of the operating system: one probe, which
 * also tells that util-linux's `flock(1)` is here (it answers 0 or the conflict code). Undefined
 * when it did not answer so: no `flock` at all, or another one (BusyBox's takes neither option).
 */
function heldByOs(path: string): boolean | undefined {
  const probe = spawnSync('flock', ['--nonblock', '--conflict-exit-code', String(HELD), path, 'true'], {
    stdio: 'ignore',
  });
  if (probe.status !== 0 && probe.status !== HELD) return undefined;
  flockHere = true;
  return probe.status === HELD;
}

/** The process holding the directory, if any; a lock nobody holds any more is ignored. */
export function readLock(dir: string): LockHolder | null {
  const path = join(dir, LOCK_FILE);
  if (!existsSync(path)) return null;
  const recorded = readHolder(path);
  const held = flockHere === false ? undefined : heldByOs(path);
  if (held !== undefined) return held ? (recorded ?? unknownHolder()) : null;
  if (hasFlock()) return null;
  return recorded && isAlive(recorded.pid) && !(recorded.pid === process.pid && !heldHere.has(path))
    ? recorded
    : null;
}

const unknownHolder = (): LockHolder => ({ pid: 0, kind: 'cli', startedAt: '' });

function readHolder(path: string): LockHolder | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockHolder;
  } catch {
    return null;
  }
}

/** The lock files this process holds (the pid lock's way to tell its own lock from a dead process's with its pid). */
const heldHere = new Set<string>();

/**
 * Takes the directory for this process. PGlite does not stop two processes from opening one
 * directory (and the second silently loses rows), so every opener goes through this lock: an
 * operating-system lock (`flock`) held by a helper for as long as this process lives, so it is
 * released when the process ends however it ends, and two openers can never both hold it. The
 * file also records who holds it (pid, port), for the CLI to find a running server.
 */
export async function acquireLock(
  dir: string,
  holder: Omit<LockHolder, 'pid' | 'startedAt'>,
): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const record: LockHolder = { ...holder, pid: process.pid, startedAt: new Date().toISOString() };
  if (!hasFlock()) return pidLock(dir, record);
  closeSync(openSync(path, 'a'));
  const helper = spawn(
    'flock',
    [
      '--exclusive',
      '--nonblock',
      '--conflict-exit-code',
      String(HELD),
      path,
      'sh',
      '-c',
      'echo held; exec cat >/dev/null',
    ],
    { stdio: ['pipe', 'pipe', 'ignore'] },
  );
  const exited = new Promise<number | null>((resolve) => helper.once('exit', (code) => resolve(code)));
  const taken = await new Promise<boolean>((resolve, reject) => {
    helper.stdout.once('data', () => resolve(true));
    helper.once('error', reject);
    void exited.then(() => resolve(false));
  });
  if (!taken) {
    const code = await exited;
    if (code === HELD) throw lockedError(dir, readHolder(path) ?? unknownHolder());
    throw new AppError('data_locked', `Could not take the lock on ${dir} (flock exited with ${code})`);
  }
  // The helper lives as long as this process's end of its input does; it must not keep Node running.
  helper.stdout.destroy();
  helper.unref();
  (helper.stdin as unknown as { unref?: () => void }).unref?.();
  writeFileSync(path, `${JSON.stringify(record)}\n`);
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    // Held alive again until the helper has let go, so a reopen right after finds the lock free.
    helper.ref();
    (helper.stdin as unknown as { ref?: () => void }).ref?.();
    helper.stdin.end();
    await exited;
  };
}

/** Where `flock` is missing: an exclusive create, with a dead or reused pid taken as stale. */
function pidLock(dir: string, record: LockHolder): () => Promise<void> {
  const path = join(dir, LOCK_FILE);
  for (let tries = 0; tries < 2; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${JSON.stringify(record)}\n`);
      closeSync(fd);
      heldHere.add(path);
      return async () => {
        heldHere.delete(path);
        if (readHolder(path)?.pid === process.pid) rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const live = readLock(dir);
      if (live) throw lockedError(dir, live);
      // A file still being written by another opener reads as nothing: young, it is theirs.
      if (readHolder(path) === null && Date.now() - statSync(path).mtimeMs < 10_000)
        throw lockedError(dir, unknownHolder());
      rmSync(path, { force: true });
    }
  }
  throw new AppError('data_locked', `Could not take the lock on ${dir}`);
}

export function lockedError(dir: string, holder: LockHolder): AppError {
  const who =
    holder.kind === 'server'
      ? `a Reach server (pid ${holder.pid}, port ${holder.port ?? '?'})`
      : holder.pid
        ? `another reach command (pid ${holder.pid})`
        : 'another process';
  return new AppError(
    'data_locked',
    `The data directory ${dir} is in use by ${who}. Wait for it, or stop it first.`,
  );
}
