// jest-light-runner's setup after its globals (setupFilesAfterEnv). That runner does not time
// tests or hooks out, so a hung test would hang the run; these wrappers give each one Jest's
// limit (TEST_TIMEOUT_MS, as jest.config.js sets it, or the test's own third argument) and fail
// it with Jest's message when it is exceeded.
const bindEach = require('jest-each').bind;
const { TEST_TIMEOUT_MS } = require('../test-timeout');

function withTimeout(fn, timeout, what) {
  if (typeof fn !== 'function') return fn;
  const ms = typeof timeout === 'number' ? timeout : TEST_TIMEOUT_MS;
  // A test taking a done callback becomes a promise (the runner then calls it with none).
  const run = fn.length >= 1 ? () => new Promise((resolve, reject) => fn((error) => (error ? reject(error) : resolve()))) : fn;
  return () => {
    let timer;
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Exceeded timeout of ${ms} ms for ${what}.`)), ms);
    });
    return Promise.race([Promise.resolve().then(run), limit]).finally(() => clearTimeout(timer));
  };
}

/** A test function (it, it.only, …) whose tests are timed; `.each` builds timed tests too. */
function timedTest(original) {
  const timed = (name, fn, timeout) => original(name, withTimeout(fn, timeout, 'a test'), timeout);
  timed.each = bindEach(timed);
  return timed;
}

for (const name of ['it', 'test']) {
  const original = globalThis[name];
  const timed = timedTest(original);
  timed.only = timedTest(original.only);
  timed.skip = original.skip;
  timed.todo = original.todo;
  globalThis[name] = timed;
}
globalThis.fit = globalThis.it.only;
for (const hook of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) {
  const original = globalThis[hook];
  globalThis[hook] = (fn, timeout) => original(withTimeout(fn, timeout, `a hook (${hook})`), timeout);
}
