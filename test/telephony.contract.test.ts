import { beforeEach, describe, expect, it } from 'vitest';
import { backupLines } from '../src/modules/backup/index.ts';
import type { CallProcessor } from '../src/modules/telephony/index.ts';
import { drivers, type TestDb } from './support/databases.ts';
import { AT, CALLER_ID, type Json, REP_PHONE, telephonyRig } from './support/telephony-rig.ts';
import type { TwilioDouble } from './support/twilio-double.ts';

describe.each(drivers)('Calls through Twilio (the loopback double) on %s', (driver) => {
  const rig = telephonyRig(driver);
  const { api, prospect, settle, events, announced } = rig;
  let t: TestDb;
  let twilio: TwilioDouble;
  let processor: CallProcessor;
  let base: string;
  beforeEach(() => {
    ({ t, twilio, processor, base } = rig);
  });

  it('never reads the auth token back: the settings say it is set, a backup leaves it out', async () => {
    const config = await api('/config');
    expect(config.body['twilioAuthToken']).toBe('set');
    expect(JSON.stringify(config.body)).not.toContain(twilio.authToken);
    let backup = '';
    for await (const chunk of backupLines(t.db, new Date())) backup += chunk;
    expect(backup).toContain(twilio.accountSid);
    expect(backup).not.toContain(twilio.authToken);
  });

  it('rings the rep, then the prospect with machine detection; a machine at the beep logs itself once as voicemail with its real duration', async () => {
    const id = await prospect('Dana Whitfield', '(212) 555-0142', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550142', {
      answer: 'machine',
      ringSeconds: 12,
      greetingSeconds: 9,
      talkSeconds: 5,
    });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    expect(placed.status).toBe(201);
    expect(placed.body['state']).toBe('calling-rep');
    const rest = twilio.requests.find((r) => r.path.endsWith('/Calls.json'))!;
    expect(rest.auth).toBe(
      `Basic ${Buffer.from(`${twilio.accountSid}:${twilio.authToken}`).toString('base64')}`,
    );
    expect(rest.params.get('To')).toBe(REP_PHONE);
    expect(rest.params.get('From')).toBe(CALLER_ID);
    expect(rest.params.get('Url')).toBe(`${base}/api/v1/telephony/twilio/voice?call=${placed.body['id']}`);
    await settle();
    // The rep was asked for a key (never their own voicemail put through), then the TwiML put the
    // prospect's number behind the rep's leg, listening for the message's end.
    expect(twilio.gathered[0]).toContain('Calling Dana Whitfield at Whitfield Co. Press any key to connect.');
    const voice = twilio.sent.filter((s) => s.url.includes('/voice'));
    expect(voice.map((v) => v.status)).toEqual([200, 200]);
    expect(voice[1]!.url).toContain('step=connect');
    const call = (await api(`/telephony/calls/${placed.body['id']}`)).body;
    expect(call).toMatchObject({
      state: 'ended',
      status: 'completed',
      answeredBy: 'machine_end_beep',
      ringSeconds: 12,
      durationSeconds: 14,
      loggedBy: 'call',
      outcome: 'voicemail',
    });
    expect(call['beepAt']).not.toBeNull();
    expect(announced.some((a) => a['state'] === 'beep' || a['answeredBy'] === 'machine_end_beep')).toBe(true);
    const calls = (await api(`/calls?prospect=${id}`)).body['items'] as Json[];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: 'voicemail', durationSeconds: 14, number: '+12125550142' });
    // Everything again, in another order: nothing new is logged.
    for (const s of [...twilio.sent].reverse().filter((s) => !s.url.includes('/voice')))
      expect((await twilio.post(s.url, s.params)).status).toBe(204);
    await processor.drain();
    expect((await api(`/calls?prospect=${id}`)).body['items']).toHaveLength(1);
  });

  it('each rep calls from their own phone and caller ID, and a prospect held by another rep is not dialled', async () => {
    const { login } = rig;
    rig.headers = await login(
      { email: 'ana@northwind.example', name: 'Ana', password: 'ana passphrase 1' },
      '/auth/setup',
    );
    for (const [email, name, phone, callerId] of [
      ['sam@northwind.example', 'Sam', '+13125550111', '+13125550112'],
      ['kit@northwind.example', 'Kit', '+13125550121', '+13125550122'],
    ] as const) {
      const added = await api('/users', {
        body: { email, name, role: 'rep', password: `${name} passphrase 1` },
      });
      expect(added.status).toBe(201);
      const voice = await api(`/users/${email}`, { method: 'PATCH', body: { phone, callerId } });
      expect(voice.status).toBe(200);
    }
    const id = await prospect('Dana Whitfield', '(212) 555-0142', { timezone: 'America/New_York' });
    await api('/prospects/reassign', { body: { to: 'pool', ids: [id] } });
    twilio.scenarios.set('+12125550142', {
      answer: 'machine',
      ringSeconds: 3,
      greetingSeconds: 3,
      talkSeconds: 2,
    });

    rig.headers = await login({ email: 'kit@northwind.example', password: 'Kit passphrase 1' });
    expect((await api(`/prospects/${id}/hold`, { method: 'POST' })).status).toBe(200);
    rig.headers = await login({ email: 'sam@northwind.example', password: 'Sam passphrase 1' });
    const refused = await api('/calls/dial', { body: { prospect: id } });
    expect(refused.status).toBe(409);
    expect(refused.body['detail']).toMatch(/Kit has Dana Whitfield open/);
    expect(twilio.requests).toHaveLength(0);

    rig.headers = await login({ email: 'kit@northwind.example', password: 'Kit passphrase 1' });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    expect(placed.status).toBe(201);
    const rest = twilio.requests.find((r) => r.path.endsWith('/Calls.json'))!;
    // Kit's own phone rings first, showing Kit's caller ID; the prospect sees Kit's caller ID too.
    expect(rest.params.get('To')).toBe('+13125550121');
    expect(rest.params.get('From')).toBe('+13125550122');
    await settle();
    const prospectLeg = twilio.sent.find((s) => s.params['Direction'] === 'outbound-dial');
    expect(prospectLeg?.params['From']).toBe('+13125550122');
    expect(prospectLeg?.params['From']).not.toBe(CALLER_ID);
  });

  /** Team one's first admin (Ana) and a second team (Bo its admin), each logged in. */
  const twoTeams = async () => {
    const ana = await rig.login(
      { email: 'ana@one.example', name: 'Ana', password: 'ana passphrase 1' },
      '/auth/setup',
    );
    rig.headers = ana;
    const made = await api('/teams', {
      body: { name: 'Two', admin: { email: 'bo@two.example', name: 'Bo', password: 'bo passphrase 22' } },
    });
    expect(made.status).toBe(201);
    const bo = await rig.login({ email: 'bo@two.example', password: 'bo passphrase 22' });
    return { ana, bo, two: made.body['team']['id'] as number };
  };

  it("a second team's calls were folded in the first team's book: each team's webhooks, calls in and logs run in its own", async () => {
    const { ana, bo, two } = await twoTeams();
    rig.headers = bo;
    const config = await api('/config', {
      method: 'PATCH',
      body: {
        territoryZones: ['America/New_York'],
        telephony: 'twilio',
        twilioAccountSid: twilio.accountSid,
        twilioAuthToken: twilio.authToken,
        twilioApiUrl: twilio.url,
        publicUrl: base,
        repPhone: '+13125550131',
        callerId: '+13125550132',
      },
    });
    expect(config.status).toBe(200);
    const id = await prospect('Dana Whitfield', '(212) 555-0142', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550142', {
      answer: 'machine',
      ringSeconds: 4,
      greetingSeconds: 3,
      talkSeconds: 2,
    });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    expect(placed.status).toBe(201);
    expect(twilio.requests.find((r) => r.path.endsWith('/Calls.json'))!.params.get('To')).toBe(
      '+13125550131',
    );
    await settle();
    expect((await api(`/telephony/calls/${placed.body['id']}`)).body).toMatchObject({
      state: 'ended',
      loggedBy: 'call',
      outcome: 'voicemail',
    });
    expect((await api(`/calls?prospect=${id}`)).body['items']).toHaveLength(1);
    expect(announced.length).toBeGreaterThan(0);
    expect(new Set(announced.map((a) => a['team']))).toEqual(new Set([two]));
    // Dana calls back on team two's number: its call, rung through to Bo's phone, never team one's.
    const answer = await twilio.callIn({
      url: `${base}/api/v1/telephony/twilio/inbound`,
      from: '+12125550142',
      to: '+13125550132',
    });
    expect(answer.status).toBe(200);
    expect(answer.twiml).toContain('+13125550131</Number>');
    expect(
      ((await api('/telephony/calls')).body['items'] as Json[]).map((c) => c['direction']).sort(),
    ).toEqual(['inbound', 'outbound']);
    rig.headers = ana;
    expect((await api('/telephony/calls')).body['items']).toHaveLength(0);
    expect((await api('/calls')).body['items']).toHaveLength(0);
  });

  it("two teams could take one caller ID, and a call in to it reached whichever came first: a number is one team's", async () => {
    const { ana, bo } = await twoTeams();
    rig.headers = bo;
    expect((await api('/config', { method: 'PATCH', body: { callerId: '+13125550132' } })).status).toBe(200);
    const kai = await api('/users', {
      body: { email: 'kai@two.example', name: 'Kai', role: 'rep', password: 'kai passphrase 3' },
    });
    expect(kai.status).toBe(201);
    expect(
      (await api('/users/kai@two.example', { method: 'PATCH', body: { callerId: '+13125550177' } })).status,
    ).toBe(200);
    // Team one may not take either, for itself or for one of its reps, however it is written.
    rig.headers = ana;
    const before = (await api('/config')).body['callerId'];
    const taken = await api('/config', { method: 'PATCH', body: { callerId: '(312) 555-0132' } });
    expect(taken.status).toBe(409);
    expect(taken.body['detail']).toBe(
      "callerId: +13125550132 is another team's number on this server; a call in to it must reach one team",
    );
    const reps = await api('/users/ana@one.example', { method: 'PATCH', body: { callerId: '+13125550177' } });
    expect(reps.status).toBe(409);
    expect((await api('/config')).body['callerId']).toBe(before);
    // Its own number, and a rep of team two sharing their team's, are fine.
    expect((await api('/config', { method: 'PATCH', body: { callerId: '+13125550100' } })).status).toBe(200);
    rig.headers = bo;
    expect(
      (await api('/users/kai@two.example', { method: 'PATCH', body: { callerId: '+13125550132' } })).status,
    ).toBe(200);
  });

  it("the rep's word takes the place of what the call logged itself as, once", async () => {
    const id = await prospect('Lee Ortiz', '(212) 555-0143', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550143', { answer: 'human', ringSeconds: 6, talkSeconds: 40 });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    await settle();
    const before = (await api(`/telephony/calls/${placed.body['id']}`)).body;
    expect(before).toMatchObject({
      state: 'ended',
      answeredBy: 'human',
      outcome: 'reached',
      loggedBy: 'call',
    });
    const logged = await api(`/telephony/calls/${placed.body['id']}/log`, {
      body: { outcome: 'gatekeeper', note: 'Pat, the assistant: try before 8', intel: [] },
    });
    expect(logged.status).toBe(201);
    expect(logged.body['attempt']).toMatchObject({
      outcome: 'gatekeeper',
      durationSeconds: 43,
      number: { e164: '+12125550143' },
    });
    const calls = (await api(`/calls?prospect=${id}`)).body['items'] as Json[];
    expect(calls.map((c) => c['outcome'])).toEqual(['gatekeeper']);
    const again = await api(`/telephony/calls/${placed.body['id']}/log`, { body: { outcome: 'reached' } });
    expect(again.status).toBe(409);
    expect((await api(`/telephony/calls/${placed.body['id']}`)).body).toMatchObject({
      loggedBy: 'rep',
      outcome: 'gatekeeper',
    });
  });

  it('a rep who logs before the call ends gets the duration the provider measured', async () => {
    const id = await prospect('Kim Park', '(212) 555-0144', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550144', { answer: 'human', ringSeconds: 4, holdUntilHangup: true });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    for (let i = 0; i < 100 && !twilio.sent.some((s) => s.params['AnsweredBy']); i++)
      await new Promise((r) => setTimeout(r, 20));
    const logged = await api(`/telephony/calls/${placed.body['id']}/log`, {
      body: { outcome: 'reached', result: 'interested' },
    });
    expect(logged.status).toBe(201);
    expect(logged.body['attempt']['durationSeconds']).toBeNull();
    const hung = await api(`/telephony/calls/${placed.body['id']}/hangup`, { method: 'POST' });
    expect(hung.status).toBe(200);
    await settle();
    const calls = (await api(`/calls?prospect=${id}`)).body['items'] as Json[];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ outcome: 'reached', result: 'interested' });
    expect(calls[0]!['durationSeconds']).toBeGreaterThan(0);
  });

  it("a duration correction that failed was never tried again: the sweep makes it, and never overwrites a person's", async () => {
    const id = await prospect('Lu Park', '(212) 555-0160', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550160', { answer: 'human', ringSeconds: 4, holdUntilHangup: true });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    for (let i = 0; i < 100 && !twilio.sent.some((s) => s.params['AnsweredBy']); i++)
      await new Promise((r) => setTimeout(r, 20));
    const logged = await api(`/telephony/calls/${placed.body['id']}/log`, { body: { outcome: 'reached' } });
    const attemptId = logged.body['attempt']['id'] as number;
    await api(`/telephony/calls/${placed.body['id']}/hangup`, { method: 'POST' });
    await settle();
    // As if the correction had failed when the measure was folded: the log still has no duration.
    await t.executeSql(`update call_attempts set duration_seconds = null where id = ${attemptId}`);
    await processor.drain();
    const measured = (await api(`/calls?prospect=${id}`)).body['items'][0] as Json;
    expect(measured['durationSeconds']).toBeGreaterThan(0);
    const fixed = await api(`/calls/${attemptId}`, {
      method: 'PATCH',
      body: { durationSeconds: 7, reason: 'the rep timed the talk itself' },
    });
    expect(fixed.status).toBe(200);
    await processor.drain();
    expect(((await api(`/calls?prospect=${id}`)).body['items'][0] as Json)['durationSeconds']).toBe(7);
  });

  it('no answer, busy and an unallocated number log themselves; one carrier failure invalidates the number', async () => {
    const quiet = await prospect('Ann Quiet', '(212) 555-0145', { timezone: 'America/New_York' });
    const busy = await prospect('Bo Busy', '(212) 555-0146', { timezone: 'America/New_York' });
    const gone = await prospect('Cy Gone', '(212) 555-0147', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550145', { answer: 'no-answer', ringSeconds: 25 });
    twilio.scenarios.set('+12125550146', { answer: 'busy' });
    twilio.scenarios.set('+12125550147', { answer: 'failed', sip: 404 });
    for (const id of [quiet, busy, gone])
      expect((await api('/calls/dial', { body: { prospect: id } })).status).toBe(201);
    await settle();
    const outcome = async (id: number) =>
      ((await api(`/calls?prospect=${id}`)).body['items'] as Json[]).map((c) => c['outcome']);
    expect(await outcome(quiet)).toEqual(['no-answer']);
    expect(await outcome(busy)).toEqual(['busy']);
    expect(await outcome(gone)).toEqual(['bad-number']);
    const phones = (await api(`/prospects/${gone}`)).body['phones'] as Json[];
    expect(phones[0]!['valid']).toBe(false);
  });

  it('refuses a dial the queue would refuse, naming the rule, and asks nothing of the provider', async () => {
    const night = await prospect('Ned Night', '(212) 555-0148', { timezone: 'America/New_York' });
    t.ctx.clock = () => new Date('2026-11-10T11:00:00.000Z');
    const refused = await api('/calls/dial', { body: { prospect: night } });
    t.ctx.clock = () => new Date(AT);
    expect(refused.status).toBe(409);
    expect(refused.body['code']).toBe('dial_refused');
    expect(JSON.stringify(refused.body['errors'])).toContain('outside-legal-hours');
    const listed = await prospect('Dee Listed', '(212) 555-0149', { timezone: 'America/New_York' });
    expect(
      (await api('/dnc', { body: { number: '(212) 555-0149', reason: 'asked', source: 'call' } })).status,
    ).toBe(201);
    const dnc = await api('/calls/dial', { body: { prospect: listed } });
    expect(dnc.status).toBe(409);
    expect(JSON.stringify(dnc.body['errors'])).toContain('dnc-number');
    expect(twilio.requests).toHaveLength(0);
  });

  it('a forged or unsigned webhook gets 403 and writes nothing', async () => {
    const id = await prospect('Fay Forge', '(212) 555-0150', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550150', { answer: 'no-answer', ringSeconds: 5 });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    await settle();
    const kept = await events();
    const url = `${base}/api/v1/telephony/twilio/status?call=${placed.body['id']}&leg=prospect`;
    const forged = {
      AccountSid: twilio.accountSid,
      CallSid: 'CAforged',
      CallStatus: 'completed',
      CallDuration: '99',
    };
    expect((await twilio.post(url, forged, { sign: false })).status).toBe(403);
    const wrongKey = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': 'bm90IGEgc2lnbmF0dXJl',
      },
      body: new URLSearchParams(forged).toString(),
    });
    expect(wrongKey.status).toBe(403);
    expect(wrongKey.headers.get('content-type')).toContain('application/problem+json');
    // Signed for another URL (another call) and replayed here.
    const other = twilio.sent.find((s) => s.url.includes('status'))!;
    const replayed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'x' },
      body: new URLSearchParams(other.params).toString(),
    });
    expect(replayed.status).toBe(403);
    expect(await events()).toBe(kept);
    expect(((await api(`/calls?prospect=${id}`)).body['items'] as Json[]).map((c) => c['outcome'])).toEqual([
      'no-answer',
    ]);
  });

  it('a call in from a prospect is matched, put through to the rep and credited to the message that earned it, once', async () => {
    const id = await prospect('Rae Callback', '(212) 555-0151', { timezone: 'America/New_York' });
    const left = await api('/calls', {
      body: {
        prospect: id,
        outcome: 'voicemail-left',
        at: new Date(Date.now() - 3_600_000).toISOString(),
        message: { kind: 'information', text: 'Rae, Sam here.' },
      },
    });
    expect(left.status).toBe(201);
    const inbound = `${base}/api/v1/telephony/twilio/inbound`;
    const answer = await twilio.callIn({ url: inbound, from: '+12125550151', to: CALLER_ID });
    expect(answer.status).toBe(200);
    expect(answer.twiml).toContain(`<Number`);
    expect(answer.twiml).toContain(`${REP_PHONE}</Number>`);
    const calls = (await api('/telephony/calls')).body['items'] as Json[];
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ direction: 'inbound', prospect: { id }, number: '+12125550151' });
    expect(calls[0]!['callbackId']).not.toBeNull();
    expect(announced.some((a) => a['direction'] === 'inbound')).toBe(true);
    const card = (await api(`/lookup?number=${encodeURIComponent('+12125550151')}`)).body;
    expect(JSON.stringify(card)).toContain('Rae, Sam here.');
    // Twilio asking again for the same call records nothing new.
    const retry = await twilio.post(inbound, { ...twilio.sent.at(-1)!.params });
    expect(retry.status).toBe(200);
    expect((await api('/telephony/calls')).body['items']).toHaveLength(1);
    const callbacks = (await t.executeSql('select count(*)::int as n, min(voicemail_id) as v from callbacks'))
      .rows as Json[];
    expect(callbacks[0]).toMatchObject({ n: 1 });
    expect(callbacks[0]?.['v']).not.toBeNull();
  });

  it('reads the greeting, transcribed or typed: a warning to sellers, an absence, their name, email; the advice and the queue use it', async () => {
    const id = await prospect('Dana Whitfield', '(212) 555-0153', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550153', {
      answer: 'machine',
      ringSeconds: 5,
      greetingSeconds: 12,
      talkSeconds: 1,
    });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    await settle();
    const hook = `${base}/api/v1/telephony/twilio/transcription?call=${placed.body['id']}&leg=prospect`;
    const transcribed = {
      AccountSid: twilio.accountSid,
      CallSid: 'CAtranscribed',
      TranscriptionStatus: 'completed',
      TranscriptionText:
        "You've reached Dana Whitfield. If you are calling to sell me something, don't hold your breath.",
    };
    expect((await twilio.post(hook, transcribed)).status).toBe(204);
    expect((await twilio.post(hook, transcribed)).status).toBe(204);
    await processor.drain();
    const intel = (await api(`/prospects/${id}/intel`)).body['items'] as Json[];
    expect(intel.map((f) => f['type']).sort()).toEqual(['deterrent', 'number-confirmed']);
    expect(intel.find((f) => f['type'] === 'deterrent')!['text']).toContain(
      '(from the greeting, transcribed)',
    );
    expect(intel.find((f) => f['type'] === 'number-confirmed')!['text']).toContain(
      '+12125550153 is their own number',
    );

    // What the rep heard on another prospect's voicemail, typed: an absence and a wish for email.
    const other = await prospect('Lou Away', '(212) 555-0154', { timezone: 'America/New_York' });
    const read = await api(`/prospects/${other}/greeting`, {
      body: {
        text: "I'm out of the office until Monday, November 16. The best way to reach me is by email.",
        at: AT,
      },
    });
    expect(read.status).toBe(201);
    expect((read.body['findings'] as Json[]).map((f) => f['kind'])).toEqual([
      'out-of-office',
      'prefers-email',
    ]);
    expect((read.body['facts'] as Json[]).map((f) => f['type'])).toEqual(['out-of-office', 'prefers']);
    const later = new Date(Date.parse(AT) + 3_600_000).toISOString();
    const advice = (await api(`/prospects/${other}/voicemail?at=${later}`)).body;
    expect(advice['decision']).toBe('skip');
    t.ctx.clock = () => new Date(later);
    const away = await api('/calls/dial', { body: { prospect: other } });
    expect(away.status).toBe(409);
    expect(JSON.stringify(away.body['errors'])).toContain('out-of-office');
    // A warning to sellers, typed by the rep: no message, whatever the strategy says.
    const warned = await prospect('Cy Warn', '(212) 555-0155', { timezone: 'America/New_York' });
    await api(`/prospects/${warned}/greeting`, {
      body: { text: 'This is Cy. Vendor calls will not be returned.', number: '(212) 555-0155', at: AT },
    });
    const advice2 = (await api(`/prospects/${warned}/voicemail?at=${later}&strategy=persistent`)).body;
    expect(advice2['decision']).toBe('skip');
    expect((advice2['reasons'] as Json[]).map((r) => r['code'])).toContain('deterrent-greeting');
  });

  it('a second Call placed two real calls to one prospect: it is refused while the first is under way', async () => {
    const id = await prospect('Pat Twice', '(212) 555-0156', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550156', { answer: 'human', ringSeconds: 4, holdUntilHangup: true });
    const first = await api('/calls/dial', { body: { prospect: id } });
    expect(first.status).toBe(201);
    const second = await api('/calls/dial', { body: { prospect: id } });
    expect(second.status).toBe(409);
    expect(JSON.stringify(second.body['errors'])).toContain('call-under-way');
    expect(twilio.requests.filter((r) => r.path.endsWith('/Calls.json'))).toHaveLength(1);
    for (let i = 0; i < 100 && !twilio.sent.some((x) => x.params['AnsweredBy']); i++)
      await new Promise((r) => setTimeout(r, 20));
    await api(`/telephony/calls/${first.body['id']}/hangup`, { method: 'POST' });
    await settle();
  });

  it("an undone log lost the call's dial: the call logs itself again", async () => {
    const id = await prospect('Uma Undo', '(212) 555-0157', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550157', { answer: 'no-answer', ringSeconds: 20 });
    const placed = await api('/calls/dial', { body: { prospect: id } });
    await settle();
    const [logged] = (await api(`/calls?prospect=${id}`)).body['items'] as Json[];
    expect((await api(`/calls/${logged!['id']}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`/calls?prospect=${id}`)).body['items']).toHaveLength(0);
    // The sweep, a minute and more after the end was heard, finds the call unlogged.
    await processor.drain(new Date(Date.now() + 120_000));
    expect(((await api(`/calls?prospect=${id}`)).body['items'] as Json[]).map((c) => c['outcome'])).toEqual([
      'no-answer',
    ]);
    expect((await api(`/telephony/calls/${placed.body['id']}`)).body['loggedBy']).toBe('call');
  });

  it("a call whose last callbacks were lost stayed under way: it is asked after at Twilio's API and logged", async () => {
    const id = await prospect('Lia Lost', '(212) 555-0158', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550158', {
      answer: 'machine',
      ringSeconds: 6,
      greetingSeconds: 5,
      talkSeconds: 3,
    });
    twilio.delivery.lose = (params) => params['CallStatus'] === 'completed';
    const placed = await api('/calls/dial', { body: { prospect: id } });
    await settle();
    expect((await api(`/telephony/calls/${placed.body['id']}`)).body['state']).not.toBe('ended');
    // Ten minutes and more after it was placed, the processor asks Twilio.
    t.ctx.clock = () => new Date(Date.parse(AT) + 11 * 60_000);
    await processor.drain();
    await processor.drain();
    const call = (await api(`/telephony/calls/${placed.body['id']}`)).body;
    expect(call).toMatchObject({
      state: 'ended',
      status: 'completed',
      outcome: 'voicemail',
      durationSeconds: 8,
    });
    // It was asked after: GET …/Calls/{sid}.json.
    expect(twilio.requests.some((r) => /\/Calls\/CA[0-9a-f]{32}\.json$/.test(r.path))).toBe(true);
  });

  it("a call whose prospect's leg was never heard of (every callback of it lost) was asked after on the rep's leg alone: the legs it dialled are listed and the prospect's logged", async () => {
    const id = await prospect('Mo Lost', '(212) 555-0161', { timezone: 'America/New_York' });
    twilio.scenarios.set('+12125550161', {
      answer: 'machine',
      ringSeconds: 6,
      greetingSeconds: 5,
      talkSeconds: 3,
    });
    // Nothing of the prospect's leg arrives, nor the rep's end.
    twilio.delivery.lose = (params) =>
      params['ParentCallSid'] !== undefined ||
      params['AnsweredBy'] !== undefined ||
      params['CallStatus'] === 'completed';
    const placed = await api('/calls/dial', { body: { prospect: id } });
    await settle();
    expect((await api(`/telephony/calls/${placed.body['id']}`)).body['state']).not.toBe('ended');
    t.ctx.clock = () => new Date(Date.parse(AT) + 11 * 60_000);
    await processor.drain();
    await processor.drain();
    const call = (await api(`/telephony/calls/${placed.body['id']}`)).body;
    expect(call).toMatchObject({
      state: 'ended',
      status: 'completed',
      outcome: 'voicemail',
      durationSeconds: 8,
    });
    expect(twilio.requests.some((r) => r.path.endsWith('/Calls.json') && r.params.toString() === '')).toBe(
      true,
    );
  });

  it('the auth token could be sent to any address: only https or this machine, and a new address drops it', async () => {
    const http = await api('/config', {
      method: 'PATCH',
      body: { twilioApiUrl: 'http://collector.example.com' },
    });
    expect(http.status).toBe(400);
    expect(JSON.stringify(http.body['errors'])).toContain('twilioApiUrl');
    expect((await api('/config')).body['twilioAuthToken']).toBe('set');
    const moved = await api('/config', {
      method: 'PATCH',
      body: { twilioApiUrl: 'https://api.example.com' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body['twilioAuthToken']).toBeNull();
  });

  it('without telephony configured, dialling says what to set and webhooks are refused', async () => {
    await api('/config', { method: 'PATCH', body: { telephony: 'none' } });
    const id = await prospect('Tel Link', '(212) 555-0152', { timezone: 'America/New_York' });
    const refused = await api('/calls/dial', { body: { prospect: id } });
    expect(refused.status).toBe(409);
    expect(refused.body['detail']).toContain('telephony=twilio');
    const hook = await twilio.post(`${base}/api/v1/telephony/twilio/status?call=1`, {
      CallSid: 'CA1',
      CallStatus: 'ringing',
    });
    expect(hook.status).toBe(403);
  });
});
