import type { EmailKind } from '../../contracts/email.contract.ts';
import { type Check, checkMessage, type Material } from '../voicemail/index.ts';

export type Email = {
  kind: EmailKind;
  subject: string;
  text: string;
  checks: Check[];
};

/** Words an email may run to before it reads as a brochure. */
export const EMAIL_WORDS = { long: 120, tooLong: 180 } as const;

/** Checks that judge a message spoken aloud: an email is read, and measured in words instead. */
const SPOKEN_ONLY = new Set(['length', 'short', 'long', 'too-long', 'number-once']);

/**
 * A short email for a cadence step, from the same material as a voicemail (news, an event, a
 * contact, a reference client, their objective and two benefits), ending with how to stop
 * the emails and the company's postal address. Checked by the voicemail checker for clichés,
 * honesty and repetition, and by its own word count.
 */
export function composeEmail(input: {
  material: Material;
  /** Earlier emails' texts, so the same opening is not sent twice. */
  earlier: string[];
  postalAddress: string | null;
  note: string | null;
  /** An `invitation` step opens with an event and nothing else. */
  purpose?: 'email' | 'invitation';
}): Email | null {
  const { material: m } = input;
  const voice = m.voice;
  if (!voice) return null;
  const first = m.firstName ?? 'there';
  const used = (title: string) => input.earlier.some((text) => text.includes(title));
  if (input.purpose === 'invitation' && !m.events.some((p) => !used(p.title))) return null;
  const news = input.purpose === 'invitation' ? undefined : m.news.find((p) => !used(p.title));
  const event = m.events.find((p) => !used(p.title));
  const contact = m.contacts.find((p) => !used(p.title));
  const reference = m.references.find((r) => !used(r.name));
  const opening = news
    ? { kind: 'information' as const, subject: news.title, line: `I saw the news: ${news.title}.` }
    : event
      ? {
          kind: 'invitation' as const,
          subject: `An invitation: ${event.title}`,
          line: `We are holding ${event.title} ${m.when(event.on)}, and I would like you to be there.`,
        }
      : contact
        ? {
            kind: 'introduction' as const,
            subject: `An introduction: ${contact.title}`,
            line: `${contact.title}${contact.detail ? ` ${contact.detail}` : ''}; I think you two should meet.`,
          }
        : reference
          ? {
              kind: 'reference' as const,
              subject: `How ${reference.name} ${reference.result}`,
              line: `We helped ${reference.name} ${reference.result}.`,
            }
          : m.objective
            ? {
                kind: 'objective' as const,
                subject: `${capital(m.objective)}${m.company ? ` at ${m.company}` : ''}`,
                line: '',
              }
            : null;
  if (!opening) return null;
  const benefits = m.benefits.slice(0, 2);
  const why = m.objective
    ? `If ${m.objective} is on your list this quarter, ${benefits.length === 2 ? `two things may help: ${benefits[0]}, and ${benefits[1]}` : benefits.length === 1 ? `this may help: ${benefits[0]}` : 'I have an idea worth a few minutes'}.`
    : benefits.length > 0
      ? `It could mean ${benefits.join(' and ')} for ${m.company ?? 'you'}.`
      : '';
  const body = [
    `Hi ${first},`,
    [opening.line, why].filter(Boolean).join(' '),
    `Worth a few minutes this week? I am on ${voice.phone}.`,
    [voice.name, voice.seller, voice.phone].filter(Boolean).join('\n'),
  ].join('\n\n');
  const footer = [
    'If you would rather not hear from me, reply "unsubscribe" and I will not write again.',
    input.postalAddress,
  ]
    .filter(Boolean)
    .join('\n');
  const text = `${body}\n\n--\n${footer}`;
  return { kind: opening.kind, subject: opening.subject, text, checks: checksOf({ body, input }) };
}

/** Who is asked for the introduction, and whom it is to. */
export type ReferralAsk = {
  /** The champion or customer asked: their name, when the rep says whom. */
  champion: string | null;
  prospect: { name: string; title: string | null };
};

/**
 * A short note asking a champion or a customer to introduce the rep to the prospect: who,
 * why it is worth their while (their objective, what was done for a client like them), and
 * an easy way out. A personal note, not a campaign: no unsubscribe footer.
 */
export function composeReferralRequest(input: {
  material: Material;
  ask: ReferralAsk;
  earlier: string[];
}): Email | null {
  const { material: m, ask } = input;
  const voice = m.voice;
  if (!voice) return null;
  const who = [ask.prospect.name, ask.prospect.title, m.company ? `at ${m.company}` : null]
    .filter(Boolean)
    .join(', ')
    .replace(', at ', ' at ');
  const first = ask.prospect.name.split(' ')[0] ?? ask.prospect.name;
  const reference = m.references[0];
  const why = [
    m.objective ? `${m.company ?? 'they'} ${m.company ? 'is' : 'are'} working on ${m.objective}` : null,
    reference
      ? `we helped ${reference.name} ${reference.result}`
      : m.benefits.length > 0
        ? `it could mean ${m.benefits.slice(0, 2).join(' and ')} for them`
        : null,
  ].filter(Boolean);
  const greeting = ask.champion ? `Hi ${ask.champion.split(' ')[0]},` : 'Hi,';
  const body = [
    greeting,
    `Could I ask a favour? I would like to meet ${who}${why.length > 0 ? `: ${why.join(', and ')}` : ''}.`,
    `If you know ${first}, a two-line note introducing us would mean a lot; copy me and I will take it from there. And if it is not a fit, no problem at all.`,
    ['Thanks,', voice.name, voice.seller, voice.phone].filter(Boolean).join('\n'),
  ].join('\n\n');
  const words = body.split(/\s+/).filter(Boolean).length;
  const rest = checkMessage(body, {
    rep: { name: voice.name, phone: voice.phone },
    earlier: input.earlier.map((text) => ({ text, at: new Date(0) })),
  }).filter((c) => !SPOKEN_ONLY.has(c.code));
  return {
    kind: 'referral',
    subject: `An introduction to ${ask.prospect.name}?`,
    text: body,
    checks: [lengthCheck(words), ...rest],
  };
}

function lengthCheck(words: number): Check {
  return words > EMAIL_WORDS.tooLong
    ? {
        code: 'too-long',
        severity: 'fail',
        text: `${words} words: past ${EMAIL_WORDS.tooLong} it reads as a brochure`,
        fix: 'one idea, two benefits, one ask',
      }
    : words > EMAIL_WORDS.long
      ? {
          code: 'long',
          severity: 'warn',
          text: `${words} words: aim for under ${EMAIL_WORDS.long}`,
          fix: 'cut to one idea',
        }
      : { code: 'length', severity: 'ok', text: `${words} words` };
}

function checksOf(args: { body: string; input: Parameters<typeof composeEmail>[0] }): Check[] {
  const { body, input } = args;
  const words = body.split(/\s+/).filter(Boolean).length;
  const length = lengthCheck(words);
  const voice = input.material.voice!;
  const rest = checkMessage(body, {
    rep: { name: voice.name, phone: voice.phone },
    earlier: input.earlier.map((text) => ({ text, at: new Date(0) })),
  }).filter((c) => !SPOKEN_ONLY.has(c.code));
  const unsubscribe: Check = input.postalAddress
    ? { code: 'unsubscribe', severity: 'ok', text: 'says how to stop the emails, with the postal address' }
    : {
        code: 'unsubscribe',
        severity: 'fail',
        text: 'no postal address under the email, as the law expects',
        fix: 'reach config postalAddress="…"',
      };
  return [length, ...rest, unsubscribe];
}

const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
