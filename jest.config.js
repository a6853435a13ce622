// Tests are compiled by `tsc` first (npm test runs the build), so jest runs plain JS with source maps.
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/build/test'],
  testMatch: ['**/*.test.js'],
  testPathIgnorePatterns: ['/build/test/cluster/'],
  // The precompiled schema validators are plain CommonJS of several hundred kB each: babel would only slow them.
  transformIgnorePatterns: ['/node_modules/', '/build/lib/schema/compiled/'],
  testTimeout: 60000,
};
