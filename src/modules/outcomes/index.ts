export { dropFindPerson, findRightPerson, moveStage, promiseFollowUp } from './call-effects.repository.ts';
export {
  BAD_NUMBER_LIMIT,
  checkLog,
  FUTURE_TOLERANCE_MS,
  followUpOf,
  type MessageKind,
  messageKinds,
  nextStage,
  type Outcome,
  outcomes,
  type Result,
  repSecondsOf,
  results,
  resultTimeIssues,
  type StageMove,
  USUAL_SECONDS,
  WRAP_UP_SECONDS,
} from './call-rules.ts';
