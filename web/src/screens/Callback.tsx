import { useState } from 'react';
import { api, type CallbackCard, type RecordedCallback } from '../api.ts';
import { ago, formatWhen, nowIso } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { href } from '../router.ts';
import { useLoad } from '../use-load.ts';

/** Who is calling from this number, what they were told, what to say; and recording the callback. */
export function Callback({ number }: { number: string }) {
  const { say, fail } = useNotices();
  const card = useLoad(() => api<CallbackCard>('/lookup', { query: { number, at: nowIso() } }), [number]);
  const [recorded, setRecorded] = useState<RecordedCallback | null>(null);
  const [note, setNote] = useState('');

  const record = async () => {
    try {
      const answer = await api<RecordedCallback>('/callbacks', {
        method: 'POST',
        body: { from: number, at: nowIso(), ...(note.trim() ? { note: note.trim() } : {}) },
      });
      setRecorded(answer);
      const credited = answer.card.messages?.find((m) => m.id === answer.attributedTo);
      say(
        credited
          ? `Callback recorded and credited to the ${credited.kind} message of ${formatWhen(credited.at)}.`
          : 'Callback recorded; no message of the last 14 days to credit it to.',
      );
      await card.reload();
    } catch (error) {
      fail(error, 'Recording the callback');
    }
  };

  if (card.error) return <p className="error">{String((card.error as Error).message)}</p>;
  const c = card.data;
  if (!c) return <p className="muted">Looking up {number}…</p>;
  return (
    <article className="callback" aria-labelledby="callback-title">
      <h1 id="callback-title">Callback from {c.number}</h1>
      {!c.known || !c.prospect ? (
        <p>
          Nobody in the book has this number. Record the call, then attach it to a prospect from the command
          line (<code>reach callback --attach ID --prospect P</code>) or add the number to the prospect.
        </p>
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
                  <strong>{m.kind}</strong> · {formatWhen(m.at)} ({ago(m.at)})
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
                  <li key={f.id}>{f.text}</li>
                ))}
              </ul>
            </>
          )}
          {c.lastOutcome && (
            <p className="muted">
              Last call {formatWhen(c.lastOutcome.at)}: {c.lastOutcome.outcome}
              {c.lastOutcome.result ? ` → ${c.lastOutcome.result}` : ''}
              {c.lastOutcome.note ? ` · “${c.lastOutcome.note}”` : ''}
            </p>
          )}
        </>
      )}
      <div className="row">
        <label>
          Note
          <input
            value={note}
            onChange={(e) => setNote(e.target.value)}
            placeholder="What they called about"
          />
        </label>
        <button type="button" className="primary" disabled={recorded !== null} onClick={() => void record()}>
          {recorded ? 'Callback recorded' : 'Record this callback'}
        </button>
      </div>
    </article>
  );
}
