import { zonedToUtc, zoneName } from '../clock.ts';

/** What a gatekeeper or a greeting can reveal, with the inputs each needs. */
export const FACT_KINDS = [
  { type: 'gatekeeper-name', label: "Gatekeeper's name" },
  { type: 'gatekeeper-hours', label: "Gatekeeper's hours" },
  { type: 'dm-hours', label: 'When the decision maker picks up' },
  { type: 'private-line', label: 'A private line' },
  { type: 'route', label: 'A route past the gatekeeper' },
  { type: 'champion', label: 'A champion inside' },
  { type: 'out-of-office', label: 'Out of office' },
  { type: 'prefers', label: 'Prefers another channel' },
  { type: 'deterrent', label: 'Greeting warns sellers off' },
  { type: 'alternate-contact', label: 'Someone else to call' },
  { type: 'number-confirmed', label: 'Greeting says their name on this number' },
] as const;

/** The kinds typed as one line of words, and what the line is called. */
export const WORDED: Partial<Record<FactType, string>> = {
  deterrent: 'The words',
  'alternate-contact': 'Who, extension or number',
  'number-confirmed': 'Number',
};
export type FactType = (typeof FACT_KINDS)[number]['type'];

export const ROUTES = [
  { value: 'press-0', label: 'press 0 for the operator' },
  { value: 'operator', label: 'ask the operator to page' },
  { value: 'assistant', label: 'book through the assistant' },
  { value: 'sales-department', label: 'the sales department' },
  { value: 'pr-department', label: 'public relations' },
] as const;
export const CHANNELS = ['email', 'voicemail', 'letter', 'phone'] as const;

/** One fact as typed: each kind reads the fields it needs. Times are HH:MM on the prospect's clock. */
export type FactDraft = {
  key: number;
  type: FactType;
  value: string;
  from: string;
  to: string;
  arrives: string;
  leaves: string;
  /** Out of office: back on this date, on their calendar. */
  until: string;
};

let nextKey = 1;
export const newFact = (type: FactType): FactDraft => ({
  key: nextKey++,
  type,
  value: type === 'route' ? ROUTES[0].value : type === 'prefers' ? CHANNELS[0] : '',
  from: '',
  to: '',
  arrives: '',
  leaves: '',
  until: '',
});

/** What is missing or wrong in a fact, in the rep's words; null when it may be saved. */
export function factProblem(fact: FactDraft, zone: string | null): string | null {
  const span = () => {
    if (!fact.from || !fact.to) return 'give both times';
    return fact.from >= fact.to ? `${fact.to} must be after ${fact.from}` : null;
  };
  switch (fact.type) {
    case 'gatekeeper-name':
    case 'champion':
      return fact.value.trim() ? null : 'type the name';
    case 'deterrent':
    case 'alternate-contact':
    case 'number-confirmed':
      return fact.value.trim() ? null : `type ${WORDED[fact.type]!.toLowerCase()}`;
    case 'private-line':
      if (fact.value.replace(/\D/g, '').length < 7) return 'type the number';
      return fact.from || fact.to ? span() : null;
    case 'dm-hours':
      return span();
    case 'gatekeeper-hours':
      if (!fact.arrives && !fact.leaves && !fact.from && !fact.to)
        return 'give when she arrives, her lunch or when she leaves';
      if (fact.from || fact.to) return span();
      if (fact.arrives && fact.leaves && fact.arrives >= fact.leaves) return `she leaves before she arrives`;
      return null;
    case 'out-of-office': {
      if (!fact.until) return 'choose the day they are back';
      if (!zone) return null;
      const back = zonedToUtc(fact.until, '00:00', zone);
      return back.ok ? null : back.reason;
    }
    default:
      return null;
  }
}

/**
 * The facts as the API takes them. A private line given with hours is two facts: the line, and
 * the hours the decision maker picks up there.
 */
export function factBodies(facts: FactDraft[], zone: string | null): Record<string, unknown>[] {
  return facts.flatMap((f): Record<string, unknown>[] => {
    const value = f.value.trim();
    switch (f.type) {
      case 'gatekeeper-hours':
        return [
          {
            type: f.type,
            ...(f.arrives ? { arrives: f.arrives } : {}),
            ...(f.leaves ? { leaves: f.leaves } : {}),
            ...(f.from ? { from: f.from, to: f.to } : {}),
          },
        ];
      case 'dm-hours':
        return [{ type: f.type, from: f.from, to: f.to, ...(value ? { value } : {}) }];
      case 'private-line':
        return [
          { type: f.type, value },
          ...(f.from && f.to
            ? [{ type: 'dm-hours', from: f.from, to: f.to, value: `on the private line ${value}` }]
            : []),
        ];
      case 'out-of-office': {
        const back = zone ? zonedToUtc(f.until, '00:00', zone) : null;
        return [{ type: f.type, until: back?.ok ? back.iso : f.until }];
      }
      default:
        return [{ type: f.type, value }];
    }
  });
}

/** The clock the fact's times are on, as the form labels it. */
export const factClock = (zone: string | null): string =>
  zone ? `their time, ${zoneName(zone)}` : 'their time';
