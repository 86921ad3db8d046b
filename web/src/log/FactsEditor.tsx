import {
  CHANNELS,
  FACT_KINDS,
  type FactDraft,
  type FactType,
  factClock,
  factProblem,
  newFact,
  ROUTES,
  WORDED,
} from './facts.ts';

/** The intelligence heard on a call, each kind with its own inputs; several facts ride on one log. */
export function FactsEditor(props: {
  facts: FactDraft[];
  zone: string | null;
  onChange: (facts: FactDraft[]) => void;
}) {
  const { facts, zone, onChange } = props;
  const set = (key: number, patch: Partial<FactDraft>) =>
    onChange(facts.map((f) => (f.key === key ? { ...f, ...patch } : f)));
  const clock = factClock(zone);
  return (
    <fieldset className="heard">
      <legend>Intelligence heard</legend>
      {facts.map((f) => {
        const problem = factProblem(f, zone);
        const time = (field: 'from' | 'to' | 'arrives' | 'leaves', label: string) => (
          <label className="compact">
            {label}
            <input
              type="time"
              aria-label={`${label} (${clock})`}
              value={f[field]}
              onChange={(e) => set(f.key, { [field]: e.target.value })}
            />
          </label>
        );
        return (
          <div key={f.key} className="fact" data-fact={f.type}>
            <div className="fact-head">
              <strong>{FACT_KINDS.find((k) => k.type === f.type)?.label}</strong>
              <button
                type="button"
                className="quiet"
                aria-label="Remove this fact"
                onClick={() => onChange(facts.filter((x) => x.key !== f.key))}
              >
                ×
              </button>
            </div>
            <div className="fact-fields">
              {(f.type === 'gatekeeper-name' || f.type === 'champion') && (
                <label className="compact">
                  Name
                  <input value={f.value} onChange={(e) => set(f.key, { value: e.target.value })} />
                </label>
              )}
              {WORDED[f.type] && (
                <label className="compact">
                  {WORDED[f.type]}
                  <input value={f.value} onChange={(e) => set(f.key, { value: e.target.value })} />
                </label>
              )}
              {f.type === 'private-line' && (
                <>
                  <label className="compact">
                    Number
                    <input
                      type="tel"
                      value={f.value}
                      onChange={(e) => set(f.key, { value: e.target.value })}
                    />
                  </label>
                  {time('from', 'picks up there from')}
                  {time('to', 'to')}
                </>
              )}
              {f.type === 'dm-hours' && (
                <>
                  {time('from', 'from')}
                  {time('to', 'to')}
                  <label className="compact">
                    As said
                    <input
                      value={f.value}
                      placeholder="in until eight"
                      onChange={(e) => set(f.key, { value: e.target.value })}
                    />
                  </label>
                </>
              )}
              {f.type === 'gatekeeper-hours' && (
                <>
                  {time('arrives', 'arrives')}
                  {time('from', 'lunch from')}
                  {time('to', 'lunch to')}
                  {time('leaves', 'leaves')}
                </>
              )}
              {f.type === 'route' && (
                <label className="compact">
                  Route
                  <select value={f.value} onChange={(e) => set(f.key, { value: e.target.value })}>
                    {ROUTES.map((r) => (
                      <option key={r.value} value={r.value}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {f.type === 'prefers' && (
                <label className="compact">
                  Prefers
                  <select value={f.value} onChange={(e) => set(f.key, { value: e.target.value })}>
                    {CHANNELS.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </label>
              )}
              {f.type === 'out-of-office' && (
                <label className="compact">
                  Back on ({clock})
                  <input
                    type="date"
                    value={f.until}
                    onChange={(e) => set(f.key, { until: e.target.value })}
                  />
                </label>
              )}
            </div>
            {['gatekeeper-hours', 'dm-hours', 'private-line'].includes(f.type) && (
              <p className="muted small">Times on {clock}.</p>
            )}
            {problem && <p className="problem small">{problem}</p>}
          </div>
        );
      })}
      <label className="compact">
        <span className="visually-hidden">Add a fact heard</span>
        <select
          aria-label="Add a fact heard"
          value=""
          onChange={(e) => {
            if (e.target.value) onChange([...facts, newFact(e.target.value as FactType)]);
          }}
        >
          <option value="">+ add what you heard…</option>
          {FACT_KINDS.map((k) => (
            <option key={k.type} value={k.type}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}
