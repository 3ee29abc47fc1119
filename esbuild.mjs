// Bundles the extension client, the language server and the CLI into dist/.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { STANDPOINT_VERSION: JSON.stringify(version) },
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js' },
];

// sql.js (SQLite for the DNA import and export) loads its WebAssembly from a file next to the bundle.
mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'), new URL('./dist/sql-wasm.wasm', import.meta.url));

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
