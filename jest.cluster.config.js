// The cluster suite: real API server, run by scripts/cluster/test.sh (which starts and stops the cluster).
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/build/test/cluster'],
  testMatch: ['**/*.test.js'],
  testTimeout: 300000,
};
