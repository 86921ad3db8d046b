import type { DemoReport } from '../../contracts/demo.contract.ts';

/** `reach demo`: what the demo territory holds. */
export const demoLines = (report: DemoReport): string[] => [
  `Loaded ${report.prospects} prospects at ${report.companies} companies, ${report.attempts} calls, ${report.voicemails} voicemails, ${report.callbacks} callbacks`,
];
