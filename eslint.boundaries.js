// The architecture's import boundaries (README › 架构). Between our own folders: eslint-plugin-boundaries
// elements and policies — a module is a folder directly under shared/, electron/ or tools/ (renderer/
// is one module), reached from another module only through its index.ts; tests may reach into
// internals. Packages (electron, Node's built-ins) and the CLI files directly in tools/ (which the
// plugin classifies as no element): no-restricted-imports. test/lint-fixtures/ proves each one fires.
import { builtinModules } from 'node:module';

/** How files are classified: the first pattern that matches a file's folder wins. */
export const boundaryElements = [
  { type: 'shell', pattern: 'electron/{main,preload}', capture: ['module'] },
  { type: 'backend', pattern: 'electron/*', capture: ['module'] },
  { type: 'shared', pattern: 'shared/*', capture: ['module'] },
  { type: 'renderer', pattern: 'renderer' },
  { type: 'tools', pattern: 'tools/*', capture: ['module'] },
  { type: 'test', pattern: 'test' },
  { type: 'scripts', pattern: 'scripts' },
];

/** A file of another module other than its index (imports inside one module are not dependencies between elements). */
const internalOf = (types) => ({ element: { types, fileInternalPath: '!index.{ts,tsx}' } });
const ENTRY_MESSAGE = '只能通过模块的 index.ts 引用另一个模块（reach another module only through its index.ts）';

export const boundaryPolicies = [
  {
    from: { element: { type: 'shared' } },
    disallow: { to: { element: { types: ['shell', 'backend', 'renderer', 'tools', 'test', 'scripts'] } } },
    message: 'shared/ 不引用 electron/、renderer/、tools/、test/（shared is imported, it imports none of them）',
  },
  {
    from: { element: { types: ['shell', 'backend'] } },
    disallow: { to: { element: { types: ['tools', 'test'] } } },
    message: 'electron/ 不引用 tools/ 或 test/（electron never imports tools or test）',
  },
  {
    from: { element: { type: 'tools' } },
    disallow: { to: { element: { type: 'test' } } },
    message: 'tools/ 不引用 test/（tools never import test）',
  },
  {
    from: { element: { type: 'renderer' } },
    disallow: { to: { element: { types: ['shell', 'backend', 'tools', 'test', 'scripts'] } } },
    message: '界面只通过 shared/contract 与后台通信，不引用 electron/、tools/（the renderer talks to the backend only through the contract）',
  },
  {
    from: { element: { type: 'shared', captured: { module: 'policy' } } },
    disallow: { to: { element: { type: 'shared', captured: { module: 'engine' } } } },
    message: 'shared/policy 不引用 shared/engine：引擎依赖政策，反之不可（共同的词表在 shared/vocabulary）',
  },
  {
    from: { element: { types: ['backend', 'shared', 'renderer', 'tools', 'scripts'] } },
    disallow: { to: internalOf(['shell', 'backend', 'shared', 'tools']) },
    message: ENTRY_MESSAGE,
  },
  // The preload's index.ts is its entry script (it runs contextBridge), so the main process reads
  // the bridge's channel from preload/bridge.ts: main and preload are the one Electron shell.
  {
    from: { element: { type: 'shell' } },
    disallow: { to: internalOf(['backend', 'shared', 'tools']) },
    message: ENTRY_MESSAGE,
  },
  // The sandboxed preload checks op names against the contract's data-only list (shared/contract/ops.ts)
  // so that its bundle carries no schemas (2 KB instead of 900 KB through the contract's index).
  {
    from: { element: { type: 'shell', captured: { module: 'preload' } } },
    allow: { to: { element: { type: 'shared', captured: { module: 'contract' }, fileInternalPath: 'ops.ts' } } },
  },
];

const NODE = { group: ['node:*', ...builtinModules], message: '不引用 Node 内置模块（no Node built-ins here）' };
const ELECTRON = { name: 'electron', message: '只有 electron/main 与 preload 引用 electron（only electron/main and the preload import electron）' };
const SHARED_ELECTRON = { name: 'electron', message: 'shared/ 不引用 Node、DOM、Electron（shared imports no Node, DOM or Electron）' };
const SHARED_NODE = { ...NODE, message: 'shared/ 不引用 Node、DOM、Electron（shared imports no Node, DOM or Electron）' };
const CLI_TEST = { group: ['../test', '../test/*'], message: 'tools/ 不引用 test/（tools never import test）' };
// A CLI directly in tools/ is one level below the root: `./x/y` and `../area/x/y` are files inside a module.
const CLI_INTERNALS = {
  group: ['./*/*', '!./*/index', '../*/*/*', '!../test/**'],
  message: '只能通过模块的 index.ts 引用另一个模块（reach another module only through its index.ts）',
};

/** no-restricted-imports per area (one block per file, since a later block replaces the rule's options). */
export const restrictedImports = [
  { files: ['shared/**'], paths: [SHARED_ELECTRON], patterns: [SHARED_NODE] },
  { files: ['electron/**'], ignores: ['electron/main/**', 'electron/preload/**'], paths: [ELECTRON], patterns: [] },
  { files: ['renderer/**'], ignores: ['renderer/vite.config.ts'], paths: [ELECTRON], patterns: [NODE] },
  { files: ['tools/**', 'scripts/**'], ignores: ['tools/*.ts'], paths: [ELECTRON], patterns: [] },
  { files: ['tools/*.ts'], paths: [ELECTRON], patterns: [CLI_TEST, CLI_INTERNALS] },
].map(({ files, ignores, paths, patterns }) => ({ files, ...(ignores ? { ignores } : {}), rules: { 'no-restricted-imports': ['error', { paths, patterns }] } }));

/** Node and DOM globals shared/ must not use (the TypeScript project of shared/ has neither library). */
export const sharedGlobals = ['window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require', '__dirname', 'global'];

/**
 * Date's machine-zone readers and formatters, which electron/, shared/ and renderer/ leave to shared/time: a PC set to
 * UTC or a server in another zone would get another business day (shared/time/README.md). toISOString is UTC.
 */
export const machineTimeProperties = [
  'getFullYear',
  'getMonth',
  'getDate',
  'getDay',
  'getHours',
  'getMinutes',
  'getSeconds',
  'getTimezoneOffset',
  'setFullYear',
  'setMonth',
  'setDate',
  'setHours',
  'setMinutes',
  'setSeconds',
  'toLocaleString',
  'toLocaleDateString',
  'toLocaleTimeString',
  'toTimeString',
  'toDateString',
  'toISOString',
].map((property) => ({ property, message: '时间只经 shared/time（北京时间，与本机时区无关）：不用本机时区或 UTC 的日期与时刻（use shared/time）' }));
