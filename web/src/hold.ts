import { useEffect, useState } from 'react';
import { useSession } from './account.tsx';
import { ApiError, api, describeError } from './api.ts';

/** How often an open card renews its hold on the prospect (the server keeps it five minutes). */
const RENEW_MS = 2 * 60_000;

/**
 * Holds the prospect whose card is open, so no teammate is proposed them or dials them
 * meanwhile; renewed while the card stays open, let go when it closes. Answers why this rep may
 * not call them now (a teammate has them open), or null.
 */
export function useProspectHold(id: number): string | null {
  const session = useSession();
  const [conflict, setConflict] = useState<string | null>(null);
  const signedIn = Boolean(session?.who.user);
  useEffect(() => {
    if (!signedIn) return;
    let held = false;
    const hold = async () => {
      try {
        await api(`/prospects/${id}/hold`, { method: 'POST' });
        held = true;
        setConflict(null);
      } catch (error) {
        if (error instanceof ApiError && error.problem.status === 409) setConflict(describeError(error));
      }
    };
    void hold();
    const timer = setInterval(() => void hold(), RENEW_MS);
    return () => {
      clearInterval(timer);
      if (held) void api(`/prospects/${id}/hold`, { method: 'DELETE' }).catch(() => undefined);
    };
  }, [id, signedIn]);
  return conflict;
}
