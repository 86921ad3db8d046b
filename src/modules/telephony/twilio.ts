import { request as plainRequest } from 'node:http';
import { request } from 'node:https';
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';
import { AppError } from '../../shared/errors.ts';
import type { Bridge, Inbound, Provider, ProviderAccount } from './provider.ts';

/** Twilio's REST API, unless the team points Reach at a stand-in (`twilioApiUrl`). */
export const TWILIO_API = 'https://api.twilio.com';
/** Twilio's Lookup API (line types), unless the team points Reach at a stand-in. */
export const TWILIO_LOOKUP = 'https://lookups.twilio.com';
/** Every progress event of the prospect's leg, so the desk follows the call. */
const PROGRESS = ['initiated', 'ringing', 'answered', 'completed'] as const;

/**
 * Twilio behind the provider port: its REST requests (Calls, form-encoded, basic auth with the
 * account SID and auth token), its TwiML (the `twilio` package's builders) and its webhook
 * signatures (the package's validator: HMAC-SHA1 of the URL and the sorted parameters).
 */
export const twilio: Provider = {
  name: 'twilio',

  verify: ({ account, signature, url, params }) =>
    signature !== undefined && signature !== '' && validateRequest(account.authToken, signature, url, params),

  placeCall: async ({ account, to, from, voiceUrl, statusUrl }) => {
    const body = new URLSearchParams({
      To: to,
      From: from,
      Url: voiceUrl,
      Method: 'POST',
      StatusCallback: statusUrl,
      StatusCallbackMethod: 'POST',
    });
    for (const event of PROGRESS) body.append('StatusCallbackEvent', event);
    const answer = await rest(account, { path: 'Calls.json', body });
    const sid = typeof answer['sid'] === 'string' ? answer['sid'] : null;
    if (!sid) throw new AppError('unavailable', 'Twilio accepted the call but gave it no sid');
    return { sid };
  },

  fetchCall: async ({ account, sid }) => {
    const answer = await rest(account, { path: `Calls/${encodeURIComponent(sid)}.json`, body: null });
    const text = (key: string): string | null =>
      typeof answer[key] === 'string' ? (answer[key] as string) : null;
    return {
      status: text('status'),
      duration: text('duration'),
      answeredBy: text('answered_by'),
      endTime: text('end_time'),
    };
  },

  childCalls: async ({ account, parentSid }) => {
    const answer = await rest(account, {
      path: `Calls.json?${new URLSearchParams({ ParentCallSid: parentSid, PageSize: '20' }).toString()}`,
      body: null,
    });
    const calls = Array.isArray(answer['calls']) ? (answer['calls'] as Record<string, unknown>[]) : [];
    const text = (call: Record<string, unknown>, key: string): string | null =>
      typeof call[key] === 'string' ? (call[key] as string) : null;
    return calls
      .filter((c) => typeof c['sid'] === 'string')
      .map((c) => ({
        sid: c['sid'] as string,
        to: text(c, 'to'),
        status: text(c, 'status'),
        duration: text(c, 'duration'),
        answeredBy: text(c, 'answered_by'),
        endTime: text(c, 'end_time'),
      }));
  },

  hangUp: async ({ account, sid }) => {
    await rest(account, {
      path: `Calls/${encodeURIComponent(sid)}.json`,
      body: new URLSearchParams({ Status: 'completed' }),
    });
  },

  play: async ({ account, sid, url }) => {
    const response = new VoiceResponse();
    response.play({}, url);
    response.hangup();
    await rest(account, {
      path: `Calls/${encodeURIComponent(sid)}.json`,
      body: new URLSearchParams({ Twiml: response.toString() }),
    });
  },

  lineType: async ({ account, e164 }) => {
    // A stand-in answers both APIs; Twilio's own (or a regional edge of it) has Lookup at its own address.
    const stand = account.apiUrl && !new URL(account.apiUrl).hostname.endsWith('twilio.com');
    const base = new URL(stand ? account.apiUrl! : TWILIO_LOOKUP);
    const url = new URL(`/v2/PhoneNumbers/${encodeURIComponent(e164)}`, base);
    url.searchParams.set('Fields', 'line_type_intelligence');
    const answer = await send(account, { url, body: null });
    const intel = answer['line_type_intelligence'];
    const type = intel && typeof intel === 'object' ? (intel as Record<string, unknown>)['type'] : undefined;
    return typeof type === 'string' && type !== '' ? type : null;
  },

  confirm: ({ announce, actionUrl }) => {
    const response = new VoiceResponse();
    const gather = response.gather({ numDigits: 1, timeout: 8, action: actionUrl, method: 'POST' });
    gather.say(`${announce} Press any key to connect.`);
    response.say('No key pressed: the call is cancelled.');
    response.hangup();
    return response.toString();
  },

  bridge: (input: Bridge) => {
    const response = new VoiceResponse();
    if (input.announce) response.say(input.announce);
    const dial = response.dial({ callerId: input.callerId, answerOnBridge: true });
    dial.number(
      {
        statusCallback: input.statusUrl,
        statusCallbackEvent: [...PROGRESS],
        statusCallbackMethod: 'POST',
        machineDetection: 'DetectMessageEnd',
        amdStatusCallback: input.amdUrl,
        amdStatusCallbackMethod: 'POST',
        ...(input.whisperUrl ? { url: input.whisperUrl, method: 'POST' as const } : {}),
      },
      input.to,
    );
    return response.toString();
  },

  inbound: (input: Inbound) => {
    const response = new VoiceResponse();
    if (input.ring.length === 0) {
      response.say(input.unavailable);
      response.hangup();
      return response.toString();
    }
    const dial = response.dial({ callerId: input.callerId });
    const progress = {
      statusCallback: input.statusUrl,
      statusCallbackEvent: [...PROGRESS],
      statusCallbackMethod: 'POST' as const,
    };
    for (const ring of input.ring) {
      if ('number' in ring) {
        dial.number(progress, ring.number);
        continue;
      }
      // A browser phone is told which of Reach's calls it is offered (the Voice SDK's customParameters).
      const client = dial.client(progress);
      client.identity(ring.client);
      client.parameter({ name: 'reachCall', value: String(input.callId) });
    }
    return response.toString();
  },

  whisper: (said: string | null) => {
    const response = new VoiceResponse();
    if (said) response.say(said);
    return response.toString();
  },

  startRecording: async ({ account, sid, statusUrl }) => {
    const body = new URLSearchParams({
      RecordingStatusCallback: statusUrl,
      RecordingStatusCallbackMethod: 'POST',
      RecordingStatusCallbackEvent: 'completed',
      RecordingChannels: 'dual',
    });
    await rest(account, { path: `Calls/${encodeURIComponent(sid)}/Recordings.json`, body });
  },

  refuse: (said: string) => {
    const response = new VoiceResponse();
    response.say(said);
    response.hangup();
    return response.toString();
  },
};

/** One request to the account's Calls API. */
function rest(
  account: ProviderAccount,
  input: { path: string; body: URLSearchParams | null },
): Promise<Record<string, unknown>> {
  const base = new URL(account.apiUrl ?? TWILIO_API);
  const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(account.accountSid)}/${input.path}`, base);
  return send(account, { url, body: input.body });
}

/** One REST request to Twilio, basic auth with the account; Twilio's own error message when it refuses. */
function send(
  account: ProviderAccount,
  input: { url: URL; body: URLSearchParams | null },
): Promise<Record<string, unknown>> {
  const { url } = input;
  const base = url;
  const payload = input.body?.toString() ?? '';
  const send = url.protocol === 'https:' ? request : plainRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: input.body ? 'POST' : 'GET',
        agent: false,
        timeout: 10_000,
        headers: {
          authorization: `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(payload),
          accept: 'application/json',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: Record<string, unknown> = {};
          try {
            json = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // Not JSON: reported below by status.
          }
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(json);
          const said = typeof json['message'] === 'string' ? json['message'] : `HTTP ${status}`;
          const code = json['code'] !== undefined ? ` (Twilio error ${String(json['code'])})` : '';
          reject(new AppError('unavailable', `Twilio refused the request: ${said}${code}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 10 s')));
    req.on('error', (error) =>
      reject(new AppError('unavailable', `Twilio could not be reached at ${base.origin}: ${error.message}`)),
    );
    req.end(payload);
  });
}
