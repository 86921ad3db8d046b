import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from './support/databases.ts';
import { messyCsv } from './support/fixtures.ts';
import { bin, cleanUp, demoBook, dir, env, file, newBook, reach } from './support/reach-cli.ts';
import { startLoopbackSmtp } from './support/smtp.ts';

afterAll(cleanUp);

// Each test starts several reach processes on a copy of one demo territory, or a server on a book.
describe('the reach command line on a demo territory', { timeout: 180_000 }, () => {
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
