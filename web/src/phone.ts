import { useEffect, useSyncExternalStore } from 'react';
import { api, describeError } from './api.ts';

/**
 * The desk as the rep's phone, for a rep whose calls ring in the browser (`reachBy: browser`):
 * Twilio's Voice SDK registers a Device with an access token from Reach, and every call Reach
 * puts through to the rep (a dial from the card, a call in) rings here. A dial from this desk is
 * answered by itself; a call in waits for Answer.
 */

/** Where the desk loads Twilio's Voice SDK: copied beside the desk when it is built (web/vite.config.ts). */
const SDK_URL = '/vendor/twilio-voice.min.js';
/** How long a dial from this desk waits for its leg to ring here before it stops listening for it. */
const EXPECT_MS = 60_000;

/** The parts of the Voice SDK's Call the desk uses (its documented API). */
type SdkCall = {
  parameters: Record<string, string>;
  customParameters: Map<string, string>;
  accept: () => void;
  reject: () => void;
  disconnect: () => void;
  mute: (muted?: boolean) => void;
  isMuted: () => boolean;
  on: (event: string, listener: (...args: unknown[]) => void) => void;
};
/** The parts of the Voice SDK's Device the desk uses (its documented API). */
type SdkDevice = {
  register: () => Promise<void>;
  destroy: () => void;
  updateToken: (token: string) => void;
  on: (event: string, listener: (...args: never[]) => void) => void;
};
type Sdk = { Device: new (token: string, options?: Record<string, unknown>) => SdkDevice };

type Token = { identity: string; token: string; expiresAt: string };

/** A call ringing on the desk: the provider's leg, who calls, and Reach's call where it says. */
export type Offered = { sid: string; from: string; reachCall: number | null };

export type PhoneState = {
  status: 'off' | 'starting' | 'ready' | 'offline' | 'failed';
  /** In words, for the rep. */
  said: string;
  ringing: Offered[];
  /** The call the desk is on, and whether the rep's microphone is muted. */
  on: (Offered & { muted: boolean }) | null;
};

let state: PhoneState = { status: 'off', said: '', ringing: [], on: null };
const listeners = new Set<() => void>();
const set = (patch: Partial<PhoneState>) => {
  state = { ...state, ...patch };
  for (const hear of listeners) hear();
};

let device: SdkDevice | null = null;
/** Counts starts and stops: a start overtaken by a stop (the desk closed while it loaded) registers nothing. */
let generation = 0;
const calls = new Map<string, SdkCall>();
/** Legs of dials placed from this desk, answered as soon as they ring here. */
const expected = new Map<string, number>();

function loadSdk(): Promise<Sdk> {
  const loaded = (window as unknown as { Twilio?: Sdk }).Twilio;
  if (loaded?.Device) return Promise.resolve(loaded);
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = SDK_URL;
    script.onload = () => {
      const sdk = (window as unknown as { Twilio?: Sdk }).Twilio;
      if (sdk?.Device) resolve(sdk);
      else reject(new Error('the Voice SDK loaded without a Device'));
    };
    script.onerror = () => reject(new Error(`the Voice SDK could not be loaded from ${SDK_URL}`));
    document.head.append(script);
  });
}

const token = () => api<Token>('/telephony/phone-token', { method: 'POST' });

/** What went wrong, in words: the API's problem, or the SDK's error (an object with a message and code). */
function why(error: unknown): string {
  if (error instanceof Error) return describeError(error);
  const said = error as { message?: unknown; code?: unknown } | null;
  if (said && typeof said.message === 'string')
    return typeof said.code === 'number' ? `${said.message} (Twilio ${said.code})` : said.message;
  return String(error);
}

/** Registers the desk as the rep's phone; stops any phone started before. */
async function start(): Promise<void> {
  stop();
  const mine = generation;
  set({ status: 'starting', said: 'Starting the desk phone…' });
  try {
    const [sdk, first] = await Promise.all([loadSdk(), token()]);
    if (mine !== generation) return;
    const phone = new sdk.Device(first.token, { closeProtection: true, codecPreferences: ['opus', 'pcmu'] });
    device = phone;
    phone.on('registered', () => set({ status: 'ready', said: 'The desk phone is ready: calls ring here' }));
    phone.on('unregistered', () => set({ status: 'offline', said: 'The desk phone is offline' }));
    phone.on('error', (error: unknown) =>
      set({ status: 'failed', said: `The desk phone failed: ${why(error)}` }),
    );
    phone.on('tokenWillExpire', () => {
      token()
        .then((next) => phone.updateToken(next.token))
        .catch((error: unknown) => set({ status: 'failed', said: `The desk phone's token: ${why(error)}` }));
    });
    phone.on('incoming', (call: SdkCall) => offered(call));
    await phone.register();
  } catch (error) {
    if (mine === generation) set({ status: 'failed', said: `The desk phone is off: ${why(error)}` });
  }
}

function stop(): void {
  generation++;
  device?.destroy();
  device = null;
  calls.clear();
  set({ status: 'off', said: '', ringing: [], on: null });
}

function offered(call: SdkCall): void {
  const sid = call.parameters['CallSid'] ?? '';
  const reachCall = Number(call.customParameters.get('reachCall') ?? Number.NaN);
  const offer: Offered = {
    sid,
    from: call.parameters['From'] ?? '',
    reachCall: Number.isInteger(reachCall) ? reachCall : null,
  };
  calls.set(sid, call);
  const gone = () => {
    calls.delete(sid);
    set({
      ringing: state.ringing.filter((r) => r.sid !== sid),
      on: state.on?.sid === sid ? null : state.on,
    });
  };
  call.on('cancel', gone);
  call.on('reject', gone);
  call.on('disconnect', gone);
  call.on('error', gone);
  set({ ringing: [...state.ringing, offer] });
  if (expected.has(sid)) answer(sid);
}

/** Answers a call ringing on the desk (the microphone is asked for then). */
export function answer(sid: string): void {
  const call = calls.get(sid);
  const offer = state.ringing.find((r) => r.sid === sid);
  if (!call || !offer) return;
  expected.delete(sid);
  call.accept();
  set({ ringing: state.ringing.filter((r) => r.sid !== sid), on: { ...offer, muted: false } });
}

export function decline(sid: string): void {
  calls.get(sid)?.reject();
}

/** Ends the call the desk is on, from the desk (a call in; a dial's card hangs up through Reach). */
export function hangUpHere(): void {
  const on = state.on;
  if (on) calls.get(on.sid)?.disconnect();
}

/** Mutes or unmutes the rep's microphone on the call the desk is on. */
export function toggleMute(): void {
  const on = state.on;
  const call = on && calls.get(on.sid);
  if (!on || !call) return;
  call.mute(!call.isMuted());
  set({ on: { ...on, muted: call.isMuted() } });
}

/** A dial from this desk rings its rep's leg here: answered by itself when it rings. */
export function expectCall(sid: string): void {
  const now = Date.now();
  for (const [known, at] of expected) if (now - at > EXPECT_MS) expected.delete(known);
  expected.set(sid, now);
  if (state.ringing.some((r) => r.sid === sid)) answer(sid);
}

export const usePhone = (): PhoneState =>
  useSyncExternalStore(
    (hear) => {
      listeners.add(hear);
      return () => listeners.delete(hear);
    },
    () => state,
  );

/** Keeps the desk registered as the rep's phone while `wanted` (the rep takes calls in the browser). */
export function useDeskPhone(wanted: boolean): PhoneState {
  useEffect(() => {
    if (!wanted) return;
    void start();
    return stop;
  }, [wanted]);
  return usePhone();
}
