import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, beforeEach, expect } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { type CallProcessor, callProcessor, type HeardCall } from '../../src/modules/telephony/index.ts';
import { type Driver, freshDb, type TestDb } from './databases.ts';
import { startTwilioDouble, type TwilioDouble } from './twilio-double.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are read loosely here; REACH_CHECK_ANSWERS holds them to their contracts
export type Json = Record<string, any>;

/** A Tuesday mid-morning in New York, in the past: every rule allows a first call then. */
export const AT = '2026-11-10T15:00:00.000Z';
export const REP_PHONE = '+13125550100';
export const CALLER_ID = '+13125550199';

/**
 * A book served over HTTP with telephony configured against the loopback Twilio double, and the
 * call processor folding its webhooks: set up before each test of the describe that calls it.
 */
export function telephonyRig(driver: Driver) {
  const rig = {
    t: undefined as unknown as TestDb,
    twilio: undefined as unknown as TwilioDouble,
    processor: undefined as unknown as CallProcessor,
    server: undefined as unknown as ReturnType<typeof serve>,
    base: '',
    announced: [] as Json[],
    /** Sent with every request: a session cookie and CSRF token, once a test logs in. */
    headers: {} as Record<string, string>,
    api: async (path: string, init: { method?: string; body?: unknown } = {}) => {
      const response = await fetch(`${rig.base}/api/v1${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: { 'content-type': 'application/json', ...rig.headers },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as Json };
    },
    prospect: async (name: string, number: string, extra: Json = {}) => {
      const [firstName, lastName] = name.split(' ');
      const made = await rig.api('/prospects', {
        body: {
          firstName,
          lastName,
          company: `${lastName} Co`,
          phones: [{ number, kind: 'direct' }],
          ...extra,
        },
      });
      expect(made.status).toBe(201);
      return made.body['id'] as number;
    },
    /** Logs in (or, with `/auth/setup`, makes the first admin): the session's cookie and CSRF token, as headers. */
    login: async (body: Json, path = '/auth/login') => {
      const response = await fetch(`${rig.base}/api/v1${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(response.status).toBeLessThan(300);
      const who = (await response.json()) as Json;
      return {
        cookie: response.headers.get('set-cookie')!.split(';')[0]!,
        'x-reach-csrf': who['csrf'] as string,
      };
    },
    settle: async () => {
      await rig.twilio.settled();
      await rig.processor.drain();
    },
    events: async () =>
      Number(
        ((await rig.t.executeSql('select count(*)::int as n from telephony_events')).rows[0] as Json)['n'],
      ),
  };

  beforeEach(async () => {
    const t = await freshDb(driver);
    rig.t = t;
    rig.headers = {};
    // Calls are placed at the server's now: a Tuesday mid-morning in New York.
    t.ctx.clock = () => new Date(AT);
    rig.twilio = await startTwilioDouble();
    rig.announced.length = 0;
    const hear = (heard: HeardCall, team: number) =>
      rig.announced.push({ ...heard.call, owner: heard.owner, user: heard.user, team });
    rig.processor = callProcessor({
      ctx: () => t.ctx,
      publish: hear,
      log: () => undefined,
      sweepSeconds: 3600,
    });
    const app = createApp({
      ctx: t.ctx,
      databaseKind: t.kind,
      calls: {
        received: rig.processor.wake,
        announce: hear,
      },
    });
    rig.server = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    rig.base = `http://127.0.0.1:${(rig.server.address() as AddressInfo).port}`;
    const config = await rig.api('/config', {
      method: 'PATCH',
      body: {
        territoryZones: ['America/New_York'],
        telephony: 'twilio',
        twilioAccountSid: rig.twilio.accountSid,
        twilioAuthToken: rig.twilio.authToken,
        twilioApiUrl: rig.twilio.url,
        publicUrl: rig.base,
        repPhone: REP_PHONE,
        callerId: CALLER_ID,
      },
    });
    expect(config.status).toBe(200);
  });
  afterEach(async () => {
    await rig.processor.stop();
    await rig.twilio.close();
    await new Promise((resolve) => rig.server.close(resolve));
    await rig.t.drop();
  });
  return rig;
}
