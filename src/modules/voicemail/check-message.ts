import { type Severity, severities } from '../../contracts/vocabulary.ts';
import { type ClaimRecord, checkClaims } from './check-claims.ts';
import { overlap, phoneNumbersIn, REPEAT_SHARE, spokenSeconds } from './words.ts';

/** One finding about a message: what, how bad, and how to fix it. */
export type Check = { code: string; severity: Severity; text: string; fix?: string | undefined };

/** What the checker may know beyond the words: who speaks, to whom, and what was said before. */
export type CheckContext = {
  kind?: string | undefined;
  /** The voice of the message, to find the name and the number in it. */
  rep?: { name: string | null; phone: string | null } | undefined;
  /** Known when the message is for one prospect. */
  prospect?:
    | {
        company: string | null;
        industry: string | null;
        /** The rep has spoken with the decision maker before. */
        spokeBefore: boolean;
        /** The prospect has called the rep. */
        calledUs: boolean;
        /** The benefits the research lists, when two could be offered. */
        benefits: string[];
        /** Messages left for them before, when known beyond `earlier`. */
        messagesLeft?: number;
        /** The rep met them in person. */
        met?: boolean;
        /** People the record says sent the rep to them. */
        referrers?: string[];
        /** They buy from the team now. */
        customer?: boolean;
      }
    | undefined;
  /** The team's offers that really carry a deadline or a limited number; others make pressure a lie. */
  offers?: ClaimRecord['offers'] | undefined;
  /** Earlier messages to the same prospect, oldest first, with when they were left. */
  earlier?: { text: string; at: Date }[] | undefined;
  /** Reference clients the team may name, with their industries. */
  references?: { name: string; industry: string | null }[] | undefined;
};

/** Length targets at spoken pace: 15-30 seconds earns a reply; past 45 it gets deleted. */
export const LENGTH = { short: 15, long: 30, tooLong: 45 } as const;

/** Phrases a technology buyer deletes on sight (DOMAIN §4), with why. */
const cliches: { pattern: RegExp; severity: Severity; why: string }[] = [
  {
    pattern: /\b(just )?touch(ing)? base\b/i,
    severity: 'fail',
    why: '"touching base" says there is nothing new',
  },
  {
    pattern: /\bjust (checking in|following up|calling to follow up)\b/i,
    severity: 'fail',
    why: 'says there is nothing new',
  },
  {
    pattern: /\b(15|fifteen)\s*(to|-|–|or)\s*(20|twenty)\s*min(ute)?s?\b/i,
    severity: 'fail',
    why: 'asks for "15 to 20 minutes" instead of a few on their priority',
  },
  {
    pattern: /\blearn (more )?(about )?what you('re| are) doing\b/i,
    severity: 'fail',
    why: 'asks to "learn about what you are doing": their time for your homework',
  },
  { pattern: /\bpick your brain\b/i, severity: 'fail', why: 'asks for free advice' },
  { pattern: /\bcircle back\b/i, severity: 'warn', why: 'office jargon' },
  {
    pattern: /\bhope (this|you are|you're) (finds you )?(well|doing well)\b/i,
    severity: 'warn',
    why: 'filler',
  },
  {
    pattern:
      /\b(best[- ]in[- ]class|game[- ]chang\w*|synerg\w*|revolutionary|cutting[- ]edge|world[- ]class|leading provider|one[- ]stop[- ]shop)\b/i,
    severity: 'warn',
    why: 'a buzzword that says nothing specific',
  },
  {
    pattern: /\bdo you have a (quick )?(minute|second)\b/i,
    severity: 'warn',
    why: 'a question a voicemail cannot answer',
  },
];

/** Big names every seller drops; naming one without what was done for it is name-dropping. */
const bigNames =
  /\b(google|microsoft|amazon|apple|ibm|oracle|salesforce|coca[- ]cola|walmart|ge|general electric|procter|p&g|nike|fedex|ups)\b/i;
const depth =
  /\b(\d+(\.\d+)?\s*(%|percent|x\b|times|days|weeks|hours|minutes)|helped|cut|saved|reduced|grew|doubled|halved|raised|shortened|dropped)\b/i;

const ask =
  /(\?|\bcall (me|back)\b|\bgive me a (call|ring)\b|\breach me\b|\bfew minutes\b|\bworth\b|\bwould you\b|\bcould we\b|\blet'?s\b|\bproject\b|\binvite\b|\bintroduc|\bjoin us\b|\bset it up\b|\bconnect you\b)/i;

/** The last seven digits: how a listener recognises a number said with or without its area code. */
const tail = (digits: string): string => digits.slice(-7);

/**
 * Checks a voicemail script as a listener would hear it: length at spoken pace, clichés,
 * whether it says who is calling and how to call back, honesty, and, given the prospect,
 * repetition and the fit of its benefits and reference client. Each finding has a fix.
 */
export function checkMessage(text: string, context: CheckContext = {}): Check[] {
  const checks: Check[] = [];
  const add = (check: Check) => checks.push(check);
  const seconds = spokenSeconds(text);
  if (seconds > LENGTH.tooLong)
    add({
      code: 'too-long',
      severity: 'fail',
      text: `${seconds} s spoken: past ${LENGTH.tooLong} s it gets deleted`,
      fix: 'keep one reason to call back, the name and the number; cut the rest',
    });
  else if (seconds > LENGTH.long)
    add({
      code: 'long',
      severity: 'warn',
      text: `${seconds} s spoken: aim for ${LENGTH.short}-${LENGTH.long} s`,
      fix: 'cut to one idea and two benefits',
    });
  else if (seconds < LENGTH.short && context.kind !== 'curiosity')
    add({
      code: 'short',
      severity: 'info',
      text: `${seconds} s spoken: short for anything but a curiosity message`,
      fix: 'say why they should call back',
    });
  else add({ code: 'length', severity: 'ok', text: `${seconds} s spoken` });

  let clean = true;
  for (const c of cliches) {
    const m = text.match(c.pattern);
    if (!m) continue;
    clean = false;
    add({
      code: 'cliche',
      severity: c.severity,
      text: `"${m[0]}": ${c.why}`,
      fix: 'say something specific to them: news, an event, a person worth knowing',
    });
  }
  const drop = text.match(/\bwe do (a lot|lots) of (work )?(with|in|for)\b/i) ?? text.match(bigNames);
  if (drop && !depth.test(text)) {
    clean = false;
    add({
      code: 'name-drop',
      severity: 'warn',
      text: `"${drop[0]}" without what was done`,
      fix: 'name one client they relate to and what you did for it',
    });
  }
  if (clean) add({ code: 'cliche', severity: 'ok', text: 'no clichés' });

  checkVoice(text, context, add);
  checkHonesty(text, context, add);
  if (!ask.test(text))
    add({
      code: 'no-reason',
      severity: 'warn',
      text: 'no reason to call back',
      fix: 'end with the ask: a few minutes on their priority, an invitation, an introduction',
    });
  checkFit(text, context, add);
  if (context.earlier && context.earlier.length > 0) {
    const { share, index } = overlap(
      text,
      context.earlier.map((e) => e.text),
    );
    const when = index >= 0 ? context.earlier[index]!.at.toISOString().slice(0, 10) : '';
    if (share > REPEAT_SHARE)
      add({
        code: 'repeat',
        severity: 'fail',
        text: `${Math.round(share * 100)}% of its phrases were in the message of ${when}`,
        fix: 'say something new: another news item, event or introduction',
      });
    else
      add({
        code: 'repeat',
        severity: 'ok',
        text: `new: at most ${Math.round(share * 100)}% of its phrases said before`,
      });
  }
  return checks;
}

function checkVoice(text: string, context: CheckContext, add: (c: Check) => void): void {
  const numbers = phoneNumbersIn(text);
  const phone = context.rep?.phone?.replace(/\D/g, '') ?? '';
  const said = phone
    ? numbers.filter((n) => tail(n) === tail(phone)).length
    : Math.max(0, ...counts(numbers));
  if (said === 0)
    add({
      code: 'no-number',
      severity: 'fail',
      text: numbers.length > 0 && phone ? 'the number said is not yours' : 'no callback number',
      fix: 'say your number early, slowly, and again at the end',
    });
  else if (said === 1)
    add({
      code: 'number-once',
      severity: 'warn',
      text: 'the number is said only once',
      fix: 'say it again, slowly, as the last thing',
    });
  else add({ code: 'number', severity: 'ok', text: `number said ${said} times` });
  const first = context.rep?.name?.trim().split(/\s+/)[0];
  const named = first
    ? new RegExp(`\\b${escapeRegExp(first)}\\b`, 'i').test(text)
    : /\b(this is|my name is|it'?s)\s+\p{Lu}|\b\p{Lu}\p{Ll}+ here\b/u.test(text);
  if (!named)
    add({
      code: 'no-name',
      severity: 'fail',
      text: 'does not say who is calling',
      fix: 'say your name and company first',
    });
  else add({ code: 'name', severity: 'ok', text: 'says who is calling' });
}

const counts = (numbers: string[]): number[] => {
  const by = new Map<string, number>();
  for (const n of numbers) by.set(tail(n), (by.get(tail(n)) ?? 0) + 1);
  return [...by.values()];
};

function checkHonesty(text: string, context: CheckContext, add: (c: Check) => void): void {
  const findings = checkClaims(text, recordOf(context));
  for (const finding of findings) add(finding);
  if (findings.length === 0)
    add({
      code: 'honesty',
      severity: 'ok',
      text: 'every claim is one the record shows; no pretext or pressure',
    });
}

/** The record a message is checked against: what the caller knows of the prospect and the team. */
function recordOf(context: CheckContext): ClaimRecord | null {
  const p = context.prospect;
  if (!p) return null;
  return {
    spokeBefore: p.spokeBefore,
    inquired: p.calledUs,
    messagesLeft: Math.max(p.messagesLeft ?? 0, context.earlier?.length ?? 0),
    met: p.met ?? false,
    referrers: p.referrers ?? [],
    customer: p.customer ?? false,
    offers: context.offers ?? [],
  };
}

function checkFit(text: string, context: CheckContext, add: (c: Check) => void): void {
  const p = context.prospect;
  if (!p) return;
  const lower = text.toLowerCase();
  if (p.benefits.length >= 2) {
    const said = p.benefits.filter((b) => lower.includes(b.toLowerCase())).length;
    if (said === 1)
      add({
        code: 'one-benefit',
        severity: 'warn',
        text: 'one benefit where the research has two',
        fix: `add the second: ${p.benefits.find((b) => !lower.includes(b.toLowerCase()))}`,
      });
  }
  for (const ref of context.references ?? []) {
    if (!ref.industry || !p.industry || !lower.includes(ref.name.toLowerCase())) continue;
    if (sameIndustry(ref.industry, p.industry)) continue;
    add({
      code: 'reference-industry',
      severity: 'warn',
      text: `${ref.name} is in ${ref.industry}; ${p.company ?? 'they'} ${p.company ? 'is' : 'are'} in ${p.industry}`,
      fix: `name a client in ${p.industry} they can relate to`,
    });
  }
}

/** Industries match when one names the other ("logistics" and "freight logistics"). */
export const sameIndustry = (a: string, b: string): boolean => {
  const x = a.trim().toLowerCase();
  const y = b.trim().toLowerCase();
  return x.includes(y) || y.includes(x);
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The worst severity among the checks: a `fail` means the message must not be left. */
export function worst(checks: readonly Check[]): Severity {
  return checks.reduce<Severity>(
    // The list runs from the mildest to the worst.
    (w, c) => (severities.indexOf(c.severity) > severities.indexOf(w) ? c.severity : w),
    'ok',
  );
}
