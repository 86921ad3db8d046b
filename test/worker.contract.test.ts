import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { performNamed } from '../src/app/operations.ts';
import { createDb } from '../src/db/create-db.ts';
import { rowsOf } from '../src/db/rows.ts';
import { tasks } from '../src/db/schema.ts';
import { startCadence } from '../src/modules/cadences/enrollments.service.ts';
import { addDnc } from '../src/modules/dnc/dnc.service.ts';
import { deliverEmailStep, recordEmailAnswer, sendEmail } from '../src/modules/email/email.service.ts';
import { recoverStalled, startWorker, type Worker } from '../src/modules/jobs/worker.ts';
import { addProspect, editProspect } from '../src/modules/prospects/prospects.service.ts';
import { type Ctx, loadTeam } from '../src/modules/team/team.service.ts';
import { updateTeamConfig } from './support/checked.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';
import { type LoopbackSmtp, startLoopbackSmtp } from './support/smtp.ts';

let smtp: LoopbackSmtp;
beforeAll(async () => {
  smtp = await startLoopbackSmtp();
});
afterAll(() => smtp.close());

// Monday 2026-03-02; cold-3-weeks's first email is due Tuesday 09:00 in Chicago (15:00Z).
const START = '2026-03-02T11:00:00Z';
const TUESDAY = new Date('2026-03-03T16:00:00Z');
const MONDAY_NOON = new Date('2026-03-02T18:00:00Z');

/** The team writes as Sam through the loopback server (or `smtpUrl`), with a postal address. */
async function configure(ctx: Ctx, smtpUrl: string): Promise<Ctx> {
  await updateTeamConfig(ctx, {
    repName: 'Sam Rivera',
    repPhone: '312-555-0147',
    sellerName: 'Northwind',
    smtpUrl,
    emailFrom: 'Sam Rivera <sam@northwind.example>',
    postalAddress: 'Northwind, 200 W Madison St, Chicago, IL 60606',
  });
  return { db: ctx.db, team: await loadTeam(ctx.db) };
}

/** `n` prospects in Chicago with an address and research to write from, on cold-3-weeks. */
async function enrol(ctx: Ctx, n: number, options: { email?: (i: number) => string | undefined } = {}) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const email = options.email ? options.email(i) : `buyer${i}@carrier${i}.example`;
    const p = await addProspect(ctx, {
      firstName: `Buyer${i}`,
      ...(email ? { email } : {}),
      company: `Carrier ${i}`,
      timezone: 'America/Chicago',
      phones: [{ number: `312-555-${String(1000 + i)}`, kind: 'direct' }],
    });
    await editProspect(ctx, {
      key: p.id,
      body: {
        research: {
          priorityObjective: 'cutting empty miles',
          benefits: ['fewer empty miles', 'dispatchers off the phone'],
        },
      },
    });
    ids.push(p.id);
  }
  const started = await startCadence(ctx, { cadence: 'cold-3-weeks', prospects: ids, at: START });
  expect(started.started).toHaveLength(n);
  return ids;
}

const emailSteps = async (ctx: Ctx) =>
  rowsOf<{ id: number; prospect_id: number; status: string; step: number; payload: Record<string, unknown> }>(
    await ctx.db.execute(
      sql`select id, prospect_id, status, step, payload from tasks where kind = 'email' order by id`,
    ),
  );

// Fifty prospects sent to a real SMTP server: seconds, more on a slow machine.
describe.each(drivers)('the cadence worker on %s', { timeout: 120_000 }, (driver) => {
  let t: TestDb;
  let ctx: Ctx;
  const workers: Worker[] = [];
  const worker = async (db = t) => {
    const w = await startWorker({ database: db, schedule: false, pollSeconds: 0.5 });
    workers.push(w);
    return w;
  };
  beforeEach(async () => {
    smtp.inbox.length = 0;
    t = await freshDb(driver);
    ctx = await configure(t.ctx, `smtp://127.0.0.1:${smtp.port}`);
  });
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    await t.drop();
  });

  it('sends the due automatic email step of each of 50 prospects once, and nothing before it is due', async () => {
    const ids = await enrol(ctx, 50);
    const w = await worker();
    expect(await w.sweep(MONDAY_NOON)).toEqual([]);
    const due = await w.sweep(TUESDAY);
    expect(due).toHaveLength(50);
    await w.drain();
    expect(smtp.inbox).toHaveLength(50);
    expect(new Set(smtp.inbox.map((m) => m.to[0])).size).toBe(50);
    expect(smtp.inbox[0]!.raw).toMatch(
      /List-Unsubscribe: <mailto:sam@northwind\.example\?subject=unsubscribe>/,
    );
    const steps = await emailSteps(ctx);
    const sent = steps.filter((s) => s.status === 'done');
    expect(sent.map((s) => s.prospect_id).sort((a, b) => a - b)).toEqual(ids);
    expect(sent.every((s) => s.step === 1 && s.payload['sentBy'] === 'cadence')).toBe(true);
    // The later email steps wait for their days.
    expect(steps.filter((s) => s.status === 'open')).toHaveLength(100);
    // A second sweep finds nothing more to send.
    expect(await w.sweep(TUESDAY)).toEqual([]);
    await w.drain();
    expect(smtp.inbox).toHaveLength(50);
  });

  it('sends each step once when two workers sweep the same book at the same moment', async () => {
    await enrol(ctx, 20);
    // On PostgreSQL the second worker has its own connections, as another process would.
    const other =
      driver === 'postgres' ? { ...(await createDb({ kind: 'postgres', url: t.url!, max: 4 })) } : t;
    try {
      const [a, b] = [await worker(), await worker(other as TestDb)];
      const [fromA, fromB] = await Promise.all([a.sweep(TUESDAY), b.sweep(TUESDAY)]);
      // A step the other worker has already claimed is no longer due: each sweep lists at most the 20, together all of them.
      expect(fromA.length).toBeLessThanOrEqual(20);
      expect(fromB.length).toBeLessThanOrEqual(20);
      expect(new Set([...fromA, ...fromB]).size).toBe(20);
      await Promise.all([a.drain(), b.drain()]);
      expect(smtp.inbox).toHaveLength(20);
      expect(new Set(smtp.inbox.map((m) => m.to[0])).size).toBe(20);
    } finally {
      for (const w of workers.splice(0)) await w.stop();
      if (other !== t) await other.close();
    }
  });

  it('lets one sender win when a rep presses send as the worker sends the same step', async () => {
    const [ann] = await enrol(ctx, 1);
    const id = (await emailSteps(ctx)).find((s) => s.prospect_id === ann && s.step === 1)!.id;
    const results = await Promise.allSettled([
      deliverEmailStep(ctx, { id, at: TUESDAY, auto: true }),
      sendEmail(ctx, { id, body: { at: TUESDAY.toISOString() } }),
      deliverEmailStep(ctx, { id, at: TUESDAY, auto: true }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected'))
      expect(String((r as PromiseRejectedResult).reason)).toMatch(
        /already (sending|done)|not an automatic email step/,
      );
    expect(smtp.inbox).toHaveLength(1);
  });

  it('never sends to a prospect on the Do-Not-Call list, one who replied, or one a rep is sending to by hand', async () => {
    const [dnc, replied, byHand, plain] = await enrol(ctx, 4);
    await addDnc(ctx, {
      prospect: dnc!,
      reason: 'asked to stop',
      source: 'call',
      at: '2026-03-02T20:00:00Z',
    });
    const w = await worker();
    // A rep sends one prospect's first email by hand and the prospect replies: the cadence pauses.
    const steps = await emailSteps(ctx);
    const first = (id: number) => steps.find((s) => s.prospect_id === id && s.step === 1)!.id;
    await sendEmail(ctx, { id: first(replied!), body: { at: '2026-03-03T14:00:00Z' } });
    await recordEmailAnswer(ctx, {
      id: first(replied!),
      body: { answer: 'reply', at: '2026-03-03T15:30:00Z' },
    });
    await sendEmail(ctx, { id: first(byHand!), body: { at: '2026-03-03T15:45:00Z' } });
    expect(smtp.inbox).toHaveLength(2);
    expect(await w.sweep(TUESDAY)).toEqual([first(plain!)]);
    await w.drain();
    expect(smtp.inbox.map((m) => m.to[0])).toEqual([
      `buyer1@carrier1.example`,
      `buyer2@carrier2.example`,
      `buyer3@carrier3.example`,
    ]);
    // Nothing is ever due again for the prospect on the list, whatever the day.
    expect(await w.sweep(new Date('2026-04-30T16:00:00Z'))).not.toContain(first(dnc!));
    const later = await emailSteps(ctx);
    expect(later.filter((s) => s.prospect_id === dnc).every((s) => s.status === 'cancelled')).toBe(true);
  });

  it('leaves a step it cannot send to the rep, with the reason, and retries a server that turned it away', async () => {
    const [noAddress, refused] = await enrol(ctx, 2, {
      email: (i) => (i === 0 ? undefined : 'x@carrier.example'),
    });
    const w = await worker();
    // The SMTP server is not there: a port nothing listens on.
    ctx = await configure(t.ctx, 'smtp://127.0.0.1:9');
    expect(await w.sweep(TUESDAY)).toHaveLength(2);
    await w.drain();
    const steps = await emailSteps(ctx);
    const of = (id: number) => steps.find((s) => s.prospect_id === id && s.step === 1)!;
    expect(of(noAddress!)).toMatchObject({
      status: 'open',
      payload: { autoError: expect.stringMatching(/no email address/) },
    });
    expect(of(refused!)).toMatchObject({ status: 'open', payload: { autoFailures: 1 } });
    const hours = (h: number) => new Date(TUESDAY.getTime() + h * 3_600_000);
    expect(of(refused!).payload['autoRetryAt']).toBe(new Date(TUESDAY.getTime() + 5 * 60_000).toISOString());
    // The rep sees why on the task list.
    const listed = await performNamed(ctx, 'listTasks', { query: { at: TUESDAY.toISOString() } });
    expect(listed.items.find((i) => i.id === of(noAddress!).id)).toMatchObject({
      auto: true,
      problem: expect.stringMatching(/no email address/),
    });
    // Not before its time; after three refusals it waits for the rep.
    expect(await w.sweep(TUESDAY)).toEqual([]);
    for (const h of [1, 2]) {
      expect(await w.sweep(hours(h))).toEqual([of(refused!).id]);
      await w.drain();
    }
    const [last] = await ctx.db
      .select()
      .from(tasks)
      .where(eq(tasks.id, of(refused!).id));
    expect(last!.payload['autoError']).toMatch(/SMTP server refused/);
    expect(await w.sweep(hours(24))).toEqual([]);
    expect(smtp.inbox).toHaveLength(0);
  });

  it('opens again, for the rep, a step whose sender stopped midway, and does not send it by itself', async () => {
    const [ann] = await enrol(ctx, 1);
    const steps = await emailSteps(ctx);
    const id = steps.find((s) => s.prospect_id === ann && s.step === 1)!.id;
    await ctx.db.execute(sql`
      update tasks set status = 'sending', payload = payload || '{"claimedAt":"2026-03-03T15:01:00Z"}'::jsonb where id = ${id}`);
    expect(await recoverStalled(ctx, new Date('2026-03-03T15:10:00Z'))).toBe(0);
    expect(await recoverStalled(ctx, new Date('2026-03-03T15:20:00Z'))).toBe(1);
    const [row] = await ctx.db.select().from(tasks).where(eq(tasks.id, id));
    expect(row).toMatchObject({
      status: 'open',
      payload: { autoError: expect.stringMatching(/stopped midway/) },
    });
    const w = await worker();
    expect(await w.sweep(TUESDAY)).toEqual([]);
  });

  it('a sweep for a later instant (--at) took a send being made now for a stalled one: claims age by the real clock', async () => {
    const [ann] = await enrol(ctx, 1);
    const id = (await emailSteps(ctx)).find((s) => s.prospect_id === ann && s.step === 1)!.id;
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString();
    await ctx.db.execute(sql`
      update tasks set status = 'sending', payload = payload || ${JSON.stringify({ claimedAt: aMinuteAgo })}::jsonb where id = ${id}`);
    const w = await worker();
    await w.sweep(new Date(Date.now() + 30 * 86_400_000));
    const [row] = await ctx.db.select().from(tasks).where(eq(tasks.id, id));
    expect(row).toMatchObject({ status: 'sending' });
    expect(row!.payload['autoError']).toBeUndefined();
  });
});

describe('the cadence worker across a restart of the embedded database', { timeout: 120_000 }, () => {
  it('finds the due steps of a book written before the restart', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'reach-worker-'));
    smtp.inbox.length = 0;
    try {
      const before = await createDb({ kind: 'pglite', dataDir: dir });
      const ctx = await configure(
        { db: before.db, team: await loadTeam(before.db) },
        `smtp://127.0.0.1:${smtp.port}`,
      );
      await enrol(ctx, 3);
      await before.close();
      const after = await createDb({ kind: 'pglite', dataDir: dir });
      const w = await startWorker({ database: after, schedule: false, pollSeconds: 0.5 });
      try {
        expect(await w.sweep(TUESDAY)).toHaveLength(3);
        await w.drain();
        expect(smtp.inbox).toHaveLength(3);
      } finally {
        await w.stop();
        await after.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
