import { describe, expect, it } from 'vitest';
import { existingFilesQuestion, importNotice, optionQuestion, PENDING_SUMMARY_MS, pendingSummaryFor, whereToOpen } from '../src/dnaImportLogic';
import type { ImportDnaDone } from '../../protocol/protocol';

const DONE: ImportDnaDone = {
  kind: 'imported',
  output: 'file:///home/ana/corpus',
  report: 'Imported a DNA 3.0.11.5 database into /home/ana/corpus:\n',
  version: '3.0.11.5',
  documents: 3,
  annotationFiles: 4,
  statements: { imported: 8, total: 10 },
  entities: { persons: 7, organizations: 6, topics: 2 },
  coders: 2,
  notCarried: 2,
};

describe('Import DNA Database: where the corpus opens', () => {
  it('opens in this window when it has no folder, in a new one when it has others', () => {
    expect(whereToOpen('/home/ana/corpus', [])).toBe('here');
    expect(whereToOpen('/home/ana/corpus', ['/home/ana/thesis'])).toBe('newWindow');
    // A sibling whose name starts the same is not inside.
    expect(whereToOpen('/home/ana/thesis-dna', ['/home/ana/thesis'])).toBe('newWindow');
    expect(whereToOpen('/home/ana', ['/home/ana/thesis'])).toBe('newWindow');
  });

  it('stays in the workspace when the folder is one of its folders or inside one', () => {
    expect(whereToOpen('/home/ana/thesis', ['/home/ana/other', '/home/ana/thesis'])).toBe('workspace');
    expect(whereToOpen('/home/ana/thesis/dna/corpus', ['/home/ana/thesis'])).toBe('workspace');
    expect(whereToOpen('/home/ana/thesis/', ['/home/ana/thesis'])).toBe('workspace');
    expect(whereToOpen('/home/Ana/Thesis/dna', ['/home/ana/thesis'], true)).toBe('workspace');
    expect(whereToOpen('/home/Ana/Thesis/dna', ['/home/ana/thesis'], false)).toBe('newWindow');
  });
});

describe('Import DNA Database: messages', () => {
  it('counts what came in, and points to the summary when something could not be carried over', () => {
    expect(importNotice(DONE, 'levy.dna')).toBe(
      'Imported levy.dna (DNA 3.0.11.5): 3 documents, 8 of 10 statements, 7 persons, 6 organisations, 2 concepts, 2 coders. 2 things could not be carried over: see the summary.',
    );
    const one = { ...DONE, documents: 1, statements: { imported: 1, total: 1 }, entities: { persons: 1, organizations: 0, topics: 1 }, coders: 1, notCarried: 0 };
    expect(importNotice(one, 'tram.dna')).toBe('Imported tram.dna (DNA 3.0.11.5): 1 document, 1 of 1 statement, 1 person, 0 organisations, 1 concept, 1 coder.');
    const large = { ...DONE, statements: { imported: 12345, total: 20000 } };
    expect(importNotice(large, 'big.dna')).toContain('12,345 of 20,000 statements');
  });

  it('asks before overwriting, naming the first files, and says when overwriting cannot help', () => {
    const existing = ['codebook.yaml', 'articles/a.txt', 'articles/b.txt', 'annotations/a.stance.yaml', 'annotations/b.stance.yaml', 'articles/c.txt', 'articles/d.txt'];
    expect(existingFilesQuestion('/home/ana/corpus', existing, true)).toEqual({
      message: '“corpus” already has files the import would write. Overwrite them?',
      detail:
        '/home/ana/corpus has codebook.yaml, articles/a.txt, articles/b.txt, annotations/a.stance.yaml, annotations/b.stance.yaml and 2 more. Overwriting replaces them with the database’s; other files in the folder are left alone.',
    });
    expect(existingFilesQuestion('/home/ana/corpus', ['codebook.yaml'], false)).toEqual({
      message: '“corpus” has folders or links where the import would write files.',
      detail: '/home/ana/corpus has codebook.yaml, which Standpoint does not replace. Choose another folder.',
    });
  });

  it('offers the names that fit (and none where allowed), without the CLI’s advice', () => {
    const type = optionQuestion(
      {
        kind: 'chooseOption',
        option: 'statementType',
        message: 'The database has no statement type "DNA Statement"; its statement types: "Claim". Choose one with --statement-type NAME.',
        choices: ['Claim'],
        allowsNone: false,
      },
      'claims.dna',
    );
    expect(type).toEqual({
      title: 'Import claims.dna: Which statement type holds the stances?',
      placeholder: 'The database has no statement type "DNA Statement"; its statement types: "Claim".',
      items: [{ label: 'Claim', value: 'Claim' }],
    });
    const qualifier = optionQuestion({ kind: 'chooseOption', option: 'qualifier', message: 'Variable "remark" … must be boolean or integer.', choices: ['position'], allowsNone: true }, 'claims.dna');
    expect(qualifier.items).toEqual([
      { label: 'position', value: 'position' },
      { label: 'None: every stance is neutral', value: null },
    ]);
    expect(qualifier.placeholder).toBe('Variable "remark" … must be boolean or integer.');
    // Nothing fits: no items (the command then shows the message as an error), not only "none".
    expect(optionQuestion({ kind: 'chooseOption', option: 'affiliation', message: 'x', choices: [], allowsNone: true }, 'a.dna').items).toEqual([]);
  });
});

describe('Import DNA Database: the summary handed to the window that opens the corpus', () => {
  const pending = { folder: '/home/ana/corpus', report: 'r', notice: 'n', at: 1_000_000 };
  it('is shown by a window that has the folder open, soon after', () => {
    expect(pendingSummaryFor(pending, ['/home/ana/corpus'], 1_000_000 + 5000)).toBe(pending);
    expect(pendingSummaryFor(pending, ['/home/ana/other', '/home/ana/corpus/'], 1_000_000 + 5000)).toBe(pending);
  });
  it('is not shown by other windows, long after, or when it is not one', () => {
    expect(pendingSummaryFor(pending, ['/home/ana/thesis'], 1_000_000 + 5000)).toBeUndefined();
    expect(pendingSummaryFor(pending, [], 1_000_000)).toBeUndefined();
    expect(pendingSummaryFor(pending, ['/home/ana/corpus'], 1_000_000 + PENDING_SUMMARY_MS + 1)).toBeUndefined();
    expect(pendingSummaryFor(pending, ['/home/ana/corpus'], 1_000_000 - 1)).toBeUndefined();
    expect(pendingSummaryFor(undefined, ['/home/ana/corpus'], 1_000_000)).toBeUndefined();
    expect(pendingSummaryFor({ folder: 3 } as never, ['/home/ana/corpus'], 1_000_000)).toBeUndefined();
  });
});
