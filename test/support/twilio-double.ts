import { createHmac, randomBytes } from 'node:crypto';
import { createServer, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Twilio's cloud, built from its documented REST requests and webhooks: it takes
 * `POST /2010-04-01/Accounts/{sid}/Calls.json` (basic auth, form-encoded To, From, Url,
 * StatusCallback, StatusCallbackEvent) and `POST …/Calls/{sid}.json` (Status=completed), rings
 * the rep, asks the Url for TwiML, follows its <Dial><Number> (statusCallback,
 * statusCallbackEvent, machineDetection, amdStatusCallback), and reports each leg's progress
 * and the answering-machine detection as Twilio does: form-encoded, signed with X-Twilio-Signature
 * (HMAC-SHA1 of the URL and the sorted parameters, base64, keyed by the auth token), and, when
 * asked, late, repeated and out of order. Only Twilio's network is pretended; nothing of Reach is.
 *
 * A `client:` address (a browser phone, Twilio's Voice SDK) rings the browser registered under
 * that identity: the double checks the access token as Twilio does (HS256 with an API key
 * secret of the account, issued by the key, for the account, unexpired, granting incoming
 * voice). A browser test's stand-in for the SDK registers over `/voice-sdk/` (events as a
 * server-sent stream; answer, decline and hang up as posts); a test without a browser says
 * how each identity answers in `browserPhones`.
 */

/** What the prospect's number does when dialled. */
export type Scenario = {
  answer: 'human' | 'machine' | 'no-answer' | 'busy' | 'failed' | 'fax';
  ringSeconds?: number;
  /** A machine's greeting, up to the beep. */
  greetingSeconds?: number;
  /** Talk (or message) time after the answer, or the beep. */
  talkSeconds?: number;
  /** For `failed`: the SIP answer (404: no such number). */
  sip?: number;
  /** The call stays up after the answer until Reach hangs up or `hangUp` is called. */
  holdUntilHangup?: boolean;
};

export type Delivery = {
  /** Extra copies of each callback (Twilio retries). */
  copies?: number;
  /** Delivers a call's callbacks in a random order. */
  shuffle?: boolean;
  /** Real milliseconds per second of call time (0: as fast as possible). */
  msPerSecond?: number;
  /** Callbacks lost on the way (never delivered), as a restart mid-call would lose them. */
  lose?: (params: Record<string, string>) => boolean;
};

export type Sent = { url: string; params: Record<string, string>; status: number };

/** A recording Reach had played on a leg: the address fetched, what it answered. */
export type Played = { sid: string; url: string; status: number; contentType: string; bytes: Buffer };

type Leg = { sid: string; parent: string | null; hangup: () => void; ended: boolean };

/** A call offered to a browser phone: the leg, to whom, what it carried, and what came of it. */
export type Offer = {
  identity: string;
  sid: string;
  parameters: Record<string, string>;
  customParameters: Record<string, string>;
  result: 'answered' | 'declined' | 'unanswered' | 'unregistered' | null;
};

/** A browser phone's access token as Twilio reads it; null when Twilio would refuse it. */
export function readAccessToken(
  token: string,
  input: { accountSid: string; apiKeys: Map<string, string>; now: number },
): { identity: string; incoming: boolean } | null {
  const [head, body, signature] = token.split('.');
  if (!head || !body || !signature) return null;
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as Record<string, unknown>;
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
  const secret = typeof claims['iss'] === 'string' ? input.apiKeys.get(claims['iss']) : undefined;
  if (header['alg'] !== 'HS256' || header['cty'] !== 'twilio-fpa;v=1' || secret === undefined) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
  if (expected !== signature || claims['sub'] !== input.accountSid) return null;
  if (typeof claims['exp'] !== 'number' || claims['exp'] * 1000 <= input.now) return null;
  const grants = (claims['grants'] ?? {}) as {
    identity?: unknown;
    voice?: { incoming?: { allow?: unknown } };
  };
  if (typeof grants.identity !== 'string') return null;
  return { identity: grants.identity, incoming: grants.voice?.incoming?.allow === true };
}

export type TwilioDouble = {
  url: string;
  accountSid: string;
  authToken: string;
  /** The REST requests received: path and form parameters. */
  requests: { path: string; params: URLSearchParams; auth: string | null }[];
  /** Every webhook delivered, with Reach's answer status. */
  sent: Sent[];
  /** The TwiML of each <Gather> the rep was asked to answer. */
  gathered: string[];
  /** What each prospect heard on answering before the call was put through (a <Number url>'s TwiML). */
  whispers: string[];
  /** The recordings Reach had played (a call updated with <Play> TwiML). */
  played: Played[];
  /** Each number's line type as Lookup answers it; a number not listed is `landline`. */
  lineTypes: Map<string, string | null>;
  /** Recordings started on a leg through the API (POST …/Calls/{sid}/Recordings.json), by the leg's sid. */
  recordings: Map<string, { statusUrl: string; channels: string; after: number; beforeWhisper: boolean }>;
  scenarios: Map<string, Scenario>;
  delivery: Delivery;
  /** The account's API keys (SK… → secret): a browser phone's token must be signed with one. */
  apiKeys: Map<string, string>;
  /** How a browser phone answers where no browser registered it (tests without a browser), by identity. */
  browserPhones: Map<string, 'answer' | 'decline'>;
  /** Every call offered to a browser phone. */
  offers: Offer[];
  /** Resolves when every call placed so far has delivered all its webhooks. */
  settled: () => Promise<void>;
  /** Ends a held call, as the rep's hanging up their phone would. */
  hangUp: (sid: string) => void;
  /** Signs and posts one webhook, as Twilio would. */
  post: (url: string, params: Record<string, string>, options?: { sign?: boolean }) => Promise<Sent>;
  /** A call to the team's number from `from`; resolves with the TwiML Reach answered. */
  callIn: (input: {
    url: string;
    from: string;
    to: string;
  }) => Promise<{ status: number; twiml: string; sid: string }>;
  close: () => Promise<void>;
};

/** A GET of a <Play> address, as Twilio's media fetcher makes it. */
function fetchAudio(url: string): Promise<Omit<Played, 'sid'>> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          url,
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          bytes: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', () => resolve({ url, status: 0, contentType: '', bytes: Buffer.alloc(0) }));
    req.end();
  });
}

/** Twilio's signature of a request: HMAC-SHA1 over the URL then each parameter's name and value, sorted by name. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((text, key) => text + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf8')).digest('base64');
}

const sidOf = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const rfc2822 = (at: Date) => at.toUTCString().replace('GMT', '+0000');

export async function startTwilioDouble(
  options: {
    authToken?: string;
    accountSid?: string;
    /** Twilio's clock, which tokens expire by: the server's, where a test runs that at another instant. */
    now?: () => number;
  } = {},
): Promise<TwilioDouble> {
  const accountSid = options.accountSid ?? `AC${'0123456789abcdef'.repeat(2)}`;
  const authToken = options.authToken ?? 'double-auth-token-0123456789';
  const requests: TwilioDouble['requests'] = [];
  const sent: Sent[] = [];
  const scenarios = new Map<string, Scenario>();
  const delivery: Delivery = { copies: 0, shuffle: false, msPerSecond: 0 };
  const running = new Set<Promise<void>>();
  const gathered: string[] = [];
  const whispers: string[] = [];
  const played: Played[] = [];
  const lineTypes = new Map<string, string | null>();
  const recordings: TwilioDouble['recordings'] = new Map();
  /** Legs whose <Number url> is being asked for its instructions right now. */
  const whisperingNow = new Set<string>();
  /** Each dialled leg's parent (the rep's call) and number. */
  const parents = new Map<string, { parent: string; to: string }>();
  const states = new Map<string, Record<string, string>>();
  const legs = new Map<string, Leg>();
  const apiKeys = new Map<string, string>();
  const browserPhones = new Map<string, 'answer' | 'decline'>();
  const offers: Offer[] = [];
  /** Browsers registered, by identity: each one's event stream. */
  const registered = new Map<string, Set<ServerResponse>>();
  /** Offers waiting for a browser's word, by leg. */
  const answering = new Map<string, (accepted: boolean) => void>();
  /** The identity each answered leg rings, to tell its browser when the leg ends. */
  const legOwner = new Map<string, string>();
  const tell = (identity: string, event: string, data: unknown) => {
    for (const stream of registered.get(identity) ?? [])
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  /** Seconds a browser phone rings before the offer lapses. */
  const BROWSER_RING_MS = 30_000;

  /** Rings the browser phones of these identities at once; the first to answer takes the call. */
  const offer = async (
    identities: string[],
    parameters: Record<string, string>,
    customParameters: Record<string, string> = {},
  ): Promise<string | null> => {
    const sid = parameters['CallSid'] ?? '';
    const entries = identities.map((identity) => {
      const entry: Offer = { identity, sid, parameters, customParameters, result: null };
      offers.push(entry);
      return entry;
    });
    for (const entry of entries) {
      const policy = browserPhones.get(entry.identity);
      if (policy) entry.result = policy === 'answer' ? 'answered' : 'declined';
      else if (!registered.get(entry.identity)?.size) entry.result = 'unregistered';
    }
    const ready = entries.find((e) => e.result === 'answered');
    const live = entries.filter((e) => e.result === null);
    if (ready || live.length === 0) {
      if (ready) legOwner.set(sid, ready.identity);
      return ready?.identity ?? null;
    }
    for (const entry of live) tell(entry.identity, 'incoming', { parameters, customParameters });
    const taken = await new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), BROWSER_RING_MS);
      let declined = 0;
      answering.set(sid, (accepted) => {
        if (!accepted && ++declined < live.length) return;
        clearTimeout(timer);
        resolve(accepted ? 'taken' : null);
      });
    });
    answering.delete(sid);
    // The identity that answered is the one whose browser posted it (recorded by the answer route).
    const answered = taken ? (legOwner.get(sid) ?? null) : null;
    for (const entry of live) {
      entry.result =
        entry.identity === answered ? 'answered' : entry.result === 'declined' ? 'declined' : 'unanswered';
      if (entry.identity !== answered) tell(entry.identity, 'cancel', { CallSid: sid });
    }
    return answered;
  };
  /** The browser (if any) on a leg hears that it ended. */
  const ended = (sid: string) => {
    const identity = legOwner.get(sid);
    if (identity) tell(identity, 'disconnect', { CallSid: sid });
    legOwner.delete(sid);
  };

  const post = (
    url: string,
    params: Record<string, string>,
    opts: { sign?: boolean } = {},
  ): Promise<Sent> => {
    const body = new URLSearchParams(params).toString();
    const headers: Record<string, string | number> = {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'user-agent': 'TwilioProxy/1.1',
    };
    if (opts.sign !== false) headers['x-twilio-signature'] = twilioSignature(authToken, url, params);
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const answer = {
            url,
            params,
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
          };
          sent.push({ url, params, status: answer.status });
          resolve(Object.assign(answer));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  };
  const postText = (url: string, params: Record<string, string>) =>
    post(url, params) as Promise<Sent & { text: string }>;

  const wait = (seconds: number) =>
    (delivery.msPerSecond ?? 0) > 0
      ? new Promise((r) => setTimeout(r, seconds * (delivery.msPerSecond ?? 0)))
      : Promise.resolve();

  /** Delivers a batch of callbacks as the delivery settings say: copies, order. */
  const deliver = async (batch: { url: string; params: Record<string, string> }[]) => {
    // What the API answers for each leg follows every callback, delivered or lost.
    for (const { params } of batch) {
      const known = states.get(params['CallSid'] ?? '') ?? {};
      states.set(params['CallSid'] ?? '', {
        ...known,
        ...(params['CallStatus'] ? { status: params['CallStatus'] } : {}),
        ...(params['CallDuration'] ? { duration: params['CallDuration'] } : {}),
        ...(params['AnsweredBy'] ? { answered_by: params['AnsweredBy'] } : {}),
        ...(params['Timestamp'] ? { end_time: params['Timestamp'] } : {}),
      });
    }
    let all = batch
      .filter((b) => !delivery.lose?.(b.params))
      .flatMap((b) => Array.from({ length: 1 + (delivery.copies ?? 0) }, () => b));
    if (delivery.shuffle)
      all = all
        .map((b) => ({ b, k: Math.random() }))
        .sort((x, y) => x.k - y.k)
        .map((x) => x.b);
    for (const b of all) await post(b.url, b.params);
  };

  /** Plays one call: the rep's leg, Reach's TwiML, the prospect's leg, the detection. */
  const play = async (input: { repSid: string; form: URLSearchParams }) => {
    const { repSid, form } = input;
    const start = new Date();
    const t = (s: number) => rfc2822(new Date(start.getTime() + s * 1000));
    const events = form.getAll('StatusCallbackEvent');
    const statusUrl = form.get('StatusCallback');
    const base = { AccountSid: accountSid, ApiVersion: '2010-04-01', Direction: 'outbound-api' };
    let repSeq = 0;
    const repParams = (status: string, s: number, extra: Record<string, string> = {}) => ({
      ...base,
      CallSid: repSid,
      CallStatus: status,
      From: form.get('From') ?? '',
      To: form.get('To') ?? '',
      Timestamp: t(s),
      SequenceNumber: String(repSeq++),
      CallbackSource: 'call-progress-events',
      ...extra,
    });
    const repBatch: { url: string; params: Record<string, string> }[] = [];
    // A `client:` address rings that identity's browser phone, which answers (or not) in its own time.
    const client = /^client:(.+)$/.exec(form.get('To') ?? '')?.[1] ?? null;
    if (statusUrl) {
      if (events.includes('initiated')) repBatch.push({ url: statusUrl, params: repParams('initiated', 0) });
      if (events.includes('ringing')) repBatch.push({ url: statusUrl, params: repParams('ringing', 0) });
    }
    await deliver(repBatch.splice(0));
    if (client) {
      const repLegOf: Leg = { sid: repSid, parent: null, hangup: () => undefined, ended: false };
      legs.set(repSid, repLegOf);
      const taken = await offer([client], {
        CallSid: repSid,
        AccountSid: accountSid,
        From: form.get('From') ?? '',
        To: form.get('To') ?? '',
      });
      if (!taken) {
        repLegOf.ended = true;
        if (statusUrl)
          await deliver([{ url: statusUrl, params: repParams('no-answer', 30, { CallDuration: '0' }) }]);
        return;
      }
    }
    if (statusUrl && events.includes('answered'))
      await deliver([{ url: statusUrl, params: repParams('in-progress', 2) }]);
    // The rep answered: Twilio asks the Url what to do; a <Gather> is answered with a key, as the rep would.
    let voice = await postText(form.get('Url') ?? '', {
      ...repParams('in-progress', 2),
      SequenceNumber: '2',
    });
    const gather = /<Gather[^>]*action="([^"]*)"/.exec(voice.text);
    if (gather) {
      gathered.push(voice.text);
      voice = await postText(gather[1]!.replace(/&amp;/g, '&'), {
        ...repParams('in-progress', 3),
        SequenceNumber: '2',
        Digits: '1',
      });
    }
    const dial = /<Dial([^>]*)>([\s\S]*?)<\/Dial>/.exec(voice.text);
    const numberTag = dial ? /<Number([^>]*)>([^<]+)<\/Number>/.exec(dial[2]!) : null;
    let repEnd = 3;
    const repLeg: Leg = legs.get(repSid) ?? {
      sid: repSid,
      parent: null,
      hangup: () => undefined,
      ended: false,
    };
    legs.set(repSid, repLeg);
    if (numberTag) {
      const attr = (name: string) =>
        new RegExp(`${name}="([^"]*)"`).exec(numberTag[1]!)?.[1]?.replace(/&amp;/g, '&');
      const to = numberTag[2]!.trim();
      const scenario = scenarios.get(to) ?? { answer: 'no-answer' };
      const childSid = sidOf('CA');
      parents.set(childSid, { parent: repSid, to });
      const childStatus = attr('statusCallback');
      const childEvents = (attr('statusCallbackEvent') ?? 'completed').split(' ');
      const amdUrl = attr('amdStatusCallback');
      let childSeq = 0;
      const child = (status: string, s: number, extra: Record<string, string> = {}) => ({
        ...base,
        Direction: 'outbound-dial',
        CallSid: childSid,
        ParentCallSid: repSid,
        CallStatus: status,
        From: /callerId="([^"]*)"/.exec(dial![1]!)?.[1] ?? '',
        To: to,
        Timestamp: t(s),
        SequenceNumber: String(childSeq++),
        CallbackSource: 'call-progress-events',
        ...extra,
      });
      const ring = scenario.ringSeconds ?? 8;
      const batch: { url: string; params: Record<string, string> }[] = [];
      const push = (status: string, s: number, extra?: Record<string, string>) => {
        const event = status === 'in-progress' ? 'answered' : status;
        if (
          childStatus &&
          (childEvents.includes(event) || ['completed', 'busy', 'no-answer', 'failed'].includes(status))
        )
          batch.push({ url: childStatus, params: child(status, s, extra) });
      };
      push('initiated', 3);
      if (scenario.answer !== 'failed') push('ringing', 3);
      let end = 3 + ring;
      if (scenario.answer === 'busy') push('busy', 4, { CallDuration: '0' });
      else if (scenario.answer === 'failed')
        push('failed', 4, { CallDuration: '0', SipResponseCode: String(scenario.sip ?? 404) });
      else if (scenario.answer === 'no-answer') push('no-answer', end, { CallDuration: '0' });
      else {
        const answeredAt = 3 + ring;
        push('in-progress', answeredAt);
        await deliver(batch.splice(0));
        const leg: Leg = { sid: childSid, parent: repSid, hangup: () => undefined, ended: false };
        legs.set(childSid, leg);
        // The <Number url>: what the answering party hears before the call is put through.
        const whisperUrl = attr('url');
        if (whisperUrl) {
          whisperingNow.add(childSid);
          whispers.push((await postText(whisperUrl, child('in-progress', answeredAt))).text);
          whisperingNow.delete(childSid);
        }
        const greeting = scenario.greetingSeconds ?? 0;
        const machine = scenario.answer === 'machine';
        const answeredBy = scenario.answer === 'fax' ? 'fax' : machine ? 'machine_end_beep' : 'human';
        const detection = machine ? greeting : 2.5;
        await wait(ring + detection);
        if (amdUrl)
          await deliver([
            {
              url: amdUrl,
              params: {
                AccountSid: accountSid,
                CallSid: childSid,
                AnsweredBy: answeredBy,
                MachineDetectionDuration: String(Math.round(detection * 1000)),
              },
            },
          ]);
        let talk = scenario.talkSeconds ?? 20;
        if (scenario.holdUntilHangup) {
          const from = Date.now();
          await new Promise<void>((resolve) => {
            leg.hangup = resolve;
            repLeg.hangup = resolve;
          });
          talk = Math.max(1, Math.round((Date.now() - from) / 1000));
        } else await wait(talk);
        leg.ended = true;
        end = answeredAt + detection + talk;
        push('completed', end, { CallDuration: String(Math.round(end - answeredAt)) });
        // A recording started on the leg (POST …/Calls/{sid}/Recordings.json): reported once the call is over.
        const recording = recordings.get(childSid);
        if (recording?.statusUrl) {
          const recordingSid = sidOf('RE');
          batch.push({
            url: recording.statusUrl,
            params: {
              AccountSid: accountSid,
              CallSid: childSid,
              RecordingSid: recordingSid,
              RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Recordings/${recordingSid}`,
              RecordingStatus: 'completed',
              RecordingDuration: String(Math.max(0, Math.round(end - answeredAt - recording.after))),
              RecordingChannels: recording.channels === 'dual' ? '2' : '1',
              RecordingSource: 'StartCallRecordingAPI',
            },
          });
        }
      }
      await deliver(batch);
      repEnd = end + 1;
    }
    if (statusUrl)
      await deliver([
        {
          url: statusUrl,
          params: repParams('completed', repEnd, { CallDuration: String(Math.round(repEnd)) }),
        },
      ]);
    repLeg.ended = true;
    ended(repSid);
  };

  /**
   * What a browser's Voice SDK says to Twilio, as the stand-in for the SDK says it: register (an
   * event stream of calls offered, cancelled and ended), answer or decline, hang up. Every request
   * carries the access token; one Twilio would refuse is answered 401 with Twilio's error 20101.
   */
  const browserPhone = (
    input: { method: string; url: string; form: URLSearchParams },
    res: ServerResponse,
  ) => {
    const { method, url, form } = input;
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'content-type',
      'access-control-allow-methods': 'GET, POST',
    };
    if (method === 'OPTIONS') {
      res.writeHead(204, cors);
      return res.end();
    }
    const address = new URL(url, 'http://x');
    const token = address.searchParams.get('token') ?? form.get('token') ?? '';
    const who = readAccessToken(token, { accountSid, apiKeys, now: (options.now ?? Date.now)() });
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { ...cors, 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (!who?.incoming) return json(401, { code: 20101, message: 'Invalid Access Token', status: 401 });
    if (address.pathname === '/voice-sdk/events' && method === 'GET') {
      res.writeHead(200, { ...cors, 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const streams = registered.get(who.identity) ?? new Set<ServerResponse>();
      registered.set(who.identity, streams);
      streams.add(res);
      res.write(`event: registered\ndata: ${JSON.stringify({ identity: who.identity })}\n\n`);
      res.on('close', () => streams.delete(res));
      return;
    }
    const sid = form.get('CallSid') ?? '';
    const pending = offers.find((o) => o.sid === sid && o.identity === who.identity && o.result === null);
    if (address.pathname === '/voice-sdk/answer' && method === 'POST') {
      if (!pending || !answering.has(sid)) return json(404, { code: 31404, message: 'No such call ringing' });
      const accept = form.get('accept') === 'true';
      if (accept) legOwner.set(sid, who.identity);
      else pending.result = 'declined';
      answering.get(sid)!(accept);
      return json(200, { CallSid: sid, accepted: accept });
    }
    if (address.pathname === '/voice-sdk/hangup' && method === 'POST') {
      if (legOwner.get(sid) !== who.identity) return json(404, { code: 31404, message: 'Not on that call' });
      legs.get(sid)?.hangup();
      return json(200, { CallSid: sid });
    }
    json(404, { code: 20404, message: 'The requested resource was not found' });
  };

  /**
   * A call in answered with <Dial><Client>: each browser phone named rings at once with its
   * <Parameter>s; the one that answers is on the call until its browser (or `hangUp`) ends it,
   * and the <Client>'s statusCallback hears the leg's progress.
   */
  const followClients = async (input: { twiml: string; parent: string; from: string }) => {
    const clients = [...input.twiml.matchAll(/<Client([^>]*)>([\s\S]*?)<\/Client>/g)];
    if (clients.length === 0) return;
    const attr = (tag: string, name: string) =>
      new RegExp(`${name}="([^"]*)"`).exec(tag)?.[1]?.replace(/&amp;/g, '&');
    const identities = clients.map((c) => /<Identity>([^<]+)<\/Identity>/.exec(c[2]!)?.[1] ?? '');
    const custom = Object.fromEntries(
      [...(clients[0]![2] ?? '').matchAll(/<Parameter name="([^"]*)" value="([^"]*)"\/>/g)].map((m) => [
        m[1]!,
        m[2]!,
      ]),
    );
    const childSid = sidOf('CA');
    const statusUrl = attr(clients[0]![1]!, 'statusCallback');
    const params = (status: string, extra: Record<string, string> = {}) => ({
      AccountSid: accountSid,
      CallSid: childSid,
      ParentCallSid: input.parent,
      CallStatus: status,
      Direction: 'outbound-dial',
      From: input.from,
      To: `client:${identities[0]}`,
      Timestamp: rfc2822(new Date()),
      ...extra,
    });
    if (statusUrl) await deliver([{ url: statusUrl, params: params('ringing') }]);
    const leg: Leg = { sid: childSid, parent: input.parent, hangup: () => undefined, ended: false };
    legs.set(childSid, leg);
    const taken = await offer(
      identities,
      { CallSid: childSid, AccountSid: accountSid, From: input.from, To: `client:${identities[0]}` },
      custom,
    );
    if (!taken) {
      leg.ended = true;
      if (statusUrl) await deliver([{ url: statusUrl, params: params('no-answer', { CallDuration: '0' }) }]);
      return;
    }
    const from = Date.now();
    if (statusUrl) await deliver([{ url: statusUrl, params: params('in-progress') }]);
    // A test's own answer (no browser) hangs up at once; a browser stays on until it hangs up.
    if (!browserPhones.has(taken)) await new Promise<void>((resolve) => (leg.hangup = resolve));
    leg.ended = true;
    ended(childSid);
    const talk = String(Math.max(1, Math.round((Date.now() - from) / 1000)));
    if (statusUrl) await deliver([{ url: statusUrl, params: params('completed', { CallDuration: talk }) }]);
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const path = (req.url ?? '').split('?')[0]!;
      const auth = req.headers.authorization ?? null;
      requests.push({ path, params: form, auth });
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (path.startsWith('/voice-sdk/'))
        return browserPhone({ method: req.method ?? 'GET', url: req.url ?? '', form }, res);
      const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
      if (auth !== expected)
        return json(401, {
          code: 20003,
          message: 'Authenticate',
          more_info: 'https://www.twilio.com/docs/errors/20003',
          status: 401,
        });
      const create = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\.json$/.exec(path);
      const record = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\/Recordings\.json$/.exec(path);
      if (record && req.method === 'POST') {
        const leg = legs.get(record[2]!);
        if (!leg || leg.ended)
          return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
        recordings.set(record[2]!, {
          statusUrl: form.get('RecordingStatusCallback') ?? '',
          channels: form.get('RecordingChannels') ?? 'mono',
          after: 0,
          // Started while the leg's whisper was being fetched: what the whisper says is on the recording, first.
          beforeWhisper: whisperingNow.has(record[2]!),
        });
        return json(201, { sid: sidOf('RE'), call_sid: record[2], status: 'in-progress', channels: 2 });
      }
      const update = /^\/2010-04-01\/Accounts\/([^/]+)\/Calls\/([^/]+)\.json$/.exec(path);
      if (create && req.method === 'GET') {
        // Calls.json?ParentCallSid=…: the legs a call dialled, as the API has them now.
        const parent = new URL(req.url ?? '', 'http://x').searchParams.get('ParentCallSid');
        const calls = [...parents.entries()]
          .filter(([, p]) => parent === null || p.parent === parent)
          .map(([sid, p]) => {
            const state = states.get(sid) ?? {};
            return {
              sid,
              parent_call_sid: p.parent,
              to: p.to,
              status: state['status'] ?? 'queued',
              duration: state['duration'] ?? null,
              answered_by: state['answered_by'] ?? null,
              end_time: state['end_time'] ?? null,
            };
          });
        return json(200, { calls, page: 0, page_size: 20, first_page_uri: path, next_page_uri: null });
      }
      if (create && req.method === 'POST') {
        if (create[1] !== accountSid)
          return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
        for (const required of ['To', 'From', 'Url'])
          if (!form.get(required))
            return json(400, { code: 21201, message: `Missing required parameter ${required}`, status: 400 });
        const sid = sidOf('CA');
        const playing = play({ repSid: sid, form }).catch(() => undefined);
        running.add(playing);
        void playing.finally(() => running.delete(playing));
        return json(201, {
          sid,
          account_sid: accountSid,
          to: form.get('To'),
          from: form.get('From'),
          status: 'queued',
          direction: 'outbound-api',
          api_version: '2010-04-01',
          uri: `/2010-04-01/Accounts/${accountSid}/Calls/${sid}.json`,
        });
      }
      if (update && req.method === 'GET') {
        const state = states.get(update[2]!);
        if (!state)
          return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
        return json(200, {
          sid: update[2],
          status: state['status'] ?? 'queued',
          duration: state['duration'] ?? null,
          answered_by: state['answered_by'] ?? null,
          end_time: state['end_time'] ?? null,
        });
      }
      if (update && req.method === 'POST') {
        const leg = legs.get(update[2]!);
        if (!leg)
          return json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
        if (form.get('Status') === 'completed') leg.hangup();
        const twiml = form.get('Twiml');
        if (twiml) {
          // New instructions for the leg: a <Play> is fetched and played, then the leg hangs up.
          const play = /<Play[^>]*>([^<]+)<\/Play>/.exec(twiml);
          if (play)
            void fetchAudio(play[1]!.replace(/&amp;/g, '&')).then(async (got) => {
              played.push({ sid: leg.sid, ...got });
              // The message plays to its end, then the leg hangs up (a WAV's length from its header).
              const rate =
                got.bytes.length > 44 && got.bytes.toString('ascii', 8, 12) === 'WAVE'
                  ? got.bytes.readUInt32LE(28)
                  : 0;
              if (rate > 0) await wait((got.bytes.length - 44) / rate);
              if (/<Hangup\s*\/>/.test(twiml)) leg.hangup();
            });
          else if (/<Hangup\s*\/>/.test(twiml)) leg.hangup();
        }
        return json(200, { sid: leg.sid, status: leg.ended ? 'completed' : 'in-progress' });
      }
      const lookup = /^\/v2\/PhoneNumbers\/([^/]+)$/.exec(path);
      if (lookup && req.method === 'GET') {
        const e164 = decodeURIComponent(lookup[1]!);
        const fields = new URL(req.url ?? '', 'http://x').searchParams.get('Fields') ?? '';
        const type = lineTypes.has(e164) ? lineTypes.get(e164)! : 'landline';
        return json(200, {
          calling_country_code: '1',
          country_code: 'US',
          phone_number: e164,
          national_format: e164,
          valid: true,
          line_type_intelligence: fields.includes('line_type_intelligence')
            ? {
                carrier_name: type === null ? null : 'Double Telecom',
                error_code: type === null ? 60600 : null,
                mobile_country_code: null,
                mobile_network_code: null,
                type,
              }
            : null,
          url: `https://lookups.twilio.com/v2/PhoneNumbers/${e164}`,
        });
      }
      json(404, { code: 20404, message: 'The requested resource was not found', status: 404 });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    accountSid,
    authToken,
    requests,
    sent,
    gathered,
    whispers,
    played,
    lineTypes,
    recordings,
    scenarios,
    delivery,
    apiKeys,
    browserPhones,
    offers,
    settled: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
    hangUp: (sid) => legs.get(sid)?.hangup(),
    post: (url, params, opts) => post(url, params, opts),
    callIn: async ({ url, from, to }) => {
      const sid = sidOf('CA');
      const answer = await postText(url, {
        AccountSid: accountSid,
        ApiVersion: '2010-04-01',
        CallSid: sid,
        CallStatus: 'ringing',
        Direction: 'inbound',
        From: from,
        To: to,
        Caller: from,
        Called: to,
      });
      const following = followClients({ twiml: answer.text, parent: sid, from }).catch(() => undefined);
      running.add(following);
      void following.finally(() => running.delete(following));
      return { status: answer.status, twiml: answer.text, sid };
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const leg of legs.values()) leg.hangup();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
