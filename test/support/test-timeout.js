// How long a test or a hook may take (jest.config.js, and the light runner's timeouts.js): e2e
// tests boot the whole service (some, child processes too), so generous but finite.
module.exports = { TEST_TIMEOUT_MS: 120_000 };
