// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';


/** The folders of src/ by layer (see docs/architecture.md): a folder imports its own layer and the ones below. */
const FEATURES = ['organizations', 'meetings', 'barriers', 'recommendations', 'action-plan', 'audit', 'auth', 'accounts', 'data-version'];
const ABOVE_FEATURES = ['reports', 'exports', 'imports', 'graphql', 'web', 'response-cache', 'health', 'seed'];
/** A relative import of one of these src/ folders (package names such as @nestjs/graphql never match). */
const folders = (names) => `^(\\.\\./)+(${names.join('|')})(/|$)`;
const importsPointDown = (forbidden, why) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex: folders(forbidden), message: `Imports point down: ${why} (see docs/architecture.md).` }] }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'data/', '*.js', '*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/explicit-module-boundary-types': 'off',
      // Decorated classes (NestJS, TypeORM, GraphQL) are not "extraneous".
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Mutations/queries return promises from services; Nest awaits them.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Features never import the channels and read models built on them.
    files: FEATURES.map((name) => `src/${name}/**/*.{ts,tsx}`),
    rules: importsPointDown(ABOVE_FEATURES, 'a feature never imports reports, exports, imports, web or the seed'),
  },
  {
    // The read models stand on the features, below the channels.
    files: ['src/reports/**/*.{ts,tsx}'],
    rules: importsPointDown(['exports', 'imports', 'graphql', 'web', 'response-cache', 'health', 'seed'], 'reports never import the channels'),
  },
  {
    // The base: database, common, config, logging and i18n never import a feature or anything above.
    files: ['src/{database,common,config,logging,i18n}/**/*.{ts,tsx}'],
    rules: importsPointDown([...FEATURES, ...ABOVE_FEATURES], 'database, common, config, logging and i18n never import a feature'),
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    rules: {
      // Test assertions read GraphQL responses, which are untyped JSON.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
