import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { api, type LoggedCall } from '../api.ts';
import { nowIso } from '../clock.ts';
import { useNotices } from '../notices.tsx';

/** How long after a log the desk offers to take it back (the server allows 60 s). */
const UNDO_MS = 60_000;

/** One call to log, on the prospect the card showed: never whatever is selected when the answer comes. */
export type LogRequest = {
  prospect: { id: number; name: string };
  /** "no answer", as the notice says it. */
  label: string;
  call: Record<string, unknown>;
  /** A call placed through Reach: the log goes on it, once, in place of what it logged itself as. */
  liveCallId?: number;
};

type Logging = {
  log: (request: LogRequest) => Promise<LoggedCall | null>;
  undo: () => Promise<void>;
  busy: boolean;
  /** Goes up with every log and undo, for screens that show what calls changed. */
  version: number;
};

const Context = createContext<Logging | null>(null);

/** Logging a call and taking it back, shared by the call card, the prospect page and the keyboard. */
export function LogProvider({ children }: { children: ReactNode }) {
  const { say, fail, clearActions } = useNotices();
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const last = useRef<{ id: number; name: string; loggedAt: number } | null>(null);
  const inFlight = useRef(false);

  const undo = useCallback(async () => {
    const logged = last.current;
    if (!logged || Date.now() - logged.loggedAt > UNDO_MS) {
      say(
        'Nothing to undo: a log can be taken back for a minute after it is made; after that, correct it on the prospect page.',
        {
          tone: 'info',
        },
      );
      return;
    }
    try {
      await api(`/calls/${logged.id}`, { method: 'DELETE' });
      last.current = null;
      clearActions();
      say(`Undone: the call to ${logged.name} is no longer logged.`);
      setVersion((v) => v + 1);
    } catch (error) {
      fail(error, 'Undo');
    }
  }, [say, fail, clearActions]);

  const log = useCallback(
    async (request: LogRequest): Promise<LoggedCall | null> => {
      // One log at a time: a second key press while the first is on its way is not a second call.
      if (inFlight.current) return null;
      inFlight.current = true;
      setBusy(true);
      try {
        const logged =
          request.liveCallId !== undefined
            ? await api<LoggedCall>(`/telephony/calls/${request.liveCallId}/log`, {
                method: 'POST',
                body: request.call,
              })
            : await api<LoggedCall>('/calls', {
                method: 'POST',
                body: { ...request.call, prospect: request.prospect.id, at: nowIso() },
              });
        last.current = { id: logged.attempt.id, name: request.prospect.name, loggedAt: Date.now() };
        const moved = logged.stage ? `; stage ${logged.stage.from} → ${logged.stage.to}` : '';
        const flags = logged.flags.length > 0 ? ` (${logged.flags.join(', ')})` : '';
        const facts = logged.intel?.length
          ? `, ${logged.intel.length} fact${logged.intel.length > 1 ? 's' : ''} heard`
          : '';
        const number = logged.attempt.number ? ` on ${logged.attempt.number.e164}` : '';
        say(`Logged ${request.label} for ${request.prospect.name}${number}${facts}${moved}${flags}.`, {
          action: { label: 'Undo (u)', run: () => void undo() },
        });
        setVersion((v) => v + 1);
        return logged;
      } catch (error) {
        fail(error, `Nothing logged for ${request.prospect.name}`);
        return null;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [say, fail, undo],
  );

  const value = useMemo(() => ({ log, undo, busy, version }), [log, undo, busy, version]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useLogging(): Logging {
  const value = useContext(Context);
  if (!value) throw new Error('useLogging outside LogProvider');
  return value;
}
