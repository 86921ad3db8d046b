import AccessToken from 'twilio/lib/jwt/AccessToken.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupLines } from '../src/modules/backup/index.ts';
import { drivers } from './support/databases.ts';
import { AT, CALLER_ID, type Json, REP_PHONE, telephonyRig } from './support/telephony-rig.ts';
import { readAccessToken } from './support/twilio-double.ts';

const KEY_SID = `SK${'fedcba9876543210'.repeat(2)}`;
const KEY_SECRET = 'api-key-secret-0123456789abcdef';

describe.each(drivers)('A rep whose calls ring in the browser (Twilio Voice SDK) on %s', (driver) => {
  const rig = telephonyRig(driver);
  const { api, prospect, settle } = rig;
  afterEach(() => vi.useRealTimers());

  /** An admin, and reps Sam (calls ring the desk) and Kit (their own phone); returns each one's id and session. */
  async function team(extra: { kitReachBy?: 'phone' | 'browser' } = {}) {
    const admin = await rig.login(
      { email: 'ana@northwind.example', name: 'Ana', password: 'ana passphrase 1' },
      '/auth/setup',
    );
    rig.headers = admin;
    expect(
      (
        await api('/config', {
          method: 'PATCH',
          body: { twilioApiKeySid: KEY_SID, twilioApiKeySecret: KEY_SECRET },
        })
      ).status,
    ).toBe(200);
    const people: Record<string, { id: number; session: Record<string, string> }> = {};
    for (const [name, reachBy] of [
      ['Sam', 'browser'],
      ['Kit', extra.kitReachBy ?? 'phone'],
    ] as const) {
      const email = `${name.toLowerCase()}@northwind.example`;
      rig.headers = admin;
      const added = await api('/users', {
        body: { email, name, role: 'rep', password: `${name} passphrase 1` },
      });
      expect(added.status).toBe(201);
      const session = await rig.login({ email, password: `${name} passphrase 1` });
      rig.headers = session;
      // Each rep says for themselves how calls reach them.
      const own = await api(`/users/${email}`, {
        method: 'PATCH',
        body: { reachBy, phone: name === 'Kit' ? '+13125550121' : null },
      });
      expect(own.status).toBe(200);
      expect(own.body['reachBy']).toBe(reachBy);
      people[name] = { id: added.body['user']['id'] as number, session };
    }
    rig.headers = admin;
    const teamId = ((await api('/auth/session')).body['team'] as Json)['id'] as number;
    return { admin, teamId, sam: people['Sam']!, kit: people['Kit']! };
  }

  it("a browser phone's token is the one Twilio's own library signs: incoming calls for the rep's identity, an hour, the secret never read back", async () => {
    const { teamId, sam, kit } = await team();
    rig.headers = sam.session;
    const got = await api('/telephony/phone-token', { method: 'POST' });
    expect(got.status).toBe(200);
    const identity = `reach-${teamId}-${sam.id}`;
    expect(got.body).toMatchObject({ identity, expiresAt: '2026-11-10T16:00:00.000Z' });
    // The twilio package's AccessToken, made at the server's now, is the same token byte for byte.
    vi.setSystemTime(new Date(AT));
    const theirs = new AccessToken(rig.twilio.accountSid, KEY_SID, KEY_SECRET, { identity, ttl: 3600 });
    theirs.addGrant(new AccessToken.VoiceGrant({ incomingAllow: true }));
    expect(got.body['token']).toBe(theirs.toJwt());
    vi.useRealTimers();
    // As Twilio reads it: signed by the account's key, for the account, for this identity, while it lasts.
    const keys = new Map([[KEY_SID, KEY_SECRET]]);
    const read = (now: string, apiKeys = keys) =>
      readAccessToken(got.body['token'] as string, {
        accountSid: rig.twilio.accountSid,
        apiKeys,
        now: Date.parse(now),
      });
    expect(read('2026-11-10T15:59:59Z')).toEqual({ identity, incoming: true });
    expect(read('2026-11-10T16:00:00Z')).toBeNull();
    expect(read('2026-11-10T15:10:00Z', new Map([[KEY_SID, 'another-secret-0123456789']]))).toBeNull();

    // A rep whose calls ring their own phone is told how to take them in the desk.
    rig.headers = kit.session;
    const phone = await api('/telephony/phone-token', { method: 'POST' });
    expect(phone.status).toBe(409);
    expect(phone.body['detail']).toContain('--reach-by browser');

    // The secret is written, never read back nor backed up.
    const config = (await api('/config')).body;
    expect(config).toMatchObject({ twilioApiKeySid: KEY_SID, twilioApiKeySecret: 'set' });
    expect(JSON.stringify(config)).not.toContain(KEY_SECRET);
    let backup = '';
    for await (const chunk of backupLines(rig.t.db, new Date())) backup += chunk;
    expect(backup).toContain(KEY_SID);
    expect(backup).not.toContain(KEY_SECRET);
  });

  it('a team without an API key is told what to set; an API token, no signed-in rep, gets no browser phone', async () => {
    const open = await api('/telephony/phone-token', { method: 'POST' });
    expect(open.status).toBe(403);
    const { sam } = await team();
    await api('/config', { method: 'PATCH', body: { twilioApiKeySecret: null } });
    rig.headers = sam.session;
    const refused = await api('/telephony/phone-token', { method: 'POST' });
    expect(refused.status).toBe(409);
    expect(refused.body['detail']).toContain('twilioApiKeySecret=…');
    expect(refused.body['detail']).not.toContain('twilioApiKeySid');
  });

  it("a dial rings the rep's desk (a client: leg), put through with no key to press once the desk answers; a desk that does not answer ends the call before the prospect is dialled", async () => {
    const { teamId, sam } = await team();
    const identity = `reach-${teamId}-${sam.id}`;
    rig.headers = sam.session;
    const id = await prospect('Dana Whitfield', '(212) 555-0142', { timezone: 'America/New_York' });
    rig.twilio.scenarios.set('+12125550142', { answer: 'human', ringSeconds: 4, talkSeconds: 30 });
    rig.twilio.browserPhones.set(identity, 'answer');
    const placed = await api('/calls/dial', { body: { prospect: id } });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ state: 'calling-rep', repVia: 'browser' });
    expect(placed.body['says']).toMatch(/The desk is ringing/);
    const rest = rig.twilio.requests.find((r) => r.path.endsWith('/Calls.json'))!;
    expect(rest.params.get('To')).toBe(`client:${identity}`);
    expect(rest.params.get('From')).toBe(CALLER_ID);
    expect(rest.params.get('Url')).toBe(
      `${rig.base}/api/v1/telephony/twilio/voice?call=${placed.body['id']}&step=connect`,
    );
    await settle();
    // Offered to Sam's desk under the leg's own sid, which the dial's answer named.
    expect(rig.twilio.offers).toMatchObject([{ identity, sid: placed.body['repSid'], result: 'answered' }]);
    expect(rig.twilio.gathered).toEqual([]);
    const call = (await api(`/telephony/calls/${placed.body['id']}`)).body;
    expect(call).toMatchObject({
      state: 'ended',
      answeredBy: 'human',
      durationSeconds: 33,
      loggedBy: 'call',
    });

    // The desk does not answer: the prospect is never dialled and the call says why.
    rig.twilio.browserPhones.set(identity, 'decline');
    const other = await prospect('Lee Marsh', '(212) 555-0143', { timezone: 'America/New_York' });
    const unanswered = await api('/calls/dial', { body: { prospect: other } });
    expect(unanswered.status).toBe(201);
    await settle();
    const ended = (await api(`/telephony/calls/${unanswered.body['id']}`)).body;
    expect(ended).toMatchObject({ state: 'ended', status: null, attemptId: null });
    expect(ended['says']).toBe('Ended before the prospect was dialled (the desk did not answer)');
    expect(rig.twilio.sent.filter((s) => s.params['To'] === '+12125550143')).toEqual([]);
  });

  it("a call in rings the desk of the rep whose prospect calls, with Reach's call id; a stranger's rings every rep who takes calls in the desk where the team has no phone", async () => {
    const { admin, teamId, sam, kit } = await team({ kitReachBy: 'browser' });
    rig.headers = sam.session;
    const id = await prospect('Rae Callback', '(212) 555-0151', { timezone: 'America/New_York' });
    const inbound = `${rig.base}/api/v1/telephony/twilio/inbound`;
    const answer = await rig.twilio.callIn({ url: inbound, from: '+12125550151', to: CALLER_ID });
    expect(answer.status).toBe(200);
    const calls = (await api('/telephony/calls')).body['items'] as Json[];
    expect(calls[0]).toMatchObject({ direction: 'inbound', prospect: { id }, repVia: 'browser' });
    expect(answer.twiml).toContain(
      `<Identity>reach-${teamId}-${sam.id}</Identity><Parameter name="reachCall" value="${calls[0]!['id']}"/></Client>`,
    );
    expect(answer.twiml).not.toContain('<Number');
    await settle();
    // Nobody's browser was registered: the desk was offered the call, and it lapsed.
    expect(rig.twilio.offers).toMatchObject([
      { identity: `reach-${teamId}-${sam.id}`, result: 'unregistered' },
    ]);

    // A stranger: the team's own phone when it has one, else every desk that takes calls.
    const stranger = await rig.twilio.callIn({ url: inbound, from: '+12125550999', to: CALLER_ID });
    expect(stranger.twiml).toContain(`${REP_PHONE}</Number>`);
    await settle();
    rig.headers = admin;
    expect((await api('/config', { method: 'PATCH', body: { repPhone: null } })).status).toBe(200);
    const ringGroup = await rig.twilio.callIn({ url: inbound, from: '+12125550998', to: CALLER_ID });
    for (const rep of [sam, kit])
      expect(ringGroup.twiml).toContain(`<Identity>reach-${teamId}-${rep.id}</Identity>`);
    expect(ringGroup.twiml).not.toContain('<Number');
    await settle();
  });
});
