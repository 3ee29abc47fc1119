import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, DiagnosticTag } from 'vscode-languageserver-types';
import { ARTICLE, CODEBOOK, codes, diagnosticsFor, lastRangeOf, message, only, rangeOf, workspace } from './helpers';

/** An annotation file beside the article, with the given annotations block. */
function annotations(body: string, head = 'article: ../articles/riyadh.txt\n'): string {
  return `${head}annotations:\n${body}`;
}

async function check(annotationText: string, extra: Record<string, string> = {}) {
  return diagnosticsFor({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': annotationText, ...extra }, 'annotations/riyadh.stance.yaml');
}

const VALID = annotations(`  - id: meeting
    sentence: 3
    quote: held a high-level meeting in Riyadh
    actors: [us, russia, saudi-arabia]
  - sentence: 4
    actors: [rubio]
    stances:
      - actor: rubio
        toward: us-russia-dialogue
        stance: supports
  - quote: still opposes Ukraine's NATO membership
    actors: [russia, lavrov, ukraine]
    stances:
      - { actor: russia, toward: ukraine-nato-membership, stance: opposes }
      - { actor: ukraine, toward: russia, stance: opposes }
    note: Curly apostrophe in the article, straight in the quote.
`);

describe('a valid annotation file', () => {
  it('has no diagnostics', async () => {
    expect(await check(VALID)).toEqual([]);
  });

  it('leaves the codebook clean when every entry is used', async () => {
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': VALID });
    await service.initialize();
    expect(await service.diagnostics(ws.uri('codebook.yaml'))).toEqual([]);
  });
});

describe('yaml-syntax', () => {
  it('reports broken YAML at the error', async () => {
    const text = annotations('  - sentence: 3\n    actors: [us, russia\n');
    const diagnostics = await check(text);
    expect(codes(diagnostics)).toContain('yaml-syntax');
    expect(only(diagnostics, 'yaml-syntax')[0].severity).toBe(DiagnosticSeverity.Error);
  });

  it('reports a duplicate key on the repeated key, naming it', async () => {
    const text = annotations('  - sentence: 3\n    sentence: 4\n    actors: [us]\n');
    const [diagnostic] = only(await check(text), 'yaml-syntax');
    expect(diagnostic.range).toEqual(rangeOf(text, 'sentence', 1));
    expect(message(diagnostic)).toContain('`sentence`');
  });
});

describe('schema', () => {
  it('requires article and annotations', async () => {
    const text = 'codebook: ../codebook.yaml\n';
    const diagnostics = only(await check(text), 'schema');
    expect(diagnostics.map(message).join('\n')).toMatch(/Missing `article`[\s\S]*Missing `annotations`/);
    expect(diagnostics[0].range).toEqual(rangeOf(text, 'codebook'));
  });

  it('requires sentence or quote in each annotation, at its first key', async () => {
    const text = annotations('  - actors: [us]\n');
    const [diagnostic] = only(await check(text), 'schema');
    expect(diagnostic.range).toEqual(rangeOf(text, 'actors'));
    expect(message(diagnostic)).toContain('needs `sentence`');
  });

  it('rejects a sentence that is not a whole number', async () => {
    const text = annotations('  - sentence: "3"\n    actors: [us]\n  - sentence: 2.5\n');
    const diagnostics = only(await check(text), 'schema');
    expect(diagnostics.map((d) => d.range)).toEqual([rangeOf(text, '"3"'), rangeOf(text, '2.5')]);
    expect(message(diagnostics[0])).toContain('whole number');
  });

  it('warns about unknown keys with a suggestion, as a warning', async () => {
    const text = annotations('  - sentence: 3\n    actor: [us]\n');
    const [diagnostic] = only(await check(text), 'schema');
    expect(diagnostic.severity).toBe(DiagnosticSeverity.Warning);
    expect(diagnostic.range).toEqual(rangeOf(text, 'actor'));
    expect(message(diagnostic)).toContain('Did you mean `actors`?');
  });

  it('checks the kinds of values: actors must be a list, stances must have actor, toward and stance', async () => {
    const text = annotations('  - sentence: 3\n    actors: us\n    stances:\n      - actor: us\n        stance: supports\n');
    const diagnostics = only(await check(text), 'schema');
    expect(diagnostics.map(message).join('\n')).toContain('`actors` must be a list');
    expect(diagnostics.map(message).join('\n')).toContain('missing `toward`');
  });

  it('reports an empty file and a file that is not a mapping', async () => {
    expect(message(only(await check(''), 'schema')[0])).toContain('empty');
    expect(message(only(await check('- just\n- a list\n'), 'schema')[0])).toContain('must be a mapping');
  });
});

describe('article-not-found', () => {
  it('fires when the article does not exist, on the article value', async () => {
    const text = annotations('  - sentence: 1\n', 'article: ../articles/missing.txt\n');
    const [diagnostic] = only(await check(text), 'article-not-found');
    expect(diagnostic.range).toEqual(rangeOf(text, '../articles/missing.txt'));
    expect(message(diagnostic)).toContain('articles/missing.txt');
  });

  it('fires for a folder and for a binary file', async () => {
    const folder = annotations('  - sentence: 1\n', 'article: ../articles\n');
    expect(message(only(await check(folder), 'article-not-found')[0])).toContain('folder');
    const binary = annotations('  - sentence: 1\n', 'article: ../articles/scan.txt\n');
    const diagnostics = await diagnosticsFor(
      { 'codebook.yaml': CODEBOOK, 'articles/scan.txt': new Uint8Array([0x25, 0x50, 0x00, 0xff]), 'a.stance.yaml': binary.replace('../articles', 'articles') },
      'a.stance.yaml',
    );
    expect(message(only(diagnostics, 'article-not-found')[0])).toContain('NUL');
  });

  it('stays silent (no sentence errors either) only when the article is there', async () => {
    expect(codes(await check(VALID))).not.toContain('article-not-found');
  });
});

describe('outside-workspace', () => {
  it('fires for ../ out of the folder and absolute paths, without reading them', async () => {
    const text = annotations('  - sentence: 1\n', 'article: ../../outside.txt\n');
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'annotations/a.stance.yaml': text });
    await service.initialize();
    const [diagnostic] = only(await service.diagnostics(ws.uri('annotations/a.stance.yaml')), 'outside-workspace');
    expect(diagnostic.range).toEqual(rangeOf(text, '../../outside.txt'));
    expect(ws.reads.some((uri) => uri.includes('outside'))).toBe(false);

    const absolute = annotations('  - sentence: 1\n', 'article: /etc/passwd\ncodebook: C:\\corpus\\codebook.yaml\n');
    const diagnostics = await check(absolute);
    expect(only(diagnostics, 'outside-workspace')).toHaveLength(2);
  });

  it('fires when a symbolic link leads out of the workspace', async () => {
    const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'a.stance.yaml': annotations('  - sentence: 1\n', 'article: link.txt\n') });
    ws.symlink('link.txt', 'file:///elsewhere/secret.txt');
    await service.initialize();
    const [diagnostic] = only(await service.diagnostics(ws.uri('a.stance.yaml')), 'outside-workspace');
    expect(message(diagnostic)).toContain('symbolic link');
  });
});

describe('codebook-not-found', () => {
  it('fires when no codebook.yaml is found upward, at the first key', async () => {
    const text = annotations('  - sentence: 1\n');
    const diagnostics = await diagnosticsFor({ 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': text }, 'annotations/riyadh.stance.yaml');
    const [diagnostic] = only(diagnostics, 'codebook-not-found');
    expect(diagnostic.range).toEqual(rangeOf(text, 'article'));
  });

  it('fires when the named codebook is missing, on the codebook value', async () => {
    const text = annotations('  - sentence: 1\n', 'article: ../articles/riyadh.txt\ncodebook: ../codes.yaml\n');
    const [diagnostic] = only(await check(text), 'codebook-not-found');
    expect(diagnostic.range).toEqual(rangeOf(text, '../codes.yaml'));
  });

  it('finds the nearest codebook.yaml in a parent folder and prefers the closest', async () => {
    const nested = annotations('  - sentence: 3\n    actors: [nato]\n', 'article: ../../articles/riyadh.txt\n');
    const local = 'actors:\n  nato:\n    name: NATO\n    type: organization\n';
    const diagnostics = await diagnosticsFor({ 'codebook.yaml': CODEBOOK, 'deep/er/codebook.yaml': local, 'articles/riyadh.txt': ARTICLE, 'deep/er/x.stance.yaml': nested }, 'deep/er/x.stance.yaml');
    expect(codes(diagnostics)).not.toContain('codebook-not-found');
    expect(codes(diagnostics)).not.toContain('unknown-actor');
  });
});

describe('sentence-out-of-range', () => {
  it('gives the article sentence count', async () => {
    const text = annotations('  - sentence: 42\n  - sentence: 0\n');
    const diagnostics = only(await check(text), 'sentence-out-of-range');
    expect(diagnostics.map((d) => d.range)).toEqual([rangeOf(text, '42'), rangeOf(text, '0', 0)]);
    expect(message(diagnostics[0])).toContain('has 6 sentences');
  });

  it('is silent for the last sentence', async () => {
    expect(codes(await check(annotations('  - sentence: 6\n    actors: [saudi-arabia]\n')))).toEqual([]);
  });
});

describe('quote-not-found', () => {
  it('names the closest sentence and how it differs', async () => {
    const text = annotations('  - sentence: 3\n    quote: held a high level meeting in Riyadh\n');
    const [diagnostic] = only(await check(text), 'quote-not-found');
    expect(diagnostic.range).toEqual(rangeOf(text, 'held a high level meeting in Riyadh'));
    expect(message(diagnostic)).toContain('sentence 3');
    expect(message(diagnostic)).toContain('“high-level”');
    expect(message(diagnostic)).toContain('“high level”');
  });

  it('says when no sentence comes close', async () => {
    const text = annotations('  - quote: completely unrelated words about fisheries policy\n');
    expect(message(only(await check(text), 'quote-not-found')[0])).toContain('No sentence comes close');
  });

  it('rejects a quote that runs across two sentences', async () => {
    const text = annotations('  - quote: on Tuesday. Mr. Rubio\n');
    expect(message(only(await check(text), 'quote-not-found')[0])).toContain('across sentences 3 to 4');
  });

  it('matches white space runs and straight quotes loosely, but case exactly', async () => {
    const loose = annotations('  - sentence: 4\n    quote: "called it \\"a useful   first step.\\""\n    actors: [rubio]\n');
    expect(await check(loose)).toEqual([]);
    const caseDiffers = annotations('  - sentence: 4\n    quote: Called it\n');
    expect(codes(await check(caseDiffers))).toEqual(['quote-not-found']);
  });
});

describe('quote-sentence-mismatch', () => {
  it('fires when the quote is in another sentence, naming it', async () => {
    const text = annotations('  - sentence: 4\n    quote: welcomed the dialogue\n');
    const [diagnostic] = only(await check(text), 'quote-sentence-mismatch');
    expect(diagnostic.severity).toBe(DiagnosticSeverity.Warning);
    expect(message(diagnostic)).toContain('sentence 6');
    expect(diagnostic.data).toMatchObject({ sentences: [6] });
  });
});

describe('quote-ambiguous', () => {
  it('fires for a quote alone that occurs in several sentences, and not when sentence is given', async () => {
    const text = annotations('  - quote: the\n');
    const [diagnostic] = only(await check(text), 'quote-ambiguous');
    expect(diagnostic.severity).toBe(DiagnosticSeverity.Warning);
    expect(message(diagnostic)).toContain('2 sentences (1 and 6)');
    expect(codes(await check(annotations('  - sentence: 1\n    quote: the\n')))).toEqual([]);
  });
});

describe('unknown ids', () => {
  it('unknown-actor suggests by alias, by case and by edit distance, with the codebook as related information', async () => {
    const text = annotations('  - sentence: 3\n    actors: [Moscow, US, rusia, zzzz]\n');
    const diagnostics = only(await check(text), 'unknown-actor');
    expect(diagnostics.map((d) => d.range)).toEqual([rangeOf(text, 'Moscow'), rangeOf(text, 'US'), rangeOf(text, 'rusia'), rangeOf(text, 'zzzz')]);
    expect(message(diagnostics[0])).toContain('Did you mean `russia`');
    expect(message(diagnostics[1])).toContain('Did you mean `us`');
    expect(message(diagnostics[2])).toContain('Did you mean `russia`');
    expect(message(diagnostics[3])).toContain('Add `zzzz` to the codebook');
    expect(diagnostics[0].relatedInformation?.[0].location.uri).toBe('file:///ws/codebook.yaml');
    expect(diagnostics[0].relatedInformation?.[0].location.range).toEqual(rangeOf(CODEBOOK, 'actors'));
  });

  it('unknown-actor says when the id is a topic', async () => {
    const text = annotations('  - sentence: 3\n    actors: [us-russia-dialogue]\n');
    expect(message(only(await check(text), 'unknown-actor')[0])).toContain('is a topic, not an actor');
  });

  it('unknown-target suggests a topic or actor', async () => {
    const text = annotations('  - sentence: 4\n    actors: [rubio]\n    stances:\n      - { actor: rubio, toward: ukraine-nato, stance: opposes }\n');
    const [diagnostic] = only(await check(text), 'unknown-target');
    expect(diagnostic.range).toEqual(rangeOf(text, 'ukraine-nato', 0));
    expect(message(diagnostic)).toContain('`ukraine-nato-membership`');
  });

  it('unknown-stance lists the vocabulary and suggests the nearest value', async () => {
    const text = annotations('  - sentence: 4\n    stances:\n      - { actor: rubio, toward: us-russia-dialogue, stance: Support }\n');
    const [diagnostic] = only(await check(text), 'unknown-stance');
    expect(diagnostic.range).toEqual(rangeOf(text, 'Support'));
    expect(message(diagnostic)).toContain('Did you mean `supports`');
  });

  it('uses the codebook stance vocabulary when it declares one', async () => {
    const codebook = `${CODEBOOK}stances:\n  endorses: { label: Endorses, polarity: 1 }\n  rejects: { label: Rejects, polarity: -1 }\n`;
    const text = annotations('  - sentence: 4\n    stances:\n      - { actor: rubio, toward: us-russia-dialogue, stance: supports }\n      - { actor: rubio, toward: russia, stance: endorses }\n');
    const diagnostics = await check(text, { 'codebook.yaml': codebook });
    expect(only(diagnostics, 'unknown-stance').map((d) => d.range)).toEqual([rangeOf(text, 'supports')]);
  });
});

describe('duplicate-id', () => {
  it('fires on the second use, pointing at the first, with a unique suggestion', async () => {
    const text = annotations('  - id: meeting\n    sentence: 3\n  - id: meeting\n    sentence: 4\n');
    const [diagnostic] = only(await check(text), 'duplicate-id');
    expect(diagnostic.range).toEqual(rangeOf(text, 'meeting', 1));
    expect(diagnostic.relatedInformation?.[0].location.range).toEqual(rangeOf(text, 'meeting', 0));
    expect(message(diagnostic)).toContain('`meeting-2`');
  });

  it('fires in a codebook when a topic id is also an actor id', async () => {
    const codebook = `${CODEBOOK}  russia:\n    label: Russia as a topic\n`;
    const diagnostics = await diagnosticsFor({ 'codebook.yaml': codebook }, 'codebook.yaml');
    const [diagnostic] = only(diagnostics, 'duplicate-id');
    expect(diagnostic.range).toEqual(lastRangeOf(codebook, 'russia'));
    expect(diagnostic.relatedInformation?.[0].location.range).toEqual(rangeOf(codebook, 'russia', 0));
  });
});

describe('actor-not-mentioned', () => {
  it('fires (info) when no name, alias or id of a tagged actor is in the sentence', async () => {
    const text = annotations('  - sentence: 6\n    actors: [saudi-arabia, ukraine]\n');
    const diagnostics = await check(text);
    const [diagnostic] = only(diagnostics, 'actor-not-mentioned');
    expect(diagnostic.severity).toBe(DiagnosticSeverity.Information);
    expect(diagnostic.range).toEqual(rangeOf(text, 'ukraine'));
    expect(only(diagnostics, 'actor-not-mentioned')).toHaveLength(1);
  });

  it('matches whole words only, case-insensitively, through possessives and curly apostrophes', async () => {
    // Sentence 5: “Lavrov,” “Russia” and “Ukraine’s” (possessive, curly apostrophe) all count; sentence 2 names nobody.
    const text = annotations('  - sentence: 5\n    actors: [russia, lavrov, ukraine]\n  - sentence: 2\n    actors: [saudi-arabia]\n');
    const diagnostics = await check(text);
    expect(only(diagnostics, 'actor-not-mentioned').map((d) => d.range)).toEqual([rangeOf(text, 'saudi-arabia')]);
  });

  it('also checks actors that only appear in stances', async () => {
    const text = annotations('  - sentence: 6\n    stances:\n      - { actor: lavrov, toward: us-russia-dialogue, stance: supports }\n');
    expect(only(await check(text), 'actor-not-mentioned').map((d) => d.range)).toEqual([rangeOf(text, 'lavrov')]);
  });
});

describe('conflicting-stance', () => {
  it('fires when one actor takes opposite polarities toward one target in a file', async () => {
    const text = annotations(`  - sentence: 5
    stances:
      - { actor: russia, toward: ukraine-nato-membership, stance: opposes }
  - sentence: 3
    stances:
      - { actor: russia, toward: ukraine-nato-membership, stance: supports }
      - { actor: russia, toward: ukraine-nato-membership, stance: neutral }
`);
    const [diagnostic, ...rest] = only(await check(text), 'conflicting-stance');
    expect(rest).toEqual([]);
    expect(diagnostic.range).toEqual(rangeOf(text, 'supports'));
    expect(diagnostic.relatedInformation?.[0].location.range).toEqual(rangeOf(text, 'opposes'));
  });
});

describe('duplicate-annotation', () => {
  it('fires when two annotations tag one sentence with the same actors and stances', async () => {
    const text = annotations('  - sentence: 3\n    actors: [us, russia]\n  - quote: held a high-level meeting\n    actors: [russia, us]\n  - sentence: 3\n    actors: [us]\n');
    const [diagnostic, ...rest] = only(await check(text), 'duplicate-annotation');
    expect(rest).toEqual([]);
    expect(diagnostic.range).toEqual(rangeOf(text, 'held a high-level meeting'));
    expect(diagnostic.relatedInformation?.[0].location.range).toEqual(rangeOf(text, '3', 0));
  });
});

describe('duplicate-annotation with quotes', () => {
  it('does not fire for two different quotes from one sentence', async () => {
    const text = annotations('  - quote: Senior officials\n    actors: [us]\n  - quote: from Washington\n    actors: [us]\n');
    expect(codes(await check(text))).toEqual([]);
  });
});

describe('codebook checks', () => {
  const codebook = (extra: string) => `actors:\n  us:\n    name: United States\n    type: state\n    aliases: [US, Washington]\n${extra}`;

  it('unknown-affiliation: an affiliation that names no actor, with a suggestion', async () => {
    const text = codebook('  rubio:\n    name: Marco Rubio\n    type: person\n    affiliation: usa\n');
    const [diagnostic] = only(await diagnosticsFor({ 'codebook.yaml': text }, 'codebook.yaml'), 'unknown-affiliation');
    expect(diagnostic.range).toEqual(rangeOf(text, 'usa'));
    expect(message(diagnostic)).toContain('Did you mean `us`');
  });

  it('unknown-affiliation: a cycle, reported once', async () => {
    const text = codebook('  a:\n    name: A\n    affiliation: b\n  b:\n    name: B\n    affiliation: a\n  c:\n    name: C\n    affiliation: c\n');
    const diagnostics = only(await diagnosticsFor({ 'codebook.yaml': text }, 'codebook.yaml'), 'unknown-affiliation');
    expect(diagnostics).toHaveLength(2);
    expect(message(diagnostics[0])).toContain('`a` → `b` → `a`');
    expect(message(diagnostics[1])).toContain('itself');
  });

  it('duplicate-alias: two actors share an alias (case-insensitive)', async () => {
    const text = codebook('  white-house:\n    name: The White House\n    type: organization\n    aliases: [washington]\n');
    const [diagnostic] = only(await diagnosticsFor({ 'codebook.yaml': text }, 'codebook.yaml'), 'duplicate-alias');
    expect(diagnostic.severity).toBe(DiagnosticSeverity.Warning);
    expect(diagnostic.range).toEqual(rangeOf(text, 'washington'));
    expect(diagnostic.relatedInformation?.[0].location.range).toEqual(rangeOf(text, 'Washington'));
  });

  it('unused-entry: a hint, faded, for entries no annotation uses', async () => {
    const { ws, service } = workspace({
      'codebook.yaml': CODEBOOK,
      'articles/riyadh.txt': ARTICLE,
      'a.stance.yaml': 'article: articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [us, russia]\n',
    });
    await service.initialize();
    const diagnostics = await service.diagnostics(ws.uri('codebook.yaml'));
    expect(codes(diagnostics)).toEqual(['unused-entry', 'unused-entry', 'unused-entry', 'unused-entry', 'unused-entry', 'unused-entry']);
    expect(diagnostics[0].severity).toBe(DiagnosticSeverity.Hint);
    expect(diagnostics[0].tags).toEqual([DiagnosticTag.Unnecessary]);
    expect(diagnostics[0].range).toEqual(rangeOf(CODEBOOK, 'ukraine:'.slice(0, 7), 0));
  });

  it('unused-entry: silent when no annotation file uses the codebook yet', async () => {
    expect(await diagnosticsFor({ 'codebook.yaml': CODEBOOK }, 'codebook.yaml')).toEqual([]);
  });

  it('schema: invalid ids, unknown types, missing names, bad rules', async () => {
    const text = 'actors:\n  Russia:\n    name: Russia\n    type: country\n  nato:\n    type: organization\nrules:\n  actor-mentioned: off\n  unused-entry: loud\n';
    const diagnostics = only(await diagnosticsFor({ 'codebook.yaml': text }, 'codebook.yaml'), 'schema');
    const all = diagnostics.map(message).join('\n');
    expect(all).toContain('`Russia` is not a valid actor id');
    expect(all).toContain('`country` is not an actor type');
    expect(all).toContain('needs a `name`');
    expect(all).toContain('did you mean `actor-not-mentioned`');
    expect(all).toContain('must be one of off, hint, info, warning, error');
  });
});

describe('rules', () => {
  it('changes severities and turns codes off for the annotation files and the codebook', async () => {
    const codebook = `${CODEBOOK}rules:\n  actor-not-mentioned: error\n  unknown-actor: off\n  unused-entry: off\n`;
    const text = annotations('  - sentence: 6\n    actors: [ukraine, nobody]\n');
    const { ws, service } = workspace({ 'codebook.yaml': codebook, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': text });
    await service.initialize();
    const diagnostics = await service.diagnostics(ws.uri('annotations/riyadh.stance.yaml'));
    expect(codes(diagnostics)).toEqual(['actor-not-mentioned']);
    expect(diagnostics[0].severity).toBe(DiagnosticSeverity.Error);
    expect(await service.diagnostics(ws.uri('codebook.yaml'))).toEqual([]);
  });
});

describe('alias bombs and limits', () => {
  it('does not expand an alias bomb: the walk follows the schema, so the check stays small and fast', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      levels.push(
        `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
          .fill(`*${'abcdefghi'[i - 1]}`)
          .join(',')}]`,
      );
    const text = `${levels.join('\n')}\narticle: ../articles/riyadh.txt\nannotations: *i\n`;
    const started = Date.now();
    const diagnostics = await check(text);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(diagnostics.length).toBeLessThan(50);
    expect(codes(diagnostics)).toContain('schema');
  });

  it('caps the number of alias expansions with a yaml-syntax diagnostic', async () => {
    const text = `article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [&u us, ${Array(12_000).fill('*u').join(', ')}]\n`;
    const diagnostics = await check(text);
    const [diagnostic] = diagnostics.filter((d) => d.code === 'yaml-syntax');
    expect(message(diagnostic)).toContain('alias bomb');
  });

  it('refuses an oversized article with a clear message', async () => {
    const { ws } = workspace({});
    const { createLanguageService } = await import('../src/service/index');
    ws.write('codebook.yaml', CODEBOOK);
    ws.write('big.txt', 'word '.repeat(300));
    ws.write('a.stance.yaml', 'article: big.txt\nannotations:\n  - sentence: 1\n');
    const service = createLanguageService({ workspace: ws, limits: { maxArticleBytes: 1000 } });
    await service.initialize();
    const [diagnostic] = only(await service.diagnostics(ws.uri('a.stance.yaml')), 'article-not-found');
    expect(message(diagnostic)).toContain("over Standpoint's limit");
  });
});
