import { DateTime } from 'luxon';

/**
 * What a voicemail greeting says, read from its words (a provider's transcription, or what the
 * rep typed they heard): a warning to sellers, an absence until a date, someone else to call, the
 * owner's name, a wish for email. Pure: the words, the instant and the prospect's zone in, the
 * findings out; the intel feature records them as facts.
 */
export type GreetingFinding =
  | { kind: 'deterrent'; quote: string }
  | { kind: 'out-of-office'; until: string; quote: string }
  | {
      kind: 'alternate-contact';
      name: string | null;
      extension: string | null;
      number: string | null;
      quote: string;
    }
  | { kind: 'name'; said: string; theirs: boolean; quote: string }
  | { kind: 'prefers-email'; quote: string };

const DETERRENTS = [
  /\b(?:if|when) (?:you(?:'re| are)|this is) (?:calling|trying|looking|phoning) to (?:sell|pitch|offer|market)\b/i,
  /\bdon'?t hold your breath\b/i,
  /\b(?:no|not accepting|do not accept|don'?t accept|not interested in) (?:sales|solicitation|vendor|marketing)[a-z ]*calls?\b/i,
  /\b(?:sales|vendor|solicitation)[a-z ]* (?:calls?|pitches) (?:will not|won'?t) be (?:returned|answered)\b/i,
  /\bno solicit(?:ation|ors|ing)\b/i,
  /\bplease do not leave (?:a )?(?:sales|marketing) (?:messages?|pitch)/i,
];

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** "out of the office until…", "on vacation until…", "back on…", "returning…". */
const AWAY =
  /\b(?:out of (?:the )?office|away|on (?:vacation|holiday|leave|annual leave|parental leave|a business trip)|travell?ing|out)\b[^.]*?\b(?:until|till|through|thru)\b\s+([^.,;!]+)|\b(?:back|returning|return)(?: in the office| to the office)?(?: on)?\s+([^.,;!]+)/i;

/** The date a phrase names after `at`, in `zone`: a weekday, a month and day, a day of the month, `M/D`. */
export function dateAfter(phrase: string, at: Date, zone: string): DateTime | null {
  const now = DateTime.fromJSDate(at, { zone });
  const text = phrase.toLowerCase().replace(/(\d+)(st|nd|rd|th)\b/g, '$1');
  if (/\btomorrow\b/.test(text)) return now.plus({ days: 1 }).startOf('day');
  const month = MONTHS.findIndex((m) =>
    new RegExp(`\\b${m.slice(0, 3)}[a-z]*\\.?\\s+(\\d{1,2})\\b`).test(text),
  );
  if (month >= 0) {
    const day = Number(
      new RegExp(`\\b${MONTHS[month]!.slice(0, 3)}[a-z]*\\.?\\s+(\\d{1,2})\\b`).exec(text)![1],
    );
    return nextOf(now, { month: month + 1, day });
  }
  const dayFirst = /\b(\d{1,2})\s+(?:of\s+)?([a-z]{3,9})\b/.exec(text);
  if (dayFirst) {
    const m = MONTHS.findIndex((name) => name.startsWith(dayFirst[2]!.slice(0, 3)));
    if (m >= 0) return nextOf(now, { month: m + 1, day: Number(dayFirst[1]) });
  }
  const slash = /\b(\d{1,2})\/(\d{1,2})\b/.exec(text);
  if (slash) return nextOf(now, { month: Number(slash[1]), day: Number(slash[2]) });
  const weekday = WEEKDAYS.findIndex((d) => new RegExp(`\\b${d}\\b`).test(text));
  if (weekday >= 0) {
    const ahead = (weekday + 1 - now.weekday + 7) % 7 || 7;
    return now.plus({ days: ahead }).startOf('day');
  }
  const ofMonth = /\bthe (\d{1,2})\b/.exec(text);
  if (ofMonth) {
    const day = Number(ofMonth[1]);
    const candidate = now.set({ day }).startOf('day');
    if (!candidate.isValid || candidate.day !== day) return null;
    return candidate > now ? candidate : now.plus({ months: 1 }).set({ day }).startOf('day');
  }
  return null;
}

/** The next `month`/`day` after `now`: this year's, or next year's when it has passed. */
function nextOf(now: DateTime, input: { month: number; day: number }): DateTime | null {
  const date = DateTime.fromObject({ year: now.year, ...input }, { zone: now.zone });
  if (!date.isValid) return null;
  return date > now ? date : date.plus({ years: 1 });
}

const sentences = (text: string): string[] =>
  text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Reads a greeting's words; `at` and `zone` place its dates, `prospect` tells whether a name said is theirs. */
export function readGreeting(
  text: string,
  input: { at: Date; zone: string | null; prospect: { firstName: string | null; lastName: string | null } },
): GreetingFinding[] {
  const findings: GreetingFinding[] = [];
  const zone = input.zone ?? 'UTC';
  for (const sentence of sentences(text)) {
    if (DETERRENTS.some((re) => re.test(sentence))) findings.push({ kind: 'deterrent', quote: sentence });
    const away = AWAY.exec(sentence);
    if (away) {
      const date = dateAfter(away[1] ?? away[2] ?? '', input.at, zone);
      if (date) findings.push({ kind: 'out-of-office', until: date.toISODate()!, quote: sentence });
    }
    const alternate =
      /\b(?:please )?(?:contact|call|reach|try|ask for|speak (?:to|with))\s+(?:my (?:colleague|assistant|associate|deputy|team ?mate)\s+)?([A-Z][a-z]+(?: [A-Z][a-z]+)?)?(?:[^.]*?\b(?:extension|ext\.?|x)\s*(\d{2,6}))?(?:[^.]*?(\+?\d[\d ().-]{6,}\d))?/.exec(
        sentence,
      );
    if (
      alternate &&
      (alternate[2] || alternate[3] || (alternate[1] && /\b(?:contact|ask for|speak)/i.test(sentence)))
    ) {
      const name = alternate[1] && !/^(?:Me|Us|The|Our|My)$/.test(alternate[1]) ? alternate[1] : null;
      if (name || alternate[2] || alternate[3])
        findings.push({
          kind: 'alternate-contact',
          name,
          extension: alternate[2] ?? null,
          number: alternate[3]?.replace(/[^\d+]/g, '') ?? null,
          quote: sentence,
        });
    }
    const named =
      /\b(?:[Yy]ou(?:'ve| have) reached|[Tt]his is|[Tt]he (?:voice ?mail|mailbox) (?:of|for))\s+(?:the (?:voice ?mail|mailbox) (?:of|for)\s+)?([A-Z][a-z]+(?: [A-Z][a-z'-]+)?)/.exec(
        sentence,
      );
    if (named) {
      const said = named[1]!;
      const words = said.toLowerCase().split(' ');
      const own = [input.prospect.firstName, input.prospect.lastName]
        .filter((n): n is string => Boolean(n))
        .map((n) => n.toLowerCase());
      findings.push({ kind: 'name', said, theirs: own.some((n) => words.includes(n)), quote: sentence });
    }
    if (
      /\b(?:e-?mail me|send me an e-?mail|reach me (?:by|via) e-?mail|(?:best|quickest) (?:way )?to reach me is (?:by |via )?e-?mail|prefer e-?mail)\b/i.test(
        sentence,
      )
    )
      findings.push({ kind: 'prefers-email', quote: sentence });
  }
  return findings;
}
