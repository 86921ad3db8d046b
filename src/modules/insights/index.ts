export { insightHandlers } from './insights.operations.ts';
