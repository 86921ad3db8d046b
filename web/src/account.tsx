import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import {
  ApiError,
  api,
  closeEvents,
  describeError,
  savedToken,
  saveToken,
  setCsrf,
  type WhoAmI,
  whenSignedOut,
} from './api.ts';
import { go } from './router.ts';

/** Who this desk is, and how to log out; null before the server has said. */
type Session = { who: WhoAmI; signOut: () => Promise<void>; refresh: () => Promise<void> };
const SessionContext = createContext<Session | null>(null);

export const useSession = (): Session | null => useContext(SessionContext);

/** The password link's token, when the address is `#/password?token=…`. */
const linkToken = (): string | null => {
  const match = /^#\/password\?token=([\w-]+)$/.exec(location.hash);
  return match ? match[1]! : null;
};

/**
 * Lets the desk in once the server knows who it is: a session, a saved token, or a book without
 * accounts on this machine. Otherwise the login screen; a one-time link sets a password first.
 */
export function Gate({ children }: { children: ReactNode }) {
  const [who, setWho] = useState<WhoAmI | null>(null);
  const [state, setState] = useState<'loading' | 'in' | 'out' | 'error'>('loading');
  const [problem, setProblem] = useState('');
  const [link, setLink] = useState(linkToken);

  const accept = useCallback((answer: WhoAmI) => {
    // A desk that logs in is that person: a token saved in this browser no longer speaks for it.
    if (answer.via === 'session') saveToken('');
    setCsrf(answer.csrf);
    setWho(answer);
    setState('in');
  }, []);
  const refresh = useCallback(async () => {
    try {
      accept(await api<WhoAmI>('/auth/session'));
    } catch (error) {
      if (error instanceof ApiError && error.problem.status === 401) setState('out');
      else {
        setProblem(describeError(error));
        setState('error');
      }
    }
  }, [accept]);
  useEffect(() => {
    void refresh();
    whenSignedOut(() => {
      closeEvents();
      setCsrf(null);
      setState('out');
    });
    const hear = () => setLink(linkToken());
    window.addEventListener('hashchange', hear);
    return () => {
      whenSignedOut(null);
      window.removeEventListener('hashchange', hear);
    };
  }, [refresh]);
  // Signing out ends the session, or forgets the token this browser kept; either way the live events stop.
  const signOut = useCallback(async () => {
    if (savedToken()) saveToken('');
    else await api('/auth/logout', { method: 'POST' }).catch(() => undefined);
    closeEvents();
    setCsrf(null);
    setWho(null);
    setState('loading');
    await refresh();
  }, [refresh]);

  if (link)
    return (
      <SetPassword
        token={link}
        onDone={(answer) => {
          accept(answer);
          setLink(null);
          go('now');
        }}
      />
    );
  if (state === 'loading') return <p className="muted gate">Opening the desk…</p>;
  if (state === 'error')
    return (
      <p className="error banner" role="alert">
        {problem}
      </p>
    );
  if (state === 'out' || !who) return <Login onDone={accept} />;
  return <SessionContext.Provider value={{ who, signOut, refresh }}>{children}</SessionContext.Provider>;
}

function Login({ onDone }: { onDone: (who: WhoAmI) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <main className="gate" id="main">
      <form
        className="sheet login"
        aria-labelledby="login-title"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          try {
            onDone(await api<WhoAmI>('/auth/login', { method: 'POST', body: { email, password } }));
          } catch (error) {
            setProblem(describeError(error));
            setPassword('');
          } finally {
            setBusy(false);
          }
        }}
      >
        <h1 id="login-title">Log in to Reach</h1>
        <label>
          Email
          <input
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            ref={(input) => input?.focus()}
          />
        </label>
        <label>
          Password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          Log in
        </button>
        <p className="muted">Forgot it? An admin of your team makes you a one-time link.</p>
      </form>
    </main>
  );
}

/** Two password fields that must agree, with the length the server asks for. */
function NewPassword(props: { value: string; onChange: (value: string) => void }) {
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && again !== props.value;
  return (
    <>
      <label>
        New password (12 characters or more; a passphrase is best)
        <input
          type="password"
          autoComplete="new-password"
          minLength={12}
          maxLength={128}
          required
          value={props.value}
          onChange={(e) => props.onChange(e.target.value)}
        />
      </label>
      <label>
        The same again
        <input
          type="password"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          aria-invalid={mismatch}
          onBlur={(e) =>
            e.target.setCustomValidity(e.target.value === props.value ? '' : 'The two passwords differ')
          }
        />
      </label>
      {mismatch && <p className="muted">The two passwords differ.</p>}
    </>
  );
}

function SetPassword(props: { token: string; onDone: (who: WhoAmI) => void }) {
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  return (
    <main className="gate" id="main">
      <form
        className="sheet login"
        aria-labelledby="link-title"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            props.onDone(
              await api<WhoAmI>('/auth/link', { method: 'POST', body: { token: props.token, password } }),
            );
          } catch (error) {
            setProblem(describeError(error));
          }
        }}
      >
        <h1 id="link-title">Set your password</h1>
        <NewPassword value={password} onChange={setPassword} />
        {problem && (
          <p className="error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary">
          Set it and log in
        </button>
      </form>
    </main>
  );
}

/** The first run: the server's first admin, who owns the book so far; from then on every desk logs in. */
export function FirstRun() {
  const session = useSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState('');
  if (session?.who.accounts)
    return <p>This server has accounts: people are added under Settings → People.</p>;
  return (
    <form
      className="sheet login"
      aria-labelledby="setup-title"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const who = await api<WhoAmI>('/auth/setup', { method: 'POST', body: { name, email, password } });
          setCsrf(who.csrf);
          await session?.refresh();
          go('settings');
        } catch (error) {
          setProblem(describeError(error));
        }
      }}
    >
      <h1 id="setup-title">Set up logins</h1>
      <p>
        You become this server's first admin and the owner of the prospects in the book so far. From then on
        everyone logs in: add your reps and managers under Settings → People.
      </p>
      <label>
        Your name (as prospects hear it)
        <input required value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
      </label>
      <label>
        Email
        <input
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          autoComplete="username"
        />
      </label>
      <NewPassword value={password} onChange={setPassword} />
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" className="primary">
        Make me the admin
      </button>
    </form>
  );
}

/** The header's account: who, and log out; on a book without accounts, the way to set them up. */
export function AccountBadge() {
  const session = useSession();
  if (!session) return null;
  const { who } = session;
  if (!who.accounts)
    return (
      <a className="quiet" href="#/setup" title="Nobody logs in yet: anyone on this machine uses the desk">
        Set up logins
      </a>
    );
  // A token saved in this browser (the operator's, or a personal one) is forgotten to sign out.
  const out = (
    <button type="button" className="quiet" onClick={() => void session.signOut()}>
      {who.via === 'session' ? 'Log out' : 'Forget token'}
    </button>
  );
  if (!who.user)
    return (
      <span className="account">
        <span className="muted" title="This browser sends the operator's token (REACH_TOKEN)">
          operator
        </span>
        {who.via === 'operator' && out}
      </span>
    );
  return (
    <span className="account">
      <span title={`${who.user.email} · team ${who.team.name}`}>
        {who.user.name} · {who.user.role}
      </span>
      {(who.via === 'session' || who.via === 'token') && out}
    </span>
  );
}
