import { tableLines } from '../../shared/terminal-text.ts';
import type { StrategyResult } from './engine.ts';

/**
 * What `reach sim` prints: the world and its size, one row per strategy, where the chart went, and
 * how many dials broke a calling law (any is a failure).
 */
export function simRunLines(
  run: { world: string; seed: number; prospects: number; days: number; results: StrategyResult[] },
  options: { playedOn?: string | undefined; chart?: string | undefined },
): string[] {
  const violations = run.results.reduce((sum, r) => sum + r.violations, 0);
  const table = resultRows(run.results);
  return [
    `World "${run.world}", seed ${run.seed}: ${run.prospects} prospects, ${run.days} working days${options.playedOn ? `, played on ${options.playedOn}` : ''}`,
    ...tableLines(table.headers, table.rows),
    ...(options.chart ? [`Chart written to ${options.chart}`] : []),
    ...(violations > 0 ? [`${violations} dials broke a calling law: see the violations column`] : []),
  ];
}

/** The table of a run: one row per strategy. */
function resultRows(results: StrategyResult[]): { headers: string[]; rows: (string | number)[][] } {
  return {
    headers: [
      'strategy',
      'dials',
      'conv',
      'conv/100',
      'meetings',
      'mtg/rep-h',
      'rep-h',
      'messages',
      'callbacks',
      'cb rate',
      'opt-outs',
      'violations',
    ],
    rows: results.map((r) => [
      r.strategy,
      r.dials,
      r.conversations,
      r.conversationsPer100Dials.toFixed(1),
      r.meetings,
      r.meetingsPerRepHour.toFixed(3),
      r.repHours.toFixed(1),
      r.voicemailsLeft,
      r.callbacks,
      `${(r.callbackRate * 100).toFixed(1)}%`,
      r.optOuts,
      r.violations,
    ]),
  };
}

/** One bar: a mean and, over several seeds, its lowest and highest. */
export type Bar = { label: string; mean: number; low: number; high: number };
export type Panel = { title: string; bars: Bar[]; digits: number };

const xml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CEILINGS = new Set(['oracle', 'persona-oracle']);

/**
 * Horizontal bar charts as SVG, one panel per world or measure, bars sharing one scale per
 * panel, whiskers for the spread over seeds; the oracles' bars in grey as ceilings, Reach's
 * `adaptive` in the accent colour.
 */
export function barChartSvg(input: { title: string; measure: string; panels: Panel[] }): string {
  const barHeight = 16;
  const gap = 5;
  const labelWidth = 120;
  const plotWidth = 360;
  const panelGap = 34;
  const width = labelWidth + plotWidth + 70;
  let y = 64;
  const parts: string[] = [];
  for (const panel of input.panels) {
    const max = Math.max(1e-9, ...panel.bars.map((b) => b.high));
    const x = (v: number) => labelWidth + (v / max) * plotWidth;
    parts.push(`<text x="8" y="${y}" font-weight="600">${xml(panel.title)}</text>`);
    y += 10;
    for (const bar of panel.bars) {
      const fill = bar.label === 'adaptive' ? '#c2410c' : CEILINGS.has(bar.label) ? '#a3a3a3' : '#2563eb';
      const mid = y + barHeight / 2;
      parts.push(
        `<text x="${labelWidth - 6}" y="${mid + 4}" text-anchor="end">${xml(bar.label)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${Math.max(0, x(bar.mean) - labelWidth).toFixed(1)}" height="${barHeight}" fill="${fill}"><title>${xml(`${bar.label}: ${bar.mean.toFixed(3)} (${bar.low.toFixed(3)}-${bar.high.toFixed(3)})`)}</title></rect>`,
      );
      if (bar.high > bar.low)
        parts.push(
          `<line x1="${x(bar.low).toFixed(1)}" x2="${x(bar.high).toFixed(1)}" y1="${mid}" y2="${mid}" stroke="#111" stroke-width="1.2"/>`,
          `<line x1="${x(bar.low).toFixed(1)}" x2="${x(bar.low).toFixed(1)}" y1="${mid - 4}" y2="${mid + 4}" stroke="#111"/>`,
          `<line x1="${x(bar.high).toFixed(1)}" x2="${x(bar.high).toFixed(1)}" y1="${mid - 4}" y2="${mid + 4}" stroke="#111"/>`,
        );
      parts.push(
        `<text x="${(x(bar.high) + 6).toFixed(1)}" y="${mid + 4}">${bar.mean.toFixed(panel.digits)}</text>`,
      );
      y += barHeight + gap;
    }
    y += panelGap - gap;
  }
  const height = y;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${xml(`${input.title}: ${input.measure}`)}</title>`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="700">${xml(input.title)}</text>`,
    `<text x="8" y="36" fill="#555">${xml(input.measure)}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}

/** The chart of one run: meetings per rep-hour and conversations per 100 dials, by strategy. */
export function runChartSvg(input: { world: string; seed: number; results: StrategyResult[] }): string {
  const bars = (pick: (r: StrategyResult) => number): Bar[] =>
    input.results.map((r) => ({ label: r.strategy, mean: pick(r), low: pick(r), high: pick(r) }));
  return barChartSvg({
    title: `Strategies on world "${input.world}", seed ${input.seed}`,
    measure: 'grey: the oracles, ceilings no rep can reach',
    panels: [
      { title: 'Meetings per rep-hour', bars: bars((r) => r.meetingsPerRepHour), digits: 3 },
      { title: 'Conversations per 100 dials', bars: bars((r) => r.conversationsPer100Dials), digits: 1 },
    ],
  });
}
