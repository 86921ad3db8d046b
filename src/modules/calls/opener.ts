type OpenerInput = {
  firstName: string | null;
  research: { priorityObjective?: string; benefits?: string[] };
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
  referral: 'about the person who referred me to you',
  generic: '',
};

/**
 * What to say first when a prospect calls back: thank them, name the message that earned the
 * call and get to their priority. Honest by construction: it refers only to what was left.
 */
export function suggestOpener(input: OpenerInput): string {
  const name = input.firstName ? `, ${input.firstName}` : '';
  const objective = input.research.priorityObjective;
  const pitch = objective
    ? ` It is about ${objective.replace(/\.$/, '')}: do you have a few minutes now?`
    : ' Do you have a few minutes now? (Add their priority objective to the research notes to pitch it here.)';
  if (!input.message) return `Thanks for calling${name}.${pitch}`;
  const what = about[input.message.kind] ?? '';
  return `Thanks for calling back${name}. I left you a message ${when(input.message)}${what ? ` ${what}` : ''}.${pitch}`;
}
