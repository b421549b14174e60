/** @type {import('jest').Config} */
module.exports = {
  displayName: 'contracts',
  testEnvironment: 'node',
  testMatch: ['**/src/**/*.test.ts'],
  transform: { '^.+\\.(t|j)sx?$': '@swc/jest' },
};
