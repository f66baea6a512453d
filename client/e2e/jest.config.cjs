/** Browser tests: real headless Chromium (Debian's) against the built console. */
/** @type {import('jest').Config} */
module.exports = {
  rootDir: '..',
  testEnvironment: 'node',
  roots: ['<rootDir>/e2e'],
  testMatch: ['**/*.e2e-spec.ts'],
  testTimeout: 120000,
  // Each suite boots a console and a software-rendered Chromium; on a shared 2-core machine two
  // at once starve each other's live delivery, so suites run one after the other.
  maxWorkers: 1,
  moduleNameMapper: { '^@sanfang/shared$': '<rootDir>/../shared/src/index.ts' },
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      {
        tsconfig: {
          module: 'commonjs',
          moduleResolution: 'node',
          target: 'ES2022',
          esModuleInterop: true,
          isolatedModules: true,
        },
      },
    ],
  },
};
