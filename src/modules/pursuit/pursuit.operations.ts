import type { Handlers } from '../../context/handler.ts';
import type { pursuitOperations } from '../../contracts/pursuit.contract.ts';
import { setStanding, standingOfProspect } from './standing.service.ts';

/** A prospect's standing, read and set. Keep-or-drop's view is the queue's (`queue.operations.ts`): it weighs the prospect with the queue's model. */
export const standingHandlers: Handlers<Omit<typeof pursuitOperations, 'pursuit'>> = {
  standing: (ctx, { params, query }) => standingOfProspect(ctx, { prospect: params.key, query }),
  setStanding: (ctx, { params, body }) => setStanding(ctx, { prospect: params.key, body }),
};
