import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routesSource } from '../scripts/routes-source.ts';
import { operations } from '../src/contracts/index.ts';
import { routes } from '../src/contracts/routes.ts';

describe('the route table a command sent to a server reads', () => {
  it('is written from the contracts: a changed method or path, or a new operation, shows here (npm run routes)', () => {
    const file = readFileSync(new URL('../src/contracts/routes.ts', import.meta.url), 'utf8');
    expect(file).toBe(routesSource());
    for (const [name, op] of Object.entries(operations))
      expect(routes[name as keyof typeof routes], name).toEqual([op.method, op.path]);
  });
});
