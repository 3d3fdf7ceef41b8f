// ESLint for the whole monorepo (shared/, server/, client/, test/): typescript-eslint with type
// information (the TypeScript projects are found per file through the project service), React's
// hooks rules for the client, and no import cycles anywhere.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['**/node_modules/', '**/dist/', '.tsbuild/', 'data/', 'bench-results/', 'test-results/', 'backups/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_`-prefixed names are deliberately unused (a parameter a signature requires, a rest sibling).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.stringMatching, …) are typed `any` by design,
    // so every `{ field: expect.any(String) }` in an expectation would count as an unsafe assignment.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['server/**/*.ts', 'test/**/*.ts', 'shared/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
    // react-hooks 7 adds the React Compiler's diagnostics (refs read while rendering, setState in an
    // effect, impure calls in render, …): Mashboard does not use the compiler, but what they find is
    // wrong under concurrent rendering too, so they stay errors as the preset has them. A missing
    // effect dependency is a stale value, an error here (the preset only warns).
    rules: { 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'], conditionNames: ['types', 'import', 'node', 'default'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
    },
  },
);
