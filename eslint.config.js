// ESLint (flat config): typescript-eslint with the type-aware promise rules, react-hooks for the
// renderer, the import boundaries of the README's architecture, and eslint-config-prettier last
// (formatting is Prettier's: `npm run lint:format`). test/lint-fixtures/ holds one file per
// boundary rule, linted by test/lint/boundaries.test.ts to prove each rule fires.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { boundaryElements, boundaryPolicies, machineTimeProperties, restrictedImports, sharedGlobals } from './eslint.boundaries.js';

export default tseslint.config(
  // shared/platform-globals.d.ts is part of tsconfig.shared.json only, and only declares.
  { ignores: ['node_modules/', 'dist/', 'release/', 'out/', 'coverage/', '.tmp/', 'test/lint-fixtures/', 'shared/platform-globals.d.ts'] },
  // An eslint-disable comment that silences nothing is itself a finding.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // U+3000 (the ideographic space) separates Chinese phrases on purpose in texts and templates.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipJSXText: true }],
    },
  },
  // Tests read the contract's untyped JSON answers and poke at malformed input.
  { files: ['test/**/*.{ts,tsx}'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: globals.node } },
  {
    // The classic hook rules. The React Compiler rules of the plugin's `recommended` (set-state-in-effect,
    // refs, purity …) are left out: the renderer is not compiled by the React Compiler.
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] } },
      'boundaries/elements': boundaryElements,
    },
    rules: { 'boundaries/dependencies': ['error', { default: 'allow', policies: boundaryPolicies }] },
  },
  ...restrictedImports,
  { files: ['shared/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...sharedGlobals] } },
  // One time policy (shared/time): outside it no Date is read or formatted in the machine's zone or in UTC.
  {
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['shared/time/**'],
    rules: { 'no-restricted-properties': ['error', ...machineTimeProperties] },
  },
  prettier,
);
