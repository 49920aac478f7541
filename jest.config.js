/** Unit, workflow and HTTP tests. TypeScript is transpiled by swc; `npm run build` type-checks. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/reliability/', '/tests/cluster/'],
  // jose 6 ships ES modules only: let swc turn it (and our TypeScript) into CommonJS for jest.
  transform: { '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  globalSetup: '<rootDir>/tests/support/globalSetup.ts',
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/tests/support/summaryReporter.js'],
};
