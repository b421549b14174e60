const fs = require('node:fs');
const path = require('node:path');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': '@swc/jest' },
  // `test/` holds cross-feature suites once it exists; jest refuses roots that are missing.
  roots: ['<rootDir>/src', ...(fs.existsSync(path.join(__dirname, 'test')) ? ['<rootDir>/test'] : [])],
  // Suites talk to real simulator processes; leave slow machines some slack.
  testTimeout: 20000,
};
