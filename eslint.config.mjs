// ESLint for every TypeScript and JavaScript file of the workspace (check: `npm run lint`, fix: `npm run format`).
// typescript-eslint's recommended rules, the promise rules type-aware on the kernel, imports sorted by
// simple-import-sort; layout is Prettier's (.prettierrc.json), line length 140.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/lib/**',
      '**/lib-node/**',
      'extension/deconvlab_extension/labextension/**',
      'contract/src/generated/**',
      'node_modules/**',
      '.venv/**',
      '.venv-bench/**',
      'test-artifacts/**',
      'bench/results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'simple-import-sort': simpleImportSort },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // One block, no blank lines: side effects, node: builtins, packages, then relative paths, each sorted.
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000', '^node:', '^@?\\w', '^', '^\\.']] }],
      'simple-import-sort/exports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Type-aware where it pays and stays cheap: the kernel's protocol code is async throughout (a floating promise
    // there loses replies); over the whole tree these rules would more than double the lint time.
    files: ['kernel/src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['extension/src/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // UI tests and benches drive JupyterLab in Chromium: page.evaluate bodies reach the page's untyped globals.
    files: ['test/ui/**/*.ts', 'bench/*.bench.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The kernel loads tslab's internals and heavy modules lazily with require() on purpose (see kernel/src/tslab_internals.ts).
    files: ['kernel/src/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
