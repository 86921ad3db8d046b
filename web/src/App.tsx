import { useEffect, useRef, useState } from 'react';
import { AccountBadge, FirstRun, Gate, useSession } from './account.tsx';
import { onCall } from './api.ts';
import { nowIso, rehearsalRefused, rehearsalStart, yourTime } from './clock.ts';
import { noteArrival } from './inbound.ts';
import { OUTCOME_KEYS } from './log/LogPanel.tsx';
import { LogProvider } from './log/logging.tsx';
import { NoticeArea, NoticeProvider, useNotices } from './notices.tsx';
import { PhoneBar } from './PhoneBar.tsx';
import { answer, hangUpHere, type PhoneState, toggleMute, useDeskPhone } from './phone.ts';
import { Reminders } from './Reminders.tsx';
import { go, href, type Place, typing, usePlace } from './router.ts';
import { Callback } from './screens/Callback.tsx';
import { Import } from './screens/Import.tsx';
import { Insights } from './screens/Insights.tsx';
import { Now } from './screens/Now.tsx';
import { Plan } from './screens/Plan.tsx';
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
  { key: '7', screen: 'plan', label: 'Plan' },
];

const SHORTCUTS: [string, string][] = [
  ['1 – 7', 'Now, Prospects, Import, Insights, Settings, Tasks, Plan'],
  ['d / s', 'Tasks: mark the selected task done, or skip it'],
  ['/', 'type or paste a calling number: the callback card'],
  ['j / ↓, k / ↑', 'next or previous prospect in the queue'],
  ['d', 'with a telephony provider: call the prospect through Reach (your phone, or this desk, rings first)'],
  ['a', 'answer the call ringing on this desk (when calls ring the desk)'],
  ['m', 'mute or unmute your microphone on the desk’s call'],
  ['h', 'hang up the call through Reach (skip a voicemail at the beep)'],
  ['p', 'at the beep, play your recorded message (where the law allows it) and move on'],
  ...OUTCOME_KEYS.map((o): [string, string] => [
    o.key,
    `log: ${o.label.toLowerCase()}, then the next prospect`,
  ]),
  ['e', 'write a note before logging'],
  ['t', 'start or stop the call timer (its time is logged as the duration)'],
  ['c', 'copy the number to dial'],
  ['u', 'undo the last log (within a minute)'],
  ['Shift+R', 'refresh the queue'],
  ['Esc', 'leave a field; close this list'],
  ['?', 'show or hide these shortcuts'],
];

export function App() {
  return (
    <NoticeProvider>
      <Gate>
        <LogProvider>
          <Desk />
          <NoticeArea />
        </LogProvider>
      </Gate>
    </NoticeProvider>
  );
}

function Desk() {
  const place = usePlace();
  const [help, setHelp] = useState(false);
  const callbackBox = useRef<HTMLInputElement>(null);
  const [caller, setCaller] = useState('');
  const session = useSession();
  const phone = useDeskPhone(session?.who.user?.reachBy === 'browser');
  const phoneNow = useRef<PhoneState>(phone);
  phoneNow.current = phone;

  // A call in through the provider pops its caller's card at once.
  const { say } = useNotices();
  useEffect(() => {
    const seen = new Set<number>();
    const stop = onCall((call) => {
      if (call.direction !== 'inbound' || call.state === 'ended' || seen.has(call.id)) return;
      seen.add(call.id);
      noteArrival(call);
      go('callback', call.number);
      const where = call.repVia === 'browser' ? 'answer it on this desk (a)' : 'your phone is ringing';
      say(`Call in from ${call.prospect ? call.prospect.name : call.number}: ${where}.`, { tone: 'info' });
    });
    return () => stop?.();
  }, [say]);

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
      } else if (event.key === 'a' && phoneNow.current.ringing.length > 0) {
        answer(phoneNow.current.ringing[0]!.sid);
      } else if (event.key === 'm' && phoneNow.current.on) {
        toggleMute();
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
        <RehearsalClock />
        <AccountBadge />
        <button type="button" className="quiet" onClick={() => setHelp(true)} aria-label="Keyboard shortcuts">
          ?
        </button>
      </header>
      {rehearsalRefused && (
        <p className="error banner" role="alert">
          {rehearsalRefused}
        </p>
      )}
      <PhoneBar phone={phone} onHangUp={hangUpHere} />
      <Reminders />
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

/** In a rehearsal (`?at=`), the desk's running clock, so nobody mistakes it for today. */
function RehearsalClock() {
  const [, tick] = useState(0);
  useEffect(() => {
    if (!rehearsalStart) return;
    const timer = setInterval(() => tick((n) => n + 1), 15_000);
    return () => clearInterval(timer);
  }, []);
  if (!rehearsalStart) return null;
  return (
    <span
      className="fixed-clock"
      title={`A rehearsal that started at ${rehearsalStart}: the clock runs on from there, and calls are logged at its time`}
    >
      rehearsal · {yourTime(nowIso())}
    </span>
  );
}

function Screen({ place }: { place: Place }) {
  switch (place.screen) {
    case 'prospects':
      return <Prospects id={place.arg} />;
    case 'callback':
      return place.arg ? (
        <Callback key={place.arg} number={place.arg} />
      ) : (
        <p>Type the calling number in the box above.</p>
      );
    case 'import':
      return <Import />;
    case 'insights':
      return <Insights arg={place.arg} />;
    case 'settings':
      return <Settings />;
    case 'tasks':
      return <Tasks />;
    case 'plan':
      return <Plan />;
    case 'setup':
      return <FirstRun />;
    default:
      return <Now open={place.arg} />;
  }
}
