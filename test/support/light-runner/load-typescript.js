// jest-light-runner's setup (setupFiles): the e2e files and the sources they import run as
// CommonJS compiled by SWC (@swc-node/register reads tsconfig.json: decorators and their
// metadata, JSX), as `nest build` would emit them. The runner imports each test file with
// import(), so the ESM loader is told that a .ts or .tsx file is CommonJS: Node then loads it
// with require(), where the hook above compiles it.
require('@swc-node/register');
const { register } = require('node:module');
const { pathToFileURL } = require('node:url');

register(pathToFileURL(require.resolve('./typescript-as-commonjs.mjs')));
