import { describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Hover, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { LineMap } from '../src/service/text/lineMap';
import { applyEdits } from '../src/service/text/edits';
import { ARTICLE, CODEBOOK, positionOf, rangeOf, rangeWithin, workspace } from './helpers';

const ANNOTATIONS = `# Coding of the Riyadh article
article: ../articles/riyadh.txt
annotations:
  - id: meeting
    sentence: 3
    quote: held a high-level meeting
    actors: [us, russia]
    stances:
      - { actor: us, toward: us-russia-dialogue, stance: supports }
      - { actor: russia, toward: us-russia-dialogue, stance: supports }
  - sentence: 5
    actors: [russia, lavrov, ukraine]
    stances:
      - { actor: russia, toward: ukraine-nato-membership, stance: opposes }
      - { actor: ukraine, toward: russia, stance: opposes }
    note: Lavrov restates the old line.
`;

const SECOND = `article: ../articles/riyadh.txt
annotations:
  - sentence: 6
    actors: [saudi-arabia]
    stances:
      - { actor: saudi-arabia, toward: us-russia-dialogue, stance: supports }
  - sentence: 4
    actors: [rubio]
`;

async function setup(files: Record<string, string> = {}) {
  const { ws, service } = workspace({
    'codebook.yaml': CODEBOOK,
    'articles/riyadh.txt': ARTICLE,
    'annotations/riyadh.stance.yaml': ANNOTATIONS,
    'annotations/second.stance.yaml': SECOND,
    ...files,
  });
  await service.initialize();
  return { ws, service, uri: ws.uri('annotations/riyadh.stance.yaml'), codebookUri: ws.uri('codebook.yaml'), articleUri: ws.uri('articles/riyadh.txt') };
}

const hoverText = (hover: Hover | undefined) => (hover?.contents as { value: string } | undefined)?.value ?? '';

/** Applies a workspace edit's changes for one file. */
function applied(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  const edits: TextEdit[] = edit?.changes?.[uri] ?? [];
  return applyEdits(text, new LineMap(text), edits);
}

describe('hover on ids and paths', () => {
  it('actor id: name, type, affiliation, aliases, how often it is tagged and its stances by topic', async () => {
    const { service, uri } = await setup();
    const text = hoverText(await service.hover(uri, positionOf(ANNOTATIONS, 'russia]')));
    expect(text).toContain('**Russia** · `russia` · state');
    expect(text).toContain('Aliases: Moscow, the Kremlin');
    expect(text).toContain('Tagged in 2 annotations across 1 file.');
    expect(text).toContain('Stances: opposes ukraine-nato-membership ×1 · supports us-russia-dialogue ×1');
    expect(text).toContain('Stances toward it: opposes ukraine ×1');
  });

  it('person: shows the affiliation with its name', async () => {
    const { service, uri } = await setup();
    expect(hoverText(await service.hover(uri, positionOf(ANNOTATIONS, 'lavrov,')))).toContain('affiliated with `russia` (Russia)');
  });

  it('topic id: label, description, and who supports or opposes it, with counts across files', async () => {
    const { service, uri } = await setup();
    const text = hoverText(await service.hover(uri, positionOf(ANNOTATIONS, 'us-russia-dialogue')));
    expect(text).toContain('**Direct US–Russia dialogue** · topic `us-russia-dialogue`');
    expect(text).toContain('Supports: russia ×1 · saudi-arabia ×1 · us ×1');
  });

  it('stance value: label and polarity', async () => {
    const { service, uri } = await setup();
    expect(hoverText(await service.hover(uri, positionOf(ANNOTATIONS, 'opposes }')))).toBe('**Opposes** · stance `opposes` · polarity -1 (against)');
  });

  it('article: first line, sentence count and coverage', async () => {
    const { service, uri } = await setup();
    const text = hoverText(await service.hover(uri, positionOf(ANNOTATIONS, '../articles')));
    expect(text).toContain('Talks in Riyadh Test the Limits of a Thaw');
    expect(text).toContain('6 sentences · 2 annotated in this file (33%) · 2 annotations');
  });

  it('codebook: counts of actors and topics', async () => {
    const text = 'article: ../articles/riyadh.txt\ncodebook: ../codebook.yaml\nannotations: []\n';
    const { service, ws } = await setup({ 'annotations/third.stance.yaml': text });
    expect(hoverText(await service.hover(ws.uri('annotations/third.stance.yaml'), positionOf(text, '../codebook')))).toBe('**codebook.yaml** · 6 actors · 2 topics · 4 stance values');
  });

  it('in a codebook: the actor key shows usage too', async () => {
    const { service, codebookUri } = await setup();
    expect(hoverText(await service.hover(codebookUri, positionOf(CODEBOOK, 'saudi-arabia:')))).toContain('Tagged in 1 annotation across 1 file.');
  });

  it('in an article: a sentence lists the annotations that tag it, with links', async () => {
    const { service, articleUri, uri } = await setup();
    const hover = await service.hover(articleUri, positionOf(ARTICLE, 'Sergey V. Lavrov'));
    const text = hoverText(hover);
    expect(text).toContain('**Sentence 5** · `riyadh.stance.yaml` · 1 annotation');
    expect(text).toContain(`[annotation 2](${uri}#L11)`);
    expect(text).toContain('russia opposes ukraine-nato-membership');
    expect(text).toContain('*Lavrov restates the old line.*');
    expect(text).toContain('**Sentence 5** · `second.stance.yaml` · not annotated');
    expect(hover?.range).toEqual(rangeOf(ARTICLE, 'The Kremlin’s envoy, Sergey V. Lavrov, said Russia still opposes Ukraine’s NATO membership — a line Kyiv rejects.'));
  });

  it('in a text file no annotation file references: nothing', async () => {
    const { ws, service } = await setup({ 'notes.txt': 'Just notes.' });
    expect(await service.hover(ws.uri('notes.txt'), { line: 0, character: 2 })).toBeUndefined();
  });
});

describe('find references', () => {
  it('on an actor id in an annotation file: every use across files, the affiliations, and the declaration', async () => {
    const { service, uri, codebookUri, ws } = await setup();
    const locations = await service.references(uri, positionOf(ANNOTATIONS, 'us,'), true);
    const second = ws.uri('annotations/second.stance.yaml');
    expect(locations).toEqual([
      { uri: codebookUri, range: rangeWithin(CODEBOOK, '  us:', 'us') },
      { uri: codebookUri, range: rangeWithin(CODEBOOK, 'affiliation: us', 'us') },
      { uri, range: rangeWithin(ANNOTATIONS, 'actors: [us', 'us') },
      { uri, range: rangeWithin(ANNOTATIONS, 'actor: us,', 'us') },
    ]);
    expect(locations.some((l) => l.uri === second)).toBe(false);
  });

  it('on a topic id in the codebook: uses in every annotation file', async () => {
    const { service, codebookUri, ws } = await setup();
    const locations = await service.references(codebookUri, positionOf(CODEBOOK, 'us-russia-dialogue:'), false);
    expect(locations.map((l) => l.uri.split('/').pop())).toEqual(['riyadh.stance.yaml', 'riyadh.stance.yaml', 'second.stance.yaml']);
    expect(locations[2]).toEqual({ uri: ws.uri('annotations/second.stance.yaml'), range: rangeOf(SECOND, 'us-russia-dialogue') });
  });

  it('in an article, on a sentence: the annotations that tag it', async () => {
    const { service, articleUri, ws } = await setup();
    const locations = await service.references(articleUri, positionOf(ARTICLE, 'welcomed'), false);
    expect(locations).toEqual([{ uri: ws.uri('annotations/second.stance.yaml'), range: rangeOf(SECOND, '6') }]);
  });
});

describe('completion', () => {
  async function complete(text: string, marker = '|', files: Record<string, string> = {}) {
    const offset = text.indexOf(marker);
    const clean = text.replace(marker, '');
    const { service, ws } = await setup({ 'annotations/typing.stance.yaml': clean, ...files });
    const list = await service.completion(ws.uri('annotations/typing.stance.yaml'), new LineMap(clean).positionAt(offset));
    return list.items;
  }
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);

  it('offers the keys missing at the top level, in an annotation and in a stance', async () => {
    expect(labels(await complete('article: ../articles/riyadh.txt\n|\n'))).toEqual(['codebook', 'coder', 'hard-wrapped', 'annotations', 'document']);
    expect(labels(await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    |\n'))).toEqual(['id', 'quote', 'actors', 'stances', 'note']);
    expect(labels(await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    stances:\n      - actor: us\n        |\n'))).toEqual(['toward', 'stance']);
  });

  it('offers a snippet for a new annotation', async () => {
    const items = await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n  - |\n');
    expect(items[0].label).toBe('new annotation');
    expect(items[0].textEdit?.newText).toBe('sentence: ${1}\n  actors: [${2}]');
  });

  it('offers actor ids, those named in the sentence first and preselected, without those already listed', async () => {
    const items = await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: 5\n    actors: [russia, |]\n');
    expect(labels(items)).not.toContain('russia');
    const sorted = [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
    expect(sorted.slice(0, 2).map((i) => i.label)).toEqual(['lavrov', 'ukraine']);
    expect(sorted[0].preselect).toBe(true);
    expect(sorted.find((i) => i.label === 'us')?.preselect).toBeUndefined();
    expect(items.find((i) => i.label === 'lavrov')?.detail).toBe('Sergey Lavrov · person');
  });

  it('offers topics then actors after toward:, and the stance vocabulary after stance:', async () => {
    const toward = await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: 5\n    stances:\n      - { actor: russia, toward: |\n');
    expect(labels(toward).slice(0, 2)).toEqual(['ukraine-nato-membership', 'us-russia-dialogue']);
    expect(labels(toward)).toContain('ukraine');
    const stance = await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: 5\n    stances:\n      - actor: russia\n        stance: |\n');
    expect(labels(stance)).toEqual(['supports', 'opposes', 'neutral', 'mixed']);
  });

  it('offers sentence numbers with their text, filterable by the text', async () => {
    const items = await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: |\n');
    expect(items).toHaveLength(6);
    expect(items[2].label).toBe('3');
    expect(items[2].filterText).toBe('3 Senior officials from Washington and Moscow held a high-level meeting in Riyadh on Tuesday.');
    expect((items[2].documentation as { value: string }).value).toContain('> Senior officials');
  });

  it('offers phrases of the chosen sentence for quote:, quoted when YAML needs it', async () => {
    const items = await complete('article: ../articles/riyadh.txt\nannotations:\n  - sentence: 4\n    quote: |\n');
    const texts = items.map((i) => i.textEdit?.newText);
    expect(texts).toContain('Mr. Rubio called it “a useful first step.”');
    expect(texts).toContain('Mr. Rubio called it');
    expect(texts).toContain('a useful first step');
  });

  it('offers the workspace articles as relative paths for article:', async () => {
    const items = await complete('article: |\nannotations: []\n', '|', { 'articles/second one.md': 'Another.' });
    expect(items.map((i) => i.textEdit?.newText)).toEqual(['../articles/riyadh.txt', '../articles/second one.md']);
  });

  it('replaces the word being typed', async () => {
    const text = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [ru|]\n';
    const items = await complete(text);
    const clean = text.replace('|', '');
    expect(items[0].textEdit && 'range' in items[0].textEdit ? items[0].textEdit.range : undefined).toEqual(rangeOf(clean, 'ru'));
  });

  it('in a codebook: actor fields, types and affiliations', async () => {
    const { service, ws } = await setup();
    const text = 'actors:\n  us:\n    name: United States\n    type: \n  rubio:\n    name: Rubio\n    affiliation: \n';
    const uri = ws.write('sub/codebook.yaml', text);
    const types = await service.completion(uri, { line: 3, character: 10 });
    expect(types.items.map((i) => i.label)).toEqual(['state', 'organization', 'person', 'group', 'media', 'other']);
    const affiliations = await service.completion(uri, { line: 6, character: 17 });
    expect(affiliations.items.map((i) => i.label)).toEqual(['us']);
  });
});

describe('quick fixes', () => {
  async function fixesFor(text: string, code: string, files: Record<string, string> = {}) {
    const { service, ws } = await setup({ 'annotations/fix.stance.yaml': text, ...files });
    const uri = ws.uri('annotations/fix.stance.yaml');
    const diagnostics = (await service.diagnostics(uri)).filter((d) => d.code === code);
    expect(diagnostics.length).toBeGreaterThan(0);
    const actions = await service.codeActions(uri, diagnostics[0].range, diagnostics);
    return { actions, uri, codebookUri: ws.uri('codebook.yaml'), service, ws };
  }

  it('unknown-actor: replace with the suggestion, touching only the id', async () => {
    const text = 'article: ../articles/riyadh.txt   # the Riyadh piece\nannotations:\n  - sentence: 3\n    actors: [us, Moscow]   # typed from memory\n';
    const { actions, uri } = await fixesFor(text, 'unknown-actor');
    expect(actions[0].title).toBe('Change to `russia`');
    expect(actions[0].isPreferred).toBe(true);
    expect(applied(text, actions[0].edit, uri)).toBe(text.replace('Moscow', 'russia'));
  });

  it('unknown-actor: add it to the codebook in alphabetical place if sorted, else at the end, keeping comments', async () => {
    const sorted = '# People and states\nactors:\n  # States first\n  alpha:\n    name: Alpha\n  # a comment that belongs to gamma\n  gamma:\n    name: Gamma\ntopics:\n  t:\n    label: T\n';
    const text =
      'article: ../articles/riyadh.txt\ncodebook: ../sorted.yaml\nannotations:\n  - sentence: 3\n    actors: [beta]\n    stances:\n      - { actor: alpha, toward: t, stance: supports }\n      - { actor: gamma, toward: t, stance: supports }\n';
    const { actions, ws } = await fixesFor(text, 'unknown-actor', { 'sorted.yaml': sorted });
    const add = actions.find((a) => a.title === 'Add actor `beta` to the codebook')!;
    const sortedUri = ws.uri('sorted.yaml');
    expect(applied(sorted, add.edit, sortedUri)).toBe(
      '# People and states\nactors:\n  # States first\n  alpha:\n    name: Alpha\n  beta:\n    name: Beta\n  # a comment that belongs to gamma\n  gamma:\n    name: Gamma\ntopics:\n  t:\n    label: T\n',
    );
  });

  it('unknown-actor typed as a name: adds a valid id and fixes the reference; CRLF codebooks stay CRLF', async () => {
    const crlf = 'actors:\r\n  zed:\r\n    name: Zed\r\n  alpha:\r\n    name: Alpha\r\n';
    const text = 'article: ../articles/riyadh.txt\ncodebook: ../crlf.yaml\nannotations:\n  - sentence: 6\n    actors: [Saudi Arabia]\n';
    const { actions, ws, uri } = await fixesFor(text, 'unknown-actor', { 'crlf.yaml': crlf });
    const add = actions.find((a) => a.title.startsWith('Add actor'))!;
    expect(add.title).toBe('Add actor `saudi-arabia` to the codebook');
    expect(applied(crlf, add.edit, ws.uri('crlf.yaml'))).toBe('actors:\r\n  zed:\r\n    name: Zed\r\n  alpha:\r\n    name: Alpha\r\n  saudi-arabia:\r\n    name: Saudi Arabia\r\n');
    expect(applied(text, add.edit, uri)).toBe(text.replace('Saudi Arabia', 'saudi-arabia'));
  });

  it('unknown-target: add as a topic (creating the section if missing) or as an actor', async () => {
    const codebook = 'actors:\n  us:\n    name: United States\n';
    const text = 'article: ../articles/riyadh.txt\ncodebook: ../small.yaml\nannotations:\n  - sentence: 3\n    actors: [us]\n    stances:\n      - { actor: us, toward: sanctions, stance: opposes }\n';
    const { actions, ws } = await fixesFor(text, 'unknown-target', { 'small.yaml': codebook });
    const topic = actions.find((a) => a.title === 'Add topic `sanctions` to the codebook')!;
    expect(applied(codebook, topic.edit, ws.uri('small.yaml'))).toBe(`${codebook}topics:\n  sanctions:\n    label: Sanctions\n`);
    expect(actions.some((a) => a.title === 'Add actor `sanctions` to the codebook')).toBe(true);
  });

  it('quote-sentence-mismatch: set the sentence number', async () => {
    const text = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 4   # wrong\n    quote: welcomed the dialogue\n';
    const { actions, uri } = await fixesFor(text, 'quote-sentence-mismatch');
    expect(actions[0].title).toContain('Set sentence to 6');
    expect(applied(text, actions[0].edit, uri)).toBe(text.replace('sentence: 4', 'sentence: 6'));
  });

  it('quote-not-found: re-anchor to the text actually in the article, keeping the quoting style', async () => {
    const text = "article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    quote: 'held a high level meeting'\n";
    const { actions, uri } = await fixesFor(text, 'quote-not-found');
    expect(actions[0].title).toBe('Re-anchor the quote to sentence 3: “held a high-level meeting”');
    expect(applied(text, actions[0].edit, uri)).toBe(text.replace("'held a high level meeting'", "'held a high-level meeting'"));
  });

  it('quote-ambiguous: one fix per candidate sentence, adding sentence: below the quote', async () => {
    const text = 'article: ../articles/riyadh.txt\nannotations:\n  - quote: the\n    actors: [us]\n';
    const { actions, uri } = await fixesFor(text, 'quote-ambiguous');
    expect(actions.map((a) => a.title.split(':')[0])).toEqual(['Use sentence 1', 'Use sentence 6']);
    expect(applied(text, actions[1].edit, uri)).toBe('article: ../articles/riyadh.txt\nannotations:\n  - quote: the\n    sentence: 6\n    actors: [us]\n');
  });

  it('duplicate-id: make it unique', async () => {
    const text = 'article: ../articles/riyadh.txt\nannotations:\n  - id: a\n    sentence: 3\n  - id: a\n    sentence: 4\n';
    const { actions, uri } = await fixesFor(text, 'duplicate-id');
    expect(applied(text, actions[0].edit, uri)).toBe(text.replace('id: a\n    sentence: 4', 'id: a-2\n    sentence: 4'));
  });

  it('applying a fix twice is harmless: the second time there is nothing to fix', async () => {
    const text = 'article: ../articles/riyadh.txt\nannotations:\n  - sentence: 3\n    actors: [Moscow]\n';
    const { actions, uri, ws, service } = await fixesFor(text, 'unknown-actor');
    const once = applied(text, actions[0].edit, uri);
    service.changed([ws.write('annotations/fix.stance.yaml', once)]);
    const stale = actions[0].diagnostics!;
    expect(await service.codeActions(uri, stale[0].range, stale)).toEqual([]);
    expect((await service.diagnostics(uri)).filter((d) => d.code === 'unknown-actor')).toEqual([]);
  });
});

describe('rename', () => {
  it('renames an actor id in the codebook key, affiliations and every annotation file, as one edit', async () => {
    const { service, uri, codebookUri, ws } = await setup();
    const prepared = await service.prepareRename(uri, positionOf(ANNOTATIONS, 'russia]'));
    expect(prepared).toEqual({ range: rangeOf(ANNOTATIONS, 'russia', 0), placeholder: 'russia', codebookUri });
    const edit = (await service.rename(uri, positionOf(ANNOTATIONS, 'russia]'), 'russian-federation')) as WorkspaceEdit;
    expect(applied(CODEBOOK, edit, codebookUri)).toBe(CODEBOOK.replace('  russia:', '  russian-federation:').replace('affiliation: russia', 'affiliation: russian-federation'));
    expect(applied(ANNOTATIONS, edit, uri)).toBe(ANNOTATIONS.replace(/\brussia\b(?!-)/g, 'russian-federation'));
    expect(edit.changes?.[ws.uri('annotations/second.stance.yaml')]).toBeUndefined();
  });

  it('renames a topic from its codebook key', async () => {
    const { service, codebookUri, ws } = await setup();
    const edit = (await service.rename(codebookUri, positionOf(CODEBOOK, 'us-russia-dialogue'), 'dialogue')) as WorkspaceEdit;
    expect(applied(SECOND, edit, ws.uri('annotations/second.stance.yaml'))).toBe(SECOND.replace('us-russia-dialogue', 'dialogue'));
    expect(Object.values(edit.changes!).flat()).toHaveLength(1 + 2 + 1);
  });

  it('refuses what is not an id, invalid names, and names already taken, with a reason', async () => {
    const { service, uri } = await setup();
    expect(await service.prepareRename(uri, positionOf(ANNOTATIONS, 'Lavrov restates'))).toEqual({ error: expect.stringContaining('Only actor and topic ids') });
    expect(await service.prepareRename(uri, positionOf(ANNOTATIONS, 'supports'))).toEqual({ error: expect.stringContaining('Only actor and topic ids') });
    expect(await service.rename(uri, positionOf(ANNOTATIONS, 'russia]'), 'Russia Federation')).toEqual({ error: expect.stringContaining('not a valid id') });
    expect(await service.rename(uri, positionOf(ANNOTATIONS, 'russia]'), 'ukraine')).toEqual({ error: expect.stringContaining('already an actor') });
    expect(await service.rename(uri, positionOf(ANNOTATIONS, 'russia]'), 'us-russia-dialogue')).toEqual({ error: expect.stringContaining('already a topic') });
  });
});

describe('symbols', () => {
  it('document symbols: one per annotation, named by sentence, actors and stances', async () => {
    const { service, uri } = await setup();
    const symbols = await service.documentSymbols(uri);
    expect(symbols.map((s) => s.name)).toEqual([
      's3 · us, russia · us supports us-russia-dialogue; russia supports us-russia-dialogue',
      's5 · russia, lavrov, ukraine · russia opposes ukraine-nato-membership; ukraine opposes russia',
    ]);
    expect(symbols[0].detail).toBe('meeting');
    expect(symbols[0].selectionRange).toEqual(rangeOf(ANNOTATIONS, 'meeting'));
  });

  it('codebook symbols grouped by actors and topics; workspace symbols match ids, names and aliases', async () => {
    const { service, codebookUri } = await setup();
    const groups = await service.documentSymbols(codebookUri);
    expect(groups.map((g) => [g.name, g.children?.length])).toEqual([
      ['Actors', 6],
      ['Topics', 2],
    ]);
    expect((await service.workspaceSymbols('kremlin')).map((s) => s.name)).toEqual(['russia']);
    expect((await service.workspaceSymbols('nato')).map((s) => s.name)).toEqual(['ukraine-nato-membership']);
  });
});

describe('inlay hints and code lens', () => {
  it('previews the sentence after sentence: N', async () => {
    const { service, uri } = await setup();
    const hints = await service.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } });
    expect(hints.map((h) => [h.position, h.label])).toEqual([
      [rangeOf(ANNOTATIONS, 'sentence: 3').end, 'Senior officials from Washington and Moscow hel…'],
      [rangeOf(ANNOTATIONS, 'sentence: 5').end, 'The Kremlin’s envoy, Sergey V. Lavrov, said Rus…'],
    ]);
    expect(await service.inlayHints(uri, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, { sentencePreviews: false })).toEqual([]);
  });

  it('numbers the sentences of an article only when asked', async () => {
    const { service, articleUri } = await setup();
    const range = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };
    expect(await service.inlayHints(articleUri, range)).toEqual([]);
    const hints = await service.inlayHints(articleUri, range, { sentenceNumbers: true });
    expect(hints.map((h) => h.label)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(hints[3].position).toEqual(rangeOf(ARTICLE, 'Mr. Rubio').start);
  });

  it('code lens: N annotations over each codebook entry, opening its references', async () => {
    const { service, codebookUri } = await setup();
    const lenses = await service.codeLenses(codebookUri);
    const byLine = Object.fromEntries(lenses.map((l) => [l.range.start.line, l.command?.title]));
    expect(byLine[rangeOf(CODEBOOK, 'russia').start.line]).toBe('2 annotations');
    expect(byLine[rangeOf(CODEBOOK, 'us-russia-dialogue').start.line]).toBe('2 annotations');
    const russia = lenses.find((l) => l.range.start.line === rangeOf(CODEBOOK, 'russia').start.line)!;
    expect(russia.command?.command).toBe('standpoint.showReferences');
    // The lens names the place; the client asks for its references (without the declaration) on click.
    expect(russia.command?.arguments).toEqual([codebookUri, russia.range.start]);
    // russia: tagged twice, takes two stances, and is the target of one (5 places in annotations); and lavrov's affiliation.
    const places = await service.references(codebookUri, russia.range.start, false);
    expect(places.filter((place) => place.uri !== codebookUri)).toHaveLength(5);
    expect(places.filter((place) => place.uri === codebookUri)).toEqual([{ uri: codebookUri, range: rangeWithin(CODEBOOK, 'affiliation: russia', 'russia') }]);
  });
});

describe("the codebook summary (an editor's codebook tree)", () => {
  it("lists every actor and topic with its type, affiliation, key range and the code lens's count of uses", async () => {
    const { service, codebookUri } = await setup();
    const { codebooks } = await service.codebookSummary();
    expect(codebooks.map((c) => c.uri)).toEqual([codebookUri]);
    const [codebook] = codebooks;
    // Annotations using each id, counted by hand from ANNOTATIONS and SECOND (an annotation counts once).
    expect(codebook.actors.map((a) => [a.id, a.label, a.type, a.affiliation, a.uses])).toEqual([
      ['us', 'United States', 'state', undefined, 1],
      ['russia', 'Russia', 'state', undefined, 2],
      ['ukraine', 'Ukraine', 'state', undefined, 1],
      ['saudi-arabia', 'Saudi Arabia', 'state', undefined, 1],
      ['rubio', 'Marco Rubio', 'person', 'us', 1],
      ['lavrov', 'Sergey Lavrov', 'person', 'russia', 1],
    ]);
    expect(codebook.topics.map((t) => [t.id, t.label, t.kind, t.uses])).toEqual([
      ['ukraine-nato-membership', "Ukraine's membership in NATO", 'topic', 1],
      ['us-russia-dialogue', 'Direct US–Russia dialogue', 'topic', 2],
    ]);
    expect(codebook.actors[4].range).toEqual(rangeOf(CODEBOOK, 'rubio'));
    expect(codebook.topics[1].range).toEqual(rangeOf(CODEBOOK, 'us-russia-dialogue'));
  });
});

describe('annotate from the article', () => {
  it('offers "Annotate sentence N" in an article and adds the annotation in sentence order, with the actors named', async () => {
    const { service, articleUri, ws } = await setup();
    const position = positionOf(ARTICLE, 'Mr. Rubio');
    const actions: CodeAction[] = await service.codeActions(articleUri, { start: position, end: position }, []);
    expect(actions.map((a) => a.title)).toEqual(['Annotate sentence 4']);
    const result = await service.annotate(actions[0].command!.arguments![0]);
    if ('error' in result) throw new Error(result.error);
    const uri = ws.uri('annotations/riyadh.stance.yaml');
    const after = applied(ANNOTATIONS, result.edit, uri);
    expect(after).toBe(ANNOTATIONS.replace('  - sentence: 5\n', '  - sentence: 4\n    actors: [rubio]\n  - sentence: 5\n'));
    expect(result.reveal).toEqual({ uri, range: { start: { line: 10, character: 2 }, end: { line: 10, character: 2 } } });
  });

  it('puts a selection into quote:', async () => {
    const { service, articleUri, ws } = await setup();
    const result = await service.annotate({ uri: articleUri, range: rangeOf(ARTICLE, 'welcomed the dialogue') });
    if ('error' in result) throw new Error(result.error);
    expect(applied(ANNOTATIONS, result.edit, ws.uri('annotations/riyadh.stance.yaml'))).toContain('  - sentence: 6\n    quote: welcomed the dialogue\n    actors: [saudi-arabia]\n');
  });

  it('creates <article>.stance.yaml where the other annotation files live when the article has none', async () => {
    const { service, ws } = await setup({ 'articles/new piece.txt': 'A New Piece\nWashington and Kyiv spoke on Friday.\n' });
    const result = await service.annotate({ uri: ws.uri('articles/new piece.txt'), range: rangeOf('A New Piece\nWashington and Kyiv spoke on Friday.\n', 'Kyiv') });
    if ('error' in result) throw new Error(result.error);
    const newUri = ws.uri('annotations/new piece.stance.yaml');
    expect(result.created).toBe(true);
    expect(result.edit.documentChanges?.[0]).toEqual({ kind: 'create', uri: newUri, options: { ignoreIfExists: false, overwrite: false } });
    const content = (result.edit.documentChanges?.[1] as { edits: TextEdit[] }).edits[0].newText;
    expect(content).toBe('article: ../articles/new piece.txt\nannotations:\n  - sentence: 2\n    quote: Kyiv\n    actors: [us, ukraine]\n');
    expect(result.reveal).toEqual({ uri: newUri, range: { start: { line: 2, character: 2 }, end: { line: 2, character: 2 } } });
  });
});

describe('article information for the client', () => {
  it('related files: an article → its annotation files; an annotation file → its article and codebook', async () => {
    const { service, uri, articleUri, codebookUri, ws } = await setup();
    expect(await service.relatedFiles(articleUri)).toEqual({ kind: 'article', articles: [], annotationFiles: [uri, ws.uri('annotations/second.stance.yaml')].sort(), codebooks: [] });
    expect(await service.relatedFiles(uri)).toEqual({ kind: 'annotations', articles: [articleUri], annotationFiles: [], codebooks: [codebookUri] });
  });

  it('numbered sentences with exact ranges', async () => {
    const { service, articleUri } = await setup();
    const sentences = await service.sentences(articleUri);
    expect(sentences).toHaveLength(6);
    expect(sentences[3]).toEqual({ n: 4, range: rangeOf(ARTICLE, 'Mr. Rubio called it “a useful first step.”'), text: 'Mr. Rubio called it “a useful first step.”' });
  });

  it('sentence marks: annotated sentences with their stance polarity across annotation files', async () => {
    const { service, articleUri } = await setup();
    const marks = await service.sentenceMarks(articleUri);
    expect(marks.map((m) => [m.n, m.annotations, m.polarity])).toEqual([
      [3, 1, 1],
      [4, 1, null],
      [5, 1, -1],
      [6, 1, 1],
    ]);
    expect(marks[2].summary).toBe('russia · lavrov · ukraine · russia opposes ukraine-nato-membership · ukraine opposes russia');
  });
});

describe('annotate keeps the file layout', () => {
  it('keeps blank lines between items, and comments with the item they describe', async () => {
    const spaced = 'article: ../articles/riyadh.txt\nannotations:\n\n  - sentence: 3\n    actors: [us]\n\n  # About the Saudis\n  - sentence: 6\n    actors: [saudi-arabia]\n';
    const { service, articleUri, ws } = await setup({ 'annotations/riyadh.stance.yaml': spaced, 'annotations/second.stance.yaml': 'article: ../articles/other.txt\nannotations: []\n' });
    const result = await service.annotate({ uri: articleUri, range: { start: positionOf(ARTICLE, 'Mr. Rubio'), end: positionOf(ARTICLE, 'Mr. Rubio') } });
    if ('error' in result) throw new Error(result.error);
    expect(applied(spaced, result.edit, ws.uri('annotations/riyadh.stance.yaml'))).toBe(
      'article: ../articles/riyadh.txt\nannotations:\n\n  - sentence: 3\n    actors: [us]\n\n  - sentence: 4\n    actors: [rubio]\n\n  # About the Saudis\n  - sentence: 6\n    actors: [saudi-arabia]\n',
    );
  });
});
