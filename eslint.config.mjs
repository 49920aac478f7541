import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * The architecture's import boundaries (docs/ARCHITECTURE.md), enforced: a file that crosses one
 * fails lint. tests/unit/boundaries.test.ts lints a breaking line for each rule and expects it to
 * fire. The message says why the boundary exists.
 */
const webOnlyFromServer = { group: ['**/web', '**/web/*'], message: 'Only the server mounts the web app (src/server.ts); nothing else imports src/web.' };

/**
 * Layers below others (docs/ARCHITECTURE.md, "Layering"): a module of `folder` imports nothing of
 * the layers above it. Each carries the rule every non-web file has (only the server mounts the
 * web app), since a later block replaces an earlier one's options for the same rule.
 */
const below = (folder, patterns) => ({
  files: [`src/${folder}/**/*.ts`],
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...patterns, webOnlyFromServer] }] },
});
const layers = [
  // The records store is written by a workflow activity and read by the API: it knows no workflow.
  below('records', [{ group: ['**/workflows', '**/workflows/*'], message: 'The records store never imports workflows: what it needs of them belongs in src/domain, or in the command that uses both (src/cli).' }]),
  // Attachments serve the API and the pages alike: the problems they raise live in src/errors.
  below('attachments', [{ group: ['../api', '../api/*'], message: 'Attachments never import the API (src/api): problems come from src/errors, the caller is handed in.' }]),
  // What every entry point shares sits below each entry point's own parts.
  below('process', [{ group: ['../cluster', '../cluster/*'], message: 'src/process never imports the cluster (src/cluster): what it names lives below both.' }]),
  // Temporal plumbing sits below the process lifecycle that names its errors.
  below('temporal', [{ group: ['../process', '../process/*'], message: 'src/temporal never imports src/process (it sits below it): OS helpers live in src/net.' }]),
];
const boundaries = [
  {
    // Workflow code runs in Temporal's deterministic sandbox: its own modules, the pure domain core,
    // the workflow SDK, and activity *types* only.
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins, no I/O.' })),
          patterns: [
            { group: ['../activities', '../activities/*'], allowTypeImports: true, message: 'Workflows import activity types only (import type).' },
            { group: ['../src/*', '!../src/domain'], message: 'Workflows import the pure domain core (src/domain) only.' },
            { regex: '^(?!\\.|@temporalio/(workflow|common)$)', message: 'Workflows import @temporalio/workflow and @temporalio/common only (the sandbox bundles everything they import).' },
          ],
        },
      ],
    },
  },
  {
    // The domain core is pure: no I/O, no layer above it.
    files: ['src/domain/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'The domain core is pure: no Node built-ins, no I/O.' })),
          patterns: [{ group: ['../*', '!../domain'], message: 'The domain core imports nothing outside src/domain.' }],
        },
      ],
    },
  },
  {
    // Activities do the I/O the workflow asks for; they know nothing of HTTP or pages.
    files: ['activities/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/api', '**/src/api/*'], message: 'Activities never import the HTTP API (src/api).' },
            { group: ['**/src/web', '**/src/web/*'], message: 'Activities never import the web app (src/web).' },
          ],
        },
      ],
    },
  },
  {
    // The HTTP API talks to Temporal; activities run in the worker only.
    files: ['src/api/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/activities', '**/activities/*'], message: 'The API never imports activities: they run in the worker.' },
            { group: ['@temporalio/*/lib/*'], message: 'Temporal SDK internals sit behind src/temporal/sdk.ts.' },
            { group: ['../web', '../web/*', '../../web', '../../web/*'], message: 'The API never imports the web app (src/web).' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['src/server.ts', 'src/web/**', 'tests/**', 'workflows/**', 'src/domain/**', 'activities/**', 'src/api/**', ...layers.flatMap((l) => l.files)],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [webOnlyFromServer] }] },
  },
  ...layers,
  {
    // Patch ids are recorded in histories: each is declared once, in workflows/patches.ts.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/patches.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name=/^(patched|deprecatePatch)$/] > :not(MemberExpression).arguments",
          message: 'Patch ids are declared once, in workflows/patches.ts: call patched(PATCHES.<name>).',
        },
      ],
    },
  },
];

/**
 * No import circle anywhere (a module that needs its importer back belongs in a third file, see
 * the files named for that: src/errors, workflows/validation.ts, src/web/views/requestView.ts).
 * The rule follows value imports only; tests/unit/importCycles.test.ts also counts `import type`.
 */
const noCycles = {
  files: ['**/*.ts', '**/*.tsx'],
  plugins: { 'import-x': importX },
  settings: {
    // The plugin's TypeScript settings, with Node's resolution over .ts files (imports name no extension).
    ...importX.flatConfigs.typescript.settings,
    'import-x/resolver': undefined,
    'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })],
  },
  rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...boundaries,
  noCycles,
);
