// Builds the command line into dist/cli: Reach's own code bundled with esbuild, the packages in
// node_modules left to Node (PGlite, for one, loads its files from beside its package). Each
// command's code is a chunk of its own, loaded when the command runs. `npm install` runs this
// (the prepare script), and so do `npm start` and `npm test`.
//
// A build that changes nothing rewrites nothing, and a changed file is written beside and renamed
// into place, so that a `reach` already running never reads half a file.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/cli');
const manifestPath = join(outdir, 'sources.json');

/**
 * A source that finds files beside itself (the migrations, the message corpus, package.json) keeps
 * finding them there: its import.meta.url still names the source file, not the chunk it landed in.
 */
const ownAddress = {
  name: 'own-address',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const fromChunk = relative(outdir, args.path).split('\\').join('/');
      const address = `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', address), loader: 'ts' };
    });
  },
};

const readJson = (path) => {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
};

const sameAs = (path, bytes) => {
  try {
    return Buffer.compare(readFileSync(path), bytes) === 0;
  } catch {
    return false;
  }
};

const replace = (path, bytes) => {
  const next = `${path}.${process.pid}.next`;
  writeFileSync(next, bytes);
  renameSync(next, path);
};

/** esbuild, a development dependency: there when the checkout's own `npm install` has run. */
async function esbuild() {
  try {
    return await import('esbuild');
  } catch {
    process.stderr.write(
      'reach: building the command line needs the development dependencies: run `npm install` here first\n',
    );
    process.exit(1);
  }
}

export async function buildCli() {
  const { build } = await esbuild();
  const builtAt = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    chunkNames: '[name]-[hash]',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [ownAddress],
  });
  mkdirSync(outdir, { recursive: true });
  // Chunks first, the entry last: a new entry never points at a chunk not yet written.
  const isEntry = (file) => Number(basename(file.path) === 'main.js');
  const files = result.outputFiles.sort((a, b) => isEntry(a) - isEntry(b));
  for (const file of files) if (!sameAs(file.path, file.contents)) replace(file.path, file.contents);
  const written = files.map((f) => basename(f.path));
  // The previous build's chunks stay one build longer, for a command started just before this one.
  const previous = readJson(manifestPath)?.files ?? [];
  const kept = new Set([...written, ...previous, 'sources.json']);
  for (const name of readdirSync(outdir)) if (!kept.has(name)) rmSync(join(outdir, name), { force: true });
  const sources = Object.keys(result.metafile.inputs).sort();
  replace(manifestPath, `${JSON.stringify({ builtAt, files: written, sources }, null, 1)}\n`);
  return { outdir, files: written, sources };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
