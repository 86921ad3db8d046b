import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { backupLines, restoreBackup } from '../src/modules/backup/index.ts';
import { drivers, freshDb } from './support/databases.ts';
import { type Json, telephonyRig } from './support/telephony-rig.ts';
import { toneWav } from './support/wav.ts';

const HONEST =
  'Hi, this is Sam from Northwind. We help finance teams close the month in three days instead of ten. If that is on your list this quarter, call me back at 312 555 0199.';

describe.each(drivers)(
  'Recorded messages and recorded calls through Twilio (the loopback double) on %s',
  (driver) => {
    const rig = telephonyRig(driver);
    const { api, prospect, settle } = rig;
    const audio = toneWav(9);

    beforeEach(async () => {
      // A strategy that leaves messages to prospects worth it; every prospect here is.
      expect(
        (
          await api('/config', {
            method: 'PATCH',
            body: { defaultStrategy: 'persistent', sellerName: 'Northwind' },
          })
        ).status,
      ).toBe(200);
    });

    const keepDrop = async (name = 'intro-q4', transcript = HONEST) =>
      api('/voicemail-drops', {
        body: { name, kind: 'introduction', transcript, audio: audio.toString('base64') },
      });

    /** Dials and waits until the machine is heard (the processor folds the detection), the call held for the rep. */
    const dialToMachine = async (id: number, number: string) => {
      rig.twilio.scenarios.set(number, {
        answer: 'machine',
        ringSeconds: 6,
        greetingSeconds: 8,
        holdUntilHangup: true,
      });
      const placed = await api('/calls/dial', { body: { prospect: id } });
      expect(placed.status).toBe(201);
      const callId = placed.body['id'] as number;
      for (let i = 0; i < 400; i++) {
        await rig.processor.drain();
        const now = (await api(`/telephony/calls/${callId}`)).body;
        if (now['state'] === 'machine' || now['state'] === 'beep') return callId;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`call ${callId} never reached the machine`);
    };
    const end = async (callId: number) => {
      await api(`/telephony/calls/${callId}/hangup`, { method: 'POST' });
      await settle();
    };
    const playRequests = () => rig.twilio.requests.filter((r) => r.params.get('Twiml')?.includes('<Play>'));

    it('plays the rep’s recording at the beep to a business landline when the strategy says leave; the call logs itself as that message left, once', async () => {
      const kept = await keepDrop();
      expect(kept.status).toBe(201);
      expect(kept.body).toMatchObject({
        name: 'intro-q4',
        kind: 'introduction',
        contentType: 'audio/wav',
        seconds: 9,
        played: 0,
      });
      const id = await prospect('Dana Whitfield', '(212) 555-0142', {
        timezone: 'America/New_York',
        value: 90_000,
      });
      const callId = await dialToMachine(id, '+12125550142');
      const dropped = await api(`/telephony/calls/${callId}/drop`, { body: {} });
      expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
      expect(dropped.body['drop']).toMatchObject({ name: 'intro-q4' });
      await settle();
      // The carrier was asked the line type; Twilio fetched the recording from its keyed address and played it.
      expect(
        rig.twilio.requests.some((r) => decodeURIComponent(r.path) === '/v2/PhoneNumbers/+12125550142'),
      ).toBe(true);
      expect(rig.twilio.played).toHaveLength(1);
      expect(rig.twilio.played[0]).toMatchObject({ status: 200, contentType: 'audio/wav' });
      expect(rig.twilio.played[0]!.bytes.equals(audio)).toBe(true);
      const call = (await api(`/telephony/calls/${callId}`)).body;
      expect(call).toMatchObject({
        state: 'ended',
        loggedBy: 'call',
        outcome: 'voicemail-left',
        drop: { name: 'intro-q4' },
      });
      const logged = (await api(`/calls?prospect=${id}`)).body['items'] as Json[];
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({ outcome: 'voicemail-left', durationSeconds: expect.any(Number) });
      const left = await rig.t.executeSql('select kind, text, template from voicemails');
      expect(left.rows).toEqual([
        { kind: 'introduction', text: HONEST, template: `drop:${kept.body['id']}` },
      ]);
      expect((await api('/voicemail-drops')).body['items'][0]).toMatchObject({ name: 'intro-q4', played: 1 });
      // The address without its token gives nothing.
      const bare = await fetch(rig.twilio.played[0]!.url.replace(/token=[^&]+/, 'token=guess'));
      expect(bare.status).toBe(403);
      // Ten days on, the series would leave another message, but not the same recording again.
      rig.t.ctx.clock = () => new Date('2026-11-20T15:00:00.000Z');
      const again = await dialToMachine(id, '+12125550142');
      const twice = await api(`/telephony/calls/${again}/drop`, { body: {} });
      expect(twice.status).toBe(409);
      expect(twice.body['detail']).toContain('Dana Whitfield was left "intro-q4" before');
      await end(again);
      expect(rig.twilio.played).toHaveLength(1);
    });

    it('a recording to a mobile without consent is refused naming the law, nothing played; with the consent recorded it plays', async () => {
      await keepDrop();
      const id = await prospect('Lee Okafor', '(212) 555-0143', {
        timezone: 'America/New_York',
        value: 90_000,
      });
      rig.twilio.lineTypes.set('+12125550143', 'mobile');
      const callId = await dialToMachine(id, '+12125550143');
      const refused = await api(`/telephony/calls/${callId}/drop`, { body: { drop: 'intro-q4' } });
      expect(refused.status).toBe(409);
      expect(refused.body['code']).toBe('drop_refused');
      expect(refused.body['detail']).toContain('the carrier says mobile');
      expect(refused.body['detail']).toContain('47 U.S.C. § 227(b)(1)(A)(iii)');
      expect(playRequests()).toHaveLength(0);
      const consent = await api(`/prospects/${id}/consent`, {
        body: {
          number: '212 555 0143',
          prerecorded: true,
          form: 'written',
          source: 'webinar sign-up form, 2026-11-02, box 3',
        },
      });
      expect(consent.status).toBe(200);
      expect(consent.body).toMatchObject({ number: '+12125550143', prerecorded: true, form: 'written' });
      const dropped = await api(`/telephony/calls/${callId}/drop`, { body: { drop: 'intro-q4' } });
      expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
      await settle();
      expect(rig.twilio.played).toHaveLength(1);
    });

    it('a line the carrier cannot type, a state that bars recorded sales messages, a strategy that says skip: each refused with its reason', async () => {
      await keepDrop();
      const unknown = await prospect('Ana Ruiz', '(212) 555-0144', {
        timezone: 'America/New_York',
        value: 90_000,
      });
      rig.twilio.lineTypes.set('+12125550144', null);
      const first = await dialToMachine(unknown, '+12125550144');
      const noType = await api(`/telephony/calls/${first}/drop`, { body: {} });
      expect(noType.status).toBe(409);
      expect(noType.body['detail']).toContain('its line type is unknown');
      await end(first);

      const indiana = await prospect('Ivo Marsh', '(317) 555-0145', {
        timezone: 'America/Indiana/Indianapolis',
        value: 90_000,
      });
      const second = await dialToMachine(indiana, '+13175550145');
      const barred = await api(`/telephony/calls/${second}/drop`, { body: {} });
      expect(barred.status).toBe(409);
      expect(barred.body['detail']).toContain('Ind. Code § 24-5-14-5');
      await end(second);

      expect((await api('/config', { method: 'PATCH', body: { defaultStrategy: 'never' } })).status).toBe(
        200,
      );
      const skip = await prospect('Bo Chen', '(212) 555-0146', {
        timezone: 'America/New_York',
        value: 90_000,
      });
      const third = await dialToMachine(skip, '+12125550146');
      const never = await api(`/telephony/calls/${third}/drop`, { body: {} });
      expect(never.status).toBe(409);
      expect(never.body['detail']).toContain('the never strategy says no message');
      await end(third);
      expect(playRequests()).toHaveLength(0);
    });

    it('a person on the line is spoken to, not played a recording', async () => {
      await keepDrop();
      const id = await prospect('Kim Park', '(212) 555-0147', {
        timezone: 'America/New_York',
        value: 90_000,
      });
      rig.twilio.scenarios.set('+12125550147', { answer: 'human', ringSeconds: 4, holdUntilHangup: true });
      const placed = await api('/calls/dial', { body: { prospect: id } });
      let state = '';
      for (let i = 0; i < 400 && state !== 'person'; i++) {
        await rig.processor.drain();
        state = (await api(`/telephony/calls/${placed.body['id']}`)).body['state'];
        await new Promise((r) => setTimeout(r, 10));
      }
      const refused = await api(`/telephony/calls/${placed.body['id']}/drop`, { body: {} });
      expect(refused.status).toBe(409);
      expect(refused.body['detail']).toContain('a person answered');
      await end(placed.body['id']);
    });

    it('a recording whose words claim an earlier call, or that is not audio, is not kept', async () => {
      const claims = await keepDrop(
        'claims',
        'Hi, following up on our conversation last week about your month-end close; call me back.',
      );
      expect(claims.status).toBe(400);
      expect(JSON.stringify(claims.body['errors'] ?? claims.body)).toContain('transcript');
      const text = await api('/voicemail-drops', {
        body: {
          name: 'text',
          kind: 'introduction',
          transcript: HONEST,
          audio: Buffer.from('plain text, not audio at all').toString('base64'),
        },
      });
      expect(text.status).toBe(400);
      expect(text.body['detail']).toContain('neither a WAV nor an MP3');
      expect((await keepDrop()).status).toBe(201);
      expect((await keepDrop()).status).toBe(409);
      expect((await api('/voicemail-drops')).body['items']).toHaveLength(1);
    });

    it('a backup carries the recordings, audio and all, and never the auth token', async () => {
      await keepDrop();
      let backup = '';
      for await (const chunk of backupLines(rig.t.db, new Date())) backup += chunk;
      const line = backup.split('\n').find((l) => l.includes('"voicemailDrops"'));
      expect(line).toBeDefined();
      expect(JSON.parse(line!).row.audio).toBe(audio.toString('base64'));
      expect(backup).not.toContain(rig.twilio.authToken);
    });

    it('recording on: a California prospect hears the disclosure, recorded from its first word; a Texas one is recorded without; an Illinois rep discloses to everyone; one-party mode leaves California unrecorded', async () => {
      // 11:00 in California, 13:00 in Texas; the rep's own phone in Texas: only the prospect's place decides.
      rig.t.ctx.clock = () => new Date('2026-11-10T19:00:00.000Z');
      const config = (body: Json) => api('/config', { method: 'PATCH', body });
      expect(
        (
          await config({
            recording: 'on',
            repPhone: '+15125550100',
            territoryZones: ['America/Los_Angeles', 'America/Chicago'],
          })
        ).status,
      ).toBe(200);
      const dialled = async (name: string, number: string, zone: string) => {
        const id = await prospect(name, number, { timezone: zone });
        rig.twilio.scenarios.set(`+1${number.replace(/\D/g, '')}`, {
          answer: 'human',
          ringSeconds: 3,
          talkSeconds: 30,
        });
        const placed = await api('/calls/dial', { body: { prospect: id } });
        expect(placed.status).toBe(201);
        await settle();
        return (await api(`/telephony/calls/${placed.body['id']}`)).body;
      };
      const ca = await dialled('Cara Lind', '(415) 555-0148', 'America/Los_Angeles');
      expect(ca).toMatchObject({ recorded: true, disclosed: true, state: 'ended' });
      expect(rig.twilio.whispers[0]).toContain('<Say>This call is recorded for our records and training.');
      // The recording started as the prospect answered, while the disclosure was being fetched: it is on the recording, first.
      const caLeg = [...rig.twilio.recordings.entries()][0]!;
      expect(caLeg[1]).toMatchObject({ beforeWhisper: true, channels: 'dual' });
      // Twilio asking again for the prospect's instructions (its first answer lost): told again, not recorded twice.
      const again = (await rig.twilio.post(
        `${rig.base}/api/v1/telephony/twilio/voice?call=${ca['id']}&step=prospect`,
        { AccountSid: rig.twilio.accountSid, CallSid: caLeg[0], CallStatus: 'in-progress' },
      )) as { status: number; text?: string };
      expect(again.status).toBe(200);
      expect(again.text).toContain('This call is recorded');
      expect(rig.twilio.recordings.size).toBe(1);
      const recorded = await rig.t.executeSql(
        `select recording_url from telephony_calls where id = ${ca['id']}`,
      );
      expect((recorded.rows[0] as Json)['recording_url']).toMatch(/\/Recordings\/RE/);

      const tx = await dialled('Tom Reyes', '(512) 555-0149', 'America/Chicago');
      expect(tx).toMatchObject({ recorded: true, disclosed: false });
      expect(rig.twilio.whispers[1]).not.toContain('<Say>');

      // The rep calling from Illinois (every party must consent): a Texas prospect is told too.
      expect((await config({ repPhone: '+13125550100' })).status).toBe(200);
      const tx2 = await dialled('Tia Ruiz', '(512) 555-0151', 'America/Chicago');
      expect(tx2).toMatchObject({ recorded: true, disclosed: true });

      expect((await config({ recording: 'one-party', repPhone: '+15125550100' })).status).toBe(200);
      const ca2 = await dialled('Cy Moss', '(415) 555-0150', 'America/Los_Angeles');
      expect(ca2).toMatchObject({ recorded: false, disclosed: false });
      expect(rig.twilio.whispers).toHaveLength(3);
      expect(rig.twilio.recordings.size).toBe(3);
    });

    it('a recording played is the message left: the rep cannot log it as anything else, a second play is refused, and it is never played to them again', async () => {
      await keepDrop();
      const id = await prospect('Noa Pike', '(212) 555-0152', {
        timezone: 'America/New_York',
        value: 90_000,
      });
      const callId = await dialToMachine(id, '+12125550152');
      const [first, second] = await Promise.all([
        api(`/telephony/calls/${callId}/drop`, { body: {} }),
        api(`/telephony/calls/${callId}/drop`, { body: {} }),
      ]);
      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const wrong = await api(`/telephony/calls/${callId}/log`, { body: { outcome: 'voicemail' } });
      expect(wrong.status).toBe(409);
      expect(wrong.body['detail']).toContain('it is logged as a message left');
      const word = await api(`/telephony/calls/${callId}/log`, {
        body: { outcome: 'voicemail-left', message: { kind: 'generic', text: 'something else' } },
      });
      expect(word.status, JSON.stringify(word.body)).toBe(201);
      await settle();
      const left = await rig.t.executeSql('select kind, text from voicemails');
      expect(left.rows).toEqual([{ kind: 'introduction', text: HONEST }]);
      expect(rig.twilio.played).toHaveLength(1);
    });

    it('a recording must name the business at its start and give a number to call back', async () => {
      const nameless = await keepDrop(
        'nameless',
        'Hi, we help finance teams close the month in three days instead of ten. Call me back at 312 555 0199.',
      );
      expect(nameless.status).toBe(400);
      expect(JSON.stringify(nameless.body)).toContain('business-not-named');
      const numberless = await keepDrop(
        'numberless',
        'Hi, this is Sam from Northwind. We help finance teams close the month in three days instead of ten.',
      );
      expect(numberless.status).toBe(400);
      expect(JSON.stringify(numberless.body)).toContain('no-callback-number');
    });

    it('a backup carries the recordings and restores them byte for byte', async () => {
      const kept = await keepDrop();
      let backup = '';
      for await (const chunk of backupLines(rig.t.db, new Date())) backup += chunk;
      const target = await freshDb(driver);
      try {
        await restoreBackup(target.db, Readable.from([backup]));
        const row = (
          await target.executeSql(`select audio from voicemail_drops where id = ${kept.body['id']}`)
        ).rows[0] as { audio: Uint8Array };
        expect(Buffer.from(row.audio).equals(audio)).toBe(true);
      } finally {
        await target.drop();
      }
    });
  },
);
