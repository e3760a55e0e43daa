// Lint: type-aware TypeScript checks plus the house boundaries (docs/conventions.md), as import rules.
// Layer direction and folder cycles are checked by dependency-cruiser (.dependency-cruiser.cjs); both run in
// `npm run lint`. A boundary is never switched off for one file: rename the file to the role it has, or move
// the import behind a port.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TECHNOLOGY = {
  group: ['hnswlib-node', '@huggingface/transformers', 'onnxruntime-node', 'onnxruntime-node/*', '@node-rs/jieba', '@node-rs/jieba/*'],
  message: 'Only *.adapter.ts files import a model, index or segmentation library: call it from an adapter and depend on its port.',
};
const DATABASE = {
  group: ['drizzle-orm', 'drizzle-orm/*', 'better-sqlite3'],
  message: 'Only *.repository.ts files and src/db/ import drizzle-orm or better-sqlite3: add a repository method and depend on it through a Pick<> port.',
};
const DB_FOLDER = {
  group: ['**/db/client', '**/db/schema', '**/db/schema/*'],
  message: 'Only repositories, src/db/ and the composition root (src/runtime.ts) reach the database: a service gets repository ports (Pick<>), never a Db.',
};
const REPOSITORIES = {
  group: ['**/*.repository'],
  message: 'Routes never import repositories, not even their types: go through a service (routes → services → repositories).',
};
const FAKES = {
  group: ['**/*.fake'],
  message: 'Fakes (*.fake.ts) are for tests and benchmarks: the service wires the real adapters.',
};

/** One no-restricted-imports setting per kind of file (ESLint does not merge rule options across blocks). */
const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'models/', 'data/', 'coverage/', 'src/db/migrations/', 'src/web/assets/', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.js'],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: { projectService: { allowDefaultProject: ['eslint.config.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Type-aware: a forgotten await loses errors and ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, properties: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // Chinese documents quote clauses with ideographic spaces (U+3000) inside template literals.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  // ---- boundaries ----------------------------------------------------------------------------------------------
  { files: ['src/**/*.ts'], rules: restrict(TECHNOLOGY, DATABASE, DB_FOLDER, FAKES) },
  { files: ['src/**/*.adapter.ts'], rules: restrict(DATABASE, DB_FOLDER, FAKES) },
  { files: ['src/**/*.repository.ts', 'src/db/**/*.ts'], rules: restrict(TECHNOLOGY, FAKES) },
  { files: ['src/runtime.ts'], rules: restrict(TECHNOLOGY, DATABASE, FAKES) },
  { files: ['src/**/*.routes.ts', 'src/**/*.plugin.ts', 'src/**/*.view.ts'], rules: restrict(TECHNOLOGY, DATABASE, DB_FOLDER, REPOSITORIES, FAKES) },
  { files: ['src/**/*.fake.ts'], rules: restrict(TECHNOLOGY, DATABASE, DB_FOLDER) },
  // Tests and scripts build the app through src/runtime.ts; tests may open a temp database, never drizzle itself.
  { files: ['test/**/*.ts'], rules: restrict(TECHNOLOGY, DATABASE) },
  { files: ['scripts/**/*.ts'], rules: restrict(TECHNOLOGY, DATABASE, DB_FOLDER) },
  // The embedding bench measures the project's embedder against a bare onnxruntime session: that baseline is the point.
  { files: ['scripts/bench/embed.bench.ts'], rules: restrict(DATABASE, DB_FOLDER) },
  // ---- src only ------------------------------------------------------------------------------------------------
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env: take a Config.' }],
    },
  },
  { files: ['src/config.ts'], rules: { 'no-restricted-properties': 'off' } },
);
