import type { IntelFact } from '../../contracts/intel.contract.ts';
import type { ProspectView, ZoneChange } from '../../contracts/prospects.contract.ts';
import { tableLines } from '../../shared/terminal-text.ts';

const zones = (list: string[]): string => (list.length === 0 ? 'unknown' : list.join(' or '));

/** `reach zones changes`: what re-resolving prospects' zones changed, and why. */
export function zoneChangeLines(items: ZoneChange[]): string[] {
  if (items.length === 0) return ['No zone has changed.'];
  return tableLines(
    ['ID', 'Prospect', 'Was', 'Now', 'Why'],
    items.map((c) => [String(c.prospectId), c.name, zones(c.before), zones(c.after), c.reason]),
  );
}

const yesNo = (value: boolean): string => (value ? 'yes' : 'no');

/** A prospect as `reach prospects show|add|edit` prints them: who, stage, their clock, numbers, research. */
export function prospectLines(p: ProspectView): string[] {
  const r = p.research;
  return [
    `#${p.id}  ${p.name}${p.title ? `, ${p.title}` : ''}${p.company ? ` at ${p.company.name}` : ''}`,
    `  stage ${p.stage}${p.value !== null ? `, value ${p.value.toLocaleString('en-US')}` : ''}${p.optedOut ? ', OPTED OUT' : ''}`,
    `  local time ${p.localTime.label}${p.timezoneSource ? ` [zone from ${p.timezoneSource}]` : ''}`,
    ...(p.email ? [`  email ${p.email}`] : []),
    ...p.phones.map(
      (ph) =>
        `  ${ph.kind.padEnd(9)} ${ph.e164}${ph.extension ? ` x${ph.extension}` : ''}${ph.valid ? '' : ' (invalid)'}${ph.doNotCall ? ' DO NOT CALL' : ''}`,
    ),
    `  already has the product: ${yesNo(p.alreadyHasProduct)} · existing vendor relationship: ${yesNo(p.competitorRelationship)}`,
    ...(p.voicemailStrategy ? [`  voicemail strategy: ${p.voicemailStrategy}`] : []),
    ...(r.priorityObjective ? [`  priority objective: ${r.priorityObjective}`] : []),
    ...(r.benefits?.length ? [`  benefits: ${r.benefits.join('; ')}`] : []),
    ...(r.referenceClients ? [`  reference clients: ${r.referenceClients}`] : []),
    ...(r.referredBy ? [`  referred by: ${r.referredBy}`] : []),
    ...(r.notes ? [`  notes: ${r.notes.replace(/\n/g, ' / ')}`] : []),
  ];
}

/** `reach prospects show`, after the prospect: what has been learned about them. */
export const heardLines = (answer: { items: IntelFact[] }): string[] =>
  answer.items.map((fact) => `  ${fact.text}`);

/** `reach prospects list`: a page of prospects with their first number and local time. */
export const prospectPageLines = (page: { items: ProspectView[]; total: number }): string[] => [
  ...tableLines(
    ['ID', 'NAME', 'TITLE', 'COMPANY', 'STAGE', 'PHONE', 'LOCAL TIME'],
    page.items.map((p) => [
      p.id,
      p.name,
      p.title,
      p.company?.name,
      p.stage,
      p.phones[0]?.e164,
      p.localTime.label,
    ]),
  ),
  `${page.items.length} of ${page.total} prospects`,
];
