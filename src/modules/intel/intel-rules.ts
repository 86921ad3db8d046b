import type { IntelType } from '../../contracts/intel.contract.ts';
import type { FieldIssue } from '../../shared/errors.ts';

export const routes = ['press-0', 'operator', 'sales-department', 'pr-department', 'assistant'] as const;
export const channels = ['email', 'voicemail', 'letter', 'phone'] as const;

/** A fact as heard: which fields mean something depends on its type. */
export type IntelInput = {
  type: IntelType;
  value?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  arrives?: string | undefined;
  leaves?: string | undefined;
  until?: Date | undefined;
  at: Date;
};

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

function clock(issues: FieldIssue[], field: string, value: string | undefined): void {
  if (value !== undefined && !CLOCK.test(value))
    issues.push({ field, reason: `"${value}" is not a time as HH:MM (24-hour)` });
}

function span(
  issues: FieldIssue[],
  input: { from?: string | undefined; to?: string | undefined; required: boolean },
): void {
  if (input.required && (!input.from || !input.to)) {
    issues.push({ field: input.from ? 'to' : 'from', reason: 'give the window as --from HH:MM --to HH:MM' });
    return;
  }
  clock(issues, 'from', input.from);
  clock(issues, 'to', input.to);
  if (input.from && input.to && CLOCK.test(input.from) && CLOCK.test(input.to) && input.from >= input.to) {
    issues.push({ field: 'to', reason: `must be after ${input.from}` });
  }
}

/** Everything wrong with a fact for its type, each naming its field. */
export function checkIntel(fact: IntelInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const needValue = (what: string) => {
    if (!fact.value?.trim()) issues.push({ field: 'value', reason: `a ${fact.type} fact needs ${what}` });
  };
  switch (fact.type) {
    case 'gatekeeper-name':
      needValue("the gatekeeper's name");
      break;
    case 'champion':
      needValue("the champion's name");
      break;
    case 'private-line':
      needValue('the number');
      // "Call his private line between six and seven": the hours it is the line to dial, when given.
      span(issues, { from: fact.from, to: fact.to, required: false });
      if ((fact.from === undefined) !== (fact.to === undefined))
        issues.push({ field: fact.from ? 'to' : 'from', reason: 'give both ends of the hours, or neither' });
      break;
    case 'dm-hours':
      span(issues, { from: fact.from, to: fact.to, required: true });
      break;
    case 'gatekeeper-hours':
      clock(issues, 'arrives', fact.arrives);
      clock(issues, 'leaves', fact.leaves);
      span(issues, { from: fact.from, to: fact.to, required: false });
      if (!fact.arrives && !fact.leaves && !fact.from) {
        issues.push({
          field: 'arrives',
          reason: 'give --arrives, --leaves, or the lunch as --from HH:MM --to HH:MM',
        });
      }
      break;
    case 'route':
      if (!(routes as readonly string[]).includes(fact.value ?? '')) {
        issues.push({ field: 'value', reason: `a route is one of ${routes.join(', ')}` });
      }
      break;
    case 'prefers':
      if (!(channels as readonly string[]).includes(fact.value ?? '')) {
        issues.push({ field: 'value', reason: `a preference is one of ${channels.join(', ')}` });
      }
      break;
    case 'deterrent':
      needValue('the words of the warning');
      break;
    case 'alternate-contact':
      needValue('who to call: a name, an extension or a number');
      break;
    case 'number-confirmed':
      needValue('the number');
      break;
    case 'out-of-office':
      if (!fact.until) issues.push({ field: 'until', reason: 'say until when (a date)' });
      else if (fact.until <= fact.at)
        issues.push({ field: 'until', reason: 'must be after the time the fact was heard' });
      break;
  }
  return issues;
}

/** The fact in words, as a rep reads it on a call card. */
export function describeIntel(fact: {
  type: string;
  value: Record<string, unknown>;
  fromTime: string | null;
  toTime: string | null;
  validUntil: Date | null;
}): string {
  const v = fact.value;
  const text = typeof v['text'] === 'string' ? v['text'] : '';
  const heard =
    v['source'] === 'transcription'
      ? ' (from the greeting, transcribed)'
      : v['source'] === 'greeting'
        ? ' (from the greeting)'
        : '';
  return describeFact(fact, text) + heard;
}

function describeFact(
  fact: {
    type: string;
    value: Record<string, unknown>;
    fromTime: string | null;
    toTime: string | null;
    validUntil: Date | null;
  },
  text: string,
): string {
  const v = fact.value;
  switch (fact.type) {
    case 'deterrent':
      return `warns sellers off: "${text}"`;
    case 'alternate-contact':
      return `instead, call ${text}`;
    case 'number-confirmed':
      return `${text} is their own number: their greeting says their name`;
    case 'gatekeeper-name':
      return `gatekeeper: ${text}`;
    case 'gatekeeper-hours': {
      const parts = [
        v['arrives'] ? `arrives ${v['arrives']}` : '',
        fact.fromTime ? `lunch ${fact.fromTime}-${fact.toTime}` : '',
        v['leaves'] ? `leaves ${v['leaves']}` : '',
      ];
      return `gatekeeper ${parts.filter(Boolean).join(', ')}`;
    }
    case 'dm-hours':
      return `picks up ${fact.fromTime}-${fact.toTime}${text ? ` (${text})` : ''}`;
    case 'private-line':
      return `private line ${text}${fact.fromTime ? `, the line to dial ${fact.fromTime}-${fact.toTime}` : ''}`;
    case 'route':
      return `route: ${text.replace(/-/g, ' ')}`;
    case 'champion':
      return `champion: ${text}`;
    case 'out-of-office':
      return `out of office until ${fact.validUntil?.toISOString().slice(0, 10) ?? '?'}`;
    default:
      return `prefers ${text}`;
  }
}
