import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MessageNeed as Need, ScriptKind } from '../../contracts/voicemail.contract.ts';
import { type Check, type CheckContext, checkMessage, sameIndustry, worst } from './check-message.ts';
import {
  type Fill,
  type LastTalk,
  type Point,
  type Reference,
  type Template,
  templates,
} from './templates.ts';
import { spokenSeconds } from './words.ts';

/** Everything a message to one prospect may be made of. */
export type Material = {
  firstName: string | null;
  company: string | null;
  industry: string | null;
  objective: string | null;
  benefits: string[];
  referredBy: string | null;
  news: Point[];
  events: Point[];
  contacts: Point[];
  references: Reference[];
  /** The last conversation with them, as the record shows it: when, and what it came to. */
  lastTalk?: LastTalk | null;
  /** Who speaks: null until the rep's name and number are set. */
  voice: { name: string; phone: string; seller: string | null } | null;
  /** The event's date in the prospect's words, for an invitation. */
  when: (on: Date | null) => string;
};

/** A message left before, with the template and facts it used (`info-reference|news:3|ref:2`). */
export type Earlier = { at: Date; kind: string; text: string; template: string | null };

export type Script = {
  kind: ScriptKind;
  /** The template and the facts it used, stored with the message so it is never said again. */
  template: string;
  text: string;
  seconds: number;
  checks: Check[];
};

/** Research a rep could add to say more: which field, and in plain words. */
export type Prompt = { need: Need | 'voice'; text: string };

export type Composed = {
  script: Script | null;
  /** Why nothing could be said, when it could not. */
  missing: Prompt[];
  /** Drafts refused by the checks, with why: a repeat means there is nothing new. */
  refused: { template: string; codes: string[] }[];
};

const promptFor = (need: Need, m: Material): string =>
  ({
    news: `add a news item about ${m.company ?? 'their company'}${m.industry ? ` or ${m.industry.toLowerCase()}` : ''} to make this an information message`,
    event: 'add an upcoming event near them (in their region) or online to invite them to',
    contact: 'add a contact worth introducing them to, such as a potential customer',
    reference: `add a reference client they relate to${m.industry ? ` (in ${m.industry.toLowerCase()})` : ''} and what you helped it do`,
    objective: 'add the priority objective to the research notes',
    benefits: 'add two benefits to the research notes: an educated guess from your homework',
    referredBy: 'add who referred them to the research notes',
    lastTalk: 'log the conversation this message follows up',
  })[need];

/** Which facts a stored template line used: `info-reference|news:3|ref:2` → {news: [3], ref: [2]}. */
export function usedFacts(earlier: readonly Earlier[]): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const e of earlier)
    for (const part of (e.template ?? '').split('|').slice(1)) {
      const [kind, id] = part.split(':');
      if (!kind || !id) continue;
      const set = used.get(kind) ?? new Set<string>();
      set.add(id);
      used.set(kind, set);
    }
  return used;
}

const templateId = (e: Earlier): string => (e.template ?? '').split('|')[0] ?? '';

/**
 * Composes the next message to one prospect in the first kind that has something new to
 * say: templates not used before first, facts never used with this prospect, each draft run
 * through the checker against every earlier message. A draft that fails a check is refused;
 * one that only warns is kept in reserve while a cleaner one is sought.
 */
export function compose(input: {
  kinds: readonly ScriptKind[];
  material: Material;
  earlier: readonly Earlier[];
  context: Omit<CheckContext, 'kind' | 'earlier'>;
}): Composed {
  const { material: m, earlier } = input;
  const missing = new Map<string, Prompt>();
  const refused: Composed['refused'] = [];
  if (!m.voice) {
    return {
      script: null,
      missing: [
        { need: 'voice', text: "set the rep's name and number for scripts (settings repName and repPhone)" },
      ],
      refused,
    };
  }
  const used = usedFacts(earlier);
  const fresh = (kind: string, points: Point[]) => points.filter((p) => !used.get(kind)?.has(String(p.id)));
  const pools = {
    news: fresh('news', m.news),
    event: fresh('event', m.events),
    contact: fresh('contact', m.contacts),
  };
  const references = rankReferences(m, used.get('ref') ?? new Set<string>());
  const timesUsed = (t: Template) => earlier.filter((e) => templateId(e) === t.id).length;
  const voice = m.voice;
  const fillBase: Fill = {
    first: m.firstName ?? 'Hello',
    company: m.company,
    industry: m.industry,
    rep: {
      full: voice.name,
      first: voice.name.split(/\s+/)[0]!,
      phone: spokenPhone(voice.phone),
      seller: voice.seller,
    },
    objective: m.objective,
    benefits: m.benefits,
    referredBy: m.referredBy,
    talk: m.lastTalk ? { ...m.lastTalk, when: m.when(m.lastTalk.on) } : undefined,
  };
  let reserve: Script | null = null;
  for (const kind of input.kinds) {
    const ofKind = templates.filter((t) => t.kind === kind).sort((a, b) => timesUsed(a) - timesUsed(b));
    for (const template of ofKind) {
      const lacking = template.needs.filter((need) => !has(need, { m, pools, references }));
      if (lacking.length > 0) {
        for (const need of lacking) missing.set(need, { need, text: promptFor(need, m) });
        continue;
      }
      for (const fill of fills(template, { base: fillBase, pools, references, m })) {
        const text = fill.text;
        const checks = checkMessage(text, { ...input.context, kind, earlier: [...earlier] });
        const severity = worst(checks);
        if (severity === 'fail') {
          refused.push({
            template: fill.key,
            codes: checks.filter((c) => c.severity === 'fail').map((c) => c.code),
          });
          continue;
        }
        const script: Script = { kind, template: fill.key, text, seconds: spokenSeconds(text), checks };
        if (severity !== 'warn') return { script, missing: [], refused };
        reserve ??= script;
      }
    }
    if (reserve) return { script: reserve, missing: [], refused };
  }
  return { script: null, missing: [...missing.values()], refused };
}

function has(
  need: Need,
  input: { m: Material; pools: Record<'news' | 'event' | 'contact', Point[]>; references: Reference[] },
): boolean {
  switch (need) {
    case 'news':
    case 'event':
    case 'contact':
      return input.pools[need].length > 0;
    case 'reference':
      return input.references.length > 0;
    case 'objective':
      return Boolean(input.m.objective?.trim());
    case 'benefits':
      return input.m.benefits.filter((b) => b.trim()).length >= 2;
    case 'referredBy':
      return Boolean(input.m.referredBy?.trim());
    case 'lastTalk':
      return Boolean(input.m.lastTalk);
  }
}

/** Each way to fill a template, the freshest facts first, with the key that records them. */
function* fills(
  template: Template,
  input: {
    base: Fill;
    pools: Record<'news' | 'event' | 'contact', Point[]>;
    references: Reference[];
    m: Material;
  },
): Generator<{ text: string; key: string }> {
  const slot = (need: 'news' | 'event' | 'contact') =>
    template.needs.includes(need) ? input.pools[need].slice(0, 3) : [undefined];
  const refs = template.needs.includes('reference') ? input.references.slice(0, 2) : [undefined];
  for (const news of slot('news'))
    for (const event of slot('event'))
      for (const contact of slot('contact'))
        for (const reference of refs) {
          const fill: Fill = {
            ...input.base,
            news,
            event,
            contact,
            reference,
            when: input.m.when(event?.on ?? null),
          };
          const key = [
            template.id,
            news && `news:${news.id}`,
            event && `event:${event.id}`,
            contact && `contact:${contact.id}`,
            reference && `ref:${reference.key}`,
          ]
            .filter(Boolean)
            .join('|');
          yield { text: template.render(fill), key };
        }
}

/** References in the prospect's industry first, then the least used with this prospect. */
function rankReferences(m: Material, used: ReadonlySet<string>): Reference[] {
  const fits = (r: Reference) => !r.industry || !m.industry || sameIndustry(r.industry, m.industry);
  return m.references
    .filter(fits)
    .sort(
      (a, b) =>
        Number(used.has(a.key)) - Number(used.has(b.key)) || Number(!a.industry) - Number(!b.industry),
    );
}

/** A number as said on a message, slowly, in its national groups: "+1 312-555-0147" → "312 555 0147". */
export function spokenPhone(phone: string, country: CountryCode = 'US'): string {
  const parsed = parsePhoneNumberFromString(phone, country);
  const national = parsed?.isValid() ? parsed.formatNational() : phone;
  return national
    .replace(/[().-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
