import { useState } from 'react';
import { api, type CallbackCard, describeError, type ProspectList, type RecordedCallback } from '../api.ts';
import { ago, fieldsIn, nowIso, theirTime, zonedToUtc } from '../clock.ts';
import { arrivalOf, settledArrival } from '../inbound.ts';
import { RESULTS, ResultFields, TIMED } from '../log/LogPanel.tsx';
import { useNotices } from '../notices.tsx';
import { href } from '../router.ts';
import { useLoad } from '../use-load.ts';

/**
 * Who is calling from this number, what they were told, what to say; and recording the
 * callback with what it came to (a meeting booked when they call back), credited to the
 * message that earned it. An unknown caller is attached to a prospect here.
 */
export function Callback({ number }: { number: string }) {
  const { say, fail } = useNotices();
  const card = useLoad(() => api<CallbackCard>('/lookup', { query: { number, at: nowIso() } }), [number]);
  const [recorded, setRecorded] = useState<RecordedCallback | null>(null);
  const [note, setNote] = useState('');
  const [result, setResult] = useState('');
  const c = card.data;
  const zone = c?.localTime?.zone ?? c?.localTime?.candidates[0] ?? null;
  const [when, setWhen] = useState({ date: '', time: '' });
  const [busy, setBusy] = useState(false);
  // A call that came in through the provider was recorded as it rang: what it came to is added to it.
  const arrival = arrivalOf(c?.number ?? number);
  const arrivedAs = arrival?.callbackId ?? null;

  /** Adds what the callback came to, with its time on their clock; false (and says why) when the time is missing. */
  const withResult = (body: Record<string, unknown>, nothing: string): boolean => {
    if (!result) return true;
    body['result'] = result;
    if (!TIMED.has(result)) return true;
    const at = zone ? zonedToUtc(when.date || fieldsIn(nowIso(), zone).date, when.time, zone) : null;
    if (!at?.ok) {
      say(
        `${nothing}: the ${result.replace('-', ' ')} needs its time (${at ? at.reason : 'their zone is unknown'}).`,
        {
          tone: 'error',
        },
      );
      return false;
    }
    body['resultAt'] = at.iso;
    return true;
  };

  const settle = async () => {
    if (arrivedAs === null) return;
    if (!result) {
      say('Recorded when the call came in; choose what it came to to add it.', { tone: 'info' });
      return;
    }
    const body: Record<string, unknown> = { ...(note.trim() ? { note: note.trim() } : {}) };
    if (!withResult(body, 'Nothing saved')) return;
    setBusy(true);
    try {
      const answer = await api<RecordedCallback>(`/callbacks/${arrivedAs}/result`, { method: 'POST', body });
      settledArrival(c?.number ?? number);
      setRecorded(answer);
      say(`Saved: ${RESULTS.find((r) => r.value === answer.result)?.label ?? answer.result}.`);
      await card.reload();
    } catch (error) {
      fail(error, 'Nothing saved');
    } finally {
      setBusy(false);
    }
  };

  const record = async () => {
    if (arrivedAs !== null) return settle();
    const body: Record<string, unknown> = { from: number, at: nowIso() };
    if (note.trim()) body['note'] = note.trim();
    if (!withResult(body, 'Nothing recorded')) return;
    setBusy(true);
    try {
      const answer = await api<RecordedCallback>('/callbacks', { method: 'POST', body });
      setRecorded(answer);
      const credited = answer.card.messages?.find((m) => m.id === answer.attributedTo);
      say(
        `${credited ? `Callback recorded and credited to the ${credited.kind} message of ${theirTime(credited.at, zone, { yours: false })}` : 'Callback recorded; no message of the last 14 days to credit it to'}${answer.result ? `, ${RESULTS.find((r) => r.value === answer.result)?.label ?? answer.result}` : ''}.`,
      );
      await card.reload();
    } catch (error) {
      fail(error, 'Nothing recorded');
    } finally {
      setBusy(false);
    }
  };

  if (card.error) return <p className="error">{describeError(card.error)}</p>;
  if (!c) return <p className="muted">Looking up {number}…</p>;
  return (
    <article className="callback" aria-labelledby="callback-title">
      <h1 id="callback-title">Callback from {c.number}</h1>
      {arrivedAs !== null && (
        <p className="arrived" role="status">
          Calling in now, put through to {arrival?.desk ? 'this desk' : 'your phone'}: recorded as callback{' '}
          {arrivedAs}
          {c.known ? ', credited to the message that earned it' : ''}. Add what it came to below.
        </p>
      )}
      {!c.known || !c.prospect ? (
        <p>Nobody in the book has this number. Record the call, then attach it to the prospect below.</p>
      ) : (
        <>
          <h2>
            <a href={href('prospects', c.prospect.id)}>{c.prospect.name}</a>
          </h2>
          <p className="muted">
            {[c.prospect.title, c.prospect.company].filter(Boolean).join(' · ')} · {c.prospect.stage}
            {c.localTime ? ` · their time ${c.localTime.label}` : ''}
          </p>
          {c.opener && (
            <blockquote className="opener" aria-label="What to say">
              {c.opener}
            </blockquote>
          )}
          {(c.others ?? []).length > 0 && (
            <p>Others on this number: {c.others?.map((o) => o.name).join(', ')}</p>
          )}
          <h3>Messages left</h3>
          {(c.messages ?? []).length === 0 ? (
            <p className="muted">No message left: they are calling on their own.</p>
          ) : (
            <ul className="plain messages">
              {c.messages?.map((m) => (
                <li key={m.id} className={m.id === recorded?.attributedTo ? 'credited' : ''}>
                  <strong>{m.kind}</strong> · {theirTime(m.at, zone)} ({ago(m.at)})
                  {m.callbackId ? ' · earned a callback' : ''}
                  {m.id === recorded?.attributedTo ? ' · credited with this callback' : ''}
                  {m.text && <blockquote>{m.text}</blockquote>}
                </li>
              ))}
            </ul>
          )}
          {(c.intel ?? []).length > 0 && (
            <>
              <h3>Intelligence</h3>
              <ul className="plain">
                {c.intel?.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </>
          )}
          {c.lastOutcome && (
            <p className="muted">
              Last call {theirTime(c.lastOutcome.at, zone)}: {c.lastOutcome.outcome}
              {c.lastOutcome.result ? ` → ${c.lastOutcome.result}` : ''}
              {c.lastOutcome.note ? ` · “${c.lastOutcome.note}”` : ''}
            </p>
          )}
        </>
      )}
      {!recorded && (
        <form
          className="record-callback"
          onSubmit={(e) => {
            e.preventDefault();
            void record();
          }}
        >
          <label>
            Note
            <input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder="What they called about"
            />
          </label>
          {c.known && (
            <ResultFields
              label="What it came to"
              result={result}
              onResult={setResult}
              zone={zone}
              when={{ date: when.date || (zone ? fieldsIn(nowIso(), zone).date : ''), time: when.time }}
              onWhen={setWhen}
            />
          )}
          <button type="submit" className="primary" disabled={busy}>
            {arrivedAs !== null ? 'Save what it came to' : 'Record this callback'}
          </button>
        </form>
      )}
      {recorded && (
        <p className="ok">
          Callback recorded.{' '}
          <button
            type="button"
            className="quiet"
            onClick={() => document.getElementById('callback-number')?.focus()}
          >
            Look up the next caller <kbd>/</kbd>
          </button>
        </p>
      )}
      {(recorded ?? arrivedAs !== null) && !c.known && (
        <AttachCaller
          number={number}
          callbackId={recorded?.callbackId ?? arrivedAs!}
          onAttached={() => void card.reload()}
        />
      )}
    </article>
  );
}

/** Finds the prospect an unknown caller is, or adds them with this number, and attaches the callback. */
function AttachCaller(props: { number: string; callbackId: number; onAttached: () => void }) {
  const { number, callbackId, onAttached } = props;
  const { say, fail } = useNotices();
  const [q, setQ] = useState('');
  const [person, setPerson] = useState({ firstName: '', lastName: '', company: '' });
  const found = useLoad(
    () =>
      q.trim().length < 2
        ? Promise.resolve<ProspectList>({ total: 0, items: [] })
        : api<ProspectList>('/prospects', { query: { q: q.trim(), limit: 8 } }),
    [q],
  );
  const attach = async (id: number, name: string) => {
    try {
      const answer = await api<RecordedCallback>(`/callbacks/${callbackId}/attach`, {
        method: 'POST',
        body: { prospect: id },
      });
      say(
        `Callback attached to ${name}${answer.attributedTo ? ' and credited to the message that earned it' : ''}.`,
      );
      onAttached();
    } catch (error) {
      fail(error, 'Attaching the callback');
    }
  };
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      const added = await api<{ id: number; name: string }>('/prospects', {
        method: 'POST',
        body: {
          ...(person.firstName.trim() ? { firstName: person.firstName.trim() } : {}),
          ...(person.lastName.trim() ? { lastName: person.lastName.trim() } : {}),
          ...(person.company.trim() ? { company: person.company.trim() } : {}),
          phones: [{ number, kind: 'direct' }],
        },
      });
      await attach(added.id, added.name);
    } catch (error) {
      fail(error, 'Adding the caller');
    }
  };
  return (
    <section className="attach" aria-label="Attach to a prospect">
      <h3>Who was it?</h3>
      <label>
        Find by name, company or email
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      </label>
      <ul className="plain">
        {found.data?.items.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => void attach(p.id, p.name)}>
              Attach to {p.name}
              {p.company ? `, ${p.company.name}` : ''}
            </button>
          </li>
        ))}
      </ul>
      <form className="row" onSubmit={(e) => void add(e)} aria-label="Add the caller as a new prospect">
        <label>
          First name
          <input
            value={person.firstName}
            onChange={(e) => setPerson({ ...person, firstName: e.target.value })}
          />
        </label>
        <label>
          Last name
          <input
            value={person.lastName}
            onChange={(e) => setPerson({ ...person, lastName: e.target.value })}
          />
        </label>
        <label>
          Company
          <input value={person.company} onChange={(e) => setPerson({ ...person, company: e.target.value })} />
        </label>
        <button type="submit">Add with {number} and attach</button>
      </form>
    </section>
  );
}
