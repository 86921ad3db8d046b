import { execFile, execFileSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../src/cli/main.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'reach-bundle-'));
const env = { ...process.env, REACH_DATA: '', DATABASE_URL: '', REACH_TOKEN: '' };
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

/** Loaded into a reach process with --import: writes down the address of every module it loads. */
const tracer = join(work, 'trace.mjs');

type Run = { code: number; stdout: string; stderr: string; loaded: string[] };

function reach(args: string[], options: { bin?: string; trace?: boolean } = {}): Promise<Run> {
  const trace = join(work, `trace-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(trace, '');
  const node = options.trace ? ['--import', tracer] : [];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...node, options.bin ?? join(root, 'bin/reach.js'), ...args],
      { env: { ...env, REACH_TRACE: trace }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const loaded = readFileSync(trace, 'utf8').split('\n').filter(Boolean);
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr, loaded });
      },
    );
  });
}

/** The packages a process loaded from node_modules, by name. */
const packagesIn = (loaded: string[]): string[] => [
  ...new Set(loaded.flatMap((url) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1] ?? [])),
];

beforeAll(() => {
  // What `npm install` builds; the build rewrites only what changed, so running reach is never disturbed.
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { cwd: root });
  writeFileSync(
    join(work, 'hooks.mjs'),
    [
      "import { appendFileSync } from 'node:fs';",
      'export async function resolve(specifier, context, next) {',
      '  const resolved = await next(specifier, context);',
      "  appendFileSync(process.env.REACH_TRACE, resolved.url + '\\n');",
      '  return resolved;',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    tracer,
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(work, 'hooks.mjs')).href)});\n`,
  );
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the command line as installed: one bundle, each command loaded when it runs', () => {
  it('answers --version with the package version', async () => {
    const run = await reach(['--version'], { trace: true });
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
    // The bundle answered, not the sources: a test that ran them would prove nothing here.
    expect(run.loaded.some((url) => url.endsWith('/dist/cli/main.js'))).toBe(true);
    expect(run.loaded.some((url) => url.includes('/src/cli/'))).toBe(false);
  });

  it('answers --help with the help its sources define, and exit 0', async () => {
    const run = await reach(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(buildProgram().helpInformation());
    for (const path of [['import'], ['export'], ['voicemail'], ['points', 'add'], ['intel', 'add']]) {
      const sub = await reach([...path, '--help']);
      const command = path.reduce((c, name) => c.commands.find((s) => s.name() === name)!, buildProgram());
      expect(sub.stdout, path.join(' ')).toBe(command.helpInformation());
    }
  });

  it('keeps its exit codes: no command is a usage error', async () => {
    const run = await reach([]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: reach');
  });

  it('says its version without loading the database, a feature or any package but commander', async () => {
    const run = await reach(['--version'], { trace: true });
    expect(packagesIn(run.loaded)).toEqual(['commander']);
    expect(
      run.loaded.filter((url) => /\/(client|http-client|open-book|server)-[^/]*\.js$/.test(url)),
    ).toEqual([]);
  });

  it('loads the database when a command needs it (the trace above sees it)', async () => {
    const run = await reach(['prospects', 'list', '--json', '--data', join(work, 'book')], { trace: true });
    expect(run.code).toBe(0);
    expect(packagesIn(run.loaded)).toContain('@electric-sql/pglite');
  });

  it('runs the sources through tsx when one changed after the bundle was built', async () => {
    // A copy of the checkout whose bundle records a build older than every source.
    const copy = join(work, 'checkout');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    mkdirSync(join(copy, 'dist/cli'), { recursive: true });
    copyFileSync(join(root, 'bin/reach.js'), join(copy, 'bin/reach.js'));
    copyFileSync(join(root, 'package.json'), join(copy, 'package.json'));
    for (const name of ['src', 'node_modules']) symlinkSync(join(root, name), join(copy, name));
    const built = JSON.parse(readFileSync(join(root, 'dist/cli/sources.json'), 'utf8')) as object;
    writeFileSync(join(copy, 'dist/cli/sources.json'), JSON.stringify({ ...built, builtAt: 0 }));
    const run = await reach(['--version'], { bin: join(copy, 'bin/reach.js'), trace: true });
    expect(run.stdout.trim()).toBe(version);
    expect(packagesIn(run.loaded)).toContain('tsx');
    expect(run.loaded.some((url) => url.endsWith('/src/cli/main.ts'))).toBe(true);
  });
});
