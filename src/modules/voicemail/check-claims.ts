import { type Claim, type ClaimKind, claimsIn } from './claims.ts';

/** What the record shows, against which a message's claims are checked. */
export type ClaimRecord = {
  /** The rep has spoken with the person (a reached call). */
  spokeBefore: boolean;
  /** The person called, wrote or asked first. */
  inquired: boolean;
  /** Messages (voicemails, emails) left for them before. */
  messagesLeft: number;
  /** They met in person. */
  met: boolean;
  /** People the record says sent the rep to them. */
  referrers: string[];
  /** They buy from the team now. */
  customer: boolean;
  /** The team's offers that really carry a deadline or a limited number. */
  offers: { name: string; deadline?: string | null; limited?: boolean }[];
};

/** A record that shows nothing: a first touch to a stranger. */
export const NO_CLAIMS: ClaimRecord = {
  spokeBefore: false,
  inquired: false,
  messagesLeft: 0,
  met: false,
  referrers: [],
  customer: false,
  offers: [],
};

type Finding = { code: string; severity: 'warn' | 'fail'; text: string; fix: string };

/** Each kind: the check code it reports under, whether the record supports it, and how to say it honestly. */
const rules: Record<
  ClaimKind,
  {
    code: string;
    claims: string;
    supported: (r: ClaimRecord, c: Claim) => boolean;
    fix: string;
    never?: true;
  }
> = {
  'earlier-call': {
    code: 'false-familiarity',
    claims: 'an earlier conversation',
    supported: (r) => r.spokeBefore || r.met,
    fix: 'say it is your first call: "We haven\'t spoken yet; I\'m calling because …"',
  },
  'earlier-message': {
    code: 'false-familiarity',
    claims: 'an earlier message',
    supported: (r) => r.messagesLeft > 0,
    fix: 'leave the first message as a first message: who you are and why you call',
  },
  meeting: {
    code: 'false-familiarity',
    claims: 'a meeting',
    supported: (r) => r.met,
    fix: 'say where you came across them, if you did, or just why you call',
  },
  inquiry: {
    code: 'false-familiarity',
    claims: 'that they asked or called first',
    // What they asked for in a conversation counts as asked.
    supported: (r) => r.inquired || r.spokeBefore || r.met,
    fix: 'say that you are calling them, and why',
  },
  referral: {
    code: 'false-referral',
    claims: 'a referral',
    supported: (r, c) =>
      c.person ? r.referrers.some((name) => sameName(name, c.person!)) : r.referrers.length > 0,
    fix: 'name only someone who really sent you, as the record shows, or drop it',
  },
  relationship: {
    code: 'pretext',
    claims: 'an existing account or relationship',
    supported: (r) => r.customer,
    fix: 'say which company you are with and that it is a sales call',
  },
  deadline: {
    code: 'urgency',
    claims: 'a deadline',
    supported: (r) => r.offers.some((o) => Boolean(o.deadline)),
    fix: 'give the real date of a real offer, or drop the pressure',
  },
  scarcity: {
    code: 'urgency',
    claims: 'a limited number',
    supported: (r) => r.offers.some((o) => o.limited),
    fix: 'say only what is really limited, or drop it',
  },
  prize: {
    code: 'pretext',
    claims: 'a prize or a selection',
    supported: () => false,
    fix: 'say it is a sales call and why it is worth their time',
    never: true,
  },
  survey: {
    code: 'pretext',
    claims: 'a survey or research rather than a sales call',
    supported: () => false,
    fix: 'say it is a sales call and why it is worth their time',
    never: true,
  },
};

const sameName = (a: string, b: string): boolean => {
  const first = (s: string) => s.trim().split(/\s+/)[0]!.toLowerCase();
  return a.trim().toLowerCase() === b.trim().toLowerCase() || first(a) === first(b);
};

/** Kinds only a record can support: without one, a claim of them is a warning, not a failure. */
const needsRecord = new Set<ClaimKind>(['earlier-call', 'earlier-message', 'meeting', 'inquiry', 'referral']);

/**
 * Each claim the record does not support, quoted, with the fix. With no record (a message
 * checked on its own), a claim about the past is a warning; a pretext, a prize, a survey or
 * pressure without a real offer fails either way.
 */
export function checkClaims(text: string, record: ClaimRecord | null): Finding[] {
  const findings: Finding[] = [];
  for (const claim of claimsIn(text)) {
    const rule = rules[claim.kind];
    if (record && rule.supported(record, claim)) continue;
    const quoted = `"${claim.sentence}"`;
    const who = claim.person ? ` by ${claim.person}` : '';
    if (!record && needsRecord.has(claim.kind)) {
      findings.push({
        code: rule.code,
        severity: 'warn',
        text: `${quoted} claims ${rule.claims}${who}: honest only if the record shows it`,
        fix: 'check it against the prospect, or say plainly who you are and why you call',
      });
      continue;
    }
    findings.push({
      code: rule.code,
      severity: 'fail',
      text: `${quoted} claims ${rule.claims}${who}${rule.never ? ': never honest in a sales message' : ', which the record does not show'}`,
      fix: rule.fix,
    });
  }
  return findings;
}
