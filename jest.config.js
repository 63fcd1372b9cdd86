/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleNameMapper: { '^adaptivecards$': 'adaptivecards/dist/adaptivecards.js' },
  testTimeout: 30000,
  maxWorkers: 2,
  // restify patches Node's own http request/response prototypes when it loads, so each test file that starts a
  // server leaves its module graph reachable in the worker (--detectLeaks reports it; base code too). A worker
  // holding more than this after a file is replaced, so time-budget suites (soak, fault budget) do not run beside
  // hundreds of MB of earlier files' heap and its full GCs.
  workerIdleMemoryLimit: '200MB',
};
