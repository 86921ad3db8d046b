import { operations } from '../src/contracts/index.ts';

/** The text of src/contracts/routes.ts as the contracts define it today. */
export function routesSource(): string {
  const rows = Object.entries(operations).map(
    ([name, op]) => `  ${name}: ['${op.method}', '${op.path}'],`,
  );
  return [
    '// Written by `npm run routes` from the operations in this folder; test/routes.test.ts checks',
    '// that it still matches them. Each operation\'s method and path, for a client that only needs',
    '// the route (the CLI sending a command to a running server) and not the schemas.',
    "import type { OperationName } from './index.ts';",
    "import type { Method } from './operation.ts';",
    '',
    'export const routes: Record<OperationName, readonly [Method, string]> = {',
    ...rows,
    '};',
    '',
  ].join('\n');
}
