export { callbackHandlers } from './callbacks.operations.ts';
export { callHandlers } from './calls.operations.ts';
export { describeCorrection } from './correction-rules.ts';
export { repMinutes } from './timeline.service.ts';
