export { demoHandlers } from './demo.operations.ts';
