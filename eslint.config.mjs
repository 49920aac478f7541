import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/**
 * The architecture's import boundaries (docs/ARCHITECTURE.md), enforced: a file that crosses one
 * fails lint. tests/unit/boundaries.test.ts lints a breaking line for each rule and expects it to
 * fire. The message says why the boundary exists.
 */
const webOnlyFromServer = { group: ['**/web', '**/web/*'], message: 'Only the server mounts the web app (src/server.ts); nothing else imports src/web.' };
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
    ignores: ['src/server.ts', 'src/web/**', 'tests/**', 'workflows/**', 'src/domain/**', 'activities/**', 'src/api/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [webOnlyFromServer] }] },
  },
];

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
);
