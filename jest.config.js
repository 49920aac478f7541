/** Unit, workflow and HTTP tests. TypeScript is transpiled by swc; `npm run build` type-checks. */
module.exports = {
  // Node's environment, printing the Temporal SDK's kept log lines after a failing test.
  testEnvironment: '<rootDir>/tests/support/testEnvironment.js',
  setupFilesAfterEnv: ['<rootDir>/tests/support/sdkLogs.ts'],
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/reliability/', '/tests/cluster/'],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS config file
  ...require('./jest.transform'),
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  ...require('./jest.clock'),
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  globalTeardown: '<rootDir>/tests/support/globalTeardown.ts',
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
};
