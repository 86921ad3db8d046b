import { useSession } from '../../account.tsx';
import { type Account, api, describeError, type Prospect } from '../../api.ts';
import { useNotices } from '../../notices.tsx';
import { useLoad } from '../../use-load.ts';

/**
 * Whose book the prospect is in; a manager (or an admin) moves it to another rep's book or to the
 * team's shared pool from here, and the move is audited. Without logins there are no books.
 */
export function BookOwner({ prospect, onMoved }: { prospect: Prospect; onMoved: () => void }) {
  const session = useSession();
  const { say } = useNotices();
  const people = useLoad(() => api<{ users: Account[] }>('/users'), []);
  if (!session?.who.accounts) return null;
  const me = session.who.user;
  const manages = me ? me.role !== 'rep' : session.who.owner;
  const owner = people.data?.users.find((u) => u.id === prospect.ownerId);
  const ownerName = prospect.ownerId === null ? "the team's pool" : (owner?.name ?? 'someone else');
  if (!manages) return <span>Book: {prospect.ownerId === me?.id ? 'yours' : ownerName}</span>;
  const move = async (to: string) => {
    try {
      await api('/prospects/reassign', { method: 'POST', body: { to, ids: [prospect.id] } });
      const name =
        to === 'pool' ? "the team's pool" : people.data?.users.find((u) => String(u.id) === to)?.name;
      say(`${prospect.name} is now in ${to === 'pool' ? name : `${name}’s book`}.`);
      onMoved();
    } catch (error) {
      say(describeError(error), { tone: 'error' });
    }
  };
  return (
    <label className="inline">
      Book{' '}
      <select
        aria-label="Whose book"
        value={prospect.ownerId === null ? 'pool' : String(prospect.ownerId)}
        onChange={(e) => void move(e.target.value)}
      >
        <option value="pool">the team's pool</option>
        {(people.data?.users ?? [])
          .filter((u) => u.active || u.id === prospect.ownerId)
          .map((u) => (
            <option key={u.id} value={String(u.id)}>
              {u.name} ({u.role})
            </option>
          ))}
      </select>
    </label>
  );
}
