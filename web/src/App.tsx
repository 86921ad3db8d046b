import { useEffect, useRef, useState } from 'react';
import { fixedAt } from './clock.ts';
import { NoticeArea, NoticeProvider } from './notices.tsx';
import { go, href, type Place, typing, usePlace } from './router.ts';
import { Callback } from './screens/Callback.tsx';
import { OUTCOME_KEYS } from './screens/CallCard.tsx';
import { Import } from './screens/Import.tsx';
import { Insights } from './screens/Insights.tsx';
import { Now } from './screens/Now.tsx';
import { Prospects } from './screens/Prospect.tsx';
import { Settings } from './screens/Settings.tsx';
import { Tasks } from './screens/Tasks.tsx';

const SCREENS = [
  { key: '1', screen: 'now', label: 'Now' },
  { key: '2', screen: 'prospects', label: 'Prospects' },
  { key: '3', screen: 'import', label: 'Import' },
  { key: '4', screen: 'insights', label: 'Insights' },
  { key: '5', screen: 'settings', label: 'Settings' },
  { key: '6', screen: 'tasks', label: 'Tasks' },
];

const SHORTCUTS: [string, string][] = [
  ['1 – 6', 'Now, Prospects, Import, Insights, Settings, Tasks'],
  ['d / s', 'Tasks: mark the selected task done, or skip it'],
  ['/', 'type or paste a calling number: the callback card'],
  ['j / ↓, k / ↑', 'next or previous prospect in the queue'],
  ...OUTCOME_KEYS.map((o): [string, string] => [
    o.key,
    `log: ${o.label.toLowerCase()}, then the next prospect`,
  ]),
  ['e', 'write a note before logging'],
  ['c', 'copy the number to dial'],
  ['u', 'undo the last log (within a minute)'],
  ['Shift+R', 'refresh the queue'],
  ['Esc', 'leave a field; close this list'],
  ['?', 'show or hide these shortcuts'],
];

export function App() {
  return (
    <NoticeProvider>
      <Desk />
      <NoticeArea />
    </NoticeProvider>
  );
}

function Desk() {
  const place = usePlace();
  const [help, setHelp] = useState(false);
  const callbackBox = useRef<HTMLInputElement>(null);
  const [caller, setCaller] = useState('');

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setHelp(false);
      if (typing(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '?') {
        setHelp((h) => !h);
        event.preventDefault();
      } else if (event.key === '/') {
        callbackBox.current?.focus();
        event.preventDefault();
      } else {
        const screen = SCREENS.find((s) => s.key === event.key);
        if (screen) go(screen.screen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a className="brand" href={href('now')}>
          Reach
        </a>
        <nav aria-label="Screens">
          {SCREENS.map((s) => (
            <a
              key={s.screen}
              href={href(s.screen)}
              aria-current={place.screen === s.screen ? 'page' : undefined}
            >
              {s.label}
            </a>
          ))}
        </nav>
        <form
          className="callback-box"
          onSubmit={(e) => {
            e.preventDefault();
            if (caller.trim()) go('callback', caller.trim());
            callbackBox.current?.blur();
          }}
        >
          <label htmlFor="callback-number">Callback from</label>
          <input
            id="callback-number"
            ref={callbackBox}
            type="tel"
            value={caller}
            onChange={(e) => setCaller(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') (e.target as HTMLElement).blur();
            }}
            placeholder="number  ( / )"
          />
          <button type="submit">Open</button>
        </form>
        {fixedAt && (
          <span className="fixed-clock" title="The address fixes the time the desk reasons about (?at=)">
            at {fixedAt.slice(0, 16).replace('T', ' ')} UTC
          </span>
        )}
        <button type="button" className="quiet" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
          ?
        </button>
      </header>
      <main id="main">
        <Screen place={place} />
      </main>
      {help && (
        <div className="overlay">
          <div className="sheet" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
            <h2 id="shortcuts-title">Keyboard shortcuts</h2>
            <table className="grid">
              <tbody>
                {SHORTCUTS.map(([keys, what]) => (
                  <tr key={keys}>
                    <td>
                      <kbd>{keys}</kbd>
                    </td>
                    <td>{what}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <button type="button" ref={(button) => button?.focus()} onClick={() => setHelp(false)}>
              Close
            </button>
          </div>
        </div>
      )}
    </>
  );
}

function Screen({ place }: { place: Place }) {
  switch (place.screen) {
    case 'prospects':
      return <Prospects id={place.arg} />;
    case 'callback':
      return place.arg ? <Callback number={place.arg} /> : <p>Type the calling number in the box above.</p>;
    case 'import':
      return <Import />;
    case 'insights':
      return <Insights arg={place.arg} />;
    case 'settings':
      return <Settings />;
    case 'tasks':
      return <Tasks />;
    default:
      return <Now />;
  }
}
