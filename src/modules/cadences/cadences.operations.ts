import type { Handlers } from '../../context/handler.ts';
import type { cadenceOperations } from '../../contracts/cadences.contract.ts';
import { listCadences, removeCadence, saveCadence, showCadence } from './cadences.service.ts';
import { resumeCadence, startCadence, stopCadence } from './enrollments.service.ts';
import { completeTask, listTasks } from './tasks.service.ts';

export const cadenceHandlers: Handlers<typeof cadenceOperations> = {
  listCadences: (ctx) => listCadences(ctx),
  saveCadence: (ctx, { query, body }) => saveCadence(ctx, { definition: body, replace: query.replace }),
  removeCadence: (ctx, { params }) => removeCadence(ctx, params.name),
  showCadence: (ctx, { params, query }) => showCadence(ctx, { name: params.name, query }),
  startCadence: (ctx, { body }) => startCadence(ctx, body),
  stopCadence: (ctx, { params, body }) => stopCadence(ctx, { prospect: params.key, body }),
  resumeCadence: (ctx, { params, body }) => resumeCadence(ctx, { prospect: params.key, body }),
  listTasks: (ctx, { query }) => listTasks(ctx, query),
  completeTask: (ctx, { params, body }) => completeTask(ctx, { id: params.id, body }),
};
