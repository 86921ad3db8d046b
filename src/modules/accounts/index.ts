export { accountHandlers } from './accounts.operations.ts';
export { teamUsers, type UserRow, userOfTeam } from './accounts.repository.ts';
export { accountRoutes, addressOf, SESSION_COOKIE } from './accounts.routes.ts';
export { accountIdOf, audit, inBook, mayRun, ownBook, principalOf } from './accounts.service.ts';
export { anyAccountExists, authenticate } from './auth.service.ts';
