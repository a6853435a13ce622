// Tests are compiled by `tsc` first (npm test runs the build), so jest runs plain JS with source maps.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/build/test'],
  testMatch: ['**/*.test.js'],
  testPathIgnorePatterns: ['/build/test/cluster/'],
  testTimeout: 60000,
};
