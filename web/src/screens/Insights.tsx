import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useSession } from '../account.tsx';
import {
  api,
  type EffortPoint,
  type FirstConversation,
  type MessageRate,
  type MessageStats,
  type ReachMap,
  type RepFigures,
} from '../api.ts';
import { nowIso } from '../clock.ts';
import { go } from '../router.ts';
import { useLoad } from '../use-load.ts';

type PlotModule = typeof import('@observablehq/plot');
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const pct = (rate: number): string => `${Math.round(rate * 100)}%`;

/** Draws an Observable Plot chart; the library loads only when a chart is first shown. */
function Chart({ draw, data, label }: { draw: (plot: PlotModule) => Element; data: unknown; label: string }) {
  const holder = useRef<HTMLDivElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: redrawn when the data changes, not the closure
  useEffect(() => {
    let alive = true;
    void import('@observablehq/plot').then((plot) => {
      if (!alive || !holder.current) return;
      holder.current.replaceChildren(draw(plot));
    });
    return () => {
      alive = false;
    };
  }, [data]);
  return <div ref={holder} className="chart" role="img" aria-label={label} />;
}

type Column<T> = { head: string; num?: boolean; cell: (row: T) => ReactNode };

/** The numbers behind a chart, folded under it: one row per datum, numeric columns right-aligned. */
function Numbers<T>(props: { columns: Column<T>[]; rows: T[]; rowKey: (row: T) => string | number }) {
  const align = (c: Column<T>) => (c.num ? 'num' : undefined);
  return (
    <details className="numbers-behind">
      <summary>The numbers</summary>
      <table className="grid">
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th key={c.head} className={align(c)}>
                {c.head}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.columns.map((c) => (
                <td key={c.head} className={align(c)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** What is working: when decision makers answer, which messages earn callbacks, what effort buys. */
export function Insights({ arg }: { arg: string | null }) {
  const [kind, key] = arg?.split(':') ?? ['book', ''];
  const scope = kind === 'prospect' || kind === 'company' ? { [kind]: key } : {};
  const reach = useLoad(() => api<ReachMap>('/insights/reach', { query: scope }), [arg]);
  const messages = useLoad(() => api<MessageStats>('/message-stats'), []);
  const first = useLoad(() => api<FirstConversation>('/insights/first-conversation'), []);
  const effort = useLoad(
    () => api<{ items: EffortPoint[] }>('/insights/effort', { query: { limit: 1000, at: nowIso() } }),
    [],
  );
  const session = useSession();
  // A manager or admin reads each rep's figures; so does the single user of a book without accounts.
  const manager = session ? session.who.user === null || session.who.user.role !== 'rep' : false;
  const [scopeKind, setScopeKind] = useState(kind === 'prospect' || kind === 'company' ? kind : 'book');
  const [scopeKey, setScopeKey] = useState(key ?? '');

  return (
    <div className="insights">
      <h1>Insights</h1>
      <section aria-labelledby="heatmap-title">
        <header className="section-head">
          <h2 id="heatmap-title">When decision makers answer, by their local hour</h2>
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              go('insights', scopeKind === 'book' ? undefined : `${scopeKind}:${scopeKey}`);
            }}
          >
            <label>
              For
              <select value={scopeKind} onChange={(e) => setScopeKind(e.target.value)}>
                <option value="book">the whole book</option>
                <option value="company">one company (id)</option>
                <option value="prospect">one prospect (id or email)</option>
              </select>
            </label>
            {scopeKind !== 'book' && (
              <label>
                Which
                <input value={scopeKey} onChange={(e) => setScopeKey(e.target.value)} size={12} />
              </label>
            )}
            <button type="submit">Show</button>
          </form>
        </header>
        {reach.error !== null && <p className="error">{String((reach.error as Error).message)}</p>}
        {reach.data && <ReachHeatmap map={reach.data} />}
      </section>

      <div className="two">
        <section aria-labelledby="messages-title">
          <h2 id="messages-title">Callbacks per message</h2>
          {messages.data && (
            <>
              <p className="muted">
                {messages.data.callbacks} callbacks from {messages.data.messages} messages (
                {messages.data.messages ? pct(messages.data.callbacks / messages.data.messages) : '0%'})
              </p>
              <h3>By kind</h3>
              <RateBars rates={messages.data.byKind} label="Callback rate by message kind" />
              <h3>By strategy</h3>
              <RateBars rates={messages.data.byStrategy} label="Callback rate by voicemail strategy" />
            </>
          )}
        </section>
        <section aria-labelledby="first-title">
          <h2 id="first-title">Dials to the first conversation</h2>
          {first.data && <FirstConversationChart data={first.data} />}
        </section>
      </div>

      <section aria-labelledby="effort-title">
        <h2 id="effort-title">Effort against value</h2>
        {effort.data && <EffortChart items={effort.data.items} />}
      </section>
      {manager && <RepFiguresTable />}
    </div>
  );
}

/** Each rep's week, for a manager: dials, connects, conversations, meetings, callbacks by message kind, meetings per hour. */
function RepFiguresTable() {
  const figures = useLoad(() => api<RepFigures>('/insights/reps', { query: { until: nowIso() } }), []);
  const rows = figures.data?.reps ?? [];
  return (
    <section aria-labelledby="reps-title">
      <h2 id="reps-title">Reps, the last seven days</h2>
      {rows.length === 0 ? (
        <p className="muted">No dials logged in the last seven days.</p>
      ) : (
        <>
          <Chart
            label="Meetings per hour of calling, by rep"
            data={rows}
            draw={(plot) =>
              plot.plot({
                marginLeft: 120,
                height: 40 + rows.length * 28,
                x: {
                  label: 'meetings per hour',
                  grid: true,
                  domain: [0, Math.max(0.5, ...rows.map((r) => r.meetingsPerHour ?? 0))],
                  tickFormat: '.2~f',
                },
                y: { label: null },
                marks: [
                  plot.barX(rows, {
                    x: (r: RepFigures['reps'][number]) => r.meetingsPerHour ?? 0,
                    y: 'name',
                    fill: '#1f4e79',
                  }),
                  plot.ruleX([0]),
                ],
              })
            }
          />
          <table className="grid reps">
            <thead>
              <tr>
                <th>Rep</th>
                <th className="num">Dials</th>
                <th className="num">Connects</th>
                <th className="num">Conversations</th>
                <th className="num">Meetings</th>
                <th className="num">Messages</th>
                <th>Callbacks by message kind</th>
                <th className="num">Hours</th>
                <th className="num">Meetings / hour</th>
                <th>Keep-or-drop decisions</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.userId ?? 'none'}>
                  <td>{r.name}</td>
                  <td className="num">{r.dials}</td>
                  <td className="num">
                    {r.connects} ({r.connectRate === null ? '-' : pct(r.connectRate)})
                  </td>
                  <td className="num">{r.conversations}</td>
                  <td className="num">{r.meetings}</td>
                  <td className="num">{r.messagesLeft}</td>
                  <td>
                    {Object.entries(r.callbacksByKind)
                      .map(([kind, n]) => `${kind} ${n}`)
                      .join(', ') || '-'}
                  </td>
                  <td className="num">{r.hours}</td>
                  <td className="num">{r.meetingsPerHour ?? '-'}</td>
                  <td>
                    {Object.entries(r.decisions)
                      .map(([state, n]) => `${state} ${n}`)
                      .join(', ') || '-'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function ReachHeatmap({ map }: { map: ReachMap }) {
  const draw = (Plot: PlotModule) =>
    Plot.plot({
      width: 960,
      height: 260,
      marginLeft: 44,
      padding: 0.06,
      x: { label: 'their local hour', tickFormat: (h: number) => `${h}h`, type: 'band' },
      y: { label: null, domain: [1, 2, 3, 4, 5, 6, 7], tickFormat: (d: number) => WEEKDAYS[d - 1] },
      color: {
        type: 'linear',
        scheme: 'blues',
        label: 'reach rate',
        legend: true,
        tickFormat: '%',
        domain: [0, Math.max(0.05, ...map.cells.map((c) => c.rate))],
      },
      marks: [
        Plot.cell(map.cells, {
          x: 'hour',
          y: 'weekday',
          fill: 'rate',
          inset: 0.5,
          tip: true,
          title: (c: ReachMap['cells'][number]) =>
            `${WEEKDAYS[c.weekday - 1]} ${c.hour}:00-${c.hour + 1}:00\n${c.reached} of ${c.dials} dials reached the decision maker (${pct(c.rate)})`,
        }),
        Plot.text(map.cells, {
          x: 'hour',
          y: 'weekday',
          text: (c: ReachMap['cells'][number]) => (c.dials >= 3 ? pct(c.rate) : ''),
          fill: (c: ReachMap['cells'][number]) => (c.rate > 0.35 ? 'white' : 'black'),
          fontSize: 10,
        }),
      ],
    });
  if (map.cells.length === 0) return <p className="muted">No dials logged for {map.scope} yet.</p>;
  return (
    <>
      <p className="muted">
        {map.scope}: {map.reached} of {map.dials} dials reached the decision maker (
        {pct(map.reached / map.dials)}). Darker is better; hover a cell for its counts.
      </p>
      <Chart draw={draw} data={map} label={`Reach rate by weekday and hour for ${map.scope}`} />
      <Numbers
        rows={map.cells}
        rowKey={(c) => `${c.weekday}-${c.hour}`}
        columns={[
          { head: 'Day', cell: (c) => WEEKDAYS[c.weekday - 1] },
          { head: 'Hour', num: true, cell: (c) => `${c.hour}:00` },
          { head: 'Dials', num: true, cell: (c) => c.dials },
          { head: 'Reached', num: true, cell: (c) => c.reached },
          { head: 'Rate', num: true, cell: (c) => pct(c.rate) },
        ]}
      />
    </>
  );
}

function RateBars({ rates, label }: { rates: MessageRate[]; label: string }) {
  const draw = (Plot: PlotModule) =>
    Plot.plot({
      width: 460,
      height: 40 + rates.length * 26,
      marginLeft: 96,
      marginRight: 70,
      x: { label: 'callbacks per message', tickFormat: '%', grid: true },
      y: { label: null },
      marks: [
        Plot.barX(rates, { x: 'rate', y: 'key', fill: '#1f4e79', sort: { y: '-x' }, tip: true }),
        Plot.text(rates, {
          x: 'rate',
          y: 'key',
          text: (r: MessageRate) => `${r.callbacks}/${r.messages}`,
          dx: 6,
          textAnchor: 'start',
        }),
        Plot.ruleX([0]),
      ],
    });
  if (rates.length === 0) return <p className="muted">No messages logged yet.</p>;
  return (
    <>
      <Chart draw={draw} data={rates} label={label} />
      <Numbers
        rows={rates}
        rowKey={(r) => r.key}
        columns={[
          { head: 'Key', cell: (r) => r.key },
          { head: 'Messages', num: true, cell: (r) => r.messages },
          { head: 'Callbacks', num: true, cell: (r) => r.callbacks },
          { head: 'Rate', num: true, cell: (r) => pct(r.rate) },
        ]}
      />
    </>
  );
}

function FirstConversationChart({ data }: { data: FirstConversation }) {
  const rows = [
    ...data.buckets.map((b) => ({ ...b, group: 'reached on this dial' })),
    ...data.notYet.map((b) => ({ ...b, group: 'not reached yet, after this many' })),
  ];
  const draw = (Plot: PlotModule) =>
    Plot.plot({
      width: 460,
      height: 260,
      x: { label: 'dials', type: 'band' },
      y: { label: 'prospects', grid: true },
      color: {
        legend: true,
        domain: ['reached on this dial', 'not reached yet, after this many'],
        range: ['#1f4e79', '#c9d3dd'],
      },
      marks: [Plot.barY(rows, { x: 'attempts', y: 'prospects', fill: 'group', tip: true }), Plot.ruleY([0])],
    });
  const waiting = data.notYet.reduce((n, b) => n + b.prospects, 0);
  return (
    <>
      <p className="muted">
        {data.reachedProspects} decision makers reached, at a median of {data.median ?? '–'} dials; {waiting}{' '}
        worked prospects not reached yet.
      </p>
      {rows.length > 0 && (
        <Chart draw={draw} data={data} label="Dials it took to reach each decision maker" />
      )}
      <Numbers
        rows={[...new Set(rows.map((r) => r.attempts))].sort((a, b) => a - b)}
        rowKey={(n) => n}
        columns={[
          { head: 'Dials', num: true, cell: (n) => n },
          {
            head: 'Reached on this dial',
            num: true,
            cell: (n) => data.buckets.find((b) => b.attempts === n)?.prospects ?? 0,
          },
          {
            head: 'Not yet, after this many',
            num: true,
            cell: (n) => data.notYet.find((b) => b.attempts === n)?.prospects ?? 0,
          },
        ]}
      />
    </>
  );
}

function EffortChart({ items }: { items: EffortPoint[] }) {
  const valued = items.filter((i) => i.value !== null);
  const draw = (Plot: PlotModule) =>
    Plot.plot({
      width: 960,
      height: 320,
      grid: true,
      x: { label: 'rep minutes spent', type: 'linear' },
      y: { label: 'deal value', type: 'log', tickFormat: '~s' },
      color: {
        legend: true,
        label: 'keep or drop',
        domain: ['continue', 'slow-down', 'drop'],
        range: ['#1d6b3a', '#c48a00', '#a32020'],
      },
      r: { range: [2, 9] },
      marks: [
        Plot.dot(valued, {
          x: 'minutes',
          y: 'value',
          r: 'attempts',
          fill: 'pursuit',
          fillOpacity: 0.75,
          stroke: 'white',
          tip: true,
          title: (p: EffortPoint) =>
            `${p.name}${p.company ? `, ${p.company}` : ''}\n${p.stage} · worth ${p.value?.toLocaleString()} · ${p.pursuit ?? ''}\n${p.attempts} dials, ${p.conversations} conversations, ${p.voicemails} messages, ${p.minutes} min`,
        }),
      ],
    });
  if (valued.length === 0) return <p className="muted">No worked prospect has a value yet.</p>;
  return (
    <>
      <p className="muted">
        Each dot is a worked prospect, coloured by keep-or-drop; bigger dots took more dials. High and to the
        left pays; low and to the right is effort to reconsider.
      </p>
      <Chart draw={draw} data={items} label="Rep minutes spent against deal value, per prospect" />
      <Numbers
        rows={items.slice(0, 100)}
        rowKey={(p) => p.prospectId}
        columns={[
          { head: 'Prospect', cell: (p) => <a href={`#/prospects/${p.prospectId}`}>{p.name}</a> },
          { head: 'Stage', cell: (p) => p.stage },
          { head: 'Keep or drop', cell: (p) => p.pursuit ?? '' },
          { head: 'Value', num: true, cell: (p) => p.value?.toLocaleString() ?? '' },
          { head: 'Dials', num: true, cell: (p) => p.attempts },
          { head: 'Messages', num: true, cell: (p) => p.voicemails },
          { head: 'Minutes', num: true, cell: (p) => p.minutes },
        ]}
      />
    </>
  );
}
