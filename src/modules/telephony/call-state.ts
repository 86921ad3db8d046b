import type { callStates } from '../../contracts/telephony.contract.ts';
import type { Outcome } from '../../contracts/vocabulary.ts';

/**
 * A call's state, folded from what its provider said about it in any order and any number of
 * times: the same events give the same state, so a late, repeated or shuffled callback changes
 * nothing it should not. Pure: the processor (call-processor.ts) feeds it and writes its answer.
 */

/** One webhook as stored: which leg it speaks of, its parameters, and when it came. */
export type CallEvent = {
  kind: 'status' | 'amd' | 'recording' | 'transcription';
  /** `rep` for the rep's own phone, rung first; `prospect` for the leg to the prospect. */
  leg: 'rep' | 'prospect';
  params: Record<string, string>;
  receivedAt: Date;
};

/** Twilio's call statuses, by how far a call got (`completed` and the failures end it). */
const STATUS_RANK: Record<string, number> = {
  queued: 0,
  initiated: 1,
  ringing: 2,
  'in-progress': 3,
  answered: 3,
  completed: 4,
  busy: 4,
  'no-answer': 4,
  failed: 4,
  canceled: 4,
};
const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

/** SIP answers that say the number does not exist: one such failure invalidates it (the bad-number rule). */
const UNALLOCATED_SIP = new Set([404, 410, 484, 604]);
/** SIP answers that say the line was busy, or that it rang out or was not taken. */
const BUSY_SIP = new Set([486, 600]);
const UNANSWERED_SIP = new Set([408, 480, 487, 603]);

/** The answering-machine detection's word, as Twilio's `AnsweredBy` gives it. */
export const ANSWERED_BY = [
  'human',
  'machine_start',
  'machine_end_beep',
  'machine_end_silence',
  'machine_end_other',
  'fax',
  'unknown',
] as const;
export type AnsweredBy = (typeof ANSWERED_BY)[number];

/** Where a call stands, as the desk shows it (the contract's list). */
export type CallState = (typeof callStates)[number];

/** How long an answered call waits for the machine detection's word before it is logged without it. */
export const AMD_WAIT_SECONDS = 60;

export type CallFacts = {
  state: CallState;
  /** The prospect leg's furthest status, and the rep leg's. */
  status: string | null;
  repStatus: string | null;
  answeredBy: AnsweredBy | null;
  prospectSid: string | null;
  ringingAt: Date | null;
  answeredAt: Date | null;
  /** When the greeting ended (the beep, or the silence after a message): the moment to speak or hang up. */
  beepAt: Date | null;
  endedAt: Date | null;
  /** When Reach heard of the end (the provider's clock may differ from this one). */
  endHeardAt: Date | null;
  /** The prospect leg's talk time, as the provider measured it. */
  durationSeconds: number | null;
  /** How long the prospect's phone rang before it was answered or given up on. */
  ringSeconds: number | null;
  sipCode: number | null;
  recordingUrl: string | null;
  greeting: string | null;
};

const when = (event: CallEvent): Date => {
  const stamped = event.params['Timestamp'];
  const parsed = stamped ? Date.parse(stamped) : Number.NaN;
  return Number.isNaN(parsed) ? event.receivedAt : new Date(parsed);
};
const number = (text: string | undefined): number | null => {
  if (text === undefined || text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};
const isAnsweredBy = (text: string | undefined): text is AnsweredBy =>
  text !== undefined && (ANSWERED_BY as readonly string[]).includes(text);

/** The earliest instant a status was reported at, whatever order the reports came in. */
function firstAt(events: CallEvent[], statuses: string[]): Date | null {
  let first: Date | null = null;
  for (const e of events)
    if (e.kind === 'status' && statuses.includes(e.params['CallStatus'] ?? '')) {
      const at = when(e);
      if (first === null || at < first) first = at;
    }
  return first;
}

function furthest(events: CallEvent[]): string | null {
  let best: string | null = null;
  for (const e of events) {
    if (e.kind !== 'status') continue;
    const status = e.params['CallStatus'] ?? '';
    if (!(status in STATUS_RANK)) continue;
    // Of two endings (never sent for one leg), the first in the order of the table wins, the same every time.
    if (best === null || STATUS_RANK[status]! > STATUS_RANK[best]!) best = status;
  }
  return best;
}

const machine = (by: AnsweredBy | null): boolean => by?.startsWith('machine') === true;
const greetingEnded = (by: AnsweredBy | null): boolean =>
  by === 'machine_end_beep' || by === 'machine_end_silence' || by === 'machine_end_other';

/**
 * Folds every event of a call, in any order, into its facts. A call in has one conversation: the
 * caller's, put through to the rep, whichever leg reports it.
 */
export function foldCall(events: CallEvent[], direction: 'outbound' | 'inbound' = 'outbound'): CallFacts {
  if (direction === 'inbound') {
    const facts = foldCall(events.map((e) => ({ ...e, leg: 'prospect' as const })));
    const state: CallState =
      facts.state === 'ended' ? 'ended' : facts.answeredAt !== null ? 'person' : 'ringing';
    return { ...facts, state, prospectSid: null };
  }
  const rep = events.filter((e) => e.leg === 'rep');
  const prospect = events.filter((e) => e.leg === 'prospect');
  const status = furthest(prospect);
  const repStatus = furthest(rep);
  // The detection's last word: a message's end follows its start, and is what the desk acts on.
  const amd = prospect
    .filter((e) => e.kind === 'amd' && isAnsweredBy(e.params['AnsweredBy']))
    .sort((a, b) => amdRank(a.params['AnsweredBy']!) - amdRank(b.params['AnsweredBy']!));
  const last = amd.at(-1);
  const answeredBy = last ? (last.params['AnsweredBy'] as AnsweredBy) : null;
  const ringingAt = firstAt(prospect, ['ringing']);
  const answeredAt = firstAt(prospect, ['in-progress', 'answered']);
  const ended = prospect.find((e) => e.kind === 'status' && ENDED.has(e.params['CallStatus'] ?? ''));
  const endedAt = ended ? when(ended) : null;
  const duration = ended ? number(ended.params['CallDuration']) : null;
  const beep = greetingEnded(answeredBy) && last ? beepInstant(last, answeredAt) : null;
  const ringFrom = ringingAt ?? firstAt(prospect, ['initiated']);
  const ringTo = answeredAt ?? endedAt;
  const sip = prospect.map((e) => number(e.params['SipResponseCode'])).find((c) => c !== null) ?? null;
  const recording = events.find((e) => e.kind === 'recording' && e.params['RecordingUrl']);
  const transcript = events.find((e) => e.kind === 'transcription' && e.params['TranscriptionText']);
  return {
    state: stateOf({ status, repStatus, answeredBy, anyProspect: prospect.length > 0 }),
    status,
    repStatus,
    answeredBy,
    prospectSid: prospect.find((e) => e.params['CallSid'])?.params['CallSid'] ?? null,
    ringingAt,
    answeredAt,
    beepAt: beep,
    endedAt,
    endHeardAt: ended?.receivedAt ?? null,
    durationSeconds: duration,
    ringSeconds:
      ringFrom && ringTo ? Math.max(0, Math.round((ringTo.getTime() - ringFrom.getTime()) / 1000)) : null,
    sipCode: sip,
    recordingUrl: recording?.params['RecordingUrl'] ?? null,
    greeting: transcript?.params['TranscriptionText'] ?? null,
  };
}

const amdRank = (by: string): number => (by.startsWith('machine_end') ? 2 : by === 'machine_start' ? 1 : 0);

/** The beep: when the answer began plus how long the detection listened, else when its word came. */
function beepInstant(event: CallEvent, answeredAt: Date | null): Date {
  const listened = number(event.params['MachineDetectionDuration']);
  return answeredAt && listened !== null ? new Date(answeredAt.getTime() + listened) : event.receivedAt;
}

function stateOf(input: {
  status: string | null;
  repStatus: string | null;
  answeredBy: AnsweredBy | null;
  anyProspect: boolean;
}): CallState {
  const { status, repStatus, answeredBy } = input;
  if (status && ENDED.has(status)) return 'ended';
  if (!input.anyProspect) {
    if (repStatus && ENDED.has(repStatus)) return 'ended';
    return repStatus === null || repStatus === 'queued' ? 'placing' : 'calling-rep';
  }
  if (greetingEnded(answeredBy)) return 'beep';
  if (machine(answeredBy) || answeredBy === 'fax') return 'machine';
  if (answeredBy === 'human') return 'person';
  if (status === 'in-progress' || status === 'answered') return 'answered';
  if (status === 'ringing') return 'ringing';
  return 'dialling';
}

/** What a call logs itself as, once it can: the outcome, and what the log says of it. */
export type SelfLog = {
  outcome: Outcome;
  carrierFailure: boolean;
  note: string;
};

/**
 * What the call comes to, or null while it cannot say: the prospect's leg has not ended, or it
 * was answered and the machine detection has not spoken (for `AMD_WAIT_SECONDS` after the end).
 * A call whose prospect leg never started (the rep's phone did not answer) is no dial.
 */
export function selfLog(facts: CallFacts, now: Date): SelfLog | null {
  const { status } = facts;
  if (status === null || !ENDED.has(status)) return null;
  const rang = facts.ringSeconds !== null ? ` after ${facts.ringSeconds} s of ringing` : '';
  switch (status) {
    case 'busy':
      return { outcome: 'busy', carrierFailure: false, note: 'Logged by the call: busy.' };
    case 'no-answer':
    case 'canceled':
      return {
        outcome: 'no-answer',
        carrierFailure: false,
        note: `Logged by the call: no answer${rang}${status === 'canceled' ? ' (hung up before an answer)' : ''}.`,
      };
    case 'failed': {
      // Only what the far end said is about the number; a failure without it (the account, the
      // caller ID, a permission) is no dial and must not mark the number bad.
      const sip = facts.sipCode;
      if (sip !== null && UNALLOCATED_SIP.has(sip))
        return {
          outcome: 'bad-number',
          carrierFailure: true,
          note: `Logged by the call: no such number (SIP ${sip}).`,
        };
      if (sip !== null && BUSY_SIP.has(sip))
        return { outcome: 'busy', carrierFailure: false, note: `Logged by the call: busy (SIP ${sip}).` };
      if (sip !== null && UNANSWERED_SIP.has(sip))
        return {
          outcome: 'no-answer',
          carrierFailure: false,
          note: `Logged by the call: not answered (SIP ${sip}).`,
        };
      return null;
    }
  }
  // Completed: answered or not.
  const answered = facts.answeredAt !== null || (facts.durationSeconds ?? 0) > 0;
  if (!answered)
    return { outcome: 'no-answer', carrierFailure: false, note: `Logged by the call: no answer${rang}.` };
  const by = facts.answeredBy;
  if (by === null) {
    // Waited by this server's clock from when the end was heard: the provider's stamps may be another clock's.
    const waited = facts.endHeardAt ? (now.getTime() - facts.endHeardAt.getTime()) / 1000 : 0;
    if (waited < AMD_WAIT_SECONDS) return null;
  }
  if (by === 'fax')
    return {
      outcome: 'bad-number',
      carrierFailure: false,
      note: 'Logged by the call: a fax machine answered.',
    };
  if (machine(by))
    return {
      outcome: 'voicemail',
      carrierFailure: false,
      note: `Logged by the call: voicemail answered${greetingEnded(by) ? ', the greeting ran to its end' : ''}.`,
    };
  return {
    outcome: 'reached',
    carrierFailure: false,
    note:
      by === 'human'
        ? 'Logged by the call: a person answered; who it was is for the rep to say.'
        : 'Logged by the call: answered, person or machine unknown; the rep may say which.',
  };
}
