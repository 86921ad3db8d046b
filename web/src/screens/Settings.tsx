import { useEffect, useState } from 'react';
import { ApiError, api, type Config, type DncEntry, savedToken, saveToken } from '../api.ts';
import { nowIso, yourTime } from '../clock.ts';
import { useNotices } from '../notices.tsx';
import { teamChanged } from '../team.ts';
import { useLoad } from '../use-load.ts';
import { People } from './People.tsx';
import { RecordedMessages } from './RecordedMessages.tsx';

const OFFERS = ['software', 'services', 'insurance', 'financial-planning', 'securities', 'charity', 'other'];
const STRATEGIES = ['never', 'rules', 'persistent', 'curiosity', 'adaptive'];

/** What the team sells and how it calls, the rep's voice for scripts, and the Do-Not-Call list. */
export function Settings() {
  return (
    <div className="settings">
      <h1>Settings</h1>
      <div className="two">
        <TeamForm />
        <Dnc />
      </div>
      <People />
      <RecordedMessages />
      <TokenForm />
    </div>
  );
}

type Field = {
  key: keyof Config;
  label: string;
  type?: 'number' | 'time';
  options?: string[];
  hint?: string;
};
const FIELDS: Field[] = [
  { key: 'name', label: 'Team name' },
  {
    key: 'offerCategory',
    label: 'What the team sells',
    options: OFFERS,
    hint: 'insurance, securities, financial planning and charity never leave cold messages',
  },
  { key: 'defaultStrategy', label: 'Default voicemail strategy', options: STRATEGIES },
  {
    key: 'recording',
    label: 'Record calls placed through Reach',
    options: ['off', 'on', 'one-party'],
    hint: 'on: where every party must consent, the prospect first hears “This call is recorded”; one-party: recorded only where your own consent suffices',
  },
  {
    key: 'callingHoursStart',
    label: 'Calling hours from (prospect local)',
    type: 'time',
    hint: 'no earlier than 08:00',
  },
  {
    key: 'callingHoursEnd',
    label: 'Calling hours until (prospect local)',
    type: 'time',
    hint: 'no later than 21:00',
  },
  { key: 'maxDialsPerDay', label: 'Most dials per prospect per day', type: 'number' },
  { key: 'maxDialsPerWeek', label: 'Most dials per prospect per week', type: 'number' },
  { key: 'maxMessagesPerProspect', label: 'Most messages per prospect', type: 'number' },
  { key: 'repName', label: 'Rep name in scripts' },
  { key: 'repPhone', label: 'Rep phone in scripts' },
  { key: 'sellerName', label: 'Company name in scripts' },
  { key: 'emailFrom', label: 'Emails come from', hint: 'Sam Rivera <sam@northwind.example>' },
  {
    key: 'smtpUrl',
    label: 'SMTP server for email steps',
    hint: 'smtp://user:pass@host:587; empty keeps emails as drafts',
  },
  { key: 'postalAddress', label: 'Postal address', hint: 'under every email and atop every letter' },
  { key: 'currency', label: 'Currency of deal values', hint: 'ISO 4217: USD, EUR, GBP, CAD…' },
  {
    key: 'repHourlyValue',
    label: 'Pipeline an hour of calling books',
    type: 'number',
    hint: 'keep-or-drop weighs effort against it; empty learns it from the book',
  },
];

/** Settings an empty field clears. */
const NULLABLE = new Set([
  'repName',
  'repPhone',
  'sellerName',
  'repHourlyValue',
  'emailFrom',
  'smtpUrl',
  'postalAddress',
]);

function TeamForm() {
  const { say, fail } = useNotices();
  const config = useLoad(() => api<Config>('/config'), []);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!config.data) return;
    const values: Record<string, string> = {};
    for (const f of FIELDS) values[f.key] = String(config.data[f.key] ?? '');
    setDraft(values);
  }, [config.data]);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!config.data) return;
    const patch: Record<string, unknown> = {};
    for (const f of FIELDS) {
      const value = draft[f.key];
      // A field the form has not shown yet is not a change.
      if (value === undefined || value === String(config.data[f.key] ?? '')) continue;
      patch[f.key] = value === '' && NULLABLE.has(f.key) ? null : f.type === 'number' ? Number(value) : value;
    }
    if (Object.keys(patch).length === 0) {
      say('Nothing changed.', { tone: 'info' });
      return;
    }
    try {
      await api('/config', { method: 'PATCH', body: patch });
      teamChanged();
      setProblems({});
      say(`Saved: ${Object.keys(patch).join(', ')}.`);
      await config.reload();
    } catch (error) {
      if (error instanceof ApiError)
        setProblems(Object.fromEntries((error.problem.errors ?? []).map((e) => [e.field, e.reason])));
      fail(error, 'Saving settings');
    }
  };

  return (
    <form className="team" aria-labelledby="team-title" onSubmit={(e) => void save(e)}>
      <h2 id="team-title">Team</h2>
      {FIELDS.map((f) => (
        <label key={f.key} className={problems[f.key] ? 'invalid' : ''} htmlFor={`setting-${f.key}`}>
          {f.label}
          {f.options ? (
            <select
              id={`setting-${f.key}`}
              value={draft[f.key] ?? ''}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
            >
              {f.options.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
          ) : (
            <input
              id={`setting-${f.key}`}
              type={f.type === 'number' ? 'number' : 'text'}
              inputMode={f.type === 'time' ? 'numeric' : undefined}
              value={draft[f.key] ?? ''}
              onChange={(e) => setDraft({ ...draft, [f.key]: e.target.value })}
              aria-invalid={problems[f.key] ? true : undefined}
            />
          )}
          {problems[f.key] ? (
            <small className="error">{problems[f.key]}</small>
          ) : (
            f.hint && <small className="muted">{f.hint}</small>
          )}
        </label>
      ))}
      <button type="submit" className="primary">
        Save settings
      </button>
    </form>
  );
}

function Dnc() {
  const { say, fail } = useNotices();
  const list = useLoad(() => api<{ items: DncEntry[] }>('/dnc'), []);
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [filter, setFilter] = useState('');

  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      await api('/dnc', {
        method: 'POST',
        body: { number, at: nowIso(), ...(reason.trim() ? { reason: reason.trim() } : {}) },
      });
      say(`${number} is on the Do-Not-Call list.`);
      setNumber('');
      setReason('');
      await list.reload();
    } catch (error) {
      fail(error, 'Adding to the Do-Not-Call list');
    }
  };

  const [lifting, setLifting] = useState<DncEntry | null>(null);
  const who = (entry: DncEntry) => entry.e164 ?? entry.email ?? entry.prospectName ?? 'this entry';
  const upload = async (file: File) => {
    try {
      const report = await api<{ added?: number; rejected?: unknown[]; rejectedLines?: number }>(
        '/dnc/imports',
        {
          csv: await file.text(),
          accept422: true,
        },
      );
      say(
        `Do-Not-Call import: ${report.added ?? 0} added, ${report.rejectedLines ?? report.rejected?.length ?? 0} rejected.`,
      );
      await list.reload();
    } catch (error) {
      fail(error, 'Importing the Do-Not-Call list');
    }
  };

  const items = (list.data?.items ?? []).filter(
    (e) =>
      !filter ||
      `${e.e164} ${e.email} ${e.prospectName} ${e.reason}`.toLowerCase().includes(filter.toLowerCase()),
  );
  return (
    <section aria-labelledby="dnc-title">
      <h2 id="dnc-title">Do-Not-Call list</h2>
      <form className="row" onSubmit={(e) => void add(e)}>
        <label>
          Number
          <input
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            placeholder="+1 312 555 0100"
            required
          />
        </label>
        <label>
          Reason
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="asked not to be called"
          />
        </label>
        <button type="submit">Add</button>
      </form>
      <label>
        Import a list (one number per line, or a CSV with a phone column)
        <input
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
        />
      </label>
      <label>
        Filter
        <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </label>
      {lifting && (
        <LiftForm
          entry={lifting}
          who={who(lifting)}
          onDone={async (lifted) => {
            setLifting(null);
            if (lifted) {
              say(`${who(lifting)}: lifted from the Do-Not-Call list, kept in its history.`);
              await list.reload();
            }
          }}
        />
      )}
      <p className="muted">
        {list.data ? `${list.data.items.length} entr${list.data.items.length === 1 ? 'y' : 'ies'}` : ' '}
      </p>
      <table className="grid">
        <thead>
          <tr>
            <th>Number</th>
            <th>Prospect</th>
            <th>Reason</th>
            <th>Since</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.slice(0, 200).map((e) => (
            <tr key={e.id}>
              <td>{e.e164 ?? e.email ?? 'the person, on every record'}</td>
              <td>{e.prospectName ?? ''}</td>
              <td>{e.reason}</td>
              <td>{yourTime(e.addedAt)}</td>
              <td>
                <button type="button" className="quiet" onClick={() => setLifting(e)}>
                  Lift…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const LIFTER_KEY = 'reach.lifter';

/**
 * Lifting an entry: a reason in a sentence and the user's name, kept in the audit log; a
 * person's own request also needs their consent confirmed.
 */
function LiftForm(props: { entry: DncEntry; who: string; onDone: (lifted: boolean) => Promise<void> }) {
  const { fail } = useNotices();
  const { entry } = props;
  const [reason, setReason] = useState('');
  const [by, setBy] = useState(() => localStorage.getItem(LIFTER_KEY) ?? '');
  const [consent, setConsent] = useState(false);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    try {
      localStorage.setItem(LIFTER_KEY, by.trim());
      await api('/dnc/removals', {
        method: 'POST',
        body: {
          ...(entry.e164 && !entry.bindsPerson ? { number: entry.e164 } : { prospect: entry.prospectId }),
          reason,
          by,
          consent,
          at: nowIso(),
        },
      });
      await props.onDone(true);
    } catch (error) {
      fail(error, 'Lifting a Do-Not-Call entry');
    }
  };
  return (
    <form className="lift" aria-label={`Lift ${props.who}`} onSubmit={(e) => void submit(e)}>
      <h3>Lift {props.who}</h3>
      <label>
        Why may they be called again? (a sentence, kept in the history)
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </label>
      <label>
        Your name
        <input value={by} onChange={(e) => setBy(e.target.value)} required />
      </label>
      {entry.bindsPerson && (
        <label className="check">
          <input type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} required />
          They asked to stop themselves: I confirm they consented to be called again.
        </label>
      )}
      <div className="row">
        <button type="submit" className="primary">
          Lift
        </button>
        <button type="button" onClick={() => void props.onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function TokenForm() {
  const { say } = useNotices();
  const [token, setToken] = useState(savedToken());
  return (
    <form
      className="row token"
      onSubmit={(e) => {
        e.preventDefault();
        saveToken(token.trim());
        say(token.trim() ? 'Token saved in this browser.' : 'Token cleared.');
      }}
    >
      <label>
        API token (only when the server was started with REACH_TOKEN)
        <input type="password" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" />
      </label>
      <button type="submit">Save token</button>
    </form>
  );
}
