import { useState } from 'react';
import { api, describeError } from '../api.ts';
import { repZone, todayForRep, zoneName } from '../clock.ts';
import { href } from '../router.ts';
import { money, useTeam } from '../team.ts';
import { useLoad } from '../use-load.ts';
import { percent } from './Now.tsx';

type PlanWindow = {
  from: string;
  to: string;
  localFrom: string;
  localTo: string;
  prospect: { id: number; name: string; company: string | null; title: string | null };
  number: { e164: string; kind: string };
  timezone: string;
  probability: number;
  expectedValue: number;
  reasons: string[];
};
type DayPlan = { day: string; zone: string; windows: PlanWindow[] };

/** The day laid out ahead: each prospect worth a dial at its best windows, on the rep's clock and theirs. */
export function Plan() {
  const team = useTeam();
  const [day, setDay] = useState(todayForRep);
  const plan = useLoad(() => api<DayPlan>('/plan', { query: { day, zone: repZone, limit: 40 } }), [day]);
  return (
    <section aria-labelledby="plan-title">
      <h1 id="plan-title">The day&apos;s plan</h1>
      <p className="muted">
        Each prospect worth a dial, at up to two windows at least two hours apart, where the decision maker is
        most likely to answer.{' '}
        <label className="inline">
          Day (your calendar, {zoneName(repZone)}){' '}
          <input type="date" value={day} onChange={(e) => e.target.value && setDay(e.target.value)} />
        </label>
      </p>
      {plan.error !== null && <p className="error">{describeError(plan.error)}</p>}
      {plan.loading && !plan.data && <p className="muted">Laying out the day…</p>}
      {plan.data && plan.data.windows.length === 0 && (
        <p className="muted">Nobody is worth a dial that day.</p>
      )}
      {plan.data && plan.data.windows.length > 0 && (
        <table className="grid plan">
          <thead>
            <tr>
              <th>Your time ({zoneName(plan.data.zone)})</th>
              <th>Their time</th>
              <th>Prospect</th>
              <th>Number</th>
              <th className="num">Chance</th>
              <th className="num">Expected</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {plan.data.windows.map((w) => (
              <tr key={`${w.prospect.id}-${w.from}`}>
                <td>
                  {w.from}–{w.to}
                </td>
                <td>
                  {w.localFrom}–{w.localTo} <span className="muted">{zoneName(w.timezone)}</span>
                </td>
                <td>
                  <a href={href('now', w.prospect.id)}>{w.prospect.name}</a>
                  {w.prospect.company && <div className="muted">{w.prospect.company}</div>}
                </td>
                <td>{w.number.kind}</td>
                <td className="num">{percent(w.probability)}</td>
                <td className="num">{money(w.expectedValue, team?.currency)}</td>
                <td>{w.reasons[0] ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
