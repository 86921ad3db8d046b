import { useEffect, useState } from 'react';

/** The screen and its argument, read from the address's hash: `#/prospects/12`. */
export type Place = { screen: string; arg: string | null };

function read(): Place {
  const [, screen = 'now', ...rest] = location.hash.replace(/^#/, '').split('/');
  return { screen: screen || 'now', arg: rest.length > 0 ? decodeURIComponent(rest.join('/')) : null };
}

export function usePlace(): Place {
  const [place, setPlace] = useState(read);
  useEffect(() => {
    const update = () => setPlace(read());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return place;
}

export const href = (screen: string, arg?: string | number): string =>
  `#/${screen}${arg === undefined ? '' : `/${encodeURIComponent(String(arg))}`}`;

export const go = (screen: string, arg?: string | number): void => {
  location.hash = href(screen, arg);
};

/** True when a key press belongs to a field being typed in, not to the desk's shortcuts. */
export function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
