/** @type {import('jest').Config} */
module.exports = {
  displayName: 'upstream-sim',
  testEnvironment: 'node',
  testMatch: ['**/src/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': '@swc/jest' },
  // Every test talks to real child processes; give slow machines some slack.
  testTimeout: 20000,
};
