/**
 * Reliability suite (`npm run test:reliability`): real Temporal dev server, worker and API as child
 * processes, killed and restarted under a scripted load; plus property-based fuzzing of the API.
 * Slow (minutes), so kept out of `npm test`. See docs/RELIABILITY.md.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/reliability'],
  testMatch: ['**/*.test.ts'],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config file
  ...require('./jest.transform'),
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  testTimeout: 600000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
};
