/** @type {import('jest').Config} */
module.exports = {
  // Most specs are pure logic; specs that need the DOM opt in with a @jest-environment docblock.
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  moduleNameMapper: {
    '^@sanfang/shared$': '<rootDir>/../shared/src/index.ts',
  },
  transform: {
    // Transpile only (tsc -p client does the type checking); jest runs CommonJS.
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        tsconfig: {
          module: 'commonjs',
          moduleResolution: 'node',
          target: 'ES2022',
          jsx: 'react-jsx',
          esModuleInterop: true,
          isolatedModules: true,
        },
      },
    ],
  },
};
