/** One jest run over every package: simulators, BFF, mini-program. */
module.exports = {
  projects: ['<rootDir>/packages/contracts', '<rootDir>/packages/upstream-sim', '<rootDir>/bff', '<rootDir>/miniapp'],
  // A global option: the projects' own testTimeout is not applied in a multi-project run. Suites
  // talk to real simulator processes (some start a stack of their own in a test); leave a busy
  // machine some slack.
  testTimeout: 20000,
};
