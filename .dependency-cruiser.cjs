// Layer direction and folder cycles (docs/conventions.md). Technology boundaries are ESLint import rules
// (eslint.config.js); both run in `npm run lint`.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-folder-cycles',
      severity: 'error',
      comment: 'Folders depend on each other one way (intake → portraits → … → review): a cycle between folders means a type or helper sits in the wrong folder.',
      scope: 'folder',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycles',
      severity: 'error',
      comment: 'No import cycles between files either.',
      from: { path: '^(src|scripts|test)/' },
      to: { circular: true },
    },
    {
      name: 'composition-root-only-from-entry-points',
      severity: 'error',
      comment: 'src/runtime.ts wires everything; only entry points (server, CLIs, tests) may import it, never a layer inside src.',
      from: { path: '^src/', pathNot: '^src/server\\.ts$' },
      to: { path: '^src/runtime\\.ts$' },
    },
    {
      name: 'app-only-from-entry-points',
      severity: 'error',
      comment: 'The HTTP app (src/app.ts) is built by entry points and tests.',
      from: { path: '^src/', pathNot: '^src/(server|runtime)\\.ts$' },
      to: { path: '^src/(app|server)\\.ts$' },
    },
    {
      name: 'services-never-import-routes',
      severity: 'error',
      comment: 'Dependencies point routes → services → repositories/adapters.',
      from: { path: '\\.(service|repository|adapter)\\.ts$' },
      to: { path: '\\.(routes|plugin|view)\\.ts$' },
    },
    {
      name: 'repositories-and-adapters-never-import-services',
      severity: 'error',
      comment: 'Repositories and adapters are the bottom layer: they know no use-case.',
      from: { path: '\\.(repository|adapter)\\.ts$' },
      to: { path: '\\.service\\.ts$' },
    },
    {
      name: 'src-never-imports-scripts-or-tests',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|test)/' },
    },
    {
      name: 'tests-never-import-scripts',
      severity: 'error',
      comment: 'Tests do not depend on CLIs or benchmarks; shared generators and fakes live in src/ (*.generator.ts, *.fake.ts).',
      from: { path: '^test/' },
      to: { path: '^scripts/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|models|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.json'] },
  },
};
