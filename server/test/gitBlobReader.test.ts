/**
 * BlobReader: many blobs through one `git cat-file --batch`, answered in the
 * order asked, with a blob's exact bytes (binary, CRLF, empty, larger than a
 * pipe's buffer); a missing or malformed id is no blob; reading again after
 * the process ended starts another.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findGit, Git, gitAvailable } from '../src/node/git';

const HAVE_GIT = gitAvailable();

describe.skipIf(!HAVE_GIT)('BlobReader', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'standpoint-blobs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const contents = [
    Buffer.from('Sentence one. Sentence “two” 🇺🇦.\r\n', 'utf8'),
    Buffer.alloc(0),
    Buffer.from([0, 1, 2, 255, 10, 13, 10]),
    Buffer.from('x'.repeat(300_000) + '\n'), // more than one pipe read
  ];
  execFileSync('git', ['init', '-q'], { cwd: dir });
  // The ids git gives each blob, asked of git itself (not of the code under test).
  const ids = contents.map((content, i) => {
    const file = path.join(dir, `blob${i}`);
    writeFileSync(file, content);
    return execFileSync('git', ['hash-object', '-w', file], { cwd: dir, encoding: 'utf8' }).trim();
  });

  it('answers reads asked at once, in order, byte for byte; a missing or malformed id is undefined', async () => {
    const reader = new Git(findGit([])!).blobReader(dir);
    const missing = 'f'.repeat(40);
    const answers = await Promise.all([...ids, missing, 'HEAD; rm -rf /', ids[0]].map((id) => reader.read(id)));
    expect(answers.slice(0, 4).map((b) => b?.toString('hex'))).toEqual(contents.map((c) => c.toString('hex')));
    expect(answers[4]).toBeUndefined();
    expect(answers[5]).toBeUndefined();
    expect(answers[6]?.equals(contents[0])).toBe(true);
    reader.dispose();
    // A read after the process ended starts another.
    expect((await reader.read(ids[2]))?.equals(contents[2])).toBe(true);
    reader.dispose();
  });
});
