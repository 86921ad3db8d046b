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
  return typingIn(event.target as HTMLElement | null);
}

/** Whether `element` takes typed text: a field, a list to pick from, or editable content. */
export function typingIn(element: Element | null): boolean {
  if (!element) return false;
  const tag = element.tagName;
  return (
    tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (element as HTMLElement).isContentEditable
  );
}
