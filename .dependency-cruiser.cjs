/**
 * The dependency direction of the monorepo (SPEC §1): db ← api ← server/admin; the client sees
 * the API's types only; nothing imports in a cycle. `pnpm deps:check` fails on any breach.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'A cycle makes load order matter and the layers meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'An import of a package the importer does not declare.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'db-stays-at-the-bottom',
      severity: 'error',
      from: { path: '^packages/db/' },
      to: { path: '^(packages/(api|client)|apps)/' },
    },
    {
      name: 'api-never-imports-a-host',
      severity: 'error',
      comment: '@budget/api knows neither Fastify nor the apps that host it.',
      from: { path: '^packages/api/' },
      to: { path: '(^apps/|^packages/client/|node_modules/(fastify|@fastify)/)' },
    },
    {
      name: 'client-sees-api-types-only',
      severity: 'error',
      comment: 'A browser bundle of @budget/client must carry no server code.',
      from: { path: '^packages/client/src/', pathNot: '(\\.test(-d)?\\.ts$|/testing/)' },
      to: {
        path: '^(packages/(api|db)|apps)/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'apps-stay-apart',
      severity: 'error',
      comment: 'The server and the admin CLI share code through packages, not through each other.',
      from: { path: '^apps/(server|admin)/src/', pathNot: '\\.test\\.ts$' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage|consumer-fixture)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
  },
};
