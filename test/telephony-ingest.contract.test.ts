import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../src/http/app.ts';
import { KEEP_ALIVE_MS } from '../src/http/server.ts';
import { type CallProcessor, callProcessor } from '../src/modules/telephony/index.ts';
import { drivers, freshDb, type TestDb } from './support/databases.ts';
import { twilioSignature } from './support/twilio-double.ts';

const ACCOUNT = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'ingest-auth-token-0123456789';
const CALLS = 1_000;
const COPIES = 5;

type Delivery = { path: string; params: Record<string, string>; signature: string | null; genuine: boolean };

/**
 * Posts form-encoded webhooks over a few kept-alive connections, as a provider's fleet would, and,
 * as the provider does, sends again one whose connection failed before it was answered.
 */
async function deliverAll(base: string, deliveries: Delivery[], parallel = 16): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: parallel });
  const statuses = new Array<number>(deliveries.length);
  let next = 0;
  const one = (d: Delivery): Promise<number> =>
    new Promise((resolve, reject) => {
      const body = new URLSearchParams(d.params).toString();
      const headers: Record<string, string | number> = {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': Buffer.byteLength(body),
      };
      if (d.signature !== null) headers['x-twilio-signature'] = d.signature;
      const req = request(`${base}${d.path}`, { method: 'POST', headers, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  const retried = async (d: Delivery): Promise<number> => {
    for (let tries = 1; ; tries++)
      try {
        return await one(d);
      } catch (error) {
        if (tries === 3) throw error;
      }
  };
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let i = next++; i < deliveries.length; i = next++) statuses[i] = await retried(deliveries[i]!);
    }),
  );
  agent.destroy();
  return statuses;
}

/** A seeded shuffle: the same order on every run. */
function shuffle<T>(items: T[], seed = 7): T[] {
  let s = seed;
  const random = () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

describe.each(drivers)('Twilio status callbacks in bulk on %s (T1)', (driver) => {
  let t: TestDb;
  let processor: CallProcessor;
  let server: ReturnType<typeof serve>;
  let base: string;

  beforeEach(async () => {
    t = await freshDb(driver);
    // The processor's clock stands still while the callbacks arrive: however long the run, a call's
    // detection is waited for, as it is when Twilio sends it seconds after the answer.
    const start = new Date();
    t.ctx.clock = () => start;
    processor = callProcessor({
      ctx: () => t.ctx,
      publish: () => undefined,
      log: () => undefined,
      sweepSeconds: 3600,
    });
    const app = createApp({
      ctx: t.ctx,
      databaseKind: t.kind,
      calls: { received: processor.wake, announce: () => undefined },
    });
    server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    if ('keepAliveTimeout' in server) server.keepAliveTimeout = KEEP_ALIVE_MS;
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t.ctx.team = {
      ...t.ctx.team,
      telephony: 'twilio',
      twilioAccountSid: ACCOUNT,
      twilioAuthToken: TOKEN,
      publicUrl: base,
      repPhone: '+13125550100',
      callerId: '+13125550199',
    };
  });
  afterEach(async () => {
    await processor.stop();
    await new Promise((resolve) => server.close(resolve));
    await t.drop();
  });

  it(`${CALLS * 4 * COPIES} signed status callbacks, repeated and shuffled: none lost, none doubled, each call logged once; 1,000 forged: 403, nothing written`, async () => {
    const teamId = t.ctx.team.id;
    // The book: a prospect and a number per call, and the calls as placed.
    await t.executeSql(`
      insert into prospects (team_id, first_name, last_name, timezone)
        select ${teamId}, 'P', 'N' || g, 'America/New_York' from generate_series(1, ${CALLS}) g;
      insert into phone_numbers (team_id, prospect_id, e164, kind)
        select team_id, id, '+1212555' || lpad(id::text, 4, '0'), 'direct' from prospects;
      insert into telephony_calls (team_id, provider, direction, prospect_id, phone_id, e164, rep_sid, state, at)
        select ${teamId}, 'twilio', 'outbound', p.prospect_id, p.id, p.e164, 'CArep' || p.id, 'calling-rep',
          '2026-11-10T15:00:00Z'::timestamptz + (p.id || ' seconds')::interval
        from phone_numbers p;`);
    const calls = (await t.executeSql('select id, e164 from telephony_calls order by id')).rows as {
      id: number;
      e164: string;
    }[];
    expect(calls).toHaveLength(CALLS);
    const expected = new Map<number, { duration: number; outcome: string }>();
    const genuine: Delivery[] = [];
    for (const call of calls) {
      const sid = `CA${String(call.id).padStart(32, '0')}`;
      const human = call.id % 3 !== 0;
      const duration = 5 + (call.id % 115);
      expected.set(call.id, { duration, outcome: human ? 'reached' : 'voicemail' });
      const statusPath = `/api/v1/telephony/twilio/status?call=${call.id}&leg=prospect`;
      const at = (s: number) =>
        new Date(Date.UTC(2026, 10, 10, 15, 0, s)).toUTCString().replace('GMT', '+0000');
      const statuses: [string, number, Record<string, string>][] = [
        ['initiated', 0, {}],
        ['ringing', 1, {}],
        ['in-progress', 9, {}],
        ['completed', 9 + duration, { CallDuration: String(duration) }],
      ];
      statuses.forEach(([status, s, extra], seq) => {
        const params = {
          AccountSid: ACCOUNT,
          CallSid: sid,
          ParentCallSid: `CArep${call.id}`,
          CallStatus: status,
          Direction: 'outbound-dial',
          To: call.e164,
          Timestamp: at(s),
          SequenceNumber: String(seq),
          ...extra,
        };
        for (let copy = 0; copy < COPIES; copy++)
          genuine.push({
            path: statusPath,
            params,
            signature: twilioSignature(TOKEN, `${base}${statusPath}`, params),
            genuine: true,
          });
      });
      const amdPath = `/api/v1/telephony/twilio/amd?call=${call.id}&leg=prospect`;
      const amd = {
        AccountSid: ACCOUNT,
        CallSid: sid,
        AnsweredBy: human ? 'human' : 'machine_end_beep',
        MachineDetectionDuration: '2400',
      };
      genuine.push({
        path: amdPath,
        params: amd,
        signature: twilioSignature(TOKEN, `${base}${amdPath}`, amd),
        genuine: true,
      });
    }
    // Forged: unsigned, signed with another key, signed for another call, or altered after signing.
    const forged: Delivery[] = Array.from({ length: 1_000 }, (_, i) => {
      const call = calls[i % calls.length]!;
      const path = `/api/v1/telephony/twilio/status?call=${call.id}&leg=prospect`;
      const params = {
        AccountSid: ACCOUNT,
        CallSid: `CAforged${i}`,
        CallStatus: 'completed',
        CallDuration: '999',
      };
      const kind = i % 4;
      const signature =
        kind === 0
          ? null
          : kind === 1
            ? twilioSignature('not-the-auth-token-000000', `${base}${path}`, params)
            : kind === 2
              ? twilioSignature(
                  TOKEN,
                  `${base}/api/v1/telephony/twilio/status?call=${calls[(i + 1) % calls.length]!.id}&leg=prospect`,
                  params,
                )
              : twilioSignature(TOKEN, `${base}${path}`, { ...params, CallDuration: '1' });
      return { path, params, signature, genuine: false };
    });
    const all = shuffle([...genuine, ...forged]);
    const statuses = await deliverAll(base, all);
    await processor.drain();

    const wrong = all.flatMap((d, i) =>
      statuses[i] !== (d.genuine ? 204 : 403) ? [`${d.path} ${statuses[i]}`] : [],
    );
    expect(wrong.slice(0, 5)).toEqual([]);
    const kept = (
      await t.executeSql(
        `select count(*)::int as n, count(distinct key)::int as distinct_keys,
         count(*) filter (where processed_at is null)::int as waiting,
         count(*) filter (where params->>'CallSid' like 'CAforged%')::int as forged
       from telephony_events`,
      )
    ).rows[0] as Record<string, number>;
    // Every distinct callback kept once: 4 statuses and the detection per call.
    expect(kept).toEqual({ n: CALLS * 5, distinct_keys: CALLS * 5, waiting: 0, forged: 0 });
    const logged = (
      await t.executeSql(
        `select c.id, c.attempt_id, a.outcome, a.duration_seconds, c.logged_by
       from telephony_calls c left join call_attempts a on a.id = c.attempt_id order by c.id`,
      )
    ).rows as {
      id: number;
      attempt_id: number | null;
      outcome: string;
      duration_seconds: number;
      logged_by: string;
    }[];
    const off = logged.filter((row) => {
      const want = expected.get(row.id)!;
      return (
        row.attempt_id === null ||
        row.outcome !== want.outcome ||
        row.duration_seconds !== want.duration ||
        row.logged_by !== 'call'
      );
    });
    expect(off.slice(0, 5)).toEqual([]);
    const attempts = (await t.executeSql('select count(*)::int as n from call_attempts')).rows[0] as {
      n: number;
    };
    expect(attempts.n).toBe(CALLS);
  }, 600_000);
});
