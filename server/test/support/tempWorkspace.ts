import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** Writes files into a fresh temporary folder; returns its path and a cleanup. */
export function tempWorkspace(
  files: Record<string, string | Uint8Array>,
  prefix = 'standpoint-test-',
): { root: string; path(relative: string): string; write(relative: string, content: string | Uint8Array): string; dispose(): void } {
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  const write = (relative: string, content: string | Uint8Array) => {
    const full = path.join(root, relative);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
    return full;
  };
  for (const [relative, content] of Object.entries(files)) write(relative, content);
  return { root, path: (relative) => path.join(root, relative), write, dispose: () => rmSync(root, { recursive: true, force: true }) };
}
