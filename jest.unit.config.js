/**
 * The inner loop (`npm run test:unit`): the pure tests only, in seconds. No global setup: nothing
 * here needs PostgreSQL, a Temporal server or the workflow bundle. `npm test` runs them as well.
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests/unit'],
  testMatch: ['**/*.test.ts'],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS config files
  ...require('./jest.transform'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ...require('./jest.clock'),
};
