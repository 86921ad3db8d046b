import { useEffect, useState } from 'react';
import {
  api,
  type CallRow,
  describeError,
  type IntelFact,
  type Prospect as ProspectData,
  type ProspectList,
  type Pursuit,
  type Research,
  type Timeline,
} from '../api.ts';
import { formatIn, nowIso, theirTime, zoneName } from '../clock.ts';
import { minutesSeconds, useCallTimer } from '../log/call-timer.ts';
import { LogPanel } from '../log/LogPanel.tsx';
import { useNotices } from '../notices.tsx';
import { go, href } from '../router.ts';
import { money, useTeam } from '../team.ts';
import { useLoad } from '../use-load.ts';
import { BookOwner } from './prospect/BookOwner.tsx';
import { CorrectCall } from './prospect/CorrectCall.tsx';
import { NewProspect } from './prospect/NewProspect.tsx';

/** A search over the book; with an id, one prospect's whole story; `new`, a prospect added by hand. */
export function Prospects({ id }: { id: string | null }) {
  if (id === 'new') return <NewProspect />;
  return id ? <ProspectPage key={id} id={id} /> : <ProspectSearch />;
}

function ProspectSearch() {
  const team = useTeam();
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
      <header className="section-head">
        <h1 id="prospects-title">Prospects</h1>
        <a className="button" href={href('prospects', 'new')}>
          New prospect
        </a>
      </header>
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
            <th className="num">Deal value</th>
            <th>Their time now</th>
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
              <td className="num">{p.value === null ? '' : money(p.value, team?.currency)}</td>
              <td>{p.localTime?.label ?? 'zone unknown'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function ProspectPage({ id }: { id: string }) {
  const team = useTeam();
  const key = encodeURIComponent(id);
  const prospect = useLoad(() => api<ProspectData>(`/prospects/${key}`, { query: { at: nowIso() } }), [id]);
  const timeline = useLoad(() => api<Timeline>(`/prospects/${key}/timeline`), [id]);
  const intel = useLoad(() => api<{ items: IntelFact[] }>(`/prospects/${key}/intel`), [id]);
  const pursuit = useLoad(() => api<Pursuit>(`/prospects/${key}/pursuit`, { query: { at: nowIso() } }), [id]);
  const calls = useLoad(
    () => api<{ items: CallRow[] }>('/calls', { query: { prospect: id, limit: 500 } }),
    [id],
  );
  const [correcting, setCorrecting] = useState<number | null>(null);
  const reloadAll = () => {
    void prospect.reload();
    void timeline.reload();
    void intel.reload();
    void pursuit.reload();
    void calls.reload();
  };
  if (prospect.error) return <p className="error">{describeError(prospect.error)}</p>;
  const p = prospect.data;
  if (!p) return <p className="muted">Loading…</p>;
  const zone = p.timezone ?? p.localTime?.candidates[0] ?? null;
  const effort = timeline.data?.effort;
  const stages = (timeline.data?.entries ?? []).filter((e) => e.type === 'stage');
  const callById = new Map((calls.data?.items ?? []).map((c) => [c.id, c]));
  return (
    <article className="prospect" aria-labelledby="prospect-title">
      <header>
        <h1 id="prospect-title">{p.name}</h1>
        <p className="muted">
          {[p.title, p.company?.name, p.company?.industry].filter(Boolean).join(' · ')} · {p.stage}
          {p.value !== null ? ` · deal value ${money(p.value, team?.currency)}` : ' · no deal value recorded'}
          {p.optedOut ? ' · asked not to be called' : ''}
        </p>
        <p>
          Their time now: {p.localTime?.label ?? 'zone unknown'} ·{' '}
          {[p.city, p.region, p.country].filter(Boolean).join(', ')}
          {p.email && (
            <>
              {' · '}
              <a href={`mailto:${p.email}`}>{p.email}</a>
            </>
          )}
        </p>
        <p>
          <BookOwner prospect={p} onMoved={() => void prospect.reload()} />
        </p>
        <p>
          <a href={href('now', p.id)}>Open the call card</a>
          {' · '}
          <a href={href('insights', `prospect:${p.id}`)}>When this prospect answers</a>
          {p.company && (
            <>
              {' · '}
              <a href={href('insights', `company:${p.company.id}`)}>When {p.company.name} answers</a>
            </>
          )}
        </p>
      </header>
      {!p.optedOut && <ProspectLog prospect={p} zone={zone} onLogged={reloadAll} />}
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
          <AddNumber prospect={p} onAdded={reloadAll} />
          <h2>Intelligence</h2>
          {(intel.data?.items ?? []).length === 0 ? (
            <p className="muted">Nothing recorded yet.</p>
          ) : (
            <ul className="plain">
              {intel.data?.items.map((f) => (
                <li key={f.id}>
                  {f.text}{' '}
                  <span className="muted">(heard {theirTime(f.recordedAt, zone, { yours: false })})</span>
                </li>
              ))}
            </ul>
          )}
          <Fit prospect={p} currency={team?.currency} onSaved={reloadAll} />
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
          {pursuit.data && <PursuitAdvice pursuit={pursuit.data} zone={zone} currency={team?.currency} />}
          <h2>Stage history</h2>
          {stages.length === 0 ? (
            <p className="muted">Still {p.stage}.</p>
          ) : (
            <ul className="plain">
              {stages.map((s) => (
                <li key={s.id}>
                  <time dateTime={s.at}>{theirTime(s.at, zone, { yours: false })}</time> {s.text}
                </li>
              ))}
            </ul>
          )}
        </section>
        <ResearchForm prospect={p} onSaved={() => void prospect.reload()} />
      </div>
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">
          Timeline <span className="muted small">their time ({zoneName(zone)})</span>
        </h2>
        <ol className="timeline">
          {[...(timeline.data?.entries ?? [])].reverse().map((t) => {
            const call = t.type === 'call' ? callById.get(t.id) : undefined;
            return (
              <li key={`${t.type}-${t.id}`} className={`t-${t.type}`}>
                <time dateTime={t.at}>{zone ? formatIn(t.at, zone) : t.at}</time>
                <span className="t-type">{t.type}</span>
                <span>
                  {t.text}{' '}
                  {call && correcting !== call.id && (
                    <button type="button" className="quiet small" onClick={() => setCorrecting(call.id)}>
                      Correct
                    </button>
                  )}
                  {call && correcting === call.id && (
                    <CorrectCall
                      call={call}
                      zone={zone}
                      phones={p.phones}
                      onDone={() => {
                        setCorrecting(null);
                        reloadAll();
                      }}
                    />
                  )}
                </span>
              </li>
            );
          })}
        </ol>
      </section>
    </article>
  );
}

/** Logging a call from the prospect's page: the same panel as the call card, on a number chosen here. */
function ProspectLog(props: { prospect: ProspectData; zone: string | null; onLogged: () => void }) {
  const { prospect, zone, onLogged } = props;
  const dialable = prospect.phones.filter((ph) => ph.valid && !ph.doNotCall);
  const [number, setNumber] = useState(dialable[0]?.e164 ?? '');
  const timer = useCallTimer();
  if (dialable.length === 0) return <p className="muted">No number may be dialled: add one below.</p>;
  return (
    <section className="prospect-log" aria-label="Log a call">
      <label>
        Number dialled{' '}
        <select value={number} onChange={(e) => setNumber(e.target.value)}>
          {dialable.map((ph) => (
            <option key={ph.id} value={ph.e164}>
              {ph.kind} {ph.e164}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" onClick={() => (timer.running ? timer.stop() : timer.start())}>
        {timer.running ? `On the call ${minutesSeconds(timer.seconds())} · stop` : 'Start call timer'}
      </button>
      <LogPanel
        prospect={{ id: prospect.id, name: prospect.name }}
        zone={zone}
        number={number}
        timer={timer}
        onLogged={onLogged}
      />
    </section>
  );
}

const KINDS = ['direct', 'mobile', 'main', 'private', 'assistant', 'other'] as const;

/** Adds a number the rep found: it is checked and put in the prospect's zone like an imported one. */
function AddNumber({ prospect, onAdded }: { prospect: ProspectData; onAdded: () => void }) {
  const { say, fail } = useNotices();
  const [number, setNumber] = useState('');
  const [kind, setKind] = useState<string>('direct');
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!number.trim()) return;
    try {
      await api(`/prospects/${prospect.id}`, {
        method: 'PATCH',
        body: { phones: [{ number: number.trim(), kind }] },
      });
      say(`Added ${number.trim()} (${kind}) to ${prospect.name}.`);
      setNumber('');
      onAdded();
    } catch (error) {
      fail(error, 'Number not added');
    }
  };
  return (
    <form className="row add-number" aria-label="Add a number" onSubmit={(e) => void add(e)}>
      <input
        type="tel"
        aria-label="New number"
        placeholder="(312) 555-0142"
        value={number}
        onChange={(e) => setNumber(e.target.value)}
      />
      <select aria-label="Kind of number" value={kind} onChange={(e) => setKind(e.target.value)}>
        {KINDS.map((k) => (
          <option key={k} value={k}>
            {k}
          </option>
        ))}
      </select>
      <button type="submit">Add number</button>
    </form>
  );
}

/** What decides whether a message is worth leaving: do they already have it, is another vendor in, the deal value. */
function Fit(props: { prospect: ProspectData; currency: string | undefined; onSaved: () => void }) {
  const { prospect, currency, onSaved } = props;
  const { say, fail } = useNotices();
  const [hasProduct, setHasProduct] = useState(prospect.alreadyHasProduct);
  const [competitor, setCompetitor] = useState(prospect.competitorRelationship);
  const [value, setValue] = useState(prospect.value === null ? '' : String(prospect.value));
  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await api(`/prospects/${prospect.id}`, {
        method: 'PATCH',
        body: {
          alreadyHasProduct: hasProduct,
          competitorRelationship: competitor,
          ...(value.trim() ? { value: Number(value.replace(/[^\d.]/g, '')) } : {}),
        },
      });
      say(`Saved for ${prospect.name}.`);
      onSaved();
    } catch (error) {
      fail(error, 'Not saved');
    }
  };
  return (
    <form className="fit" aria-labelledby="fit-title" onSubmit={(e) => void save(e)}>
      <h2 id="fit-title">Fit</h2>
      <label className="check">
        <input type="checkbox" checked={hasProduct} onChange={(e) => setHasProduct(e.target.checked)} />
        Already has what we sell
      </label>
      <label className="check">
        <input type="checkbox" checked={competitor} onChange={(e) => setCompetitor(e.target.checked)} />
        Has a relationship with another vendor
      </label>
      <label>
        Deal value ({currency ?? 'USD'})
        <input inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <p className="muted small">
        Either box makes the rules strategy skip the voicemail: a message then mostly annoys.
      </p>
      <button type="submit">Save</button>
    </form>
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
function PursuitAdvice(props: { pursuit: Pursuit; zone: string | null; currency: string | undefined }) {
  const { pursuit, zone, currency } = props;
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
        {money(pursuit.expectedValue, currency)} in pipeline against {money(pursuit.cost, currency)} of rep
        time
        {pursuit.rates.hourlyValueFrom === 'team'
          ? " at the team's hourly value"
          : ' at what an hour books here'}
        .{pursuit.resumeAt ? ` Not before ${theirTime(pursuit.resumeAt, zone)}.` : ''}
      </p>
    </section>
  );
}
