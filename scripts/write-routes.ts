// Writes src/contracts/routes.ts: each operation's method and path, read from the contracts, so
// that a command sent to a running server finds its route without building every schema.
// `npm run routes` runs it; test/routes.test.ts fails when the file and the contracts disagree.
import { writeFileSync } from 'node:fs';
import { routesSource } from './routes-source.ts';

const target = new URL('../src/contracts/routes.ts', import.meta.url);
writeFileSync(target, routesSource());
process.stdout.write(`wrote ${target.pathname}\n`);
