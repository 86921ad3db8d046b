import type { Handlers } from '../../context/handler.ts';
import type { teamOperations } from '../../contracts/team.contract.ts';
import { teamConfig, updateTeamConfig } from './team.service.ts';

export const teamHandlers: Handlers<typeof teamOperations> = {
  getConfig: async (ctx) => teamConfig(ctx.team),
  updateConfig: async (ctx, { body }) => teamConfig(await updateTeamConfig(ctx, body)),
};
