export { emailHandlers } from './email.operations.ts';
export { emailRoutes } from './email.routes.ts';
export { autoSendable, deliverEmailStep, letterFor } from './email.service.ts';
