import type { EmailDraft, RecordedAnswer } from '../../contracts/email.contract.ts';

/** `reach tasks email`: the message as it goes out, every check that is not plain ok, then sent or the mailto: link. */
export const emailLines = (email: EmailDraft): string[] => [
  `To: ${email.to ?? '(no address)'}`,
  `Subject: ${email.subject}`,
  '',
  email.text,
  '',
  ...email.checks
    .filter((c) => c.severity !== 'ok')
    .map((c) => `  ${c.severity} ${c.code}: ${c.text}${c.fix ? ` (${c.fix})` : ''}`),
  email.sent ? `Sent: ${email.sent.messageId}` : `Draft: ${email.mailto.slice(0, 60)}…`,
];

/** `reach tasks answer`: what came back, and what it did to the cadence. */
export const answerLines = (r: RecordedAnswer): string[] => [
  `Task ${r.taskId}: ${r.answer} recorded; ${r.effect}`,
];
