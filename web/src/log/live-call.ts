import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type LiveCall, onCall } from '../api.ts';
import { expectCall } from '../phone.ts';

/** How often a card without the live stream asks after its call. */
const POLL_MS = 1_500;
/** How far back a card looks for its prospect's call when it opens. */
const RECOVER_MS = 15 * 60_000;

export type LiveCallControl = {
  call: LiveCall | null;
  placing: boolean;
  /** Places the call through the provider; the rule that refuses it is thrown as the API's problem. */
  dial: (number: string) => Promise<LiveCall>;
  hangUp: () => Promise<void>;
  /** Plays a recorded message at the beep (refused, naming the rule, where the law or the strategy does not allow it). */
  drop: (drop: number) => Promise<void>;
  /** Forgets the call once the rep has logged it (or moved on). */
  clear: () => void;
};

/**
 * One call through the provider from a card: placed, then followed as it moves (the live stream,
 * or asking every second and a half where the stream cannot open) until it has ended and is
 * logged.
 */
export function useLiveCall(prospectId: number): LiveCallControl {
  // The call belongs to the prospect it was placed to: another prospect on the card has none.
  const [placed, setPlaced] = useState<{ prospectId: number; call: LiveCall } | null>(null);
  const call = placed?.prospectId === prospectId ? placed.call : null;
  const [placing, setPlacing] = useState(false);
  const current = useRef<number | null>(null);
  const setCall = useCallback(
    (moved: LiveCall | null) =>
      setPlaced(moved ? { prospectId: moved.prospect?.id ?? -1, call: moved } : null),
    [],
  );

  // Back on a prospect whose call is under way (the card was left, the page reloaded): the call is found again.
  useEffect(() => {
    let live = true;
    api<{ items: LiveCall[] }>('/telephony/calls', { query: { limit: 20 } })
      .then(({ items }) => {
        const open = items.find(
          (c) =>
            c.direction === 'outbound' &&
            c.prospect?.id === prospectId &&
            Date.now() - Date.parse(c.at) < RECOVER_MS &&
            // Under way, or answered and still waiting for the rep's word on who it was.
            (c.state !== 'ended' || (c.answeredAt !== null && c.loggedBy !== 'rep')),
        );
        if (live && open && current.current === null) {
          current.current = open.id;
          setCall(open);
        }
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [prospectId, setCall]);

  useEffect(() => {
    const stop = onCall((moved) => {
      if (moved.id === current.current) setCall(moved);
    });
    if (stop) return stop;
    const timer = setInterval(() => {
      const id = current.current;
      if (id === null) return;
      api<LiveCall>(`/telephony/calls/${id}`)
        .then((moved) => {
          if (moved.id === current.current) setCall(moved);
        })
        .catch(() => undefined);
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [setCall]);

  const dial = useCallback(
    async (number: string) => {
      setPlacing(true);
      try {
        const placed = await api<LiveCall>('/calls/dial', {
          method: 'POST',
          body: { prospect: prospectId, number },
        });
        current.current = placed.id;
        setCall(placed);
        // Rung on this desk's phone: answered as soon as it rings, since the rep just pressed Call.
        if (placed.repVia === 'browser' && placed.repSid) expectCall(placed.repSid);
        return placed;
      } finally {
        setPlacing(false);
      }
    },
    [prospectId, setCall],
  );

  const hangUp = useCallback(async () => {
    const id = current.current;
    if (id === null) return;
    setCall(await api<LiveCall>(`/telephony/calls/${id}/hangup`, { method: 'POST' }));
  }, [setCall]);

  const drop = useCallback(
    async (dropId: number) => {
      const id = current.current;
      if (id === null) return;
      setCall(await api<LiveCall>(`/telephony/calls/${id}/drop`, { method: 'POST', body: { drop: dropId } }));
    },
    [setCall],
  );

  const clear = useCallback(() => {
    current.current = null;
    setCall(null);
  }, [setCall]);

  return { call, placing, dial, hangUp, drop, clear };
}
