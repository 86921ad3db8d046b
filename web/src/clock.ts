/**
 * The instant the desk reasons about. `?at=2026-11-20T17:00:00Z` in the address fixes it, so a
 * plan, a demo or a test can be replayed; otherwise it is the computer's clock.
 */
const fixed = new URLSearchParams(location.search).get('at');

export const fixedAt: string | null =
  fixed && !Number.isNaN(Date.parse(fixed)) ? new Date(fixed).toISOString() : null;

export const nowIso = (): string => fixedAt ?? new Date().toISOString();

export function formatWhen(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function ago(iso: string, from: string = nowIso()): string {
  const minutes = Math.round((Date.parse(from) - Date.parse(iso)) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 36) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
