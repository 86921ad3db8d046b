import { useCallback, useEffect, useMemo, useState } from 'react';

/** The call in progress: started when the rep dials, logged as the call's duration. */
export type CallTimer = {
  startedAt: number | null;
  running: boolean;
  start: () => void;
  stop: () => void;
  reset: () => void;
  /** Whole seconds from the start to the stop (or to now while it runs). */
  seconds: () => number;
};

/** Real elapsed time, whatever clock the desk reasons about (a rehearsal runs at the same pace). */
export function useCallTimer(): CallTimer {
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const [stoppedAt, setStoppedAt] = useState<number | null>(null);
  const [, tick] = useState(0);
  const running = startedAt !== null && stoppedAt === null;
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => tick((n) => n + 1), 1_000);
    return () => clearInterval(timer);
  }, [running]);
  const start = useCallback(() => {
    setStartedAt(Date.now());
    setStoppedAt(null);
  }, []);
  const stop = useCallback(() => setStoppedAt((s) => s ?? Date.now()), []);
  const reset = useCallback(() => {
    setStartedAt(null);
    setStoppedAt(null);
  }, []);
  return useMemo(
    () => ({
      startedAt,
      running,
      start,
      stop,
      reset,
      seconds: () => (startedAt === null ? 0 : Math.round(((stoppedAt ?? Date.now()) - startedAt) / 1_000)),
    }),
    [startedAt, stoppedAt, running, start, stop, reset],
  );
}

/** 75 → "1:15". */
export const minutesSeconds = (seconds: number): string =>
  `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
