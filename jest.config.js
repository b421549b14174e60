/** One jest run over every package: simulators, BFF, mini-program. */
module.exports = {
  projects: ['<rootDir>/packages/upstream-sim', '<rootDir>/bff', '<rootDir>/miniapp'],
};
