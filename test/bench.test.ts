import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/**
 * The benchmark's quick mode is part of the suite (the full benchmark is
 * not: its figures go to bench/RESULTS.md). This checks that it runs end to
 * end in under a minute and measures every row against a real server,
 * not that the figures meet their targets (timing belongs to the benchmark).
 */
const ROOT = path.resolve(__dirname, '..');

describe('npm run bench -- --quick', () => {
  it('finishes in under a minute with a row for every measure, and writes nothing into the repository', () => {
    const corpora = mkdtempSync(path.join(tmpdir(), 'standpoint-bench-test-'));
    try {
      const started = Date.now();
      const result = spawnSync(process.execPath, [path.join(ROOT, 'bench', 'run.mjs'), '--quick'], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, STANDPOINT_BENCH_DIR: corpora },
        timeout: 90_000,
      });
      const took = Date.now() - started;
      expect(result.stderr).not.toContain('failed');
      expect(result.status).toBe(0);
      expect(took).toBeLessThan(60_000);
      const rows = result.stdout.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Measure') && !line.startsWith('| ---'));
      const measures = rows.map((row) => row.split('|')[1].trim());
      for (const measure of [
        'sentence map',
        'parse floor',
        'cold start',
        'keystroke',
        'article edit',
        'hover',
        'definition',
        'rename',
        'views: standpoint/network',
        'second start',
        'CLI: standpoint check',
        'CLI: standpoint export network',
        'CLI: standpoint export statements',
        'CLI: standpoint check with git records',
        'peer: Red Hat',
        'CLI: standpoint agree',
        'server: standpoint/agreement',
      ]) {
        expect(
          measures.some((m) => m.startsWith(measure)),
          measure,
        ).toBe(true);
      }
      // Every row has a measured figure (a number with a unit), not a placeholder.
      for (const row of rows) expect(row.split('|')[3]).toMatch(/\d+(\.\d+)? (ms|s|MB)/);
      expect(result.stdout).not.toContain('wrote');
    } finally {
      rmSync(corpora, { recursive: true, force: true });
    }
  }, 100_000);
});
