import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { describeError } from './api.ts';

export type Notice = {
  id: number;
  tone: 'ok' | 'error' | 'info';
  text: string;
  action?: { label: string; run: () => void } | undefined;
};

type Notices = {
  notices: Notice[];
  say: (text: string, options?: { action?: Notice['action']; tone?: Notice['tone'] }) => void;
  fail: (error: unknown, doing?: string) => void;
  dismiss: (id: number) => void;
  /** Withdraws the offer to undo, once the log is undone. */
  clearActions: () => void;
};

const Context = createContext<Notices | null>(null);
let next = 1;

/** Every action's visible result: a short line at the bottom of the screen, read out to screen readers. */
export function NoticeProvider({ children }: { children: ReactNode }) {
  const [notices, setNotices] = useState<Notice[]>([]);
  const dismiss = useCallback((id: number) => setNotices((all) => all.filter((n) => n.id !== id)), []);
  const push = useCallback(
    (notice: Omit<Notice, 'id'>, ttl: number) => {
      const id = next++;
      // One undo on offer at a time (the latest log's), and at most three lines on screen.
      setNotices((all) => [...all.filter((n) => !(notice.action && n.action)).slice(-2), { ...notice, id }]);
      setTimeout(() => dismiss(id), ttl);
    },
    [dismiss],
  );
  const say = useCallback<Notices['say']>(
    (text, options = {}) =>
      push({ text, tone: options.tone ?? 'ok', action: options.action }, options.action ? 60_000 : 5_000),
    [push],
  );
  const fail = useCallback<Notices['fail']>(
    (error, doing) =>
      push({ text: `${doing ? `${doing}: ` : ''}${describeError(error)}`, tone: 'error' }, 12_000),
    [push],
  );
  const clearActions = useCallback(() => setNotices((all) => all.filter((n) => !n.action)), []);
  const value = useMemo(
    () => ({ notices, say, fail, dismiss, clearActions }),
    [notices, say, fail, dismiss, clearActions],
  );
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useNotices(): Notices {
  const value = useContext(Context);
  if (!value) throw new Error('useNotices outside NoticeProvider');
  return value;
}

export function NoticeArea() {
  const { notices, dismiss } = useNotices();
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} role={n.tone === 'error' ? 'alert' : 'status'}>
          <span>{n.text}</span>
          {n.action && (
            <button
              type="button"
              onClick={() => {
                n.action?.run();
                dismiss(n.id);
              }}
            >
              {n.action.label}
            </button>
          )}
          <button type="button" className="quiet" aria-label="Dismiss" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
