import { useEffect, useRef, useState } from 'react';
import {
  type Advice,
  api,
  describeError,
  type IntelFact,
  type Prospect,
  type QueueEntry,
  type Timeline,
} from '../api.ts';
import { formatWhen, nowIso } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { href, typing } from '../router.ts';
import { useLoad } from '../use-load.ts';
import { percent, zoneCity } from './Now.tsx';

export type LogRequest = {
  label: string;
  call: Record<string, unknown>;
  intel?: Record<string, unknown> | undefined;
};

/** One keystroke per outcome family. */
export const OUTCOME_KEYS: { key: string; outcome: string; label: string }[] = [
  { key: 'r', outcome: 'reached', label: 'Reached' },
  { key: 'g', outcome: 'gatekeeper', label: 'Gatekeeper' },
  { key: 'v', outcome: 'voicemail', label: 'Voicemail, no message' },
  { key: 'l', outcome: 'voicemail-left', label: 'Left a message' },
  { key: 'n', outcome: 'no-answer', label: 'No answer' },
  { key: 'b', outcome: 'bad-number', label: 'Bad number' },
];

const RESULTS = ['', 'meeting', 'callback-scheduled', 'interested', 'not-interested', 'do-not-call'];
const INTEL_TYPES = [
  '',
  'gatekeeper-name',
  'gatekeeper-hours',
  'dm-hours',
  'private-line',
  'route',
  'champion',
  'out-of-office',
  'prefers',
];

export function CallCard(props: { entry: QueueEntry; busy: boolean; onLog: (request: LogRequest) => void }) {
  const { entry, busy, onLog } = props;
  const id = entry.prospect.id;
  const { say } = useNotices();
  const [number, setNumber] = useState(entry.number.e164);
  const prospect = useLoad(() => api<Prospect>(`/prospects/${id}`, { query: { at: nowIso() } }), [id]);
  const intel = useLoad(() => api<{ items: IntelFact[] }>(`/prospects/${id}/intel`), [id]);
  const timeline = useLoad(() => api<Timeline>(`/prospects/${id}/timeline`), [id]);
  const advice = useLoad(
    () => api<Advice>(`/prospects/${id}/voicemail`, { query: { at: nowIso(), number } }),
    [id, number],
  );
  const [note, setNote] = useState('');
  const [result, setResult] = useState('');
  const [resultAt, setResultAt] = useState('');
  const [intelType, setIntelType] = useState('');
  const [intelValue, setIntelValue] = useState('');
  const [intelFrom, setIntelFrom] = useState('');
  const [intelTo, setIntelTo] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);

  const submit = (outcome: string) => {
    const choice = OUTCOME_KEYS.find((o) => o.outcome === outcome)!;
    const call: Record<string, unknown> = { outcome, number };
    if (note.trim()) call['note'] = note.trim();
    if (result && (outcome === 'reached' || outcome === 'gatekeeper')) {
      call['result'] = result;
      if (resultAt) call['resultAt'] = new Date(resultAt).toISOString();
    }
    if (outcome === 'voicemail-left') {
      const script = advice.data?.script;
      call['message'] = script
        ? { kind: script.kind, template: script.template, text: script.text, strategy: advice.data?.strategy }
        : { kind: 'generic' };
      if (advice.data?.decision === 'skip')
        say(`Logged a message the ${advice.data.strategy} strategy advised against.`, { tone: 'info' });
    }
    const heard = intelType
      ? {
          type: intelType,
          ...(intelValue ? { value: intelValue } : {}),
          ...(intelFrom ? { from: intelFrom } : {}),
          ...(intelTo ? { to: intelTo } : {}),
        }
      : undefined;
    onLog({ label: choice.label.toLowerCase(), call, intel: heard });
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(number);
      say(`Copied ${number}.`);
    } catch {
      say(`Copy ${number} by hand: the browser refused the clipboard.`, { tone: 'info' });
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey || busy) return;
      const choice = OUTCOME_KEYS.find((o) => o.key === event.key);
      if (choice) {
        event.preventDefault();
        submit(choice.outcome);
      } else if (event.key === 'e') {
        event.preventDefault();
        noteRef.current?.focus();
      } else if (event.key === 'c') {
        void copy();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const p = prospect.data;
  const research = p?.research ?? {};
  const dialable = (p?.phones ?? []).filter((ph) => ph.valid && !ph.doNotCall);
  const calls = (timeline.data?.entries ?? [])
    .filter((t) => t.type === 'call' || t.type === 'message')
    .slice(-5);

  return (
    <article className="call-card" aria-labelledby="card-name">
      <header>
        <h2 id="card-name">
          <a href={href('prospects', id)}>{entry.prospect.name}</a>
        </h2>
        <p className="muted">
          {[entry.prospect.title, entry.prospect.company].filter(Boolean).join(' · ')} ·{' '}
          {entry.prospect.stage}
          {p?.value ? ` · worth ${p.value.toLocaleString()}` : ''}
        </p>
        <div className="dial">
          <a className="number" href={`tel:${number}`}>
            {number}
          </a>
          <button type="button" onClick={() => void copy()} title="Copy the number (c)">
            Copy
          </button>
          <span className="local">
            their time {entry.local.weekday} {entry.local.time}
            {zoneCity(entry.local.timezone)}
            {entry.local.ambiguous ? ' (zone uncertain)' : ''}
          </span>
          <span className="prob">{percent(entry.probability)} to reach</span>
        </div>
        {dialable.length > 1 && (
          <fieldset className="numbers">
            <legend>Number to dial</legend>
            {dialable.map((ph) => (
              <label key={ph.id}>
                <input
                  type="radio"
                  name="number"
                  checked={ph.e164 === number}
                  onChange={() => setNumber(ph.e164)}
                />
                {ph.kind} {ph.e164}
                {ph.extension ? ` x${ph.extension}` : ''}
              </label>
            ))}
          </fieldset>
        )}
        <ul className="reasons">
          {entry.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </header>

      <VoicemailPanel advice={advice.data} loading={advice.loading} error={advice.error} />

      <section className="log" aria-label="Log the call">
        <h3>Log the call</h3>
        <div className="outcomes">
          {OUTCOME_KEYS.map((o) => (
            <button key={o.key} type="button" disabled={busy} onClick={() => submit(o.outcome)}>
              <kbd>{o.key}</kbd> {o.label}
            </button>
          ))}
        </div>
        <div className="log-fields">
          <label>
            <span>
              Note <kbd>e</kbd>
            </span>
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
          <label>
            Result (reached or gatekeeper)
            <select value={result} onChange={(e) => setResult(e.target.value)}>
              {RESULTS.map((r) => (
                <option key={r} value={r}>
                  {r || 'none'}
                </option>
              ))}
            </select>
          </label>
          {(result === 'meeting' || result === 'callback-scheduled') && (
            <label>
              When
              <input type="datetime-local" value={resultAt} onChange={(e) => setResultAt(e.target.value)} />
            </label>
          )}
          <fieldset className="heard">
            <legend>Intelligence heard</legend>
            <select
              aria-label="Kind of intelligence"
              value={intelType}
              onChange={(e) => setIntelType(e.target.value)}
            >
              {INTEL_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t || 'nothing new'}
                </option>
              ))}
            </select>
            {intelType && (
              <>
                <input
                  aria-label="Value (a name, a number, a route)"
                  placeholder="value"
                  value={intelValue}
                  onChange={(e) => setIntelValue(e.target.value)}
                />
                <input
                  aria-label="From (HH:MM)"
                  placeholder="from HH:MM"
                  value={intelFrom}
                  onChange={(e) => setIntelFrom(e.target.value)}
                />
                <input
                  aria-label="To (HH:MM)"
                  placeholder="to HH:MM"
                  value={intelTo}
                  onChange={(e) => setIntelTo(e.target.value)}
                />
              </>
            )}
          </fieldset>
        </div>
      </section>

      <div className="card-columns">
        <section aria-label="Research">
          <h3>Research</h3>
          {Object.keys(research).length === 0 ? (
            <p className="muted">
              No research yet. <a href={href('prospects', id)}>Add it</a>: a priority objective and two
              benefits make a message worth leaving.
            </p>
          ) : (
            <dl>
              {research.priorityObjective && <Item term="Objective" value={research.priorityObjective} />}
              {research.benefits && research.benefits.length > 0 && (
                <Item term="Benefits" value={research.benefits.join('; ')} />
              )}
              {research.referenceClients && <Item term="References" value={research.referenceClients} />}
              {research.background && <Item term="Background" value={research.background} />}
              {research.referredBy && <Item term="Referred by" value={research.referredBy} />}
              {research.preferredChannel && <Item term="Prefers" value={research.preferredChannel} />}
              {research.notes && <Item term="Notes" value={research.notes} />}
            </dl>
          )}
          <h3>Intelligence</h3>
          {(intel.data?.items ?? []).length === 0 ? (
            <p className="muted">Nothing recorded: ask the gatekeeper when the boss is in.</p>
          ) : (
            <ul className="plain">
              {intel.data?.items.map((f) => (
                <li key={f.id}>{f.text}</li>
              ))}
            </ul>
          )}
        </section>
        <section aria-label="Last attempts">
          <h3>Last attempts</h3>
          {calls.length === 0 ? (
            <p className="muted">Never called.</p>
          ) : (
            <ul className="plain history">
              {calls.map((t) => (
                <li key={`${t.type}-${t.id}`}>
                  <time dateTime={t.at}>{formatWhen(t.at)}</time> {t.text}
                </li>
              ))}
            </ul>
          )}
          {timeline.data && (
            <p className="muted">
              Effort: {timeline.data.effort.attempts} attempts, {timeline.data.effort.voicemails} messages,{' '}
              {timeline.data.effort.minutes} min
            </p>
          )}
        </section>
      </div>
      {prospect.error !== null && <p className="error">{String((prospect.error as Error).message)}</p>}
    </article>
  );
}

function Item({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

const SEVERITY_MARK: Record<string, string> = { ok: '✓', info: 'i', warn: '!', fail: '✗' };

export function VoicemailPanel(props: { advice: Advice | null; loading: boolean; error: unknown }) {
  const { advice, loading, error } = props;
  if (error)
    return (
      <section className="voicemail skip" aria-label="Voicemail">
        <h3>If voicemail: no advice</h3>
        <p className="error">{describeError(error)}</p>
      </section>
    );
  if (!advice)
    return <section className="voicemail muted">{loading ? 'Deciding about voicemail…' : ''}</section>;
  const leave = advice.decision === 'leave';
  return (
    <section className={`voicemail ${leave ? 'leave' : 'skip'}`} aria-label="Voicemail">
      <h3>
        If voicemail: <strong>{leave ? 'leave a message' : 'do not leave a message'}</strong>{' '}
        <span className="muted">
          ({advice.strategy} strategy, from the {advice.strategyFrom})
        </span>
      </h3>
      <ul className="plain">
        {advice.reasons.map((r) => (
          <li key={r.code}>{r.text}</li>
        ))}
      </ul>
      {advice.script && (
        <figure className="script">
          <figcaption>
            Read this, {advice.script.kind} message, about {advice.script.seconds} s (<kbd>l</kbd> logs it as
            left)
          </figcaption>
          <blockquote>{advice.script.text}</blockquote>
          <ul className="checks">
            {advice.script.checks.map((c) => (
              <li key={c.code} className={`check check-${c.severity}`} title={c.fix ?? ''}>
                <span aria-hidden="true">{SEVERITY_MARK[c.severity]}</span> {c.text}
              </li>
            ))}
          </ul>
        </figure>
      )}
      {advice.missing.length > 0 && (
        <p className="muted">To write a better one: {advice.missing.map((m) => m.text).join('; ')}.</p>
      )}
      {advice.instead.length > 0 && (
        <>
          <h4>Instead</h4>
          <ul className="plain">
            {advice.instead.map((i) => (
              <li key={i.text}>{i.text}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
