import { fileURLToPath } from 'node:url';

// Jest runs the TypeScript sources as native ESM (NestJS 12 is ESM-only), transformed by swc with
// legacy decorators and decorator metadata, which Nest's dependency injection needs.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2023',
    },
    module: { type: 'es6' },
  },
];

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: {
    '^@banenpool/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
};

// Every in-memory PGlite of the tests loads one freshly initialised cluster kept here instead of initialising its
// own (libs/event-store/src/embedded/embedded-postgres.ts): 3.5–5 s less per test suite that starts one. Jest's
// workers and the processes the tests start inherit it.
process.env.PGLITE_TEMPLATE_DIR ??= fileURLToPath(new URL('node_modules/.cache/banenpool-pglite/', import.meta.url));

export default {
  // Integration suites start PGlite (about 3 s cold), databases and built processes in their hooks.
  testTimeout: 60_000,
  // A test that times out can leave its service's timers and sockets behind; the run still ends and
  // reports, instead of waiting on them until CI's own limit.
  forceExit: true,
  // Every test file gets a fresh worker process (no worker's heap is below this limit, so each is
  // replaced after its file). In one process, what earlier suites left running slowed the last ones
  // of a full run about tenfold (a 6 s suite took 87 s, close to the 60 s test timeout).
  workerIdleMemoryLimit: '1MB',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$'],
    },
    { ...common, displayName: 'integration', testMatch: ['<rootDir>/libs/**/*.int.spec.ts', '<rootDir>/apps/**/*.int.spec.ts'] },
    { ...common, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
  ],
};
