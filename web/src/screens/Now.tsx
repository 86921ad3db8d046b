import { useCallback, useEffect, useRef, useState } from 'react';
import {
  api,
  type CardEntry,
  describeError,
  onBookChange,
  type Prospect,
  type ProspectList,
  type Queue,
} from '../api.ts';
import { formatIn, nowIso, nowMs, zoneName } from '../clock.ts';
import { useLogging } from '../log/logging.tsx';
import { useNotices } from '../notices.tsx';
import { go, href, typing, typingIn } from '../router.ts';
import { useLoad } from '../use-load.ts';
import { CallCard } from './CallCard.tsx';

const REFRESH_MS = 60_000;
/** Changes come in bursts (an import, a teammate's log and note): one refresh after they settle. */
const CHANGE_SETTLE_MS = 800;
const LIMIT = 25;
/** A second press of j/k within this long leaves a card with something unlogged on it. */
const LEAVE_MS = 4_000;

export const percent = (p: number): string => `${Math.round(p * 100)}%`;

const fetchQueue = (): Promise<Queue> => api<Queue>('/queue', { query: { at: nowIso(), limit: LIMIT } });
let early: Promise<Queue> | null = null;

/** Asks for the queue while the app is still starting, so the first screen waits on one request, not two steps. */
export function fetchQueueEarly(): void {
  early = fetchQueue();
  early.catch(() => undefined);
}

/** The early queue, once; asked again if it failed (asked before the rep logged in, say). */
function takeEarlyQueue(): Promise<Queue> | null {
  const taken = early;
  early = null;
  return taken ? taken.catch(() => fetchQueue()) : null;
}

/** A prospect opened by hand (a reminder, the plan, their page) as the card shows them. */
function entryOf(p: Prospect): CardEntry | null {
  const phone = p.phones.find((ph) => ph.valid && !ph.doNotCall);
  if (!phone) return null;
  const zone = p.timezone;
  const now = nowIso();
  return {
    prospect: { id: p.id, name: p.name, company: p.company?.name ?? null, title: p.title, stage: p.stage },
    number: { id: phone.id, e164: phone.e164, kind: phone.kind },
    local: {
      time: zone ? formatIn(now, zone, { date: false }) : '',
      weekday: zone ? formatIn(now, zone).split(' ')[0]! : '',
      timezone: zone,
      ambiguous: p.localTime?.ambiguous ?? zone === null,
    },
    probability: 0,
    expectedValue: 0,
    exploring: false,
    callbackDue: false,
    reasons: ['opened by hand: not proposed by the queue at the last refresh'],
  };
}

/**
 * The queue as it is this minute, and the card of the prospect the rep chose. The choice is a
 * prospect, never a row: a refresh re-ranks the list around it and never moves the card, and
 * nothing refreshes while the rep is on a call, typing, or has something unlogged on the card.
 */
export function Now({ open }: { open: string | null }) {
  const { say } = useNotices();
  const { undo, version } = useLogging();
  const queue = useLoad(() => takeEarlyQueue() ?? fetchQueue(), []);
  const [chosen, setChosen] = useState<CardEntry | null>(null);
  const [hold, setHold] = useState(false);
  const [paused, setPaused] = useState(false);
  const leaving = useRef<{ to: number; at: number } | null>(null);
  const entries = queue.data?.entries ?? [];
  const index = chosen ? entries.findIndex((e) => e.prospect.id === chosen.prospect.id) : -1;

  // The first prospect, once the queue arrives and nothing is chosen.
  useEffect(() => {
    if (!chosen && !open && entries[0]) setChosen(entries[0]);
  }, [chosen, open, entries]);

  // `#/now/12` opens that prospect's card, from the queue when it proposes them.
  useEffect(() => {
    if (!open || !queue.data) return;
    const inQueue = queue.data.entries.find((e) => String(e.prospect.id) === open);
    if (inQueue) {
      setChosen(inQueue);
      return;
    }
    api<Prospect>(`/prospects/${encodeURIComponent(open)}`, { query: { at: nowIso() } })
      .then((p) => {
        const entry = entryOf(p);
        if (entry) setChosen(entry);
        else say(`${p.name} has no number that may be dialled.`, { tone: 'info' });
      })
      .catch((error) => say(describeError(error), { tone: 'error' }));
  }, [open, queue.data, say]);

  const holding = useRef(hold);
  holding.current = hold;
  // Refreshes unless the rep is on the card or typing; then says the refresh waits.
  const refresh = useCallback(() => {
    if (holding.current || typingIn(document.activeElement)) {
      setPaused(true);
      return;
    }
    setPaused(false);
    void queue.reload();
  }, [queue.reload]);
  useEffect(() => {
    const timer = setInterval(refresh, REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);
  // A teammate's log, a new prospect, a number put on the Do-Not-Call list: the queue changes now.
  useEffect(() => {
    let soon: ReturnType<typeof setTimeout> | undefined;
    const stop = onBookChange(() => {
      clearTimeout(soon);
      soon = setTimeout(refresh, CHANGE_SETTLE_MS);
    });
    return () => {
      clearTimeout(soon);
      stop();
    };
  }, [refresh]);

  // Every log and undo changes the queue.
  useEffect(() => {
    if (version > 0) void queue.reload();
  }, [version, queue.reload]);

  const choose = useCallback(
    (target: CardEntry) => {
      if (chosen && target.prospect.id === chosen.prospect.id) return;
      const last = leaving.current;
      if (hold && chosen && !(last && last.to === target.prospect.id && Date.now() - last.at < LEAVE_MS)) {
        leaving.current = { to: target.prospect.id, at: Date.now() };
        say(
          `The call to ${chosen.prospect.name} is not logged yet: log it, or press again to leave it unlogged.`,
          { tone: 'info' },
        );
        return;
      }
      leaving.current = null;
      setHold(false);
      setChosen(target);
      if (open) go('now');
    },
    [chosen, hold, open, say],
  );

  const next = useCallback(
    (step: 1 | -1) => {
      if (entries.length === 0) return;
      const from = index === -1 ? (step === 1 ? -1 : entries.length) : index;
      const target = entries[Math.min(Math.max(from + step, 0), entries.length - 1)];
      if (target) choose(target);
    },
    [entries, index, choose],
  );

  /** After a log, the card moves to the prospect after the one logged, as the list stood. */
  const afterLog = useCallback(() => {
    setHold(false);
    const after = entries[index + 1] ?? entries[index - 1] ?? null;
    setChosen(after && after.prospect.id !== chosen?.prospect.id ? after : null);
    if (open) go('now');
  }, [entries, index, chosen, open]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'j' || event.key === 'ArrowDown') {
        next(1);
        event.preventDefault();
      } else if (event.key === 'k' || event.key === 'ArrowUp') {
        next(-1);
        event.preventDefault();
      } else if (event.key === 'u') {
        void undo();
      } else if (event.key === 'R') {
        void queue.reload();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next, undo, queue.reload]);

  const updated = queue.data
    ? formatIn(queue.data.at, Intl.DateTimeFormat().resolvedOptions().timeZone, { date: false })
    : '';
  return (
    <div className="now">
      <section className="queue" aria-labelledby="queue-title">
        <header className="section-head">
          <h1 id="queue-title">Call now</h1>
          <span className="muted" data-testid="queue-status">
            {queue.data
              ? `${entries.length} of ${queue.data.considered} callable · ranked at ${updated} your time`
              : ' '}
            {paused && ' · refresh paused while you are on the card'}
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
        {queue.error !== null && <p className="error">{describeError(queue.error)}</p>}
        {queue.data && entries.length === 0 && <NobodyNow />}
        <ol className="queue-list" aria-label="Queue">
          {entries.map((e, i) => (
            <li key={e.prospect.id}>
              <button
                type="button"
                className={`queue-row${i === index ? ' selected' : ''}`}
                aria-current={i === index}
                data-prospect={e.prospect.id}
                onClick={() => choose(e)}
              >
                <span className="rank">{i + 1}</span>
                <span className="who">
                  <strong>{e.prospect.name}</strong>
                  <span className="muted">
                    {[e.prospect.title, e.prospect.company].filter(Boolean).join(', ')}
                  </span>
                </span>
                <span className="when" title="Their time">
                  {e.local.weekday} {e.local.time}
                  <span className="muted">{zoneCity(e.local.timezone)}</span>
                </span>
                <span className={`kind kind-${e.number.kind}`}>{e.number.kind}</span>
                <span className="prob" title="Chance of reaching the decision maker now">
                  {percent(e.probability)}
                </span>
                <span className="reason">
                  {e.callbackDue && <span className="badge">callback</span>}
                  {e.exploring && (
                    <span
                      className="badge badge-explore"
                      title="One in five of the list may explore an hour or number with few dials"
                    >
                      exploring
                    </span>
                  )}
                  {e.reasons[0] ?? ''}
                </span>
              </button>
            </li>
          ))}
        </ol>
      </section>
      <section className="card-pane" aria-label="Call card">
        {chosen ? (
          <CallCard
            key={chosen.prospect.id}
            entry={chosen}
            inQueue={index !== -1}
            onHold={setHold}
            onLogged={afterLog}
          />
        ) : (
          <p className="empty">Select a prospect in the queue.</p>
        )}
      </section>
    </div>
  );
}

/** Nobody to call: an empty book is offered the demo and the import; a full one, the plan. */
function NobodyNow() {
  const { say, fail } = useNotices();
  const book = useLoad(() => api<ProspectList>('/prospects', { query: { limit: 1 } }), []);
  const [loading, setLoading] = useState(false);
  if (!book.data) return null;
  if (book.data.total > 0)
    return (
      <p className="empty">
        Nobody to call right now: everyone is outside calling hours in their own zone, at a courtesy limit, or
        done. See <a href={href('plan')}>the day&apos;s plan</a> for the next good windows.
      </p>
    );
  const demo = async () => {
    setLoading(true);
    try {
      await api('/demo', { method: 'POST', body: { at: new Date(nowMs()).toISOString() } });
      say('The demo territory is loaded: about 200 prospects with four weeks of calls.');
      location.reload();
    } catch (error) {
      fail(error, 'Loading the demo');
    } finally {
      setLoading(false);
    }
  };
  return (
    <div className="empty first-steps">
      <p>
        <strong>Your book is empty.</strong> Load the demo territory to try the desk, or import your prospects
        from a CSV (a HubSpot or Salesforce export works as it comes).
      </p>
      <p>
        <button type="button" className="primary" disabled={loading} onClick={() => void demo()}>
          {loading ? 'Loading the demo…' : 'Load the demo territory'}
        </button>{' '}
        <a className="button" href={href('import')}>
          Import a CSV
        </a>
      </p>
    </div>
  );
}

export const zoneCity = (zone: string | null): string => ` · ${zoneName(zone)}`;
