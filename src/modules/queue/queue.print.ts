import type { Plan, Queue, QueueEntry } from '../../contracts/queue.contract.ts';
import type { RuleCheck, RuleList } from '../../contracts/team.contract.ts';
import { money, tableLines } from '../../shared/terminal-text.ts';

/** A chance as a rep reads it: one decimal below 10 %. */
const percent = (p: number): string => `${(p * 100).toFixed(p < 0.1 ? 1 : 0)}%`;

function entryLines(e: QueueEntry, n: number, currency: string): string[] {
  const who = [e.prospect.name, e.prospect.title, e.prospect.company].filter(Boolean).join(', ');
  const zone = `${e.local.weekday} ${e.local.time} ${e.local.timezone}${e.local.ambiguous ? '?' : ''}`;
  return [
    `${String(n).padStart(2)}. ${who}  (#${e.prospect.id})`,
    `    ${e.number.kind} ${e.number.e164}  ·  their time ${zone}  ·  ${percent(e.probability)} to reach${e.exploring ? ' (exploring)' : ''}  ·  expected ${money(e.expectedValue, currency)}`,
    ...e.reasons.map((r) => `    - ${r}`),
  ];
}

/** `reach queue`: whom to call now, best first, each with their clock, chance and reasons. */
export function queueLines(queue: Queue): string[] {
  if (queue.entries.length === 0)
    return [`Nobody to call at ${queue.at}: every prospect is outside calling hours or a limit.`];
  return [
    `Call queue at ${queue.at}`,
    ...queue.entries.flatMap((e, i) => entryLines(e, i + 1, queue.currency)),
  ];
}

/** `reach plan`: the day's windows in the rep's clock and the prospect's. */
export function planLines(plan: Plan): string[] {
  const lines = [`Plan for ${plan.day} (${plan.zone})`];
  for (const w of plan.windows) {
    lines.push(
      `${w.from}-${w.to}  ${w.prospect.name}${w.prospect.company ? `, ${w.prospect.company}` : ''} (#${w.prospect.id})  ${w.number.kind} ${w.number.e164}  their ${w.localFrom}-${w.localTo}  ${percent(w.probability)}`,
    );
    if (w.reasons.length > 0) lines.push(`             ${w.reasons.join('; ')}`);
  }
  if (plan.windows.length === 0) lines.push('No window: nobody is callable that day.');
  return lines;
}

const where = (j: { country: string; region: string | null }): string =>
  j.region ? `${j.country}-${j.region}` : j.country;

/** `reach rules`: every calling rule with its place, date and source, and the team's own. */
export function ruleListLines(list: RuleList): string[] {
  return [
    list.audience === 'b2b'
      ? 'The team calls businesses only: rules whose source exempts business calls are dropped.'
      : 'The strict reading: every rule applies, including those written for consumers (reach config callingAudience=b2b to drop the ones that exempt business calls).',
    ...tableLines(
      ['Place', 'Rule', 'Since', 'Source'],
      list.rules.map((r) => [
        where(r.jurisdiction),
        `${r.dropped ? '(dropped) ' : ''}${r.summary}`,
        r.effective,
        r.source.citation,
      ]),
    ),
    ...list.teamRules.map((rule) => `Team rule ${rule.id}: ${rule.label}`),
    '',
    'Recorded messages (voicemail drop): played only where every place the number may be in allows it.',
    ...tableLines(
      ['Place', 'Without consent', 'Since', 'Source'],
      list.prerecorded.map((r) => [
        where(r.jurisdiction),
        r.reading === 'never' ? 'never' : 'a business landline only',
        r.effective,
        r.source.citation,
      ]),
    ),
    '',
    'Recording calls (off unless the team turns it on): where any place needs more than one party, the prospect is told first.',
    ...tableLines(
      ['Place', 'Consent', 'Source'],
      list.recording.map((r) => [where(r.jurisdiction), r.reading, r.source.citation]),
    ),
  ];
}

/** `reach rules check`: may this number be called at that moment, each refusal in words, and when next. */
export function ruleCheckLines(result: RuleCheck): string[] {
  const lines = [`${result.number}: ${result.zones.map((z) => z.local).join(', ')}`];
  if (result.check.ok) lines.push('Allowed now by every rule that applies.');
  else for (const refusal of result.check.refusals) lines.push(`- ${refusal.text}`);
  if (result.check.ok && result.check.screening.length > 0)
    lines.push(`Screened against ${result.check.screening.join(' and ')}: loaded as Do-Not-Call sources.`);
  if (!result.check.ok)
    lines.push(result.next ? `Next allowed: ${result.next}` : 'Not allowed in the next 14 days.');
  return lines;
}
