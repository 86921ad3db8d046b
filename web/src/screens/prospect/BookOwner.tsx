import { useEffect, useState } from 'react';
import { useSession } from '../../account.tsx';
import { type Account, api, describeError, type Prospect } from '../../api.ts';
import { useNotices } from '../../notices.tsx';
import { useLoad } from '../../use-load.ts';

/**
 * Whose book the prospect is in; a manager (or an admin) moves it to another rep's book or to the
 * team's shared pool from here, and the move is audited. Choosing is not moving: arrow keys over
 * the list change nothing until **Move**. Without logins there are no books.
 */
export function BookOwner({ prospect, onMoved }: { prospect: Prospect; onMoved: () => void }) {
  const session = useSession();
  const { say } = useNotices();
  const people = useLoad(() => api<{ users: Account[] }>('/users'), []);
  const current = prospect.ownerId === null ? 'pool' : String(prospect.ownerId);
  const [choice, setChoice] = useState(current);
  const [moving, setMoving] = useState(false);
  useEffect(() => setChoice(current), [current]);
  if (!session?.who.accounts) return null;
  const me = session.who.user;
  const manages = me ? me.role !== 'rep' : session.who.owner;
  const owner = people.data?.users.find((u) => u.id === prospect.ownerId);
  const ownerName = prospect.ownerId === null ? "the team's pool" : (owner?.name ?? 'someone else');
  if (!manages) return <span>Book: {prospect.ownerId === me?.id ? 'yours' : ownerName}</span>;
  // Until the people are read, the book is not shown as anyone's (least of all the pool's).
  if (!people.data)
    return <span className="muted">Book: {people.error ? describeError(people.error) : 'reading…'}</span>;
  const users = people.data.users;
  const move = async () => {
    setMoving(true);
    try {
      await api('/prospects/reassign', { method: 'POST', body: { to: choice, ids: [prospect.id] } });
      const name = users.find((u) => String(u.id) === choice)?.name;
      say(`${prospect.name} is now in ${choice === 'pool' ? "the team's pool" : `${name}’s book`}.`);
      onMoved();
    } catch (error) {
      say(describeError(error), { tone: 'error' });
    } finally {
      setMoving(false);
    }
  };
  return (
    <span className="book-owner">
      <label className="inline">
        Book{' '}
        <select aria-label="Whose book" value={choice} onChange={(e) => setChoice(e.target.value)}>
          <option value="pool">the team's pool</option>
          {users
            .filter((u) => u.active || u.id === prospect.ownerId)
            .map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.name} ({u.role}){u.active ? '' : ' — cannot log in'}
              </option>
            ))}
        </select>
      </label>
      {choice !== current && (
        <>
          {' '}
          <button type="button" onClick={() => void move()} disabled={moving}>
            {moving ? 'Moving…' : 'Move'}
          </button>{' '}
          <button type="button" className="quiet" onClick={() => setChoice(current)}>
            Don’t move
          </button>
        </>
      )}
    </span>
  );
}
