/**
 * The house's boundaries, checked in `npm test` (`npm run boundaries`).
 * - No cycles between files, nor between folders.
 * - A feature folder is used through its entry file (index.ts) alone.
 * - `shared/` is the floor: it imports no feature, no HTTP and no CLI.
 * - Modules do not reach into the HTTP layer or the CLI; the database layer reaches no module but
 *   the few upgrades run when a book opens.
 * - Pure decision files (the ones with property tests) import no database, file system or clock.
 * - Services hold no SQL: their statements are in repositories.
 */
/** The pure decision files: each may be used directly by another feature's decision file. */
const DECISIONS = '(rank|may-dial|decide|pursuit-state|keep-or-drop|cadence|correction-rules|call-rules)';
/** What loading the database means, as a reachability rule sees it: Reach's db layer or a driver. */
const DATABASE = 'src/db/|node_modules/(drizzle-orm|pg|@electric-sql)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: break it by moving what both need down, or by passing it in.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-circular-folders',
      scope: 'folder',
      severity: 'error',
      comment:
        'Feature folders form layers: a folder that reaches another, directly or round about, is never reached back. Break a cycle by moving the shared part down or by letting the higher folder compose both.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'through-the-entry-file',
      severity: 'error',
      comment:
        "A feature folder shows others what they may use in its index.ts; its other files are its own. Import another folder's index.ts, or add the name there. Its pure decision files are public too, so that decisions compose without loading a database.",
      from: { path: '^src/modules/([^/]+)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$', `^src/modules/[^/]+/${DECISIONS}\\.ts$`],
      },
    },
    {
      name: 'entry-points-through-the-entry-file',
      severity: 'error',
      comment:
        "The API, the CLI and the app use a feature through its index.ts, as other features do; the CLI prints an answer with the feature's own printer (*.print.ts).",
      from: { path: '^src/(app|http|cli|context|db|shared|contracts)/' },
      to: {
        path: '^src/modules/[^/]+/',
        pathNot: [
          '^src/modules/[^/]+/index\\.ts$',
          `^src/modules/[^/]+/${DECISIONS}\\.ts$`,
          '^src/modules/[^/]+/[^/]+\\.print\\.ts$',
        ],
      },
    },
    {
      name: 'printers-are-pure',
      severity: 'error',
      comment:
        "A feature's printer turns an answer into lines of text: it loads no database (the CLI loads it with each command, even one sent to a server) and reads no clock.",
      from: { path: '^src/modules/[^/]+/[^/]+\\.print\\.ts$' },
      to: { path: `^(${DATABASE}|src/shared/clock\\.ts$)`, reachable: true },
    },
    {
      name: 'shared-is-the-floor',
      severity: 'error',
      comment:
        'shared/ holds what every layer uses (errors, validation, clocks, CSV): it imports nothing of Reach outside itself. What an operation runs with (the book, the team) and how it is answered are in context/.',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'contracts-stand-alone',
      severity: 'error',
      comment:
        'The contracts are what the browser compiles too: zod, each other and the pure checks of shared/ (validate, ids, errors), nothing of the server.',
      from: { path: '^src/contracts/' },
      to: { pathNot: '^(src/contracts/|src/shared/(validate|ids|errors)\\.ts$|node_modules/zod/)' },
    },
    {
      name: 'modules-below-the-entry-points',
      severity: 'error',
      comment: 'A feature is served by the HTTP layer and the CLI; it does not call them.',
      from: { path: '^src/modules/' },
      to: { path: '^src/(http|cli)/' },
    },
    {
      name: 'http-and-cli-apart',
      severity: 'error',
      comment: 'The API and the CLI are two entry points over the same modules.',
      from: { path: '^src/http/' },
      to: { path: '^src/cli/' },
    },
    {
      name: 'pure-decisions',
      severity: 'error',
      comment: 'A decision file is pure: the time comes in as an argument, the data as values.',
      from: {
        path: `^src/modules/[^/]+/${DECISIONS}\\.ts$`,
      },
      to: { path: '^(src/db/|src/shared/clock\\.ts$|node:fs|fs$|node:child_process|drizzle-orm|pg$|@electric-sql)' },
    },
    {
      name: 'pure-decisions-load-no-database',
      severity: 'error',
      comment:
        'Nor does anything a decision file loads, so the simulator and the property tests run it with no database: it reaches other features\' decision files directly, not through their entry files.',
      from: {
        path: `^src/modules/[^/]+/${DECISIONS}\\.ts$`,
      },
      to: { path: `^(${DATABASE})`, reachable: true },
    },
    {
      name: 'sql-lives-in-repositories',
      severity: 'error',
      comment:
        "A service decides and orchestrates (checks, errors, transactions); its statements are in the feature's *.repository.ts, which it calls with the book or the transaction.",
      from: { path: '^src/modules/[^/]+/[^/]+\\.service\\.ts$' },
      to: { path: '^(src/db/(schema|rows)\\.ts$|node_modules/drizzle-orm/)' },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      from: { path: '^src/', pathNot: '\\.test\\.ts$' },
      to: { path: '(^test/|\\.test\\.ts$)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^web/|^bench/|^dist/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
