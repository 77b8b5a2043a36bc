// Which code may import which: `npm run depcruise` checks the tree, and libs/testing/src/layering.spec.ts
// checks it under `npm test` (with a fixture per rule under test/fixtures/layering/).

/**
 * Test code: specs and the helpers only tests use. The file names are the ones tsconfig.build.json
 * leaves out of the build; then the test-helper library and the test and bench folders.
 */
const TEST_CODE = ['\\.(spec|e2e-spec|testing|fixtures|contract)\\.ts$', '/given-when-then\\.ts$', '^libs/testing/', '^test/', '^bench/'];

/** The deployable code: every package's src/, but not its test code. */
const PRODUCTION = { path: '^(apps|libs)/[^/]+/src/', pathNot: TEST_CODE };

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import loop makes load order matter and the parts inseparable: move what both sides share into a module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'libs/domain holds the rules and nothing else: it imports only itself. No other package of ours (event store, read models), ' +
        'no framework (NestJS, TypeORM), no node module (I/O). A pure library it needs is added to pathNot here.',
      from: { path: '^libs/domain/src/', pathNot: TEST_CODE },
      // zod: the events' schemas (ADR 0012), a pure library without I/O.
      to: { pathNot: ['^libs/domain/src/', '^node_modules/zod/'] },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      comment: 'Apps are assembled from the libraries; a library reaching into an app turns the layers around.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'application-not-to-projector',
      severity: 'error',
      comment:
        'The application layer runs commands and reads read models through their query functions; ' +
        'the projector drives its reactions, not the other way round.',
      from: { path: '^libs/application/src/', pathNot: TEST_CODE },
      to: { path: '^libs/projector/' },
    },
    {
      name: 'platform-is-ground-floor',
      severity: 'error',
      comment:
        'libs/platform holds the small shared pieces (configuration, actor and roles, idempotency, logging); ' +
        'wiring the whole system together is libs/infrastructure, the composition root.',
      from: { path: '^libs/platform/src/', pathNot: TEST_CODE },
      to: { path: '^libs/(application|projector|read-models|allocation|audit|infrastructure)/' },
    },
    {
      name: 'production-not-to-test-helpers',
      severity: 'error',
      comment:
        'Test helpers (libs/testing, *.testing.ts, *.fixtures.ts, *.contract.ts, given-when-then.ts) are left out of the build; ' +
        'only test code imports them.',
      from: PRODUCTION,
      to: { path: TEST_CODE },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import the cruise cannot resolve is an arrow no other rule can see.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // Type-only imports are arrows too: they tie the packages together just as much.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^dist/', '^test/fixtures/'] },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
  },
};
