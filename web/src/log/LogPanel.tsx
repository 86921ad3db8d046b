import { useEffect, useRef, useState } from 'react';
import type { Advice, LiveCall, LoggedCall } from '../api.ts';
import { fieldsIn, nowIso, theirTime, zonedToUtc, zoneName } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { typing } from '../router.ts';
import type { CallTimer } from './call-timer.ts';
import { FactsEditor } from './FactsEditor.tsx';
import { type FactDraft, factBodies, factProblem } from './facts.ts';
import { useLogging } from './logging.tsx';

/** One keystroke per outcome family. */
export const OUTCOME_KEYS: { key: string; outcome: string; label: string }[] = [
  { key: 'r', outcome: 'reached', label: 'Reached' },
  { key: 'g', outcome: 'gatekeeper', label: 'Gatekeeper' },
  { key: 'v', outcome: 'voicemail', label: 'Voicemail, no message' },
  { key: 'l', outcome: 'voicemail-left', label: 'Left a message' },
  { key: 'n', outcome: 'no-answer', label: 'No answer' },
  { key: 'b', outcome: 'bad-number', label: 'Bad number' },
];

export const RESULTS = [
  { value: '', label: 'none' },
  { value: 'meeting', label: 'meeting booked' },
  { value: 'callback-scheduled', label: 'callback promised' },
  { value: 'interested', label: 'interested' },
  { value: 'not-interested', label: 'not interested' },
  { value: 'do-not-call', label: 'asked not to be called' },
] as const;
/** Results that happen at a time: the rep types it on the prospect's clock. */
export const TIMED = new Set(['meeting', 'callback-scheduled']);

/** What a conversation came to and, for a meeting or a promised callback, when, on the prospect's clock. */
export function ResultFields(props: {
  label: string;
  result: string;
  onResult: (result: string) => void;
  zone: string | null;
  when: { date: string; time: string };
  onWhen: (when: { date: string; time: string }) => void;
}) {
  const { label, result, onResult, zone, when, onWhen } = props;
  return (
    <>
      <label>
        {label}
        <select value={result} onChange={(e) => onResult(e.target.value)}>
          {RESULTS.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {TIMED.has(result) && (
        <TheirTimeInput
          zone={zone}
          label={result === 'meeting' ? 'Meeting' : 'Callback'}
          date={when.date}
          time={when.time}
          onChange={onWhen}
        />
      )}
    </>
  );
}

/** A date and a time typed on the prospect's clock, and what they are on the rep's. */
export function TheirTimeInput(props: {
  zone: string | null;
  date: string;
  time: string;
  onChange: (value: { date: string; time: string }) => void;
  label: string;
}) {
  const { zone, date, time, onChange, label } = props;
  const resolved = zone ? zonedToUtc(date, time, zone) : null;
  return (
    <fieldset className="their-time">
      <legend>
        {label} <span className="zone-label">their time, {zoneName(zone)}</span>
      </legend>
      <input
        type="date"
        aria-label={`${label}: date, their time (${zoneName(zone)})`}
        value={date}
        onChange={(e) => onChange({ date: e.target.value, time })}
      />
      <input
        type="time"
        aria-label={`${label}: time, their time (${zoneName(zone)})`}
        value={time}
        onChange={(e) => onChange({ date, time: e.target.value })}
      />
      <output className="muted small">
        {resolved?.ok
          ? `= ${theirTime(resolved.iso, zone)}`
          : resolved
            ? resolved.reason
            : 'their zone is unknown'}
      </output>
    </fieldset>
  );
}

/**
 * Logging a call on one prospect and number: the outcome (one key each), a note, a result with
 * its time on the prospect's clock, the intelligence heard, the call's duration. Everything is
 * checked before it is sent, and sent as one log: all of it is stored, or none.
 */
export function LogPanel(props: {
  prospect: { id: number; name: string };
  /** The clock typed times are on: the zone the card shows for the number. */
  zone: string | null;
  number: string;
  timer: CallTimer;
  advice?: Advice | null;
  keyboard?: boolean;
  /** True while something is typed, a field has focus or a call runs: nothing may refresh under it. */
  onHold?: (hold: boolean) => void;
  onLogged?: (logged: LoggedCall) => void;
  /** A call through Reach on this card: the log is the rep's word on it, with its number, time and duration. */
  liveCall?: LiveCall | null;
}) {
  const {
    prospect,
    zone,
    number,
    timer,
    advice,
    keyboard = false,
    onHold,
    onLogged,
    liveCall = null,
  } = props;
  const { say } = useNotices();
  const { log, busy } = useLogging();
  const [note, setNote] = useState('');
  const [result, setResult] = useState('');
  const [when, setWhen] = useState(() => ({ date: zone ? fieldsIn(nowIso(), zone).date : '', time: '' }));
  const [facts, setFacts] = useState<FactDraft[]>([]);
  const [focused, setFocused] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);

  // A call through Reach under way, or ended and not yet logged by the rep, holds the card like a running timer.
  const dirty =
    note.trim() !== '' ||
    result !== '' ||
    facts.length > 0 ||
    timer.running ||
    focused ||
    (liveCall !== null && liveCall.loggedBy !== 'rep' && liveCall.state !== 'ended');
  useEffect(() => onHold?.(dirty), [dirty, onHold]);

  const submit = async (outcome: string) => {
    const choice = OUTCOME_KEYS.find((o) => o.outcome === outcome)!;
    const problems: string[] = [];
    const call: Record<string, unknown> = { outcome, number };
    if (note.trim()) call['note'] = note.trim();
    if (result && (outcome === 'reached' || outcome === 'gatekeeper')) {
      call['result'] = result;
      if (TIMED.has(result)) {
        const at = zone
          ? zonedToUtc(when.date, when.time, zone)
          : { ok: false as const, reason: 'their zone is unknown' };
        if (at.ok) call['resultAt'] = at.iso;
        else
          problems.push(`the ${RESULTS.find((r) => r.value === result)?.label} needs its time: ${at.reason}`);
      }
    } else if (result) {
      problems.push(`a result goes with reached or gatekeeper, not ${choice.label.toLowerCase()}`);
    }
    for (const f of facts) {
      const problem = factProblem(f, zone);
      if (problem) problems.push(`${f.type.replace(/-/g, ' ')}: ${problem}`);
    }
    if (facts.length > 0) call['intel'] = factBodies(facts, zone);
    if (liveCall) delete call['number'];
    else if (timer.startedAt !== null) call['durationSeconds'] = Math.min(36_000, timer.seconds());
    if (outcome === 'voicemail-left') {
      const script = advice?.script;
      call['message'] = script
        ? { kind: script.kind, template: script.template, text: script.text, strategy: advice?.strategy }
        : { kind: 'generic' };
      if (advice?.decision === 'skip')
        say(`Logging a message the ${advice.strategy} strategy advised against.`, { tone: 'info' });
    }
    if (problems.length > 0) {
      say(`Nothing logged for ${prospect.name}: ${problems.join('; ')}.`, { tone: 'error' });
      return;
    }
    const logged = await log({
      prospect,
      label: choice.label.toLowerCase(),
      call,
      ...(liveCall ? { liveCallId: liveCall.id } : {}),
    });
    if (!logged) return;
    setNote('');
    setResult('');
    setFacts([]);
    timer.reset();
    onLogged?.(logged);
  };

  useEffect(() => {
    if (!keyboard) return;
    const onKey = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey || busy) return;
      const choice = OUTCOME_KEYS.find((o) => o.key === event.key);
      if (choice) {
        event.preventDefault();
        void submit(choice.outcome);
      } else if (event.key === 'e') {
        event.preventDefault();
        noteRef.current?.focus();
      } else if (event.key === 't') {
        event.preventDefault();
        if (timer.running) timer.stop();
        else timer.start();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section
      className="log"
      aria-label="Log the call"
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <h3>
        Log the call to {prospect.name} <span className="muted small">on {number}</span>
      </h3>
      <div className="outcomes">
        {OUTCOME_KEYS.map((o) => (
          <button key={o.key} type="button" disabled={busy} onClick={() => void submit(o.outcome)}>
            {keyboard && <kbd>{o.key}</kbd>} {o.label}
          </button>
        ))}
      </div>
      <div className="log-fields">
        <label>
          <span>Note {keyboard && <kbd>e</kbd>}</span>
          <textarea
            ref={noteRef}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') (e.target as HTMLElement).blur();
            }}
            placeholder="What was said"
          />
        </label>
        <ResultFields
          label="Result (reached or gatekeeper)"
          result={result}
          onResult={setResult}
          zone={zone}
          when={when}
          onWhen={setWhen}
        />
        <FactsEditor facts={facts} zone={zone} onChange={setFacts} />
      </div>
    </section>
  );
}
