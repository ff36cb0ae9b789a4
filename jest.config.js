// NestJS 12 packages are ES modules. Node 20 loads them from CommonJS (require(esm)),
// but Jest's own module loader does not before Node 24.9, so Jest transpiles them.
const { TEST_TIMEOUT_MS } = require('./test/support/test-timeout');

const ESM_PACKAGES = ['@nestjs', 'uid', '@formatjs', 'intl-messageformat'];

/**
 * TypeScript is compiled by SWC, as the e2e runner's @swc-node/register and `nest build` emit it:
 * the options below are tsconfig.json's (decorators with their metadata, `h` JSX, define semantics
 * for class fields at ES2022), one file at a time. Types are checked by `npm run typecheck`, not here.
 */
const typescript = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', tsx: true, decorators: true },
      transform: {
        legacyDecorator: true,
        decoratorMetadata: true,
        useDefineForClassFields: true,
        react: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' },
      },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
const transform = {
  '^.+\\.tsx?$': typescript,
  // SWC rewrites import.meta.url and `const require = createRequire(...)` correctly for CommonJS.
  '^.+\\.js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
};
const shared = {
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  rootDir: '.',
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};

const databaseTests = {
  ...shared,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
};

/**
 * The e2e files run under jest-light-runner: in bare Node worker threads, each worker loading the
 * service's modules once for all the files it runs, instead of once per file in a fresh module
 * registry (about 3 s of CPU a file, most of what an e2e file cost). Each file still builds its
 * own application on its own database; no test changes process.env or a module's state.
 */
const lightRunner = {
  runner: 'jest-light-runner',
  setupFiles: ['<rootDir>/test/support/light-runner/load-typescript.js'],
  setupFilesAfterEnv: ['<rootDir>/test/support/light-runner/timeouts.js'],
};

/**
 * Three tiers (docs/development.md): unit (pure rules, src/**\/*.spec.ts), medium (a feature's
 * modules on a cloned database, no HTTP: test/medium/**\/*.medium-spec.ts) and e2e (the whole
 * service over HTTP: test/**\/*.e2e-spec.ts). Each medium and e2e file has a database of its
 * own, so `npm test` (scripts/test.mjs) runs them in parallel workers, then the e2e files
 * that start processes of their own one at a time.
 */
/** @type {import('jest').Config} */
module.exports = {
  testTimeout: TEST_TIMEOUT_MS,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.spec.tsx', '<rootDir>/bench/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/clients/**/*.spec.ts'] },
    { ...databaseTests, displayName: 'medium', testMatch: ['<rootDir>/test/medium/**/*.medium-spec.ts'] },
    { ...databaseTests, ...lightRunner, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
