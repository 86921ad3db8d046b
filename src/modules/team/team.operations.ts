import type { teamOperations } from '../../contracts/team.contract.ts';
import type { Handlers } from '../../shared/handler.ts';
import { checkNumber, listRules } from '../queue/rules.service.ts';
import { teamConfig, updateTeamConfig } from './team.service.ts';

export const teamHandlers: Handlers<typeof teamOperations> = {
  getConfig: async (ctx) => teamConfig(ctx.team),
  updateConfig: async (ctx, { body }) => teamConfig(await updateTeamConfig(ctx, body)),
  rules: async (ctx) => listRules(ctx),
  checkRules: (ctx, { query }) => checkNumber(ctx, query),
};
