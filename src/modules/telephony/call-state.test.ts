import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AMD_WAIT_SECONDS, type CallEvent, foldCall, selfLog } from './call-state.ts';

const HEARD = new Date('2026-12-04T15:00:00Z');
const stamp = (s: number) => new Date(Date.UTC(2026, 10, 10, 15, 0, s)).toUTCString().replace('GMT', '+0000');
// biome-ignore lint/complexity/useMaxParams: each reads as a callback: the leg, its status, the second, extra parameters
const status = (
  leg: 'rep' | 'prospect',
  callStatus: string,
  s: number,
  extra: Record<string, string> = {},
): CallEvent => ({
  kind: 'status',
  leg,
  params: {
    CallSid: leg === 'rep' ? 'CArep' : 'CAkid',
    CallStatus: callStatus,
    Timestamp: stamp(s),
    ...extra,
  },
  receivedAt: new Date(HEARD.getTime() + s * 1000),
});
const amd = (answeredBy: string, ms: number, s: number): CallEvent => ({
  kind: 'amd',
  leg: 'prospect',
  params: { CallSid: 'CAkid', AnsweredBy: answeredBy, MachineDetectionDuration: String(ms) },
  receivedAt: new Date(HEARD.getTime() + s * 1000),
});

/** A call to voicemail: the rep's leg, the prospect's rings 12 s, a greeting of 9 s, a message of 5 s. */
const machineCall: CallEvent[] = [
  status('rep', 'initiated', 0),
  status('rep', 'ringing', 0),
  status('rep', 'in-progress', 2),
  status('prospect', 'initiated', 3),
  status('prospect', 'ringing', 3),
  status('prospect', 'in-progress', 15),
  amd('machine_end_beep', 9000, 24),
  status('prospect', 'completed', 29, { CallDuration: '14' }),
  status('rep', 'completed', 30, { CallDuration: '30' }),
];

describe('a call folded from its callbacks', () => {
  it('reads ring time, talk time, the detection and the beep from a call to voicemail', () => {
    const facts = foldCall(machineCall);
    expect(facts).toMatchObject({
      state: 'ended',
      status: 'completed',
      answeredBy: 'machine_end_beep',
      ringSeconds: 12,
      durationSeconds: 14,
      prospectSid: 'CAkid',
    });
    expect(facts.beepAt?.toISOString()).toBe('2026-11-10T15:00:24.000Z');
    expect(selfLog(facts, HEARD)?.outcome).toBe('voicemail');
  });

  it('is the same whatever order and however often the callbacks come', () => {
    const expected = foldCall(machineCall);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(machineCall, { minLength: machineCall.length }),
        fc.array(fc.integer({ min: 0, max: machineCall.length - 1 }), { maxLength: 12 }),
        (shuffled, repeats) => {
          const delivered = [...shuffled, ...repeats.map((i) => machineCall[i]!)];
          expect(foldCall(delivered)).toEqual(expected);
        },
      ),
    );
  });

  it('says where a call stands as it moves: your phone, ringing, answered, a person, a machine, the beep', () => {
    const upTo = (n: number) => foldCall(machineCall.slice(0, n)).state;
    expect(foldCall([]).state).toBe('placing');
    expect(upTo(2)).toBe('calling-rep');
    expect(upTo(5)).toBe('ringing');
    expect(upTo(6)).toBe('answered');
    expect(upTo(7)).toBe('beep');
    expect(foldCall([...machineCall.slice(0, 6), amd('machine_start', 3000, 18)]).state).toBe('machine');
    expect(foldCall([...machineCall.slice(0, 6), amd('human', 2400, 17)]).state).toBe('person');
  });

  it("a detection that came after the end was logged as a person: an answered call waits for it by this server's clock", () => {
    // The provider stamps its callbacks with its own clock (here weeks back); the wait is for the word, as heard.
    const ended = foldCall(machineCall.filter((e) => e.kind !== 'amd'));
    expect(selfLog(ended, new Date(HEARD.getTime() + 30_000))).toBeNull();
    expect(selfLog(ended, new Date(HEARD.getTime() + (29 + AMD_WAIT_SECONDS) * 1000))?.outcome).toBe(
      'reached',
    );
  });

  it('logs what an unanswered call came to: no answer, busy, a number that does not exist', () => {
    const unanswered = (last: CallEvent) =>
      selfLog(foldCall([status('prospect', 'initiated', 0), status('prospect', 'ringing', 1), last]), HEARD);
    expect(unanswered(status('prospect', 'no-answer', 26, { CallDuration: '0' }))).toMatchObject({
      outcome: 'no-answer',
      note: 'Logged by the call: no answer after 25 s of ringing.',
    });
    expect(unanswered(status('prospect', 'busy', 2))?.outcome).toBe('busy');
    expect(unanswered(status('prospect', 'failed', 1, { SipResponseCode: '404' }))).toMatchObject({
      outcome: 'bad-number',
      carrierFailure: true,
    });
    expect(unanswered(status('prospect', 'failed', 1, { SipResponseCode: '486' }))?.outcome).toBe('busy');
    expect(unanswered(status('prospect', 'canceled', 9))?.outcome).toBe('no-answer');
  });

  it('a failure the far end did not explain marked numbers bad: it is no dial, and the number stays good', () => {
    const failed = (extra?: Record<string, string>) =>
      selfLog(foldCall([status('prospect', 'initiated', 0), status('prospect', 'failed', 1, extra)]), HEARD);
    // An account without funds, an unverified caller ID, a country not enabled: Twilio says failed, with no SIP answer.
    expect(failed()).toBeNull();
    expect(failed({ SipResponseCode: '503' })).toBeNull();
  });

  it('logs nothing while the prospect leg runs, and nothing for a call whose rep never answered', () => {
    expect(selfLog(foldCall(machineCall.slice(0, 7)), HEARD)).toBeNull();
    const repOnly = foldCall([status('rep', 'initiated', 0), status('rep', 'no-answer', 25)]);
    expect(repOnly.state).toBe('ended');
    expect(selfLog(repOnly, HEARD)).toBeNull();
  });

  it('a call in is ringing, then a person once put through, then ended', () => {
    const leg = [status('rep', 'initiated', 0), status('rep', 'ringing', 1)];
    expect(foldCall(leg, 'inbound').state).toBe('ringing');
    expect(foldCall([...leg, status('rep', 'in-progress', 5)], 'inbound').state).toBe('person');
    const ended = foldCall(
      [...leg, status('rep', 'in-progress', 5), status('rep', 'completed', 65, { CallDuration: '60' })],
      'inbound',
    );
    expect(ended).toMatchObject({ state: 'ended', durationSeconds: 60 });
  });
});
