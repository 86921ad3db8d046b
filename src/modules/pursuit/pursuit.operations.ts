import type { pursuitOperations } from '../../contracts/pursuit.contract.ts';
import type { Handlers } from '../../shared/handler.ts';
import { pursuitOfProspect } from './pursuit.service.ts';
import { setStanding, standingOfProspect } from './standing.service.ts';

export const pursuitHandlers: Handlers<typeof pursuitOperations> = {
  pursuit: (ctx, { params, query }) => pursuitOfProspect(ctx, { prospect: params.key, query }),
  standing: (ctx, { params, query }) => standingOfProspect(ctx, { prospect: params.key, query }),
  setStanding: (ctx, { params, body }) => setStanding(ctx, { prospect: params.key, body }),
};
