/**
 * Cluster suite (`npm run test:cluster`): the production topology without Docker — PostgreSQL, the
 * self-hosted Temporal server built from Go modules, two workers, two API instances, each a process
 * — under the reliability suite's scripted load and faults. Slow (minutes; the first run on a
 * machine builds the server), so kept out of `npm test`. See docs/RELIABILITY.md.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/cluster'],
  testMatch: ['**/*.test.ts'],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config file
  ...require('./jest.transform'),
  globalSetup: '<rootDir>/tests/cluster/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  testTimeout: 900000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
};
