import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, readLock } from '../src/db/data-dir.ts';

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) =>
  new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env,
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
    });
    child.once('error', reject);
    child.once('exit', () => resolve(out));
  });

/** Three processes race for the directory's lock round after round: exactly one holds it in each. */
async function expectOneHolderPerRound(input: { dir: string; rounds: number; env?: NodeJS.ProcessEnv }) {
  const start = Date.now() + 2_500;
  const outputs = await Promise.all(
    [1, 2, 3].map(() =>
      run(['test/support/lock-rounds.ts', input.dir, String(start), String(input.rounds), '400'], input.env),
    ),
  );
  const lines = outputs.flatMap((o) => o.trim().split('\n'));
  expect(lines).toHaveLength(input.rounds * 3);
  for (let round = 0; round < input.rounds; round++)
    expect(
      lines.filter((l) => l === `${round} held`),
      `round ${round}`,
    ).toHaveLength(1);
}

describe('the data directory lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'reach-lock-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('three processes starting together got two holders of one directory: one holder in every round', async () => {
    await expectOneHolderPerRound({ dir, rounds: 12 });
  }, 60_000);

  it("a flock that is not util-linux's (BusyBox's takes neither option) was taken for one, and two processes held the directory: the pid lock stands in, one holder in every round", async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'flock'), '#!/bin/sh\necho "flock: unrecognized option" >&2\nexit 1\n');
    chmodSync(join(bin, 'flock'), 0o755);
    const env = { ...process.env, PATH: `${bin}:${process.env['PATH']}` };
    await expectOneHolderPerRound({ dir: join(dir, 'book'), rounds: 8, env });
  }, 60_000);

  it('a lock whose process was killed is free at once, whatever its file says', async () => {
    const holder = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '-e',
        `import('./src/db/data-dir.ts').then(async (m) => { await m.acquireLock(${JSON.stringify(dir)}, { kind: 'cli' }); console.log('held'); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    expect(readLock(dir)?.pid).toBe(holder.pid);
    await expect(acquireLock(dir, { kind: 'cli' })).rejects.toMatchObject({ code: 'data_locked' });
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    // The file still names the dead process; the operating system no longer holds the lock for it.
    expect(JSON.parse(readFileSync(join(dir, 'reach.lock'), 'utf8')).pid).toBe(holder.pid);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(readLock(dir)).toBeNull();
    const release = await acquireLock(dir, { kind: 'cli' });
    await release();
  }, 30_000);

  it('a stale lock naming this process’s own pid (pid 1 after a container restart) does not block the restart', async () => {
    writeFileSync(
      join(dir, 'reach.lock'),
      `${JSON.stringify({ pid: process.pid, kind: 'server', port: 4321, startedAt: '2026-12-01T00:00:00Z' })}\n`,
    );
    expect(readLock(dir)).toBeNull();
    const release = await acquireLock(dir, { kind: 'server', port: 4000 });
    expect(readLock(dir)).toMatchObject({ pid: process.pid, port: 4000 });
    await expect(acquireLock(dir, { kind: 'cli' })).rejects.toMatchObject({ code: 'data_locked' });
    await release();
    expect(readLock(dir)).toBeNull();
  });
});
