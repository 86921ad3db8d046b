import { asNounPhrase } from '../../shared/phrasing.ts';

type OpenerInput = {
  firstName: string | null;
  research: { priorityObjective?: string; benefits?: string[]; referredBy?: string };
  message: { kind: string; text: string | null; daysAgo: number; weekday: string } | null;
};

const when = (m: { daysAgo: number; weekday: string }): string =>
  m.daysAgo <= 0
    ? 'earlier today'
    : m.daysAgo === 1
      ? 'yesterday'
      : m.daysAgo < 7
        ? `on ${m.weekday}`
        : `${m.daysAgo} days ago`;

const about: Record<string, string> = {
  information: 'with some news I thought you should have',
  invitation: 'with an invitation',
  introduction: 'about someone I think you should meet',
  curiosity: 'about a project I would like to talk to you about',
  'follow-up': 'following up on our last conversation',
  generic: '',
};

/** What a message of this kind was about, as the rep reminds them of it: a referral names who sent the rep. */
function aboutWhat(kind: string, research: OpenerInput['research']): string {
  if (kind === 'referral') {
    const by = research.referredBy?.trim();
    return by ? `because ${by} suggested I get in touch` : 'about the person who referred me to you';
  }
  return about[kind] ?? '';
}

/**
 * What to say first when a prospect calls back: thank them, name the message that earned the
 * call and get to their priority. Honest by construction: it refers only to what was left.
 */
export function suggestOpener(input: OpenerInput): string {
  const name = input.firstName ? `, ${input.firstName}` : '';
  const objective = input.research.priorityObjective;
  const pitch = objective
    ? ` It is about ${asNounPhrase(objective)}: do you have a few minutes now?`
    : ' Do you have a few minutes now? (Add their priority objective to the research notes to pitch it here.)';
  if (!input.message) return `Thanks for calling${name}.${pitch}`;
  const what = aboutWhat(input.message.kind, input.research);
  return `Thanks for calling back${name}. I left you a message ${when(input.message)}${what ? ` ${what}` : ''}.${pitch}`;
}
