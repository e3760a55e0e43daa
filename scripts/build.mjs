// npm run build: compiles the service and its operator CLIs to dist/ for `node dist/<name>.js` (the Docker image
// runs node dist/server.js). esbuild bundles each entry point's own code (imports are extensionless TypeScript,
// which Node cannot load), leaves every npm package external (node_modules is installed next to dist/), and
// writes each bundle at the top of dist/ so `import.meta.url` finds the files copied beside it: the SQL
// migrations (src/db/client.ts) and the web page's assets (src/web/web.routes.ts). Typechecking stays with tsc.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist');
const entryPoints = {
  server: 'src/server.ts',
  // The embedding model's worker thread (src/embeddings/worker-embedder.adapter.ts starts it from beside server.js).
  'embedding-worker.adapter': 'src/embeddings/embedding-worker.adapter.ts',
  // What an operator runs in the container: import, export, demo seed, batch match, cycle run, API keys.
  import: 'scripts/import.ts',
  export: 'scripts/export.ts',
  'seed-demo': 'scripts/seed-demo.ts',
  match: 'scripts/match.ts',
  cycle: 'scripts/cycle.ts',
  apikey: 'scripts/apikey.ts',
  user: 'scripts/user.ts',
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entryPoints).map(([name, file]) => [name, join(root, file)])),
  outdir: out,
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
cpSync(join(root, 'src/db/migrations'), join(out, 'migrations'), { recursive: true });
cpSync(join(root, 'src/web/assets'), join(out, 'assets'), { recursive: true });
process.stdout.write(
  `built ${Object.keys(entryPoints)
    .map((n) => `dist/${n}.js`)
    .join(', ')}\n`,
);
