// The cluster suite: real API server, run by scripts/cluster/test.sh (which starts and stops the cluster).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/build/test/cluster'],
  testMatch: ['**/*.test.js'],
  // Plain CommonJS of several hundred kB each (precompiled schema validators): babel would only slow them.
  transformIgnorePatterns: ['/node_modules/', '/build/lib/schema/compiled/'],
  testTimeout: 300000,
};
