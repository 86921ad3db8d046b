import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messyCsv } from './support/fixtures.ts';
import { cleanUp, dir, file, newBook, reach, work } from './support/reach-cli.ts';

afterAll(cleanUp);

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
});
