#!/usr/bin/env node
// Runs the command line built into dist/cli (`npm install` builds it, and so do `npm start` and
// `npm test`). In a checkout where a source has changed since that build, it runs the sources
// through tsx instead, so that what runs is always what the sources say.
import { readFileSync, statSync } from 'node:fs';

const root = new URL('../', import.meta.url);

/** Whether dist/cli was built from the sources as they are now. */
function bundleIsCurrent() {
  let built;
  try {
    built = JSON.parse(readFileSync(new URL('dist/cli/sources.json', root), 'utf8'));
  } catch {
    return false;
  }
  for (const source of built.sources) {
    const stat = statSync(new URL(source, root), { throwIfNoEntry: false });
    if (!stat || stat.mtimeMs > built.builtAt) return false;
  }
  return true;
}

async function load() {
  if (bundleIsCurrent()) return import('../dist/cli/main.js');
  let register;
  try {
    ({ register } = await import('tsx/esm/api'));
  } catch {
    // No tsx (installed without the development dependencies): the bundle is all there is.
    return import('../dist/cli/main.js').catch((error) => {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js'))
        throw error;
      process.stderr.write(
        'reach: the command line is not built: run `npm run build:cli` (or `npm install`)\n',
      );
      process.exit(1);
    });
  }
  register();
  return import('../src/cli/main.ts');
}

const { main } = await load();
await main(process.argv);
