import { nowOf } from '../../context/context.ts';
import type { Handlers } from '../../context/handler.ts';
import type { accountOperations } from '../../contracts/accounts.contract.ts';
import {
  addAccount,
  addTeam,
  auditEntries,
  changePassword,
  createToken,
  listSessions,
  listTeams,
  listTokens,
  listUsers,
  resetPassword,
  revokeSession,
  revokeToken,
  updateAccount,
  whoAmI,
} from './accounts.service.ts';

export const accountHandlers: Handlers<typeof accountOperations> = {
  whoAmI: (ctx) => whoAmI(ctx),
  changePassword: (ctx, { body }) => changePassword(ctx, { ...body, now: nowOf(ctx) }),
  users: (ctx) => listUsers(ctx),
  addUser: (ctx, { body }) => addAccount(ctx, body, nowOf(ctx)),
  updateUser: (ctx, { params, body }) =>
    updateAccount(ctx, { key: params.key, patch: body, now: nowOf(ctx) }),
  resetPassword: (ctx, { params }) => resetPassword(ctx, { key: params.key, now: nowOf(ctx) }),
  tokens: (ctx) => listTokens(ctx),
  createToken: (ctx, { body }) => createToken(ctx, { name: body.name, user: body.user, now: nowOf(ctx) }),
  revokeToken: (ctx, { params }) => revokeToken(ctx, { id: params.id, now: nowOf(ctx) }),
  sessions: (ctx) => listSessions(ctx),
  revokeSession: (ctx, { params }) => revokeSession(ctx, { id: params.id, now: nowOf(ctx) }),
  audit: (ctx, { query }) => auditEntries(ctx, query),
  teams: (ctx) => listTeams(ctx),
  addTeam: (ctx, { body }) => addTeam(ctx, { ...body, now: nowOf(ctx) }),
};
