import type { Handlers } from '../../context/handler.ts';
import type { demoOperations } from '../../contracts/demo.contract.ts';
import { loadDemo } from './demo.service.ts';

export const demoHandlers: Handlers<typeof demoOperations> = {
  loadDemo: (ctx, { body }) => loadDemo(ctx, body),
};
