// Bundles the extension client, the language server and the CLI into dist/, and the view pages (browser code) into dist/views/.
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
  // The webview pages: one script each (sigma.js and graphology bundled in; Compare Coders needs neither), and their stylesheet.
  {
    entryPoints: {
      network: 'client/src/views/page/network.ts',
      matrix: 'client/src/views/page/matrix.ts',
      agreement: 'client/src/views/page/agreement.ts',
      views: 'client/src/views/page/views.css',
    },
    outdir: 'dist/views',
    bundle: true,
    platform: 'browser',
    // VS Code 1.91 runs Electron 29 (Chromium 122).
    target: 'chrome120',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  },
];

// sql.js (SQLite for the DNA import and export) loads its WebAssembly from a file next to the bundle.
mkdirSync(new URL('./dist/', import.meta.url), { recursive: true });
copyFileSync(createRequire(import.meta.url).resolve('sql.js/dist/sql-wasm.wasm'), new URL('./dist/sql-wasm.wasm', import.meta.url));

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
