import type { ConsentView, Drop, LiveCall } from '../../contracts/telephony.contract.ts';

/** `reach dial`: the call, whom it is to, where it stands, and what it logged. */
export function liveCallLines(call: LiveCall): string[] {
  const who = call.prospect
    ? `${call.prospect.name}${call.prospect.company ? ` (${call.prospect.company})` : ''}`
    : 'an unknown caller';
  const head =
    call.direction === 'inbound'
      ? `Call ${call.id} in from ${who} on ${call.number}: ${call.says}`
      : `Call ${call.id} to ${who} on ${call.number}: ${call.says}`;
  const logged =
    call.attemptId !== null
      ? [
          `  logged as ${call.outcome ?? '?'} (call ${call.attemptId}, by ${call.loggedBy === 'rep' ? 'you' : 'the call'})${
            call.loggedBy === 'call'
              ? `: say who answered on the desk's card, or \`reach calls correct ${call.attemptId} --reason TEXT\``
              : ''
          }`,
        ]
      : [];
  return [
    head,
    ...(call.ringSeconds !== null ? [`  rang ${call.ringSeconds} s`] : []),
    ...(call.durationSeconds !== null ? [`  talk ${call.durationSeconds} s`] : []),
    ...logged,
    ...(call.callbackId !== null
      ? [`  callback ${call.callbackId} recorded, credited to the message that earned it`]
      : []),
    ...(call.recorded ? [`  recorded${call.disclosed ? ', after telling them so' : ''}`] : []),
    ...(call.drop ? [`  recording "${call.drop.name}" played at the beep`] : []),
  ];
}

/** `reach drops add|retire`: the recording, what it says, how long. */
export function dropLines(drop: Drop): string[] {
  return [
    `Recording ${drop.id} "${drop.name}" (${drop.kind}, ${drop.seconds} s, ${drop.contentType})${drop.retiredAt ? ` retired ${drop.retiredAt}` : ''}`,
    `  "${drop.transcript}"`,
    `  played ${drop.played} time${drop.played === 1 ? '' : 's'}`,
  ];
}

/** `reach drops list`. */
export function dropListLines(answer: { items: Drop[] }): string[] {
  if (answer.items.length === 0)
    return [
      'No recording kept: record one in your own voice and `reach drops add NAME --file F --kind K --transcript "…"`',
    ];
  return answer.items.map(
    (d) =>
      `${String(d.id).padStart(4)}  ${d.name}  ${d.kind}  ${d.seconds} s  played ${d.played}${d.retiredAt ? '  (retired)' : ''}`,
  );
}

/** `reach drops consent`. */
export function consentLines(consent: ConsentView): string[] {
  return [
    consent.prerecorded
      ? `Consent to recorded messages on ${consent.number} (${consent.form ?? '?'}) recorded ${consent.at}: ${consent.source}`
      : `Consent to recorded messages on ${consent.number} withdrawn ${consent.at}: ${consent.source}`,
  ];
}
