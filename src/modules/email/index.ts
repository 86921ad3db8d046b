export { emailHandlers } from './email.operations.ts';
export { autoSendable } from './email.repository.ts';
export { emailRoutes } from './email.routes.ts';
export { deliverEmailStep, letterFor } from './email.service.ts';
