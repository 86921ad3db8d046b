export { type Check, checkMessage } from './check-message.ts';
export type { Earlier, Material } from './compose.ts';
export { decideVoicemail, type Strategy, type VoicemailState } from './decide.ts';
export { type EventPlace, nearEnough } from './event-place.ts';
export type { TalkingPoint } from './talking-points.service.ts';
export type { LastTalk, Point, Reference } from './templates.ts';
export { voicemailHandlers } from './voicemail.operations.ts';
export { loadState, voicemailAdvice } from './voicemail.service.ts';
export { phoneNumbersIn, spokenSeconds } from './words.ts';
