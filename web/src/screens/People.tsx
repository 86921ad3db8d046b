import { useState } from 'react';
import { useSession } from '../account.tsx';
import { type Account, api, describeError, type PasswordLink, type Token } from '../api.ts';
import { yourTime } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { useTeam } from '../team.ts';
import { useLoad } from '../use-load.ts';

const ROLES = ['rep', 'manager', 'admin'] as const;

/** A one-time link as its owner opens it: on this desk's own address. */
const fullLink = (link: PasswordLink): string => `${location.origin}${link.link}`;

/** The team's people and, for an admin, their accounts; for everyone, their own voice, password and tokens. */
export function People() {
  const session = useSession();
  const { say } = useNotices();
  const people = useLoad(() => api<{ users: Account[] }>('/users'), []);
  const [link, setLink] = useState<PasswordLink | null>(null);
  if (!session?.who.accounts) return null;
  const me = session.who.user;
  const admin = me?.role === 'admin' || (!me && session.who.owner);
  const change = async (user: Account, body: object, done: string) => {
    try {
      await api(`/users/${user.id}`, { method: 'PATCH', body });
      say(done);
      people.reload();
    } catch (error) {
      say(describeError(error), { tone: 'error' });
    }
  };
  return (
    <section aria-labelledby="people-title" className="people">
      <h2 id="people-title">People</h2>
      {people.error ? <p className="error">{describeError(people.error)}</p> : null}
      <table className="grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Role</th>
            <th>Logs in</th>
            {admin && <th>Account</th>}
          </tr>
        </thead>
        <tbody>
          {(people.data?.users ?? []).map((u) => (
            <tr key={u.id}>
              <td>
                {u.name}
                {u.id === me?.id && ' (you)'}
              </td>
              <td>{u.email}</td>
              <td>
                {admin && u.email ? (
                  <select
                    aria-label={`Role of ${u.name}`}
                    value={u.role}
                    onChange={(e) =>
                      void change(u, { role: e.target.value }, `${u.name} is now ${e.target.value}.`)
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r}>{r}</option>
                    ))}
                  </select>
                ) : (
                  u.role
                )}
              </td>
              <td>
                {u.disabledAt ? 'disabled' : u.active ? 'yes' : u.email ? 'no password yet' : 'no account'}
              </td>
              {admin && (
                <td className="row">
                  {u.email && u.id !== me?.id && (
                    <button
                      type="button"
                      onClick={() =>
                        void change(
                          u,
                          { disabled: !u.disabledAt },
                          u.disabledAt
                            ? `${u.name} can log in again.`
                            : `${u.name} is logged out and disabled.`,
                        )
                      }
                    >
                      {u.disabledAt ? 'Enable' : 'Disable'}
                    </button>
                  )}
                  {u.email && (
                    <button
                      type="button"
                      onClick={async () => {
                        try {
                          setLink(
                            await api<PasswordLink>(`/users/${u.id}/password-link`, { method: 'POST' }),
                          );
                          people.reload();
                        } catch (error) {
                          say(describeError(error), { tone: 'error' });
                        }
                      }}
                    >
                      Password link
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {link && (
        <p className="notice" role="status">
          One-time link for {link.user.name}, good until {new Date(link.expiresAt).toLocaleString()} (your
          clock): <code>{fullLink(link)}</code> — hand it over by a channel only they read.
        </p>
      )}
      {admin && (
        <AddPerson
          onAdded={(answer) => {
            if (answer) setLink(answer);
            people.reload();
          }}
        />
      )}
      {me && <MyAccount me={me} onChanged={people.reload} />}
    </section>
  );
}

function AddPerson({ onAdded }: { onAdded: (link: PasswordLink | null) => void }) {
  const { say } = useNotices();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<(typeof ROLES)[number]>('rep');
  return (
    <form
      className="row add-person"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          const added = await api<{ user: Account; setup: PasswordLink | null }>('/users', {
            method: 'POST',
            body: { email, name, role },
          });
          say(`${added.user.name} added as ${added.user.role}: hand them the link to set a password.`);
          setEmail('');
          setName('');
          onAdded(added.setup);
        } catch (error) {
          say(describeError(error), { tone: 'error' });
        }
      }}
    >
      <label>
        Name
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>
        Email
        <input type="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
      </label>
      <label>
        Role
        <select value={role} onChange={(e) => setRole(e.target.value as (typeof ROLES)[number])}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <button type="submit">Add person</button>
    </form>
  );
}

/** One's own voice in scripts and calls, password and API tokens. */
function MyAccount({ me, onChanged }: { me: Account; onChanged: () => void }) {
  const { say } = useNotices();
  const [phone, setPhone] = useState(me.phone ?? '');
  const [callerId, setCallerId] = useState(me.callerId ?? '');
  const [zone, setZone] = useState(me.timezone ?? '');
  const [reachBy, setReachBy] = useState(me.reachBy);
  const session = useSession();
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const tokens = useLoad(() => api<{ tokens: Token[] }>('/tokens'), []);
  const [shown, setShown] = useState<string | null>(null);
  const [tokenName, setTokenName] = useState('');
  const fail = (error: unknown) => say(describeError(error), { tone: 'error' });
  return (
    <div className="my-account">
      <h3>You</h3>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await api(`/users/${me.id}`, {
              method: 'PATCH',
              body: { phone: phone || null, callerId: callerId || null, timezone: zone || null, reachBy },
            });
            say(
              reachBy === 'browser'
                ? 'Saved: calls through Reach ring this desk; scripts use your own voice.'
                : 'Saved: scripts and calls use your own voice.',
            );
            onChanged();
            // The desk phone starts or stops with the session's word on how calls reach you.
            void session?.refresh();
          } catch (error) {
            fail(error);
          }
        }}
      >
        <label>
          Your phone (rung first for a call through Reach)
          <input type="tel" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
        <label>
          Calls through Reach ring
          <select value={reachBy} onChange={(e) => setReachBy(e.target.value as Account['reachBy'])}>
            <option value="phone">your phone</option>
            <option value="browser">this desk (the browser)</option>
          </select>
        </label>
        <label>
          Caller ID prospects see
          <input type="tel" value={callerId} onChange={(e) => setCallerId(e.target.value)} />
        </label>
        <label>
          Your zone
          <input value={zone} onChange={(e) => setZone(e.target.value)} placeholder="America/Chicago" />
        </label>
        <button type="submit">Save</button>
      </form>
      <OwnHours me={me} onChanged={onChanged} />
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const done = await api<{ sessionsEnded: number }>('/auth/password', {
              method: 'POST',
              body: { current, password },
            });
            say(`Password changed; ${done.sessionsEnded} other session(s) logged out.`);
            setCurrent('');
            setPassword('');
          } catch (error) {
            fail(error);
          }
        }}
      >
        <label>
          Current password
          <input
            type="password"
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        </label>
        <label>
          New password (12+)
          <input
            type="password"
            autoComplete="new-password"
            minLength={12}
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit">Change password</button>
      </form>
      <h3>API tokens</h3>
      <ul className="tokens">
        {(tokens.data?.tokens ?? [])
          .filter((t) => !t.revokedAt && t.userId === me.id)
          .map((t) => (
            <li key={t.id}>
              {t.name} <code>{t.prefix}…</code>{' '}
              <span className="muted">
                {t.lastUsedAt ? `last used ${yourTime(t.lastUsedAt)}` : 'never used'}
              </span>{' '}
              <button
                type="button"
                onClick={async () => {
                  try {
                    await api(`/tokens/${t.id}`, { method: 'DELETE' });
                    tokens.reload();
                  } catch (error) {
                    fail(error);
                  }
                }}
              >
                Revoke
              </button>
            </li>
          ))}
      </ul>
      <form
        className="row"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const made = await api<{ token: string }>('/tokens', {
              method: 'POST',
              body: { name: tokenName },
            });
            setShown(made.token);
            setTokenName('');
            tokens.reload();
          } catch (error) {
            fail(error);
          }
        }}
      >
        <label>
          New token for
          <input
            required
            value={tokenName}
            onChange={(e) => setTokenName(e.target.value)}
            placeholder="laptop CLI"
          />
        </label>
        <button type="submit">Create token</button>
      </form>
      {shown && (
        <p className="notice" role="status">
          Your token, shown this once: <code>{shown}</code> (REACH_TOKEN for the CLI and scripts).
        </p>
      )}
    </div>
  );
}

/**
 * One's own calling hours (in the called person's clock) and dials per prospect, within the
 * team's: the queue and every dial hold to the stricter. Left empty, the team's hold.
 */
function OwnHours({ me, onChanged }: { me: Account; onChanged: () => void }) {
  const { say } = useNotices();
  const team = useTeam();
  const [start, setStart] = useState(me.callingHoursStart ?? '');
  const [end, setEnd] = useState(me.callingHoursEnd ?? '');
  const [perDay, setPerDay] = useState(me.maxDialsPerDay === null ? '' : String(me.maxDialsPerDay));
  const [perWeek, setPerWeek] = useState(me.maxDialsPerWeek === null ? '' : String(me.maxDialsPerWeek));
  const count = (text: string) => (text.trim() === '' ? null : Number(text));
  return (
    <form
      className="row"
      aria-label="Your own calling hours"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await api(`/users/${me.id}`, {
            method: 'PATCH',
            body: {
              callingHoursStart: start || null,
              callingHoursEnd: end || null,
              maxDialsPerDay: count(perDay),
              maxDialsPerWeek: count(perWeek),
            },
          });
          say('Saved: your queue and your dials keep to your own hours and limits.');
          onChanged();
        } catch (error) {
          say(describeError(error), { tone: 'error' });
        }
      }}
    >
      <label>
        Your first call (their clock)
        <input type="time" value={start} onChange={(e) => setStart(e.target.value)} />
        <small className="muted">the team's: {team?.callingHoursStart ?? '…'}</small>
      </label>
      <label>
        Your last call (their clock)
        <input type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
        <small className="muted">the team's: {team?.callingHoursEnd ?? '…'}</small>
      </label>
      <label>
        Dials per prospect a day
        <input type="number" min={1} value={perDay} onChange={(e) => setPerDay(e.target.value)} />
        <small className="muted">the team's: {team?.maxDialsPerDay ?? '…'}</small>
      </label>
      <label>
        … a week
        <input type="number" min={1} value={perWeek} onChange={(e) => setPerWeek(e.target.value)} />
        <small className="muted">the team's: {team?.maxDialsPerWeek ?? '…'}</small>
      </label>
      <button type="submit">Save my hours</button>
    </form>
  );
}
