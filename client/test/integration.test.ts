import { describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { build } from 'esbuild';

/**
 * Integration tests of the client in VS Code itself (Electron), with
 * @vscode/test-electron. They need a VS Code build on this machine, named by
 * STANDPOINT_VSCODE_PATH (the `code` executable); @vscode/test-electron's own
 * download cannot work offline. Without it they are skipped, with this message.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const vscodePath = process.env.STANDPOINT_VSCODE_PATH;
const available = Boolean(vscodePath && existsSync(vscodePath));

describe('the extension in VS Code (@vscode/test-electron)', () => {
  if (!available) {
    it.skip(`skipped: set STANDPOINT_VSCODE_PATH to a VS Code executable to run it (${vscodePath ? `${vscodePath} does not exist` : 'not set'}); the e2e test (npm run test:e2e) covers the same in code-server`, () => {});
    return;
  }

  it('activates, diagnoses, hovers, jumps and annotates', async () => {
    const { runTests } = await import('@vscode/test-electron');
    const out = mkdtempSync(path.join(tmpdir(), 'standpoint-integration-'));
    await build({ entryPoints: [path.join(__dirname, 'integration', 'suite.ts')], bundle: true, platform: 'node', format: 'cjs', external: ['vscode'], outfile: path.join(out, 'suite.js') });
    const workspace = path.join(out, 'example');
    cpSync(path.join(ROOT, 'example'), workspace, { recursive: true });
    const status = await runTests({
      vscodeExecutablePath: vscodePath,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(out, 'suite.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    expect(status).toBe(0);
  }, 180_000);
});
