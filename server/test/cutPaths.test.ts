/**
 * A path YAML cut at ` #` (issue 10, item 5): `article: ../articles/odd name
 * #1.txt` reads `../articles/odd name`, because ` #` starts a comment. When
 * the file named that way does not exist, `article-not-found` (and
 * `codebook-not-found`) says the value was cut and how to quote it; when the
 * file named by the whole line exists, a quick fix quotes the path.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { ARTICLE, CODEBOOK, message, positionAt, workspace } from './helpers';

const FILE = 'annotations/odd.stance.yaml';

/** Offsets of the edit's range worked out here from lines split at \n (the range's line and UTF-16 character). */
function applied(text: string, edits: readonly TextEdit[]): string {
  let result = text;
  const offset = (line: number, character: number) => {
    let at = 0;
    for (let l = 0; l < line; l++) at = result.indexOf('\n', at) + 1;
    return at + character;
  };
  for (const edit of [...edits].reverse())
    result = result.slice(0, offset(edit.range.start.line, edit.range.start.character)) + edit.newText + result.slice(offset(edit.range.end.line, edit.range.end.character));
  return result;
}

async function setup(text: string, files: Record<string, string> = {}) {
  const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, [FILE]: text, ...files });
  await service.initialize();
  const uri = ws.uri(FILE);
  return { ws, service, uri };
}

function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic {
  const found = diagnostics.filter((d) => d.code === code);
  expect(found, JSON.stringify(diagnostics.map((d) => d.code))).toHaveLength(1);
  return found[0];
}

describe('a path cut at ` #`', () => {
  for (const eol of ['\n', '\r\n']) {
    const crlf = eol === '\r\n' ? ' (CRLF)' : '';
    const text = ['article: ../articles/odd name #1.txt', 'annotations:', '  - sentence: 3', '    actors: [us]', ''].join(eol);

    it(`names the cut and the quoted path; the file exists, so a quick fix quotes it${crlf}`, async () => {
      const { ws, service, uri } = await setup(text, { 'articles/odd name #1.txt': ARTICLE });
      const diagnostic = only(await service.diagnostics(uri), 'article-not-found');
      expect(diagnostic.range).toEqual({ start: positionAt(text, 9), end: positionAt(text, 9 + '../articles/odd name'.length) });
      expect(message(diagnostic)).toBe(
        'Article `../articles/odd name` cannot be used: there is no such file (looked at articles/odd name). The path is relative to this annotation file. ' +
          'The value was cut at ` #`, which YAML reads as the start of a comment; `../articles/odd name #1.txt` exists: quote the path, `article: "../articles/odd name #1.txt"`.',
      );
      const actions = await service.codeActions(uri, diagnostic.range, [diagnostic]);
      expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([['Quote the path: "../articles/odd name #1.txt"', true]]);
      const fixed = applied(text, actions[0].edit!.changes![uri]);
      expect(fixed).toBe(text.replace('article: ../articles/odd name #1.txt', 'article: "../articles/odd name #1.txt"'));
      // Applied, the file is read and the problem is gone.
      ws.write(FILE, fixed);
      await service.check(service.changed([uri]));
      expect((await service.diagnostics(uri)).map((d) => d.code)).toEqual([]);
    });

    it(`names the cut and the quoted path, with no fix, when that file does not exist either${crlf}`, async () => {
      const { service, uri } = await setup(text);
      const diagnostic = only(await service.diagnostics(uri), 'article-not-found');
      expect(message(diagnostic)).toBe(
        'Article `../articles/odd name` cannot be used: there is no such file (looked at articles/odd name). The path is relative to this annotation file. ' +
          'The value was cut at ` #`, which YAML reads as the start of a comment; if the name goes on after it, quote the path: `article: "../articles/odd name #1.txt"`.',
      );
      expect(await service.codeActions(uri, diagnostic.range, [diagnostic])).toEqual([]);
    });
  }

  it('a file created later under the whole name changes the message (it is a dependency)', async () => {
    const text = 'article: ../articles/odd name #1.txt\nannotations:\n  - sentence: 1\n';
    const { ws, service, uri } = await setup(text);
    expect(message(only(await service.diagnostics(uri), 'article-not-found'))).toContain('if the name goes on after it');
    const created = ws.write('articles/odd name #1.txt', ARTICLE);
    await service.check(service.changed([created]));
    expect(message(only(await service.diagnostics(uri), 'article-not-found'))).toContain('`../articles/odd name #1.txt` exists: quote the path');
  });

  it('a codebook path is treated alike', async () => {
    const text = 'article: ../articles/riyadh.txt\ncodebook: ../books/main #2.yaml   \nannotations:\n  - sentence: 3\n    actors: [us]\n';
    const { service, uri } = await setup(text, { 'books/main #2.yaml': CODEBOOK });
    const diagnostic = only(await service.diagnostics(uri), 'codebook-not-found');
    expect(message(diagnostic)).toBe(
      'Codebook `../books/main` cannot be used: there is no such file (looked at books/main). Fix the path, or remove `codebook:` to use the nearest codebook.yaml. ' +
        'The value was cut at ` #`, which YAML reads as the start of a comment; `../books/main #2.yaml` exists: quote the path, `codebook: "../books/main #2.yaml"`.',
    );
    const [action] = await service.codeActions(uri, diagnostic.range, [diagnostic]);
    // The trailing spaces after the name stay where they were.
    expect(applied(text, action.edit!.changes![uri])).toBe(text.replace('codebook: ../books/main #2.yaml', 'codebook: "../books/main #2.yaml"'));
  });

  it('says nothing of comments for a quoted path, a path with no comment, or a comment after an existing path', async () => {
    const quoted = await setup('article: "../articles/gone.txt" # moved?\nannotations:\n  - sentence: 1\n');
    expect(message(only(await quoted.service.diagnostics(quoted.uri), 'article-not-found'))).not.toContain('#');
    const plain = await setup('article: ../articles/gone.txt\nannotations:\n  - sentence: 1\n');
    expect(message(only(await plain.service.diagnostics(plain.uri), 'article-not-found'))).not.toContain('cut');
    const fine = await setup('article: ../articles/riyadh.txt   # the Riyadh piece\nannotations:\n  - sentence: 3\n    actors: [us]\n');
    expect(await fine.service.diagnostics(fine.uri)).toEqual([]);
  });

  it('a stale diagnostic (the line was edited since) gets no fix', async () => {
    const text = 'article: ../articles/odd name #1.txt\nannotations:\n  - sentence: 1\n';
    const { ws, service, uri } = await setup(text, { 'articles/odd name #1.txt': ARTICLE });
    const diagnostic = only(await service.diagnostics(uri), 'article-not-found');
    ws.write(FILE, text.replace('#1.txt', '#2.txt'));
    service.changed([uri]);
    expect(await service.codeActions(uri, diagnostic.range, [diagnostic])).toEqual([]);
  });
});
