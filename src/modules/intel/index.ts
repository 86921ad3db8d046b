export { recordGreeting } from './greeting.service.ts';
export { intelHandlers } from './intel.operations.ts';
export { factsOfAttempt, listIntel, prepareFacts, storeFacts } from './intel.service.ts';
export { describeIntel } from './intel-rules.ts';
