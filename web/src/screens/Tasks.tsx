import { useEffect, useState } from 'react';
import { api, type TaskList } from '../api.ts';
import { nowIso, theirTime } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { href, typing } from '../router.ts';
import { useLoad } from '../use-load.ts';

const DAY = 86_400_000;
const HORIZONS = [
  { days: 1, label: 'Next 24 hours' },
  { days: 7, label: 'Next 7 days' },
] as const;

/** The cadence steps and promises due, earliest first, in the prospect's clock; d marks done, s skips. */
export function Tasks() {
  const { say, fail } = useNotices();
  const [days, setDays] = useState<number>(1);
  const [selected, setSelected] = useState(0);
  const list = useLoad(
    () =>
      api<TaskList>('/tasks', {
        query: { at: nowIso(), dueBefore: new Date(Date.parse(nowIso()) + days * DAY).toISOString() },
      }),
    [days],
  );
  const items = list.data?.items ?? [];

  const finish = async (index: number, status: 'done' | 'skipped') => {
    const task = items[index];
    if (!task) return;
    try {
      await api(`/tasks/${task.id}/done`, { method: 'POST', body: { status, at: nowIso() } });
      say(`${task.kind} for ${task.prospect.name} ${status}.`);
      await list.reload();
    } catch (error) {
      fail(error, 'Marking the task');
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'j' || event.key === 'ArrowDown')
        setSelected((s) => Math.min(s + 1, items.length - 1));
      else if (event.key === 'k' || event.key === 'ArrowUp') setSelected((s) => Math.max(s - 1, 0));
      else if (event.key === 'd') void finish(selected, 'done');
      else if (event.key === 's') void finish(selected, 'skipped');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <section aria-labelledby="tasks-title">
      <h1 id="tasks-title">Tasks</h1>
      <p className="muted">
        Cadence steps, promised callbacks and meetings, earliest first, at the prospect's time (yours beside
        it when it differs). <kbd>j</kbd>/<kbd>k</kbd> to move, <kbd>d</kbd> done, <kbd>s</kbd> skip.{' '}
        {HORIZONS.map((h) => (
          <button
            key={h.days}
            type="button"
            className={days === h.days ? '' : 'quiet'}
            aria-pressed={days === h.days}
            onClick={() => setDays(h.days)}
          >
            {h.label}
          </button>
        ))}
      </p>
      {list.data && items.length === 0 && <p className="muted">Nothing due.</p>}
      {items.length > 0 && (
        <table className="grid tasks">
          <thead>
            <tr>
              <th>Due</th>
              <th>Step</th>
              <th>Prospect</th>
              <th>Cadence</th>
              <th>
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((t, i) => (
              <tr key={t.id} aria-selected={i === selected} className={i === selected ? 'selected' : ''}>
                <td>
                  {theirTime(t.dueAt, t.zone)}
                  {t.overdue && <span className="badge badge-slow-down">overdue</span>}
                </td>
                <td>
                  {t.kind}
                  {t.auto && (
                    <span
                      className="badge"
                      title="Goes out by itself when due, through the team's SMTP server"
                    >
                      auto
                    </span>
                  )}
                  {t.note && <div className="muted">{t.note}</div>}
                  {t.problem && <div className="problem">{t.problem}</div>}
                  {t.pursuit && t.pursuit.recommendation !== 'continue' && (
                    <div className="muted">
                      <span className={`badge badge-${t.pursuit.recommendation}`}>
                        {t.pursuit.recommendation}
                      </span>
                      {t.pursuit.reason}
                    </div>
                  )}
                </td>
                <td>
                  <a href={href('prospects', t.prospect.id)}>{t.prospect.name}</a>
                  {t.prospect.company && <div className="muted">{t.prospect.company}</div>}
                </td>
                <td>{t.cadence ? `${t.cadence} ${t.step}/${t.of ?? '?'}` : 'promised'}</td>
                <td>
                  {(t.kind === 'call' || t.kind === 'callback') && (
                    <a className="button" href={href('now', t.prospect.id)}>
                      Card
                    </a>
                  )}{' '}
                  <button type="button" onClick={() => void finish(i, 'done')}>
                    Done
                  </button>{' '}
                  <button type="button" className="quiet" onClick={() => void finish(i, 'skipped')}>
                    Skip
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
