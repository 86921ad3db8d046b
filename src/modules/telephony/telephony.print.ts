import type { LiveCall } from '../../contracts/telephony.contract.ts';

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
  ];
}
