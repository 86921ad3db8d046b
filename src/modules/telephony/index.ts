export { type CallProcessor, callProcessor, processCall } from './call-processor.ts';
export { telephonyHandlers } from './telephony.operations.ts';
export { teamOfWebhook } from './telephony.repository.ts';
export { twilioRoutes, WEBHOOK_PATH, type WebhookHooks } from './telephony.routes.ts';
export { dial, type HeardCall, logLiveCall } from './telephony.service.ts';
