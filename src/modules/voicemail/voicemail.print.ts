import type {
  CheckedMessage,
  MessageStats,
  TalkingPoint,
  VoicemailAdvice,
} from '../../contracts/voicemail.contract.ts';
import type { Check } from './check-message.ts';

const mark: Record<Check['severity'], string> = { ok: 'ok  ', info: 'note', warn: 'warn', fail: 'FAIL' };

/** Each check of a message with its mark, and the fix where one is not plain ok. */
const checkLines = (checks: Check[]): string[] =>
  checks.map(
    (c) => `  ${mark[c.severity]} ${c.code}: ${c.text}${c.severity !== 'ok' && c.fix ? ` (${c.fix})` : ''}`,
  );

/** `reach voicemail`: leave or skip and why, the script with its checks, what would say more, what to do instead. */
export function adviceLines(advice: VoicemailAdvice): string[] {
  const head = advice.decision === 'leave' ? 'LEAVE a message' : 'SKIP: no message';
  const lines = [
    `${head}  (${advice.prospect.name}${advice.prospect.company ? `, ${advice.prospect.company}` : ''}; strategy ${advice.strategy}, ${advice.strategyFrom === 'asked' ? 'asked' : `the ${advice.strategyFrom}'s`})`,
    ...advice.reasons.map((r) => `- ${r.text}`),
  ];
  if (advice.script)
    lines.push(
      '',
      `${advice.script.kind} message, ${advice.script.seconds} s:`,
      `  "${advice.script.text}"`,
      ...checkLines(advice.script.checks),
    );
  if (advice.missing.length > 0) lines.push('', 'To say more:', ...advice.missing.map((m) => `- ${m.text}`));
  if (advice.instead.length > 0) lines.push('', 'Instead:', ...advice.instead.map((i) => `- ${i.text}`));
  return lines;
}

/** `reach check-message`: the verdict, the seconds it takes to say, and every check. */
export const checkedMessageLines = (result: CheckedMessage): string[] => [
  `${result.verdict === 'fail' ? 'FAILS' : result.verdict === 'warn' ? 'Passes with warnings' : 'Passes'}: ${result.seconds} s spoken`,
  ...checkLines(result.checks),
];

/** `reach message-stats`: callback rates by kind, strategy and template. */
export function messageStatsLines(stats: MessageStats): string[] {
  const table = (title: string, rows: MessageStats['byKind']): string[] => [
    '',
    `${title.padEnd(22)} messages  callbacks  rate`,
    ...rows.map(
      (r) =>
        `${r.key.padEnd(22)} ${String(r.messages).padStart(8)}  ${String(r.callbacks).padStart(9)}  ${(r.rate * 100).toFixed(1).padStart(5)}%`,
    ),
  ];
  return [
    `${stats.messages} messages, ${stats.callbacks} callbacks`,
    ...table('by kind', stats.byKind),
    ...table('by strategy', stats.byStrategy),
    ...table('by template', stats.byTemplate),
  ];
}

/** Where an event is, as the list shows it: " · online", " · Chicago, IL", " · place not recorded". */
const placeOf = (p: TalkingPoint): string => {
  if (p.kind !== 'event') return '';
  if (p.online) return ' · online';
  const place = [p.city, p.region, p.country].filter(Boolean).join(', ');
  return place ? ` · ${place}` : ' · place not recorded: invited to nobody';
};

/** `reach points add`. */
export const addedPointLines = (point: TalkingPoint): string[] => [
  `Added ${point.kind} #${point.id}: ${point.title}`,
];

/** `reach points list`: each talking point with its kind, detail, date and (for an event) place. */
export const pointLines = (items: TalkingPoint[]): string[] =>
  items.map(
    (p) =>
      `#${String(p.id).padEnd(5)} ${p.kind.padEnd(9)} ${p.title}${p.detail ? ` — ${p.detail}` : ''}${p.on ? ` (${p.on.slice(0, 10)})` : ''}${placeOf(p)}`,
  );

/** `reach points remove`. */
export const removedPointLines = (id: string): string[] => [`Removed talking point ${id}`];
