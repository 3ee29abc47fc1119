/**
 * What users read (issue 10, item 5): the README and docs/ are the reference,
 * so nothing a user gets points outside the project (the spec under
 * ../shared is the developers' contract, not shipped), every link between the
 * documents resolves, and the README states no test figures that go stale.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');

function filesUnder(folder: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, folder))) {
    const relative = path.join(folder, name);
    if (statSync(path.join(ROOT, relative)).isDirectory()) out.push(...filesUnder(relative, keep));
    else if (keep(name)) out.push(relative);
  }
  return out;
}

const DOCS = ['README.md', 'CHANGELOG.md', ...filesUnder('docs', (name) => name.endsWith('.md'))];
const USER_FACING = [
  ...DOCS,
  'package.json',
  ...filesUnder('schemas', () => true),
  ...filesUnder('client/src', (name) => name.endsWith('.ts')),
  ...filesUnder('server/src', (name) => name.endsWith('.ts')),
  ...filesUnder('example', () => true),
];

describe('the documents users read', () => {
  it('never send the reader to ../shared (the spec is not part of what users get)', () => {
    expect(USER_FACING.length).toBeGreaterThan(50);
    const pointing = USER_FACING.filter((file) => /shared\/spec/.test(readFileSync(path.join(ROOT, file), 'utf8')));
    expect(pointing).toEqual([]);
  });

  it('link to documents that exist', () => {
    const broken: string[] = [];
    for (const file of DOCS) {
      const text = readFileSync(path.join(ROOT, file), 'utf8');
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+\.md)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue;
        if (!existsSync(path.resolve(ROOT, path.dirname(file), target))) broken.push(`${file} → ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('the README names docs/format.md as the reference for the file formats', () => {
    expect(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toMatch(/Full reference: \[docs\/format\.md\]\(docs\/format\.md\)/);
    expect(readFileSync(path.join(ROOT, 'docs', 'format.md'), 'utf8')).toMatch(/^This page is the reference/m);
  });

  it('the README states no test count or suite duration (such figures go stale)', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    expect(readme).not.toMatch(/\b\d[\d,]*\s+tests\b/i);
    expect(readme).not.toMatch(/test suite \([^)]*(minute|second)/i);
  });
});
