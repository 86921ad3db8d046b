import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type LoggedCall, type Queue, type QueueEntry } from '../api.ts';
import { fixedAt, nowIso } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { typing } from '../router.ts';
import { useLoad } from '../use-load.ts';
import { CallCard, type LogRequest } from './CallCard.tsx';

/** How long after a log the desk offers to take it back (the server allows 60 s). */
const UNDO_MS = 60_000;
const REFRESH_MS = 60_000;
const LIMIT = 25;

export const percent = (p: number): string => `${Math.round(p * 100)}%`;

const fetchQueue = (): Promise<Queue> => api<Queue>('/queue', { query: { at: nowIso(), limit: LIMIT } });
let early: Promise<Queue> | null = null;

/** Asks for the queue while the app is still starting, so the first screen waits on one request, not two steps. */
export function fetchQueueEarly(): void {
  early = fetchQueue();
  early.catch(() => undefined);
}

function takeEarlyQueue(): Promise<Queue> | null {
  const taken = early;
  early = null;
  return taken;
}

/** The queue as it is this minute, and the call card of the selected prospect. */
export function Now() {
  const { say, fail, clearActions } = useNotices();
  const queue = useLoad(() => takeEarlyQueue() ?? fetchQueue(), []);
  const [selected, setSelected] = useState(0);
  const [busy, setBusy] = useState(false);
  const last = useRef<{ id: number; name: string; loggedAt: number } | null>(null);
  const entries = queue.data?.entries ?? [];
  const entry: QueueEntry | undefined = entries[Math.min(selected, entries.length - 1)];

  useEffect(() => {
    if (fixedAt) return;
    const timer = setInterval(() => void queue.reload(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [queue.reload]);

  const undo = useCallback(async () => {
    const log = last.current;
    if (!log || Date.now() - log.loggedAt > UNDO_MS) {
      say('Nothing to undo: a log can be taken back for a minute after it is made.', { tone: 'info' });
      return;
    }
    try {
      await api(`/calls/${log.id}`, { method: 'DELETE' });
      last.current = null;
      clearActions();
      say(`Undone: the call to ${log.name} is no longer logged.`);
      await queue.reload();
    } catch (error) {
      fail(error, 'Undo');
    }
  }, [say, fail, clearActions, queue.reload]);

  const log = useCallback(
    async (request: LogRequest) => {
      if (!entry || busy) return;
      setBusy(true);
      try {
        const logged = await api<LoggedCall>('/calls', {
          method: 'POST',
          body: { ...request.call, prospect: entry.prospect.id, at: nowIso() },
        });
        if (request.intel)
          await api('/intel', {
            method: 'POST',
            body: {
              ...request.intel,
              prospect: entry.prospect.id,
              at: nowIso(),
              attemptId: logged.attempt.id,
            },
          });
        last.current = { id: logged.attempt.id, name: entry.prospect.name, loggedAt: Date.now() };
        const moved = logged.stage ? `; stage ${logged.stage.from} → ${logged.stage.to}` : '';
        const flags = logged.flags.length > 0 ? ` (${logged.flags.join(', ')})` : '';
        say(`Logged ${request.label} for ${entry.prospect.name}${moved}${flags}.`, {
          action: { label: 'Undo (u)', run: () => void undo() },
        });
        await queue.reload();
      } catch (error) {
        fail(error, `Logging ${request.label}`);
      } finally {
        setBusy(false);
      }
    },
    [entry, busy, say, fail, undo, queue.reload],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        setSelected((s) => Math.min(s + 1, Math.max(entries.length - 1, 0)));
        event.preventDefault();
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        setSelected((s) => Math.max(s - 1, 0));
        event.preventDefault();
      } else if (event.key === 'u') {
        void undo();
      } else if (event.key === 'R') {
        void queue.reload();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [entries.length, undo, queue.reload]);

  return (
    <div className="now">
      <section className="queue" aria-labelledby="queue-title">
        <header className="section-head">
          <h1 id="queue-title">Call now</h1>
          <span className="muted">
            {queue.data
              ? `${entries.length} of ${queue.data.considered} callable · ${new Date(queue.data.at).toUTCString().slice(17, 22)} UTC`
              : ' '}
          </span>
          <button
            type="button"
            className="quiet"
            onClick={() => void queue.reload()}
            title="Refresh (Shift+R)"
          >
            {queue.loading ? 'Refreshing…' : 'Refresh'}
          </button>
        </header>
        {queue.error !== null && <p className="error">{String((queue.error as Error).message)}</p>}
        {queue.data && entries.length === 0 && (
          <p className="empty">
            Nobody to call right now: everyone is outside calling hours, at a courtesy limit, or done. Try the
            plan for later (<code>reach plan --day DATE</code>).
          </p>
        )}
        <ol className="queue-list" aria-label="Queue">
          {entries.map((e, i) => (
            <li key={e.prospect.id}>
              <button
                type="button"
                className={`queue-row${i === selected ? ' selected' : ''}`}
                aria-current={i === selected}
                onClick={() => setSelected(i)}
              >
                <span className="rank">{i + 1}</span>
                <span className="who">
                  <strong>{e.prospect.name}</strong>
                  <span className="muted">
                    {[e.prospect.title, e.prospect.company].filter(Boolean).join(', ')}
                  </span>
                </span>
                <span className="when">
                  {e.local.weekday} {e.local.time}
                  <span className="muted">{zoneCity(e.local.timezone)}</span>
                </span>
                <span className={`kind kind-${e.number.kind}`}>{e.number.kind}</span>
                <span className="prob" title="Chance of reaching the decision maker now">
                  {percent(e.probability)}
                </span>
                <span className="reason">
                  {e.callbackDue && <span className="badge">callback</span>}
                  {e.exploring && <span className="badge badge-explore">exploring</span>}
                  {e.reasons[0] ?? ''}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </section>
      <section className="card-pane" aria-label="Call card">
        {entry ? (
          <CallCard key={`${entry.prospect.id}-${entry.number.id}`} entry={entry} busy={busy} onLog={log} />
        ) : (
          <p className="empty">Select a prospect in the queue.</p>
        )}
      </section>
    </div>
  );
}

export const zoneCity = (zone: string | null): string =>
  zone ? ` · ${zone.split('/').pop()?.replace(/_/g, ' ')}` : ' · zone unknown';
