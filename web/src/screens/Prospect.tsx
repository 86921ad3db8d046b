import { useEffect, useState } from 'react';
import {
  api,
  type IntelFact,
  type Prospect as ProspectData,
  type ProspectList,
  type Pursuit,
  type Research,
  type Timeline,
} from '../api.ts';
import { formatWhen, nowIso } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { go, href } from '../router.ts';
import { useLoad } from '../use-load.ts';

/** A search over the book; with an id, one prospect's whole story. */
export function Prospects({ id }: { id: string | null }) {
  return id ? <ProspectPage id={id} /> : <ProspectSearch />;
}

function ProspectSearch() {
  const [q, setQ] = useState('');
  const [term, setTerm] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setTerm(q), 200);
    return () => clearTimeout(timer);
  }, [q]);
  const list = useLoad(
    () => api<ProspectList>('/prospects', { query: { q: term, limit: 50, at: nowIso() } }),
    [term],
  );
  return (
    <section aria-labelledby="prospects-title">
      <h1 id="prospects-title">Prospects</h1>
      <label className="search">
        Find by name, company or email
        <input
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            const first = list.data?.items[0];
            if (e.key === 'Enter' && first) go('prospects', first.id);
          }}
        />
      </label>
      <p className="muted">{list.data ? `${list.data.total} prospects` : ' '}</p>
      <table className="grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Title</th>
            <th>Company</th>
            <th>Stage</th>
            <th className="num">Value</th>
            <th>Their time</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((p) => (
            <tr key={p.id}>
              <td>
                <a href={href('prospects', p.id)}>{p.name}</a>
              </td>
              <td>{p.title}</td>
              <td>{p.company?.name}</td>
              <td>{p.stage}</td>
              <td className="num">{p.value?.toLocaleString() ?? ''}</td>
              <td>{p.localTime?.label ?? 'zone unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ProspectPage({ id }: { id: string }) {
  const prospect = useLoad(
    () => api<ProspectData>(`/prospects/${encodeURIComponent(id)}`, { query: { at: nowIso() } }),
    [id],
  );
  const timeline = useLoad(() => api<Timeline>(`/prospects/${encodeURIComponent(id)}/timeline`), [id]);
  const intel = useLoad(
    () => api<{ items: IntelFact[] }>(`/prospects/${encodeURIComponent(id)}/intel`),
    [id],
  );
  const pursuit = useLoad(
    () => api<Pursuit>(`/prospects/${encodeURIComponent(id)}/pursuit`, { query: { at: nowIso() } }),
    [id],
  );
  if (prospect.error) return <p className="error">{String((prospect.error as Error).message)}</p>;
  const p = prospect.data;
  if (!p) return <p className="muted">Loading…</p>;
  const effort = timeline.data?.effort;
  const stages = (timeline.data?.entries ?? []).filter((e) => e.type === 'stage');
  return (
    <article className="prospect" aria-labelledby="prospect-title">
      <header>
        <h1 id="prospect-title">{p.name}</h1>
        <p className="muted">
          {[p.title, p.company?.name, p.company?.industry].filter(Boolean).join(' · ')} · {p.stage}
          {p.value ? ` · worth ${p.value.toLocaleString()}` : ''}
          {p.optedOut ? ' · asked not to be called' : ''}
        </p>
        <p>
          Their time: {p.localTime?.label ?? 'zone unknown'} ·{' '}
          {[p.city, p.region, p.country].filter(Boolean).join(', ')}
          {p.email && (
            <>
              {' · '}
              <a href={`mailto:${p.email}`}>{p.email}</a>
            </>
          )}
        </p>
        <p>
          <a href={href('insights', `prospect:${p.id}`)}>When this prospect answers</a>
          {p.company && (
            <>
              {' · '}
              <a href={href('insights', `company:${p.company.id}`)}>When {p.company.name} answers</a>
            </>
          )}
        </p>
      </header>
      <div className="card-columns">
        <section aria-label="Numbers and intelligence">
          <h2>Numbers</h2>
          <ul className="plain">
            {p.phones.map((ph) => (
              <li key={ph.id} className={ph.valid && !ph.doNotCall ? '' : 'struck'}>
                {ph.kind} <a href={`tel:${ph.e164}`}>{ph.e164}</a>
                {ph.extension ? ` x${ph.extension}` : ''}
                {!ph.valid ? ' · out of use' : ''}
                {ph.doNotCall ? ' · do not call' : ''}
              </li>
            ))}
          </ul>
          <h2>Intelligence</h2>
          {(intel.data?.items ?? []).length === 0 ? (
            <p className="muted">Nothing recorded yet.</p>
          ) : (
            <ul className="plain">
              {intel.data?.items.map((f) => (
                <li key={f.id}>
                  {f.text} <span className="muted">({formatWhen(f.recordedAt)})</span>
                </li>
              ))}
            </ul>
          )}
          <h2>Effort spent</h2>
          {effort && (
            <dl className="effort">
              <dt>Attempts</dt>
              <dd>{effort.attempts}</dd>
              <dt>Conversations</dt>
              <dd>{effort.conversations}</dd>
              <dt>Messages</dt>
              <dd>{effort.voicemails}</dd>
              <dt>Callbacks</dt>
              <dd>{effort.callbacks}</dd>
              <dt>Rep minutes</dt>
              <dd>{effort.minutes}</dd>
            </dl>
          )}
          {pursuit.data && <PursuitAdvice pursuit={pursuit.data} />}
          <h2>Stage history</h2>
          {stages.length === 0 ? (
            <p className="muted">Still {p.stage}.</p>
          ) : (
            <ul className="plain">
              {stages.map((s) => (
                <li key={s.id}>
                  <time dateTime={s.at}>{formatWhen(s.at)}</time> {s.text}
                </li>
              ))}
            </ul>
          )}
        </section>
        <ResearchForm prospect={p} onSaved={() => void prospect.reload()} />
      </div>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol className="timeline">
          {[...(timeline.data?.entries ?? [])].reverse().map((t) => (
            <li key={`${t.type}-${t.id}`} className={`t-${t.type}`}>
              <time dateTime={t.at}>{formatWhen(t.at)}</time>
              <span className="t-type">{t.type}</span>
              <span>{t.text}</span>
            </li>
          ))}
        </ol>
      </section>
    </article>
  );
}

function ResearchForm({ prospect, onSaved }: { prospect: ProspectData; onSaved: () => void }) {
  const { say, fail } = useNotices();
  const [research, setResearch] = useState<Research>(prospect.research);
  const [saving, setSaving] = useState(false);
  const set = (key: keyof Research, value: string | string[]) => setResearch((r) => ({ ...r, [key]: value }));
  const benefits = research.benefits ?? [];
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      const clean: Research = {};
      for (const [key, value] of Object.entries(research)) {
        if (Array.isArray(value)) {
          const kept = value.map((v) => v.trim()).filter(Boolean);
          if (kept.length > 0) (clean as Record<string, unknown>)[key] = kept;
        } else if (typeof value === 'string' && value.trim())
          (clean as Record<string, unknown>)[key] = value.trim();
      }
      await api(`/prospects/${prospect.id}`, { method: 'PATCH', body: { research: clean } });
      say(`Research notes for ${prospect.name} saved.`);
      onSaved();
    } catch (error) {
      fail(error, 'Saving research');
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="research" aria-labelledby="research-title" onSubmit={(e) => void save(e)}>
      <h2 id="research-title">Research notes</h2>
      <label>
        Priority objective
        <input
          value={research.priorityObjective ?? ''}
          onChange={(e) => set('priorityObjective', e.target.value)}
        />
      </label>
      <label>
        First benefit
        <input
          value={benefits[0] ?? ''}
          onChange={(e) => set('benefits', [e.target.value, benefits[1] ?? ''])}
        />
      </label>
      <label>
        Second benefit
        <input
          value={benefits[1] ?? ''}
          onChange={(e) => set('benefits', [benefits[0] ?? '', e.target.value])}
        />
      </label>
      <label>
        Reference clients
        <input
          value={research.referenceClients ?? ''}
          onChange={(e) => set('referenceClients', e.target.value)}
        />
      </label>
      <label>
        Background
        <textarea
          rows={3}
          value={research.background ?? ''}
          onChange={(e) => set('background', e.target.value)}
        />
      </label>
      <label>
        Preferred channel
        <select
          value={research.preferredChannel ?? ''}
          onChange={(e) => set('preferredChannel', e.target.value)}
        >
          <option value="">not known</option>
          <option value="phone">phone</option>
          <option value="voicemail">voicemail</option>
          <option value="email">email</option>
          <option value="letter">letter</option>
        </select>
      </label>
      <label>
        Notes
        <textarea rows={3} value={research.notes ?? ''} onChange={(e) => set('notes', e.target.value)} />
      </label>
      <button type="submit" className="primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save research'}
      </button>
    </form>
  );
}

const pursuitWords = { continue: 'Continue', 'slow-down': 'Slow down', drop: 'Drop' } as const;

/** Keep, slow down or drop, with the figures behind it. */
function PursuitAdvice({ pursuit }: { pursuit: Pursuit }) {
  const money = (n: number) => Math.round(n).toLocaleString();
  return (
    <section className="pursuit" aria-label="Keep or drop">
      <h2>
        Keep or drop:{' '}
        <span className={`badge badge-${pursuit.recommendation}`}>
          {pursuitWords[pursuit.recommendation]}
        </span>
      </h2>
      <p>{pursuit.reason}</p>
      <p className="muted">
        Next {pursuit.horizon} attempts: {Math.round(pursuit.chance * 100)}% chance of a conversation, worth{' '}
        {money(pursuit.expectedValue)} in pipeline against {money(pursuit.cost)} of rep time
        {pursuit.rates.hourlyValueFrom === 'team'
          ? " at the team's hourly value"
          : ' at what an hour books here'}
        .{pursuit.resumeAt ? ` Not before ${formatWhen(pursuit.resumeAt)}.` : ''}
      </p>
    </section>
  );
}
