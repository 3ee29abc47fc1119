// `npm run bench`: bundles the benchmark (TypeScript) and runs it. Options: --quick, --sizes=S,M,L, --no-write.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outfile = path.join(repo, 'out', 'bench', 'bench.cjs');
await build({ entryPoints: [path.join(repo, 'bench', 'bench.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile, logLevel: 'warning' });
const result = spawnSync(process.execPath, ['--max-old-space-size=4096', outfile, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, STANDPOINT_REPO: repo } });
process.exit(result.status ?? 1);
