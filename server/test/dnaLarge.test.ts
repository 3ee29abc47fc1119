import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CLI, testEnvironment } from './support/lspClient';
import { largeDnaDatabase } from './support/dnaLarge';

/**
 * A 50 MB DNA database: the import reads document texts one at a time, so
 * its peak memory is the database (sql.js holds it) plus one document, not
 * the corpus. The generated database is kept in the temporary folder between
 * runs (seeded: the same bytes every time). Timing belongs to the bench.
 */
const GENERATOR_VERSION = 1;
const work = mkdtempSync(path.join(tmpdir(), 'standpoint-dna-large-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cachedDatabase(): Promise<string> {
  const folder = path.join(tmpdir(), 'standpoint-test-dna');
  const file = path.join(folder, `large-v${GENERATOR_VERSION}-1000x50000x20.dna`);
  if (existsSync(file)) return file;
  mkdirSync(folder, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, await largeDnaDatabase(1000, 50_000, 20));
  renameSync(partial, file);
  return file;
}

describe('import dna on a 50 MB database', () => {
  it('imports every document and statement with bounded memory', async () => {
    const database = await cachedDatabase();
    const megabytes = statSync(database).size / 1024 / 1024;
    expect(megabytes).toBeGreaterThan(48);
    // Peak RSS of the CLI process, reported by a preloaded exit hook (no /usr/bin/time needed).
    const preload = path.join(work, 'rss.cjs');
    writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nMAXRSS_KB=${process.resourceUsage().maxRSS}\\n`));\n");
    const output = path.join(work, 'corpus');
    const result = spawnSync(process.execPath, ['--require', preload, CLI, 'import', 'dna', database, '--output', output], { encoding: 'utf8', timeout: 170_000, env: testEnvironment() });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('  documents      1000 (1,000 annotation files)\n');
    expect(result.stdout).toContain('  statements     20000 of type "DNA Statement" imported, of 20000 in the database\n');
    expect(readdirSync(path.join(output, 'articles'))).toHaveLength(1000);
    expect(readdirSync(path.join(output, 'annotations'))).toHaveLength(1000);
    const peakMb = Number(/MAXRSS_KB=(\d+)/.exec(result.stderr)?.[1]) / 1024;
    // Measured 188–190 MB for this 50 MB database (node's own ~70 MB, the file's bytes, sql.js's copy of them);
    // holding every text or every written file at once would add 100 MB or more.
    expect(peakMb, `peak RSS ${peakMb.toFixed(0)} MB for a ${megabytes.toFixed(0)} MB database`).toBeLessThan(5 * megabytes);
  }, 180_000);
});
