import { useEffect, useRef, useState } from 'react';
import { api, type TaskList } from './api.ts';
import { ago, nowIso, nowMs, theirTime } from './clock.ts';
import { useLogging } from './log/logging.tsx';
import { href } from './router.ts';

/** Promised callbacks and meetings this close ahead are shown; so are those missed this long ago. */
const AHEAD_MS = 30 * 60_000;
const MISSED_MS = 2 * 3_600_000;
const POLL_MS = 60_000;

type Due = TaskList['items'][number];
const notified = new Set<number>();

/**
 * Callbacks and meetings coming due, on every screen: each with their time and the rep's, and
 * the card one click away; a browser notification too, when the rep allowed them.
 */
export function Reminders() {
  const { version } = useLogging();
  const [due, setDue] = useState<Due[]>([]);
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'denied' : Notification.permission,
  );
  const live = useRef(true);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a log or an undo may promise or take back a callback: look again
  useEffect(() => {
    live.current = true;
    const load = async () => {
      try {
        const list = await api<TaskList>('/tasks', {
          query: { at: nowIso(), dueBefore: new Date(nowMs() + AHEAD_MS).toISOString() },
        });
        const items = list.items.filter(
          (t) => (t.kind === 'callback' || t.kind === 'meeting') && Date.parse(t.dueAt) > nowMs() - MISSED_MS,
        );
        if (!live.current) return;
        setDue(items);
        if (typeof Notification !== 'undefined' && Notification.permission === 'granted')
          for (const t of items.filter((x) => !notified.has(x.id))) {
            notified.add(t.id);
            new Notification(`${what(t)} ${t.prospect.name}`, {
              body: theirTime(t.dueAt, t.zone),
              tag: `reach-${t.id}`,
            });
          }
      } catch {
        // The queue's own error says the server is away; a reminder need not say it twice.
      }
    };
    void load();
    const timer = setInterval(() => void load(), POLL_MS);
    return () => {
      live.current = false;
      clearInterval(timer);
    };
  }, [version]);

  if (due.length === 0) return null;
  return (
    <aside className="reminders" aria-label="Due soon">
      {due.map((t) => (
        <p key={t.id} className={Date.parse(t.dueAt) < nowMs() ? 'reminder missed' : 'reminder'}>
          <span>
            <strong>
              {what(t)} {t.prospect.name}
            </strong>{' '}
            at {theirTime(t.dueAt, t.zone)} — {ago(t.dueAt)}
          </span>{' '}
          <a className="button" href={href('now', t.prospect.id)}>
            Open the card
          </a>
        </p>
      ))}
      {permission === 'default' && (
        <button
          type="button"
          className="quiet"
          onClick={() => void Notification.requestPermission().then((p) => setPermission(p))}
        >
          Also tell me in a browser notification
        </button>
      )}
    </aside>
  );
}

const what = (t: Due): string => (t.kind === 'meeting' ? 'Meeting with' : 'Callback promised to');
