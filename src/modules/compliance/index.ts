export {
  type Audience,
  type CallInput,
  checkCall,
  dialsInLast,
  nextAllowed,
  type Place,
  ruleCatalogue,
} from './calling-rules.ts';
export { fitCallSteps } from './fit-steps.ts';
export type { Screening } from './jurisdiction-rules.ts';
export {
  type LineType,
  lineTypes,
  PRERECORDED_RULES,
  prerecordedCheck,
  RECORDING_DISCLOSURE,
  RECORDING_RULES,
  recordingPlan,
} from './message-rules.ts';
