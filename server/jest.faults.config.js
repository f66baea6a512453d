/** Fault injection against real processes (npm run test:faults); FAULTS_FULL=1 for the long run. */
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testRegex: '\\.fault-spec\\.ts$',
  testTimeout: 600000,
};
