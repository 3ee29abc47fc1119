/**
 * docs/analysis.md works its examples out by hand from the example corpus;
 * here each command it shows (a `$ standpoint export …` block followed by an
 * output block) is run, and every line the docs show must be a line of what
 * the tool prints. A document that drifts from the tool fails.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CLI, testEnvironment } from '../server/test/support/lspClient';

const ROOT = path.resolve(__dirname, '..');
const DOC = readFileSync(path.join(ROOT, 'docs', 'analysis.md'), 'utf8');
const EXAMPLES = [...DOC.matchAll(/```sh\n\$ (standpoint export [^\n]+)\n```\n```text\n([\s\S]*?)```/g)].map(([, command, output]) => ({
  command,
  lines: output.split('\n').filter((line) => line && line !== '…'),
}));

describe('the worked examples of docs/analysis.md', () => {
  it('are there', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(10);
  });
  for (const { command, lines } of EXAMPLES) {
    it(command, () => {
      const args = command.split(' ').slice(1);
      const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8', env: testEnvironment() });
      expect(result.status, result.stderr).toBe(0);
      const printed = new Set(result.stdout.split('\r\n'));
      for (const line of lines) expect(printed, `${line}\nis not in what the tool prints:\n${result.stdout}`).toContain(line);
    });
  }
});
