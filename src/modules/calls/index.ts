export { callbackHandlers } from './callbacks.operations.ts';
export { lookup as callerCard, recordCallback } from './callbacks.service.ts';
export { callHandlers } from './calls.operations.ts';
export { logCall, readLogged } from './calls.service.ts';
export { correctCall } from './correct.service.ts';
export { describeCorrection } from './correction-rules.ts';
export { repMinutes } from './timeline.service.ts';
export { takeBackCall } from './undo.service.ts';
