import type { DncEntry, DncEvent, Lifted } from '../../contracts/dnc.contract.ts';
import type { DncImportReport } from '../../contracts/transfers.contract.ts';
import { tableLines } from '../../shared/terminal-text.ts';

/** `reach dnc add`: what went on the list, by number, address or prospect. */
export const addedLines = (entries: DncEntry[]): string[] => [
  `On the Do-Not-Call list: ${entries.map((e) => e.e164 ?? e.email ?? `prospect #${e.prospectId}`).join(', ')}`,
];

/** `reach dnc remove`: how many entries were lifted. */
export const liftedLines = (result: Lifted): string[] => [
  `Lifted ${result.removed} entr${result.removed === 1 ? 'y' : 'ies'}`,
];

/** `reach dnc history`: the audit log, newest first, with who, why and consent. */
export const historyLines = (items: DncEvent[]): string[] =>
  tableLines(
    ['When', 'What', 'Whom', 'Why', 'By'],
    items.map((e) => [
      e.at,
      e.action === 'lifted' && e.consent ? 'lifted, with consent' : e.action,
      e.e164 ?? e.email ?? (e.prospectId ? `prospect #${e.prospectId}` : ''),
      e.reason,
      e.by ?? e.source ?? '',
    ]),
  );

/** `reach dnc import`: the counts, then the first 50 rejected lines with their reasons. */
export const dncImportLines = (report: DncImportReport): string[] => [
  `Added ${report.added}, already listed ${report.alreadyListed}, rejected ${report.rejectedLines}`,
  ...report.rejected.slice(0, 50).map((r) => `  line ${r.line}: ${r.reason}`),
];

/** `reach dnc list`: the active entries. */
export const entryLines = (items: DncEntry[]): string[] => [
  ...tableLines(
    ['NUMBER', 'PROSPECT', 'REASON', 'SOURCE', 'ADDED'],
    items.map((e) => [e.e164, e.prospectName, e.reason, e.source, e.addedAt]),
  ),
  `${items.length} entries`,
];
