import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import { createDb, type DbOptions } from '../src/db/create-db.ts';
import { createApp } from '../src/http/app.ts';
import { KEEP_ALIVE_MS } from '../src/http/server.ts';
import { loadTeam } from '../src/modules/team/team.service.ts';
import { callProcessor } from '../src/modules/telephony/index.ts';
import { twilioSignature } from '../test/support/twilio-double.ts';

const ACCOUNT = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'bench-auth-token-0123456789';

export type WebhookResult = {
  engine: string;
  calls: number;
  requests: number;
  seconds: number;
  rate: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  firstErrors: string[];
  /** From the first request to every call folded and logged. */
  loggedSeconds: number;
  logged: number;
  /** The same requests against a bare Node HTTP server that answers 204 and keeps nothing. */
  bareRate: number;
  bareP99Ms: number;
};

type Delivery = { path: string; body: string; signature: string };

/**
 * The sender, on its own thread (the other core), so the server's thread does only the server's
 * work: each request posted over kept-alive connections, its latency taken from send to answer.
 */
const SENDER = `
const { parentPort, workerData } = require('node:worker_threads');
const { Agent, request } = require('node:http');
const { base, deliveries, parallel } = workerData;
const agent = new Agent({ keepAlive: true, maxSockets: parallel });
const latencies = new Array(deliveries.length);
let errors = 0, next = 0; const firstErrors = [];
const one = (d) => new Promise((resolve) => {
  const started = performance.now();
  const req = request(base + d.path, { method: 'POST', agent, headers: {
    'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(d.body),
    'x-twilio-signature': d.signature } }, (res) => {
    res.resume();
    res.on('end', () => { if (res.statusCode !== 204) { errors++; if (firstErrors.length < 3) firstErrors.push('HTTP ' + res.statusCode); } resolve(performance.now() - started); });
  });
  req.on('error', (e) => { errors++; if (firstErrors.length < 3) firstErrors.push(e.message); resolve(performance.now() - started); });
  req.end(d.body);
});
(async () => {
  const started = performance.now();
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let i = next++; i < deliveries.length; i = next++) latencies[i] = await one(deliveries[i]);
  }));
  parentPort.postMessage({ seconds: (performance.now() - started) / 1000, latencies, errors, firstErrors });
  agent.destroy();
})();
`;

function send(base: string, deliveries: Delivery[], parallel: number) {
  return new Promise<{ seconds: number; latencies: number[]; errors: number; firstErrors: string[] }>(
    (resolve, reject) => {
      const worker = new Worker(SENDER, { eval: true, workerData: { base, deliveries, parallel } });
      worker.once('message', resolve);
      worker.once('error', reject);
    },
  );
}

const quantile = (xs: number[], q: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

/** Every call's progress (initiated, ringing, in-progress, completed) and its detection, signed, repeated, shuffled. */
function deliveriesFor(base: string, calls: { id: number; e164: string }[], copies: number): Delivery[] {
  const out: Delivery[] = [];
  const sign = (path: string, params: Record<string, string>): Delivery => ({
    path,
    body: new URLSearchParams(params).toString(),
    signature: twilioSignature(TOKEN, `${base}${path}`, params),
  });
  for (const call of calls) {
    const sid = `CA${String(call.id).padStart(32, '0')}`;
    const path = `/api/v1/telephony/twilio/status?call=${call.id}&leg=prospect`;
    const at = (s: number) =>
      new Date(Date.UTC(2026, 10, 10, 15, 0, s)).toUTCString().replace('GMT', '+0000');
    const duration = 5 + (call.id % 115);
    const steps: [string, number, Record<string, string>][] = [
      ['initiated', 0, {}],
      ['ringing', 1, {}],
      ['in-progress', 9, {}],
      ['completed', 9 + duration, { CallDuration: String(duration) }],
    ];
    steps.forEach(([status, s, extra], seq) => {
      const d = sign(path, {
        AccountSid: ACCOUNT,
        CallSid: sid,
        CallStatus: status,
        To: call.e164,
        Timestamp: at(s),
        SequenceNumber: String(seq),
        ...extra,
      });
      for (let c = 0; c < copies; c++) out.push(d);
    });
    out.push(
      sign(`/api/v1/telephony/twilio/amd?call=${call.id}&leg=prospect`, {
        AccountSid: ACCOUNT,
        CallSid: sid,
        AnsweredBy: call.id % 3 === 0 ? 'machine_end_beep' : 'human',
        MachineDetectionDuration: '2400',
      }),
    );
  }
  let s = 11;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = Math.floor((s / 2 ** 31) * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * Signed webhook ingest: `calls` calls' status callbacks (each sent `copies` times) and their
 * machine detection, shuffled, posted by a sender on the other core to `reach`'s webhook routes
 * with the call processor folding and logging as they arrive; then the same requests against a
 * bare Node server that keeps nothing, in the same run.
 */
export async function webhookRun(input: {
  engine: 'pglite' | 'postgres';
  url?: string;
  work: string;
  calls: number;
  copies: number;
  parallel: number;
}): Promise<WebhookResult> {
  const options: DbOptions =
    input.engine === 'pglite'
      ? { kind: 'pglite', dataDir: join(input.work, 'webhooks-pglite') }
      : { kind: 'postgres', url: input.url! };
  const database = await createDb(options);
  const team = await loadTeam(database.db);
  const ctx = { db: database.db, team };
  await database.executeSql(`
    insert into prospects (team_id, first_name, last_name, timezone)
      select ${team.id}, 'P', 'N' || g, 'America/New_York' from generate_series(1, ${input.calls}) g;
    insert into phone_numbers (team_id, prospect_id, e164, kind)
      select team_id, id, '+1212' || (2000000 + id)::text, 'direct' from prospects;
    insert into telephony_calls (team_id, provider, direction, prospect_id, phone_id, e164, rep_sid, state, at)
      select ${team.id}, 'twilio', 'outbound', p.prospect_id, p.id, p.e164, 'CArep' || p.id, 'calling-rep',
        '2026-11-10T15:00:00Z'::timestamptz from phone_numbers p;`);
  const calls = (await database.executeSql('select id, e164 from telephony_calls order by id')).rows as {
    id: number;
    e164: string;
  }[];
  const processor = callProcessor({
    ctx: () => ctx,
    publish: () => undefined,
    log: (line) => console.error(line),
  });
  const app = createApp({
    ctx,
    databaseKind: database.kind,
    calls: { received: processor.wake, announce: () => undefined },
  });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  if ('keepAliveTimeout' in server) server.keepAliveTimeout = KEEP_ALIVE_MS;
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  ctx.team = {
    ...team,
    telephony: 'twilio',
    twilioAccountSid: ACCOUNT,
    twilioAuthToken: TOKEN,
    publicUrl: base,
  };
  const deliveries = deliveriesFor(base, calls, input.copies);
  const started = performance.now();
  const sent = await send(base, deliveries, input.parallel);
  await processor.drain();
  const loggedSeconds = (performance.now() - started) / 1000;
  const logged = Number(
    ((await database.executeSql('select count(*)::int as n from call_attempts')).rows[0] as { n: number }).n,
  );
  await processor.stop();
  await new Promise((resolve) => server.close(resolve));
  await database.close();

  // The peer: Node's own HTTP server answering each request with 204, on this thread.
  const bare = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareSent = await send(
    `http://127.0.0.1:${(bare.address() as AddressInfo).port}`,
    deliveries,
    input.parallel,
  );
  await new Promise((resolve) => bare.close(resolve));

  return {
    engine: input.engine,
    calls: calls.length,
    requests: deliveries.length,
    seconds: sent.seconds,
    rate: deliveries.length / sent.seconds,
    p50Ms: quantile(sent.latencies, 0.5),
    p99Ms: quantile(sent.latencies, 0.99),
    maxMs: quantile(sent.latencies, 1),
    errors: sent.errors,
    firstErrors: sent.firstErrors,
    loggedSeconds,
    logged,
    bareRate: deliveries.length / bareSent.seconds,
    bareP99Ms: quantile(bareSent.latencies, 0.99),
  };
}
