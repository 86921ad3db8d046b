import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './support/databases.ts';
import { messyCsv } from './support/fixtures.ts';
import { startLoopbackSmtp } from './support/smtp.ts';

const bin = fileURLToPath(new URL('../bin/reach.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'reach-cli-'));
const env = { ...process.env, REACH_DATA: '', DATABASE_URL: '', REACH_TOKEN: '' };

type Run = { code: number; stdout: string; stderr: string };

function reach(args: string[], extraEnv: Record<string, string> = {}): Promise<Run> {
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

const dir = (name: string) => join(work, name);

// A new book's first open creates and migrates its database, seconds of work: every test's book is
// a copy of one made once, as `reach migrate` leaves it, and every demo territory a copy of one
// made once by `reach demo` at the same instant.
let emptyBook: Promise<string> | undefined;
let demoTerritory: Promise<string> | undefined;
async function made(path: string, args: string[]): Promise<string> {
  const run = await reach([...args, '--data', path]);
  if (run.code !== 0) throw new Error(`reach ${args.join(' ')}: ${run.stderr}`);
  return path;
}
/** A data directory holding a migrated, empty book. */
async function newBook(name: string): Promise<string> {
  emptyBook ??= made(dir('template-empty'), ['migrate']);
  cpSync(await emptyBook, dir(name), { recursive: true });
  return dir(name);
}
/** A data directory holding the demo territory made at 2026-11-20T17:00:00Z. */
async function demoBook(name: string): Promise<string> {
  demoTerritory ??= newBook('template-demo').then((path) =>
    made(path, ['demo', '--at', '2026-11-20T17:00:00Z']),
  );
  cpSync(await demoTerritory, dir(name), { recursive: true });
  return dir(name);
}
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

afterAll(() => rmSync(work, { recursive: true, force: true }));

// Each test starts several reach processes, each opening its own embedded database.
describe('the reach command line', { timeout: 180_000 }, () => {
  it('prints help for every command and exits 0', async () => {
    const run = await reach(['--help']);
    expect(run.code).toBe(0);
    for (const command of [
      'serve',
      'migrate',
      'import',
      'export',
      'prospects',
      'dnc',
      'config',
      'demo',
      'pursuit',
      'cadence',
    ]) {
      expect(run.stdout).toContain(command);
    }
    const sub = await reach(['import', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toContain('--dry-run');
  });

  it('exits 2 on a usage error', async () => {
    expect((await reach(['bogus'])).code).toBe(2);
    expect((await reach(['prospects', 'list', '--no-such-flag'])).code).toBe(2);
  });

  it('exits as documented: 1 when something is not found, 2 for usage or invalid input', async () => {
    const data = ['--data', await newBook('exit-codes')];
    // Parse problems never open the book, so they may run side by side.
    const usage = await Promise.all([
      reach([]),
      reach(['prospects']),
      reach(['prospects', 'show', ...data]),
      reach(['prospects', 'list', '--no-such-flag', ...data]),
      reach(['undo', ...data]),
    ]);
    expect(usage.map((r) => r.code)).toEqual([2, 2, 2, 2, 2]);
    expect(usage[0]!.stderr).toContain('Usage: reach');
    const codes: [string[], number][] = [
      [['prospects', 'show', '999999'], 1],
      [['undo', '999999'], 1],
      [['log', 'nosuch', '-o', 'n'], 1],
      [['timeline', 'nosuch'], 1],
      [['tasks', 'letter', '999999'], 1],
      [['queue', '--at', 'tomorrow'], 2],
      [['prospects', 'list', '--at', 'tomorrow'], 2],
      [['tasks', '--limit', 'lots'], 2],
    ];
    for (const [args, code] of codes)
      expect((await reach([...args, ...data])).code, args.join(' ')).toBe(code);
    const help = await reach(['--help']);
    expect(help.stdout).toContain('Exit codes:\n  0  ok\n  1  not found,');
    expect(help.stdout).toContain('\n  2  usage or invalid input:');
    expect(help.stdout).toContain('\n  3  some rows rejected:');
  });

  it('reach tasks done abc is refused as invalid input (exit 2), not as a failed database query (exit 1)', async () => {
    const data = ['--data', await newBook('bad-id')];
    const done = await reach(['tasks', 'done', 'abc', ...data]);
    expect(done).toMatchObject({ code: 2, stderr: 'reach: ID: "abc" is not a task id\n' });
    const attach = await reach(['callback', '--attach', 'x', '--prospect', '1', ...data]);
    expect(attach).toMatchObject({ code: 2, stderr: 'reach: --attach: "x" is not a callback id\n' });
  });

  it('plays strategies on a world file and prints the JSON the simulator promises, or names the bad field', async () => {
    const world = file('world.json', JSON.stringify({ name: 'small', days: 2, prospects: { count: 30 } }));
    const run = await reach([
      'sim',
      '--world',
      world,
      '--strategy',
      'uniform',
      '--strategy',
      'adaptive',
      '--json',
    ]);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { world: string; seed: number; results: Record<string, unknown>[] };
    expect(out.world).toBe('small');
    expect(out.results.map((r) => r['strategy'])).toEqual(['uniform', 'adaptive']);
    expect(Object.keys(out.results[0]!).sort()).toEqual(
      [
        'strategy',
        'dials',
        'conversations',
        'conversationsPer100Dials',
        'meetings',
        'meetingsPerRepHour',
        'repHours',
        'voicemailsLeft',
        'callbacks',
        'callbackRate',
        'optOuts',
        'violations',
      ].sort(),
    );
    const bad = await reach(['sim', '--world', file('bad-world.json', '{"rep": {"lunch": true}}')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('rep: unknown field(s): lunch');
    expect((await reach(['sim', '--strategy', 'hope'])).code).toBe(2);
    // The same rep on a real, empty book through Reach's API scores what it scored in memory.
    const data = await newBook('sim-book');
    const onBook = ['sim', '--world', world, '--strategy', 'adaptive', '--on-book', '--data', data];
    const played = await reach([...onBook, '--json']);
    expect(played.code).toBe(0);
    expect((JSON.parse(played.stdout) as typeof out).results).toEqual([out.results[1]]);
    const again = await reach(onBook);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('holds 30 prospects: --on-book plays on an empty book');
    expect(
      (await reach(['sim', '--strategy', 'uniform', '--on-book', '--data', await newBook('sim-other')]))
        .stderr,
    ).toContain("--on-book plays one of Reach's strategies");
  });

  it('imports a messy file: exit 3, every rejected row by line (and in --rejects), the good rows kept', async () => {
    const data = await newBook('messy');
    const rejects = join(work, 'messy-rejects.csv');
    const run = await reach([
      'import',
      file('messy.csv', messyCsv),
      '--json',
      '--rejects',
      rejects,
      '--data',
      data,
    ]);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as {
      imported: number;
      unchanged: number;
      rejected: { line: number; field: string }[];
    };
    expect(report).toMatchObject({ imported: 3, unchanged: 1 });
    expect(report.rejected.map((r) => `${r.line}:${r.field}`)).toEqual([
      '5:phone_direct',
      '8:name',
      '8:stage',
      '8:value',
    ]);
    // The rejects file holds every problem, a CSV row each, under its header.
    const written = readFileSync(rejects, 'utf8').trim().split('\n');
    expect(written[0]).toBe('line,field,reason');
    expect(written.slice(1).map((l) => l.split(',').slice(0, 2).join(':'))).toEqual([
      '5:phone_direct',
      '8:name',
      '8:stage',
      '8:value',
    ]);
    const list = await reach(['prospects', 'list', '--json', '--data', data, '--at', '2026-03-03T15:00:00Z']);
    const page = JSON.parse(list.stdout) as {
      total: number;
      items: { name: string; localTime: { label: string } }[];
    };
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({
      name: 'Zoë Åkesson',
      localTime: { label: 'Tue 10:00 (America/New_York)' },
    });
  });

  it('exits 2 when the file cannot be read or has no known columns', async () => {
    expect((await reach(['import', join(work, 'missing.csv'), '--data', await newBook('x')])).code).toBe(2);
    const run = await reach(['import', file('odd.csv', 'foo,bar\n1,2\n'), '--data', dir('x')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('No known columns');
  });

  it('exports prospects that import back unchanged, exit 0', async () => {
    const data = await newBook('roundtrip');
    await reach(['import', file('rt.csv', messyCsv), '--data', data]);
    const out = join(work, 'prospects.csv');
    expect((await reach(['export', 'prospects', '--out', out, '--data', data])).code).toBe(0);
    const again = await reach(['import', out, '--json', '--data', data]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, updated: 0, unchanged: 3, rejected: [] });
  });

  it('restores a full backup into a new data directory', async () => {
    const data = await newBook('backup-src');
    await reach(['import', file('b.csv', messyCsv), '--data', data]);
    const backup = join(work, 'backup.ndjson');
    expect((await reach(['export', '--all', '--out', backup, '--data', data])).code).toBe(0);
    const restored = await reach([
      'import',
      '--all',
      backup,
      '--json',
      '--data',
      await newBook('backup-dst'),
    ]);
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ restored: { prospects: 3 } });
  });

  it('refuses a data directory written by another PGlite major version, naming the upgrade path', async () => {
    const data = await newBook('old');
    await reach(['migrate', '--data', data]);
    writeFileSync(join(data, 'reach-store.json'), JSON.stringify({ pglite: '0.2.17' }));
    const run = await reach(['prospects', 'list', '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PGlite 0.2.17');
    expect(run.stderr).toContain('reach export --all');
  });

  it('sets whether a prospect has the product or a competing vendor with add and edit, and shows it in words', async () => {
    const data = ['--data', await newBook('yes-no')];
    const add = [
      'prospects',
      'add',
      '--first-name',
      'Ann',
      '--email',
      'ann@acme.com',
      '--has-product',
      'YES',
    ];
    expect((await reach([...add, ...data])).stdout).toContain(
      'already has the product: yes · existing vendor relationship: no',
    );
    const edit = await reach([
      'prospects',
      'edit',
      'ann@acme.com',
      '--competitor',
      'y',
      '--has-product',
      'no',
      ...data,
    ]);
    expect(edit.code).toBe(0);
    const show = await reach(['prospects', 'show', 'ann@acme.com', ...data]);
    expect(show.stdout).toContain('already has the product: no · existing vendor relationship: yes');
    const bad = await reach(['prospects', 'edit', 'ann@acme.com', '--competitor', 'maybe', ...data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('reach: --competitor: "maybe" is not yes or no\n');
  });

  it('logs a typical dial in one line and says what it changed', async () => {
    const data = await newBook('log');
    await reach([
      'prospects',
      'add',
      '--first-name',
      'Ann',
      '--email',
      'ann@acme.com',
      '--timezone',
      'America/Denver',
      '--direct',
      '303-555-0142',
      '--data',
      data,
    ]);
    const run = await reach([
      'log',
      'ann@acme.com',
      '--outcome',
      'voicemail-left',
      '--message-kind',
      'curiosity',
      '--message',
      'Ann, Sam here.',
      '--at',
      '2026-03-03T01:15:00Z',
      '--id',
      'k1',
      '--data',
      data,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Logged call 1: voicemail-left on direct +13035550142 at Mon 18:15 (America/Denver)',
    );
    expect(run.stdout).toContain('stage new → contacted');
    const again = await reach([
      'log',
      'ann@acme.com',
      '--outcome',
      'voicemail-left',
      '--message-kind',
      'curiosity',
      '--message',
      'Ann, Sam here.',
      '--at',
      '2026-03-03T01:15:00Z',
      '--id',
      'k1',
      '--data',
      data,
    ]);
    expect(again.stdout).toContain('Already logged call 1');
    // The same key with another call is refused, naming the key and the option.
    const reused = await reach(['log', 'ann@acme.com', '--outcome', 'busy', '--id', 'k1', '--data', data]);
    expect(reused.code).toBe(2);
    expect(reused.stderr).toContain('Idempotency-Key "k1" was first used to log another call (attempt 1)');
    const quick = await reach(
      'log ann@acme.com -o g -r cb --result-at 2026-03-04T15:00:00Z --at 2026-03-03T15:00:00Z'
        .split(' ')
        .concat(['--data', data]),
    );
    expect(quick.stdout).toContain('gatekeeper → callback-scheduled');
    const bad = await reach([
      'log',
      'ann@acme.com',
      '--outcome',
      'busy',
      '--result',
      'meeting',
      '--data',
      data,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('result:');
    const undo = await reach(['undo', '2', '--data', data]);
    expect(undo.code).toBe(0);
    expect(undo.stdout).toBe('Undone call 2 (gatekeeper) of prospect 1\n');
    const gone = await reach(['undo', '2', '--data', data]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('Call not found: 2');
  });

  it('corrects a logged call with a reason and says what changed, exiting 2 on a bad id', async () => {
    const data = await newBook('correct');
    await reach(['prospects', 'add', '--first-name', 'Ann', '--email', 'ann@acme.com', '--data', data]);
    await reach(['log', 'ann@acme.com', '-o', 'n', '--at', '2026-03-03T15:00:00Z', '--data', data]);
    const run = await reach([
      'calls',
      'correct',
      '1',
      '-o',
      'v',
      '--reason',
      'wrong key',
      '--by',
      'Sam',
      '--data',
      data,
    ]);
    expect(run, run.stderr).toMatchObject({ code: 0 });
    expect(run.stdout).toBe('Corrected call 1: no-answer → voicemail, by Sam: wrong key\n');
    const bad = await reach(['calls', 'correct', 'abc', '-o', 'v', '--reason', 'wrong key', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('id:');
    const calls = JSON.parse((await reach(['calls', 'ann@acme.com', '--json', '--data', data])).stdout) as {
      items: { outcome: string }[];
    };
    expect(calls.items.map((c) => c.outcome)).toEqual(['voicemail']);
  });

  it('a bad --result-at is refused as --result-at with an example, not as resultAt', async () => {
    const data = ['--data', await newBook('words')];
    await reach(['prospects', 'add', '--first-name', 'Ann', '--email', 'ann@acme.com', ...data]);
    const example = 'write an ISO 8601 instant such as 2026-03-04T15:00:00Z or 2026-03-04T10:00:00-05:00';
    const resultAt = await reach([
      'log',
      'ann@acme.com',
      '-o',
      'g',
      '-r',
      'cb',
      '--result-at',
      'tomorrow',
      ...data,
    ]);
    expect(resultAt).toMatchObject({
      code: 2,
      stderr: `reach: --result-at: "tomorrow" is not a time: ${example}\n`,
    });
    const kind = await reach(['log', 'ann@acme.com', '-o', 'l', '-k', 'loud', ...data]);
    expect(kind.stderr).toBe(
      'reach: --message-kind: use one of information, invitation, introduction, curiosity, referral, follow-up, generic\n',
    );
    const due = await reach(['tasks', '--due-before', 'friday', ...data]);
    expect(due.stderr).toBe(`reach: --due-before: "friday" is not a time: ${example}\n`);
    const json = await reach(['tasks', '--due-before', 'friday', '--json', ...data]);
    expect(JSON.parse(json.stderr)).toMatchObject({
      error: { code: 'validation', issues: [{ field: 'dueBefore', option: '--due-before' }] },
    });
  });

  it('a --limit that is not a number says it must be a number, not that zod received NaN', async () => {
    const run = await reach(['prospects', 'list', '--limit', 'abc', '--data', await newBook('nan')]);
    expect(run).toMatchObject({ code: 2, stderr: 'reach: --limit: must be a number\n' });
  });

  it('reach tasks shows what is due later today, not only what is overdue', async () => {
    const data = ['--data', await newBook('today')];
    await reach(['config', 'territoryZones=America/Chicago', ...data]);
    await reach([
      'prospects',
      'add',
      '--first-name',
      'Ann',
      '--email',
      'ann@acme.com',
      '--timezone',
      'America/New_York',
      '--direct',
      '212-555-0142',
      ...data,
    ]);
    // Promised at 10:00 for 15:00 today, and for 15:00 tomorrow (New York).
    for (const [at, resultAt] of [
      ['2026-03-03T15:00:00Z', '2026-03-03T20:00:00Z'],
      ['2026-03-03T15:05:00Z', '2026-03-04T20:00:00Z'],
    ])
      await reach([
        'log',
        'ann@acme.com',
        '-o',
        'g',
        '-r',
        'cb',
        '--result-at',
        resultAt!,
        '--at',
        at!,
        ...data,
      ]);
    const run = await reach(['tasks', '--at', '2026-03-03T16:00:00Z', ...data]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Due today, until 23:59 America/Chicago: 1 task\n    1  Tue 03 Mar 15:00 New York  callback         Ann (#1)  promised\n',
    );
    const later = await reach([
      'tasks',
      '--at',
      '2026-03-03T16:00:00Z',
      '--due-before',
      '2026-03-05T00:00:00Z',
      ...data,
    ]);
    expect(later.stdout).toContain('Due before Wed 04 Mar 18:00 America/Chicago: 2 tasks');
    expect(later.stdout).toContain('Wed 04 Mar 15:00 New York');
  });

  it('logs an hour of dials, one short line each, in one process', async () => {
    const data = await newBook('batch');
    await reach(['import', file('batch.csv', messyCsv), '--data', data]);
    const lines = [
      'e1 n',
      'e3 l cur -- Hi, Sam Reed here.',
      'e1 g cb 2026-03-04T15:00:00Z -- Janet lunches 1-2',
      'nobody n',
      'e3 x',
      'e3 r i',
    ];
    const run = await reach([
      'log',
      '--batch',
      file('dials.txt', `${lines.join('\n')}\n`),
      '--at',
      '2026-03-03T15:00:00Z',
      '--json',
      '--data',
      data,
    ]);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout) as {
      logged: number;
      failed: number;
      results: { line: number; error?: string }[];
    };
    // A second dial to e1 at the same moment names no number, and the queue proposes none of e1's now: the rep is asked which.
    expect(report).toMatchObject({ logged: 3, failed: 3 });
    expect(report.results.filter((r) => r.error).map((r) => r.line)).toEqual([3, 4, 5]);
    expect(report.results.find((r) => r.line === 3)?.error).toContain('say which number was dialled');
    const calls = JSON.parse((await reach(['calls', 'e3', '--json', '--data', data])).stdout) as {
      items: { outcome: string }[];
    };
    expect(calls.items.map((c) => c.outcome).sort()).toEqual(['reached', 'voicemail-left']);
  });

  it('ranks whom to call on a demo territory, reproducibly, with reasons', async () => {
    const data = await demoBook('queue');
    const args = ['queue', '--at', '2026-11-23T15:00:00Z', '--limit', '5', '--json', '--data', data];
    const first = await reach(args);
    expect(first.code).toBe(0);
    const queue = JSON.parse(first.stdout) as { entries: { reasons: string[]; local: { time: string } }[] };
    expect(queue.entries).toHaveLength(5);
    for (const entry of queue.entries) {
      expect(entry.reasons.length).toBeGreaterThan(0);
      expect(entry.local.time >= '08:00' && entry.local.time < '21:00').toBe(true);
    }
    expect((await reach(args)).stdout).toBe(first.stdout);
    const text = await reach(['queue', '--at', '2026-11-23T15:00:00Z', '--limit', '3', '--data', data]);
    expect(text.stdout).toMatch(/^ 1\. .+\(#\d+\)\n {4}\w+ \+\d+ {2}· {2}their time Mon /m);
    const plan = await reach(['plan', '--day', '2026-11-24', '--zone', 'America/New_York', '--data', data]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toMatch(/^Plan for 2026-11-24 \(America\/New_York\)\n\d\d:\d\d-\d\d:\d\d /);
    const bad = await reach(['queue', '--at', 'soon', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(
      '"soon" is not a time: write an ISO 8601 instant such as 2026-03-04T15:00:00Z',
    );
  });

  it('decides a voicemail and keep-or-drop on the demo territory and checks a message, exiting 1 when it fails', async () => {
    const data = await demoBook('voicemail');
    const args = [
      'voicemail',
      '1',
      '--at',
      '2026-11-23T23:30:00Z',
      '--strategy',
      'persistent',
      '--data',
      data,
    ];
    const text = await reach(args);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^(LEAVE a message|SKIP: no message) {2}\(/);
    const json = JSON.parse((await reach([...args, '--json'])).stdout) as {
      decision: string;
      script: { text: string } | null;
      instead: unknown[];
    };
    if (json.decision === 'leave') expect(json.script!.text).toContain('Sam Ortiz');
    else expect(json.instead.length).toBeGreaterThan(0);
    const pursuit = await reach(['pursuit', '1', '--at', '2026-11-23T23:30:00Z', '--data', data]);
    expect(pursuit.code).toBe(0);
    expect(pursuit.stdout).toMatch(/^OPEN {2}/);
    expect(pursuit.stdout).toMatch(/\n(CONTINUE|SLOW DOWN|DROP) {2}/);
    expect(pursuit.stdout).toMatch(/next 10 attempts: \d+% chance of a conversation/);
    const view = JSON.parse(
      (await reach(['pursuit', '1', '--at', '2026-11-23T23:30:00Z', '--json', '--data', data])).stdout,
    ) as {
      recommendation: string;
      effort: { attempts: number };
      standing: { state: string; callable: boolean };
    };
    expect(['continue', 'slow-down', 'drop']).toContain(view.recommendation);
    expect(view.standing).toMatchObject({ state: 'open', callable: true });
    expect((await reach(['pursuit', '1', '--at', 'soon', '--data', data])).code).toBe(2);
    // Moved by hand: a reason in a sentence, or exit 2 naming it.
    const noReason = await reach(['pursuit', '1', '--set', 'not-interested', '--data', data]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('reason');
    const rested = await reach([
      'pursuit',
      '1',
      '--set',
      'not-interested',
      '--reason',
      'said the budget is spent until spring',
      '--at',
      '2026-11-23T23:30:00Z',
      '--data',
      data,
    ]);
    expect(rested.code).toBe(0);
    expect(rested.stdout).toMatch(
      /^NOT-INTERESTED {2}set by hand: said the budget is spent until spring — not proposed/,
    );
    expect(rested.stdout).toContain('- until 2027-02-21T23:30:00.000Z');
    const bad = await reach(['check-message', 'Just touching base. Call me, 312 555 0147.', '--data', data]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('FAIL cliche');
    const good = await reach([
      'check-message',
      'Hi Dana, Sam Ortiz with Tallgrass, 312 555 0147. I saw that Acme opened a cross-dock in Reno, and I have an idea for your lanes. A few minutes this week? Sam, 312 555 0147.',
      '--data',
      data,
    ]);
    expect(good.code).toBe(0);
    const points = await reach(['points', 'add', 'event', 'the spring fair', '--online', '--data', data]);
    expect(points.code).toBe(2);
    expect(points.stderr).toContain('on: an event needs its date');
  });

  it('puts prospects on a cadence in one process and lists the due tasks in the next, in order', async () => {
    const data = await demoBook('cadence');
    const start = await reach([
      'cadence',
      'start',
      'cold-3-weeks',
      '1',
      '2',
      '3',
      'nobody',
      '--at',
      '2026-11-23T13:00:00Z',
      '--data',
      data,
    ]);
    expect(start.code).toBe(3);
    expect(start.stdout).toContain('Started 3 on cold-3-weeks');
    expect(start.stdout).toContain('not started: nobody: no such prospect');
    const tasks = JSON.parse(
      (await reach(['tasks', '--at', '2026-11-24T18:00:00Z', '--json', '--data', data])).stdout,
    ) as { items: { id: number; kind: string; dueAt: string; prospect: { id: number } }[] };
    expect(tasks.items.length).toBeGreaterThanOrEqual(6);
    const email = tasks.items.find((t) => t.kind === 'email')!;
    const draft = await reach([
      'tasks',
      'email',
      String(email.id),
      '--at',
      '2026-11-24T18:00:00Z',
      '--data',
      data,
    ]);
    // Without the company's postal address the draft fails its check: exit 1, and the reason.
    expect(draft.code).toBe(1);
    expect(draft.stdout).toContain('reply "unsubscribe"');
    expect(draft.stdout).toContain('fail unsubscribe: no postal address');
    expect(tasks.items.map((t) => t.dueAt)).toEqual(tasks.items.map((t) => t.dueAt).sort());
    expect(new Set(tasks.items.map((t) => t.prospect.id))).toEqual(new Set([1, 2, 3]));
    const call = tasks.items.find((t) => t.kind === 'call')!;
    expect((await reach(['tasks', 'done', String(call.id), '--skip', '--data', data])).stdout).toMatch(
      /^Task \d+ skipped/,
    );
    expect((await reach(['cadence', 'stop', '2', '--data', data])).stdout).toMatch(
      /^Stopped cold-3-weeks for #2: \d+ open steps cancelled/,
    );
    expect((await reach(['cadence', 'start', 'cold-9-weeks', '1', '--data', data])).code).toBe(1);
    const mine = file(
      'mine.yaml',
      'name: quick-touch\ndescription: A week of calls and one email\nmaxMessages: 1\nsteps:\n  - { day: 0, kind: call, window: early }\n  - { day: 1, kind: email }\n',
    );
    const added = await reach(['cadence', 'add', mine, '--data', data]);
    expect(added.stdout).toBe('Added quick-touch: 2 steps, 1 message at most\n');
    const bad = await reach([
      'cadence',
      'add',
      file('bad.yaml', 'name: bad-one\ndescription: x\nsteps:\n  - { day: 0, kind: fax }\n'),
      '--data',
      data,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('steps.0.kind');
  });

  it('sends the due automatic email steps with `reach worker --once`, once each even from two processes', async () => {
    const smtp = await startLoopbackSmtp();
    const book = process.env['TEST_DATABASE_URL'] ? await freshDb('postgres') : null;
    // On PostgreSQL two worker processes share the book; the embedded one is one process's alone.
    const where = book ? { DATABASE_URL: book.url! } : {};
    const data = ['--data', await newBook('worker')];
    try {
      expect((await reach(['demo', '--at', '2026-11-20T17:00:00Z', ...data], where)).code).toBe(0);
      const config = await reach(
        [
          'config',
          `smtpUrl=smtp://127.0.0.1:${smtp.port}`,
          'emailFrom=Sam Rivera <sam@northwind.example>',
          'postalAddress=Northwind, 200 W Madison St, Chicago, IL 60606',
          ...data,
        ],
        where,
      );
      expect(config.code).toBe(0);
      const ids = ['1', '2', '3', '4', '5', '6'];
      await reach(
        ['cadence', 'start', 'cold-3-weeks', ...ids, '--at', '2026-11-23T13:00:00Z', ...data],
        where,
      );
      expect((await reach(['worker', '--at', '2026-11-24T18:00:00Z', ...data], where)).code).toBe(2);
      const once = ['worker', '--once', '--at', '2026-11-24T18:00:00Z', '--json', ...data];
      const runs = book ? await Promise.all([reach(once, where), reach(once, where)]) : [await reach(once)];
      for (const run of runs) expect(run, run.stderr).toMatchObject({ code: 0 });
      expect(smtp.inbox).toHaveLength(ids.length);
      expect(new Set(smtp.inbox.map((m) => m.to[0])).size).toBe(ids.length);
      // Two workers may both list a step; the mail server's inbox above shows each went out once.
      const steps = runs.flatMap((r) => (JSON.parse(r.stdout) as { steps: { taskId: number }[] }).steps);
      expect(new Set(steps.map((s) => s.taskId)).size).toBe(ids.length);
      const again = await reach(once, where);
      expect(JSON.parse(again.stdout)).toMatchObject({ steps: [] });
      expect(smtp.inbox).toHaveLength(ids.length);
    } finally {
      await smtp.close();
      await book?.drop();
    }
  });

  it('refuses to listen beyond loopback without a token', async () => {
    const run = await reach(['serve', '--host', '0.0.0.0', '--data', await newBook('open')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('REACH_TOKEN');
  });
});

describe('the command line while a server holds the data directory', () => {
  const data = dir('served');
  let server: ChildProcess;
  let url = '';

  beforeAll(async () => {
    server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--data', data], { env });
    url = await new Promise<string>((resolve, reject) => {
      let seen = '';
      server.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const match = /at (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(seen);
        if (match?.[1]) resolve(match[1]);
      });
      server.once('exit', (code) => reject(new Error(`server exited ${code}: ${seen}`)));
    });
  });
  afterAll(async () => {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  });

  it('writes the lock with its pid and port', () => {
    const lock = JSON.parse(readFileSync(join(data, 'reach.lock'), 'utf8')) as {
      pid: number;
      port: number;
      kind: string;
    };
    expect(lock).toMatchObject({ pid: server.pid, kind: 'server', port: Number(new URL(url).port) });
  });

  it('sends CLI commands through the server API instead of opening the directory twice', async () => {
    const added = await reach([
      'prospects',
      'add',
      '--first-name',
      'Ann',
      '--email',
      'ann@acme.com',
      '--json',
      '--data',
      data,
    ]);
    expect(added.code).toBe(0);
    const response = await fetch(`${url}/api/v1/prospects/ann@acme.com`);
    expect(await response.json()).toMatchObject({ name: 'Ann' });
    const conflict = await reach([
      'prospects',
      'add',
      '--first-name',
      'Ann',
      '--email',
      'ann@acme.com',
      '--data',
      data,
    ]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toContain('Already in the book');
    // The server's refusal names the option typed, as the local book's does.
    const bad = await reach(['tasks', '--due-before', 'friday', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^reach: --due-before: "friday" is not a time: write an ISO 8601 instant/);
  });

  it('corrects a call and records a callback with its result through the server', async () => {
    await reach([
      'prospects',
      'add',
      '--first-name',
      'Bo',
      '--email',
      'bo@beta.io',
      '--direct',
      '212-555-0177',
      '--data',
      data,
    ]);
    const logged = JSON.parse(
      (
        await reach([
          'log',
          'bo@beta.io',
          '-o',
          'g',
          '--at',
          '2026-03-03T15:00:00Z',
          '--json',
          '--data',
          data,
        ])
      ).stdout,
    ) as { attempt: { id: number } };
    const corrected = await reach([
      'calls',
      'correct',
      String(logged.attempt.id),
      '-o',
      'r',
      '-r',
      'i',
      '--reason',
      'it was Bo himself',
      '--json',
      '--data',
      data,
    ]);
    expect(corrected, corrected.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(corrected.stdout)).toMatchObject({
      correction: { after: { outcome: 'reached', result: 'interested' } },
    });
    const callback = await reach([
      'callback',
      '--from',
      '212-555-0177',
      '-r',
      'm',
      '--result-at',
      '2026-03-09T16:00:00Z',
      '--at',
      '2026-03-04T15:00:00Z',
      '--json',
      '--data',
      data,
    ]);
    expect(callback, callback.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(callback.stdout)).toMatchObject({
      result: 'meeting',
      resultAt: '2026-03-09T16:00:00.000Z',
    });
  });

  it('streams an import through the server, rejected rows and all', async () => {
    const run = await reach(['import', file('served.csv', messyCsv), '--json', '--data', data]);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ imported: 3, unchanged: 1 });
    const list = await reach([
      'dnc',
      'import',
      file('dnc.txt', 'phone\n212-555-0142\nnope\n'),
      '--json',
      '--data',
      data,
    ]);
    expect(list.code).toBe(3);
    expect(JSON.parse(list.stdout)).toMatchObject({ added: 1, rejected: [{ line: 3 }] });
  });

  it('refuses a second server on the same directory', async () => {
    const run = await reach(['serve', '--port', '0', '--data', data]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`pid ${server.pid}`);
  });
});
