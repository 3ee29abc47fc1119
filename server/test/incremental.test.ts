import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { parseAnnotationFile, updateAnnotationFile, type AnnotationFileModel } from '../src/service/model/annotationFile';
import type { YNode } from '../src/service/model/ynode';
import { buildFromCst, buildFromDocument, plainValue } from '../src/service/model/yamlParse';
import { buildFromLines, LINE_FALLBACK } from '../src/service/model/lineParser';
import { Article } from '../src/service/model/article';
import { segmentSentences } from '../src/service/segmentation';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = readdirSync(path.join(ROOT, 'example', 'annotations')).map((f) => readFileSync(path.join(ROOT, 'example', 'annotations', f), 'utf8'));
const BROKEN = readFileSync(path.join(ROOT, 'example', 'broken', 'riyadh-talks.stance.yaml'), 'utf8');

/** What must be equal between an incremental update and a full parse (the YAML node objects aside). */
function comparable(model: AnnotationFileModel): unknown {
  return {
    problems: model.problems,
    annotations: model.annotations,
    chunks: model.chunks,
    article: model.article,
    codebook: model.codebook,
    hardWrapped: model.hardWrapped,
    coder: model.coder,
    document: model.document,
    headSpan: model.headSpan,
    text: model.text,
  };
}

/** Applies a series of edits one by one, incrementally, and compares with a full parse after each. */
function checkEdits(start: string, edits: { at: number; remove: number; insert: string }[]): void {
  let text = start;
  let model = parseAnnotationFile(text);
  for (const edit of edits) {
    const at = Math.min(edit.at, text.length);
    text = text.slice(0, at) + edit.insert + text.slice(Math.min(text.length, at + edit.remove));
    model = updateAnnotationFile(model, text);
    expect(comparable(model)).toEqual(comparable(parseAnnotationFile(text)));
  }
}

const editArbitrary = (length: number) =>
  fc.record({
    at: fc.nat({ max: length }),
    remove: fc.nat({ max: 40 }),
    insert: fc.oneof(
      fc.constantFrom(
        '',
        'x',
        ' ',
        '\n',
        '\n  - sentence: 3\n    actors: [us]\n',
        '- ',
        ': ',
        '#',
        '"',
        "'",
        '[',
        ']',
        '{',
        '}',
        ',',
        'sentence: 9',
        '\n    quote: words\n',
        '\t',
        'codebook: x\n',
        '🇺🇦',
        '\r\n',
      ),
      fc.string({ maxLength: 12 }),
    ),
  });

describe('incremental re-parsing of annotation files', () => {
  it('typing in a value re-parses one item and equals a full parse', () => {
    const text = EXAMPLES[0];
    const model = parseAnnotationFile(text);
    expect(model.chunks).toBeDefined();
    const at = text.indexOf('note:') + 8;
    const edited = `${text.slice(0, at)}X${text.slice(at)}`;
    expect(comparable(updateAnnotationFile(model, edited))).toEqual(comparable(parseAnnotationFile(edited)));
  });

  it('keeps untouched items (before the edit: the same objects; after it: shifted)', () => {
    const text = EXAMPLES[0];
    const model = parseAnnotationFile(text);
    const middle = Math.floor(model.annotations.length / 2);
    const at = model.annotations[middle].span.start + 1;
    const updated = updateAnnotationFile(model, `${text.slice(0, at)}Z${text.slice(at)}`);
    expect(updated.annotations[0]).toBe(model.annotations[0]);
    expect(updated.annotations[middle + 1].span.start).toBe(model.annotations[middle + 1].span.start + 1);
  });

  it('random edits anywhere, applied one after another, always equal a full parse (seeded)', () => {
    for (const start of [...EXAMPLES, BROKEN]) {
      fc.assert(
        fc.property(fc.array(editArbitrary(start.length), { minLength: 1, maxLength: 6 }), (edits) => checkEdits(start, edits)),
        { seed: 20251122, numRuns: 60 },
      );
    }
    // A hang guard, not a speed target: 60 sequences over every example file take about 6 s on a quiet machine, over 30 s at load 10.
  }, 120_000);
});

function strip(node: YNode | undefined): unknown {
  if (node === undefined) return undefined;
  if (node.kind === 'alias') return { alias: node.span };
  if (node.kind === 'scalar') return node;
  if (node.kind === 'map') return { ...node, pairs: node.pairs.map((p) => ({ key: strip(p.key), keySpan: p.keySpan, value: strip(p.value) })) };
  return { ...node, items: node.items.map(strip) };
}

describe('the line-by-line YAML builder', () => {
  it('builds the valid examples itself', () => {
    for (const text of EXAMPLES) expect(typeof buildFromLines(text, 0, plainValue)).toBe('object');
  });

  it('defers on the cases a longer fuzz found: indicators before flow punctuation, later document markers', () => {
    for (const text of ['actors: [saar, ?]\n', 'actors: [kellogg,?]\n', 'a: {k: -}\n', 'a: [x, y]\nb:\n- 1\n---   l: w\n', 'a: 1\n...\n']) {
      expect(buildFromLines(text, 0, plainValue)).toBe(LINE_FALLBACK);
    }
  });

  it('builds the same tree as parseDocument whenever it does not defer (seeded fuzz, structural edits)', () => {
    let built = 0;
    const structural = fc.constantFrom(
      '',
      '\n',
      '  ',
      '- ',
      ': ',
      ':',
      ' #c',
      '#',
      '"',
      "'",
      '\\',
      '[',
      ']',
      '{',
      '}',
      ',',
      'x: y',
      '- a',
      '\n  - k: v\n',
      '\n    ',
      '~',
      'null',
      'true',
      '12',
      '0x1F',
      '1e3',
      '.5',
      '-',
      '?',
      '&a',
      '*a',
      '!t',
      '|',
      '>',
      '%',
      '@',
      '`',
      '""',
      "''",
      'a:b',
      'a :b',
      ' a',
      'é',
      '🇺🇦',
    );
    for (const start of [...EXAMPLES, BROKEN]) {
      fc.assert(
        fc.property(fc.array(fc.record({ at: fc.nat({ max: start.length }), remove: fc.nat({ max: 6 }), insert: structural }), { minLength: 1, maxLength: 4 }), (edits) => {
          let text = start;
          for (const edit of edits) text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
          const fast = buildFromLines(text, 0, plainValue);
          if (typeof fast === 'symbol') return;
          built++;
          const slow = buildFromDocument(text);
          expect(slow.errors).toEqual([]);
          expect(strip(fast)).toEqual(strip(slow.root));
        }),
        { seed: 13, numRuns: 400 },
      );
    }
    expect(built).toBeGreaterThan(400);
  });
});

describe('the fast (CST) YAML builder', () => {
  it('builds the valid examples itself', () => {
    for (const text of EXAMPLES) expect(typeof buildFromCst(text)).toBe('object');
  });

  it('builds the same tree as parseDocument whenever it does not defer to it (seeded fuzz)', () => {
    let built = 0;
    for (const start of [...EXAMPLES, BROKEN]) {
      fc.assert(
        fc.property(fc.array(editArbitrary(start.length), { minLength: 1, maxLength: 3 }), (edits) => {
          let text = start;
          for (const edit of edits) text = text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.remove);
          const fast = buildFromCst(text);
          if (typeof fast === 'symbol') return;
          built++;
          const slow = buildFromDocument(text);
          expect(slow.errors).toEqual([]);
          expect(strip(fast)).toEqual(strip(slow.root));
        }),
        { seed: 7, numRuns: 200 },
      );
    }
    expect(built).toBeGreaterThan(100); // the fuzz must exercise the fast path, not only the fallback
  });
});

describe('mention search', () => {
  it('finds exactly what the whole-word pattern finds (seeded fuzz)', async () => {
    const { mentions, mentionPattern } = await import('../src/service/features/mentions');
    const { parseCodebook } = await import('../src/service/model/codebook');
    const codebook = parseCodebook(
      'actors:\n  us:\n    name: United States\n    aliases: [US, "the White House", "Washington’s", O\'Neill]\n  saudi-arabia:\n    name: Saudi Arabia\n    aliases: [Riyadh]\n',
    );
    const words = [
      'us',
      'US',
      'the',
      'White',
      'white  house',
      'House',
      'United',
      'States',
      'Washington’s',
      "Washington's",
      'saudi',
      'arabia',
      'Saudi-Arabia',
      'Riyadh',
      'riyadhi',
      'O’Neill',
      "o'neill",
      '🇺🇦',
      'é',
      ',',
      '.',
      '—',
      'bus',
      'USA',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 8 }), fc.constantFrom(' ', '  ', '\n', ''), (parts, gap) => {
        const sentence = parts.join(gap || ' ');
        for (const actor of codebook.actors.values()) expect(mentions(codebook, actor, sentence)).toBe(mentionPattern(codebook, actor)!.test(sentence));
      }),
      { seed: 11, numRuns: 400 },
    );
  });
});

describe('running usage totals', () => {
  it('after any sequence of file changes, equal the totals counted afresh (seeded fuzz)', async () => {
    const { collectUsage, UsageTotals } = await import('../src/service/features/usage');
    const ids = ['us', 'russia', 'ukraine', 'eu'];
    const stanceValues = ['supports', 'opposes'];
    const summaryArbitrary = (uri: string) =>
      fc
        .record({
          actors: fc.array(fc.constantFrom(...ids), { maxLength: 6 }),
          stances: fc.array(fc.record({ actor: fc.constantFrom(...ids), stance: fc.constantFrom(...stanceValues), toward: fc.constantFrom(...ids, 'talks') }), { maxLength: 5 }),
        })
        .map(({ actors, stances }) => {
          const annotationsByActor: Record<string, number> = {};
          for (const actor of [...actors, ...stances.map((s) => s.actor)]) annotationsByActor[actor] = (annotationsByActor[actor] ?? 0) + 1;
          const strings = [...ids, ...stanceValues, 'talks'];
          const n = (text: string) => strings.indexOf(text);
          return {
            uri,
            dependencies: [],
            usedIds: [],
            strings,
            // Packed as summaries are: id, role (0 actor, 2 toward), annotation, then a range.
            uses: Int32Array.from([...actors.flatMap((id) => [n(id), 0, 0, 0, 0, 0, 1]), ...stances.flatMap((s) => [n(s.toward), 2, 0, 0, 0, 0, 1])]),
            stances: Int32Array.from(stances.flatMap((s) => [n(s.actor), n(s.stance), n(s.toward)])),
            annotationsByActor,
            annotationCount: actors.length,
            // No statement facts: usage totals do not read them.
            annotations: new Int32Array(0),
            entries: new Int32Array(0),
            articleLength: -1,
            sentenceCount: -1,
            sentenceStamp: 0,
          };
        });
    const uris = ['a', 'b', 'c', 'd'].map((name) => `file:///w/${name}.stance.yaml`);
    const plain = (usage: ReturnType<typeof collectUsage>) =>
      JSON.stringify({
        annotationsByActor: [...usage.annotationsByActor].sort(),
        filesByActor: [...usage.filesByActor].sort(),
        stancesByActor: [...usage.stancesByActor].map(([k, v]) => [k, [...v].sort()]).sort(),
        stancesByTarget: [...usage.stancesByTarget].map(([k, v]) => [k, [...v].map(([s, a]) => [s, [...a].sort()]).sort()]).sort(),
        annotationsById: [...usage.annotationsById()].sort(),
        ukraineUses: usage.usesOf('ukraine').length,
      });
    fc.assert(
      fc.property(fc.array(fc.tuple(...uris.map((uri) => fc.option(summaryArbitrary(uri)))), { minLength: 1, maxLength: 8 }), (steps) => {
        const totals = new UsageTotals();
        let previous = new Map<string, unknown>();
        for (const step of steps) {
          // A file absent in a step was deleted; an unchanged one keeps its summary object (as the index does).
          const users = step.flatMap((summary, i) => (summary ? [summary] : previous.has(uris[i]) && i % 2 ? [previous.get(uris[i]) as NonNullable<typeof summary>] : []));
          previous = new Map(users.map((u) => [u.uri, u]));
          expect(plain(collectUsage(users, totals))).toBe(plain(collectUsage(users)));
        }
      }),
      { seed: 5, numRuns: 300 },
    );
  });
});

describe('re-segmentation of an edited article', () => {
  const articles = readdirSync(path.join(__dirname, '..', '..', 'example', 'articles')).map((name) => readFileSync(path.join(__dirname, '..', '..', 'example', 'articles', name), 'utf8'));
  const pieces = ['', ' ', '.', '. ', '\n', '\r\n', '\n\n', 'Mr.', ' U.S. ', 'Gen. ', '“', '”', '😀', 'x', ' He said so. Then', '  '];

  it('gives exactly the sentences a fresh segmentation gives, edit after edit (either wrapping mode)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...articles.keys()),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 6 }), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 8 }),
        (which, hardWrapped, edits) => {
          const options = { hardWrapped, abbreviations: ['Amb'] };
          let article = new Article('file:///a.txt', articles[which]);
          article.sentences(options);
          for (const [at, removed, inserted] of edits) {
            const text = article.text;
            const start = at % (text.length + 1);
            const next = text.slice(0, start) + inserted + text.slice(Math.min(text.length, start + removed));
            // As the index does: the new version of the article reuses the memo of the one before.
            article = new Article('file:///a.txt', next, article.unitMemo());
            expect(article.sentences(options)).toEqual(segmentSentences(next, options));
          }
        },
      ),
      { seed: 20261122, numRuns: 80 },
    );
  });
});
