import type {
  Cadence,
  CadenceSummary,
  CadenceView,
  CompletedTask,
  ResumedCadence,
  StartReport,
  StoppedCadence,
} from '../../contracts/cadences.contract.ts';
import { counted } from '../../shared/terminal-text.ts';

const plural = (n: number, word: string): string => counted(n, word, `${word}s`);

/** `reach cadence list`: each cadence with its steps, span, kinds and message cap. */
export const cadenceListLines = (items: CadenceSummary[]): string[] =>
  items.flatMap((c) => {
    const kinds = Object.entries(c.kinds)
      .map(([kind, n]) => `${n} ${kind}`)
      .join(', ');
    return [
      `${c.name.padEnd(18)} ${c.steps} steps over ${c.workingDays} working days (${kinds}); ${plural(c.maxMessages, 'message')} at most`,
      `${' '.repeat(19)}${c.description}`,
    ];
  });

/** `reach cadence show`: the steps laid over the prospect's working days, in their zone. */
export const cadenceViewLines = (view: CadenceView): string[] => [
  `${view.name}: ${view.description}`,
  `${plural(view.maxMessages, 'message')} at most; steps in ${view.zone}, from ${view.start}`,
  ...view.schedule.map((s) =>
    `  ${String(s.step + 1).padStart(2)}. ${s.local}  ${(s.auto ? `${s.kind} (auto)` : s.kind).padEnd(16)} ${s.note ?? ''}`.trimEnd(),
  ),
];

/** `reach cadence add`: the cadence saved. */
export const savedCadenceLines = (cadence: Cadence): string[] => [
  `Added ${cadence.name}: ${plural(cadence.steps.length, 'step')}, ${plural(cadence.maxMessages, 'message')} at most`,
];

/** `reach cadence remove`. */
export const removedCadenceLines = (r: { removed: string }): string[] => [`Removed ${r.removed}`];

/** `reach cadence start`: who started, their first step in their zone, and who could not start and why. */
export const startReportLines = (report: StartReport): string[] => [
  `Started ${report.started.length} on ${report.cadence}`,
  ...report.started.map((s) => `  #${s.prospectId} ${s.name}: first step ${s.firstDue} (${s.zone})`),
  ...report.rejected.map((r) => `  not started: ${r.prospect}: ${r.reason}`),
];

/** `reach cadence stop`. */
export const stoppedCadenceLines = (r: StoppedCadence): string[] => [
  `Stopped ${r.cadence} for #${r.prospectId}: ${r.cancelled} open steps cancelled`,
];

/** `reach cadence resume`. */
export const resumedCadenceLines = (r: ResumedCadence): string[] => [
  `Resumed ${r.cadence} for #${r.prospectId}: ${r.steps} steps left, next ${r.firstDue ?? 'none'}`,
];

/** `reach tasks done`. */
export const completedTaskLines = (r: CompletedTask): string[] => [`Task ${r.id} ${r.status}`];
