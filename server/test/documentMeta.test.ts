/**
 * `coder:` and `document:` in annotation files (format.md §3): how they are
 * read by each YAML builder, and the `schema` problems of wrong values, with
 * exact ranges (LF, CRLF, BOM, emoji).
 */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseAnnotationFile } from '../src/service/model/annotationFile';
import { YamlReader } from '../src/service/model/yamlReader';
import { describeIsoDate, isoWeek, parseIsoDate, sameDocumentDate, type IsoDate } from '../src/service/text/isoDate';
import { isoWeek as analysisWeek, parseIsoDate as analysisDate } from '../src/service/analysis/dates';
import { ARTICLE, CODEBOOK, message, only, positionAt, rangeOf, workspace } from './helpers';

const HEAD = `article: ../articles/riyadh.txt
coder: ana
document:
  title: Talks in Riyadh Test the Limits of a Thaw
  date: 2025-02-19
  source: Example Herald
  author: Mara Lindqvist
  url: https://example.org/riyadh-talks
  section: World
`;
const BODY = 'annotations:\n  - sentence: 3\n    actors: [us, russia, saudi-arabia]\n';

async function schemaOf(text: string) {
  const { ws, service } = workspace({ 'codebook.yaml': CODEBOOK, 'articles/riyadh.txt': ARTICLE, 'annotations/riyadh.stance.yaml': text });
  await service.initialize();
  return only(await service.diagnostics(ws.uri('annotations/riyadh.stance.yaml')), 'schema');
}

/** The same text, read by the line builder (LF), the CST builder (CRLF) and yaml's composer (an anchor). */
function variants(text: string): { name: string; text: string; via: string }[] {
  return [
    { name: 'line builder', text, via: 'lines' },
    { name: 'CST builder (CRLF)', text: text.replace(/\n/g, '\r\n'), via: 'cst' },
    { name: 'composer (anchor)', text: text.replace('article:', 'article: &a'), via: 'document' },
  ];
}

describe('coder and document, as each YAML builder reads them', () => {
  it.each(variants(HEAD + BODY))('$name: every value, as written, with its span', ({ text, via }) => {
    expect(new YamlReader(text).via).toBe(via);
    const model = parseAnnotationFile(text);
    expect(model.problems).toEqual([]);
    const at = (needle: string) => ({ start: text.indexOf(needle), end: text.indexOf(needle) + needle.length });
    expect(model.coder).toEqual({ value: 'ana', span: at('ana') });
    const document = model.document!;
    // An unquoted 2025-02-19 is text under YAML 1.2's core schema, in every builder (not a timestamp).
    expect(document.values).toEqual({
      title: { value: 'Talks in Riyadh Test the Limits of a Thaw', span: at('Talks in Riyadh Test the Limits of a Thaw') },
      date: { value: '2025-02-19', span: at('2025-02-19') },
      source: { value: 'Example Herald', span: at('Example Herald') },
      author: { value: 'Mara Lindqvist', span: at('Mara Lindqvist') },
      url: { value: 'https://example.org/riyadh-talks', span: at('https://example.org/riyadh-talks') },
      section: { value: 'World', span: at('World') },
    });
    expect(document.keySpan).toEqual(at('document'));
    expect(document.keySpans.date).toEqual(at('date'));
  });

  it.each(variants(`article: a.txt\ncoder: ben-2\ndocument: { title: "1984", date: '2025-02-19T14:30:05.250+01:00', author: 2025 }\nannotations: []\n`))(
    '$name: flow mappings, quoted dates, and numbers as text',
    ({ text }) => {
      const model = parseAnnotationFile(text);
      expect(model.problems).toEqual([]);
      expect(model.coder?.value).toBe('ben-2');
      expect(model.document?.values.title?.value).toBe('1984');
      expect(model.document?.values.date?.value).toBe('2025-02-19T14:30:05.250+01:00');
      // The span of a quoted value includes its quotes.
      expect(model.document?.values.date?.span.start).toBe(text.indexOf("'2025"));
      expect(model.document?.values.author?.value).toBe('2025');
    },
  );

  it('a block scalar title (composer) and an empty `document:` (nothing to read, no problem)', () => {
    const folded = parseAnnotationFile('article: a.txt\ndocument:\n  title: >-\n    A long title\n    on two lines\nannotations: []\n');
    expect(folded.problems).toEqual([]);
    expect(folded.document?.values.title?.value).toBe('A long title on two lines');
    const empty = parseAnnotationFile('article: a.txt\ncoder:\ndocument:\nannotations: []\n');
    expect(empty.problems).toEqual([]);
    expect(empty.coder).toBeUndefined();
    expect(empty.document).toBeUndefined();
  });
});

describe('schema problems of coder and document', () => {
  it('is clean for a full, valid header', async () => {
    expect(await schemaOf(HEAD + BODY)).toEqual([]);
  });

  it.each([
    ['19 Feb 2025', /^`date` must be an ISO 8601 date, `2025-02-19`, or a date and time such as `2025-02-19T14:30`.*; `19 Feb 2025` is not one\.$/],
    ['2025-02-30', /^`2025-02-30` is not a date: February 2025 has 28 days, so there is no day 30\.$/],
    ['2024-02-30', /^`2024-02-30` is not a date: February 2024 has 29 days, so there is no day 30\.$/],
    ['2025-13-01', /there is no month 13/],
    ['2025-02', /a month alone is not a date: give the day too \(e\.g\. the first of the month, `2025-02-01`\)\.$/],
    ['2025', /^`date` must be .*; `2025` is not one: a year alone is not a date/],
    ['20250219', /write it with hyphens, `2025-02-19`/],
    ['19.02.2025', /write the year first/],
    ['2025-2-9', /two digits/],
    ['2025-02-19T24:00', /there is no hour 24/],
    ['2025-02-19T14:60', /there is no minute 60/],
    ['2025-02-19T14:30+25:00', /time zone `\+25:00`/],
    ['2025-02-19T14:30 CET', /not a name/],
  ])('date %s is a schema error on the value', async (date, pattern) => {
    const text = HEAD.replace('2025-02-19', date) + BODY;
    const diagnostics = await schemaOf(text);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0].severity).toBe(DiagnosticSeverity.Error);
    const at = text.indexOf(`date: ${date}`) + 'date: '.length;
    expect(diagnostics[0].range).toEqual({ start: positionAt(text, at), end: positionAt(text, at + date.length) });
    expect(message(diagnostics[0])).toMatch(pattern);
  });

  it.each([
    '2025-02-19',
    '2024-02-29',
    '2025-02-19T14:30',
    '2025-02-19T14:30:05',
    '2025-02-19t14:30:05,5',
    '2025-02-19 14:30',
    '2025-02-19T14:30Z',
    '2025-02-19T14:30:05.250-05:00',
    '2025-02-19T14:30+0100',
    '2025-02-19T14:30+01',
    '2016-12-31T23:59:60Z',
    '"2025-02-19"',
    '0001-01-01',
  ])('date %s is accepted', async (date) => {
    expect(await schemaOf(HEAD.replace('2025-02-19', date) + BODY)).toEqual([]);
  });

  it('coder: an id, else a schema error on the value with a suggestion', async () => {
    const cases: [string, RegExp][] = [
      ['Ana Ruiz', /^`Ana Ruiz` is not a valid coder id: ids are lower-case letters, digits and `-`, starting with a letter \(e\.g\. `ana-ruiz`\)\.$/],
      ['Åsa', /\(e\.g\. `asa`\)/],
      ['7', /^`coder` must be an id .*, not the number 7\.$/],
      ['[ana, ben]', /^`coder` must be an id .*, not a list\.$/],
      ['""', /^`coder` is empty: give an id/],
    ];
    for (const [value, pattern] of cases) {
      const text = HEAD.replace('coder: ana', `coder: ${value}`) + BODY;
      const diagnostics = await schemaOf(text);
      expect(diagnostics, value).toHaveLength(1);
      expect(diagnostics[0].range, value).toEqual(rangeOf(text, value));
      expect(message(diagnostics[0]), value).toMatch(pattern);
    }
  });

  it('document: not a mapping, unknown and empty sub-keys, a URL without its scheme', async () => {
    const notMap = `article: ../articles/riyadh.txt\ndocument: Talks in Riyadh\n${BODY}`;
    const [wrong] = await schemaOf(notMap);
    expect(wrong.range).toEqual(rangeOf(notMap, 'Talks in Riyadh'));
    expect(message(wrong)).toBe('`document` must be a mapping of facts about the article (`title`, `date`, `source`, `author`, `url`, `section`), not text.');

    const text = `article: ../articles/riyadh.txt\ndocument:\n  autor: Mara Lindqvist\n  source: ''\n  url: example.org/riyadh-talks\n  author: [Mara, Ilse]\n  publisher: Example Press\n${BODY}`;
    const diagnostics = await schemaOf(text);
    expect(diagnostics.map((d) => [d.range, d.severity, message(d)])).toEqual([
      [rangeOf(text, 'autor'), DiagnosticSeverity.Warning, 'Unknown key `autor` in `document`; it is ignored. Did you mean `author`?'],
      [rangeOf(text, "''"), DiagnosticSeverity.Error, '`source` is empty: give where the article appeared (a newspaper, a site, an agency), or remove the key.'],
      [
        rangeOf(text, 'example.org/riyadh-talks'),
        DiagnosticSeverity.Error,
        '`url` must be a full address with its scheme, such as `https://example.org/riyadh-talks`; `example.org/riyadh-talks` is not one.',
      ],
      [rangeOf(text, '[Mara, Ilse]'), DiagnosticSeverity.Error, "`author` must be the author's name (or several names), not a list."],
      [rangeOf(text, 'publisher'), DiagnosticSeverity.Warning, 'Unknown key `publisher` in `document`; it is ignored. Known keys: `title`, `date`, `source`, `author`, `url`, `section`.'],
    ]);
  });

  it('ranges are exact in a CRLF file with a BOM and emoji before the values', async () => {
    const lf = 'article: ../articles/riyadh.txt\ncoder: Ana\ndocument:\n  title: 🇺🇦 “Talks” — in Riyadh\n  date: 2025-02-30\n' + BODY;
    const crlf = lf.replace(/\n/g, '\r\n');
    const diagnostics = await schemaOf(`\ufeff${crlf}`);
    // Positions are counted in the text after the BOM, in UTF-16 code units.
    const range = (needle: string) => ({ start: positionAt(crlf, crlf.indexOf(needle)), end: positionAt(crlf, crlf.indexOf(needle) + needle.length) });
    expect(diagnostics.map((d) => d.range)).toEqual([range('Ana'), range('2025-02-30')]);
    expect(range('2025-02-30')).toEqual({ start: { line: 4, character: 8 }, end: { line: 4, character: 18 } });
  });
});

describe('ISO 8601 dates', () => {
  const date = (text: string): IsoDate => {
    const result = parseIsoDate(text);
    if (!result.ok) throw new Error(result.reason);
    return result.date;
  };

  it('compares dates of one article by value, as written', () => {
    const same = (a: string, b: string) => sameDocumentDate(date(a), date(b));
    expect(same('2025-02-19', '2025-02-19T00:00')).toBe(true); // a day agrees with any time of it
    expect(same('2025-02-19', '2025-02-19T23:59:59+05:00')).toBe(true);
    expect(same('2025-02-19T14:30', '2025-02-19T14:30:00.000')).toBe(true);
    expect(same('2025-02-19T14:30Z', '2025-02-19 14:30:00+00:00')).toBe(true);
    expect(same('2025-02-19T14:30', '2025-02-19T14:30+01:00')).toBe(true); // a zone on one side only adds to it
    expect(same('2025-02-19', '2025-02-20')).toBe(false);
    expect(same('2025-02-19T14:30', '2025-02-19T14:31')).toBe(false);
    expect(same('2025-02-19T14:30:00.5', '2025-02-19T14:30:00.50')).toBe(true);
    expect(same('2025-02-19T14:30:00.5', '2025-02-19T14:30:00.25')).toBe(false);
    // Not converted between zones: the same instant, written as two different clock times and days.
    expect(same('2025-02-19T23:30-05:00', '2025-02-20T04:30Z')).toBe(false);
    expect(same('2025-02-19T14:30+01:00', '2025-02-19T14:30Z')).toBe(false);
  });

  it('describes a date with its weekday and ISO week (worked out from a calendar)', () => {
    expect(describeIsoDate(date('2025-02-19'))).toBe('Wednesday, 19 February 2025 · ISO week 2025-W08');
    expect(describeIsoDate(date('2025-02-19T14:30+01:00'))).toBe('Wednesday, 19 February 2025, 14:30 (UTC+01:00) · ISO week 2025-W08');
    expect(describeIsoDate(date('2025-02-19T09:05:07.5-03:30'))).toBe('Wednesday, 19 February 2025, 09:05:07.5 (UTC−03:30) · ISO week 2025-W08');
    expect(describeIsoDate(date('2025-02-19T14:30Z'))).toBe('Wednesday, 19 February 2025, 14:30 (UTC) · ISO week 2025-W08');
    expect(describeIsoDate(date('2025-02-19T14:30'))).toBe('Wednesday, 19 February 2025, 14:30 (no time zone given) · ISO week 2025-W08');
    // 30 December 2024 is a Monday in the first week of 2025; 1 January 2027 a Friday in week 53 of 2026.
    expect(isoWeek(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
    expect(isoWeek(2027, 1, 1)).toEqual({ year: 2026, week: 53 });
    expect(describeIsoDate(date('0001-01-01'))).toBe('Monday, 1 January 0001 · ISO week 0001-W01');
  });
});

describe('one date grammar for the schema check and the analysis', () => {
  it('accepts and rejects exactly what the analysis reads (analysis/dates.ts), day for day and week for week', () => {
    const samples = [
      '2025-02-19',
      '2024-02-29',
      '2025-02-29',
      '2025-02-30',
      '2025-13-01',
      '2025-00-10',
      '2025-01-00',
      '0000-01-01',
      '9999-12-31',
      '2025-02-19T14:30',
      '2025-02-19t14:30',
      '2025-02-19 14:30',
      '2025-02-19T14',
      '2025-02-19T14:30:05',
      '2025-02-19T14:30:05.250',
      '2025-02-19T14:30:05,5',
      '2025-02-19T14:30.5',
      '2025-02-19T24:00',
      '2025-02-19T23:60',
      '2025-02-19T23:59:60',
      '2025-02-19T23:59:61',
      '2025-02-19T14:30Z',
      '2025-02-19T14:30z',
      '2025-02-19T14:30+01:00',
      '2025-02-19T14:30-0500',
      '2025-02-19T14:30+01',
      '2025-02-19T14:30+24:00',
      '2025-02-19T14:30+01:60',
      '2025-02-19Z',
      '2025-02',
      '2025',
      '20250219',
      '2025-W08',
      '2025-050',
      '19.02.2025',
      '19 Feb 2025',
      '2025-2-19',
      ' 2025-02-19 ',
      '2025-02-19T14:30 CET',
      '',
    ];
    for (const sample of samples) {
      const ours = parseIsoDate(sample);
      const theirs = analysisDate(sample);
      expect(ours.ok, sample).toBe(theirs !== undefined);
      if (ours.ok && theirs) expect([ours.date.year, ours.date.month, ours.date.day, Boolean(ours.date.time)], sample).toEqual([theirs.year, theirs.month, theirs.day, theirs.hasTime]);
    }
    for (let year = 1998; year <= 2030; year++)
      for (const [month, day] of [
        [1, 1],
        [1, 4],
        [12, 28],
        [12, 31],
      ])
        expect(isoWeek(year, month, day)).toEqual(analysisWeek(year, month, day));
  });
});
