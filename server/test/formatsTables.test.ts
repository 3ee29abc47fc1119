import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Mention, Statement } from '../src/service/analysis/types';
import { collect } from '../src/formats/chunks';
import { writeMentions, writeStatements } from '../src/formats/tables';

const STATEMENT: Statement = {
  article: 'articles/riyadh talks.txt',
  title: 'Talks in Riyadh',
  date: '2025-02-18',
  source: 'Desk notes',
  coder: 'ana',
  file: 'annotations/riyadh.stance.yaml',
  line: 7,
  annotation: 'meeting',
  sentence: 3,
  sentenceText: 'Washington “welcomed” the talks, for now.',
  quote: '“welcomed” the talks',
  start: 11,
  end: 31,
  actor: 'us',
  actorName: 'United States',
  actorType: 'state',
  toward: 'talks',
  towardLabel: 'Riyadh talks',
  towardKind: 'topic',
  stance: 'supports',
  polarity: 1,
};

/** Every awkward value at once: a formula name, a negative polarity, a multi-line note with quotes, an emoji, no title/date/coder. */
const AWKWARD: Statement = {
  article: 'articles/kyiv.md',
  source: '@newsroom',
  file: 'annotations/kyiv.stance.yaml',
  line: 12,
  annotation: '2',
  sentence: 5,
  sentenceText: '-30% is what 🇺🇦 officials called "a start", they said.',
  start: 0,
  end: 56,
  actor: 'hyper',
  actorName: '=HYPERLINK("http://example.invalid","click")',
  actorType: '+person',
  toward: 'us',
  towardLabel: 'United States, Inc.',
  towardKind: 'actor',
  stance: 'opposes',
  polarity: -1,
  note: 'Line one, "quoted"\r\nline two\n\ttabbed',
};

const HEADER = 'article,title,date,source,coder,file,line,annotation,sentence,sentence_text,quote,start,end,actor,actor_name,actor_type,toward,toward_label,toward_kind,stance,polarity,note';

describe('statements', () => {
  it('CSV: header in the contract order, RFC 4180 quoting, CRLF records, formula cells prefixed, numbers as they are', () => {
    expect(collect(writeStatements([STATEMENT, AWKWARD], 'csv'))).toBe(
      `${HEADER}\r\n` +
        'articles/riyadh talks.txt,Talks in Riyadh,2025-02-18,Desk notes,ana,annotations/riyadh.stance.yaml,7,meeting,3,' +
        '"Washington “welcomed” the talks, for now.",“welcomed” the talks,11,31,us,United States,state,talks,Riyadh talks,topic,supports,1,\r\n' +
        "articles/kyiv.md,,,'@newsroom,,annotations/kyiv.stance.yaml,12,2,5," +
        '"\'-30% is what 🇺🇦 officials called ""a start"", they said.",,0,56,hyper,"\'=HYPERLINK(""http://example.invalid"",""click"")",\'+person,' +
        'us,"United States, Inc.",actor,opposes,-1,"Line one, ""quoted""\r\nline two\n\ttabbed"\r\n',
    );
  });

  it('CSV round-trips through csv-parse: quotes, commas, line breaks, emoji; formula text comes back with its one leading quote', () => {
    const records = parse(collect(writeStatements([STATEMENT, AWKWARD], 'csv')), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2);
    expect(records[0]).toMatchObject({ sentence_text: 'Washington “welcomed” the talks, for now.', polarity: '1', note: '' });
    expect(records[1]).toMatchObject({
      source: "'@newsroom",
      sentence_text: '\'-30% is what 🇺🇦 officials called "a start", they said.',
      actor_name: '\'=HYPERLINK("http://example.invalid","click")',
      actor_type: "'+person",
      toward_label: 'United States, Inc.',
      polarity: '-1',
      note: 'Line one, "quoted"\r\nline two\n\ttabbed',
      title: '',
    });
    expect(Object.keys(records[0])).toEqual(HEADER.split(','));
  });

  it('JSON: an array of objects with the contract keys, numbers as numbers, absent values null, text exact (no spreadsheet prefix)', () => {
    const text = collect(writeStatements([STATEMENT, AWKWARD], 'json'));
    expect(text.startsWith('[\n{"article":"articles/riyadh talks.txt","title":"Talks in Riyadh",')).toBe(true);
    expect(text.endsWith('}\n]\n')).toBe(true);
    expect(JSON.parse(text)).toEqual([
      {
        article: 'articles/riyadh talks.txt',
        title: 'Talks in Riyadh',
        date: '2025-02-18',
        source: 'Desk notes',
        coder: 'ana',
        file: 'annotations/riyadh.stance.yaml',
        line: 7,
        annotation: 'meeting',
        sentence: 3,
        sentence_text: 'Washington “welcomed” the talks, for now.',
        quote: '“welcomed” the talks',
        start: 11,
        end: 31,
        actor: 'us',
        actor_name: 'United States',
        actor_type: 'state',
        toward: 'talks',
        toward_label: 'Riyadh talks',
        toward_kind: 'topic',
        stance: 'supports',
        polarity: 1,
        note: null,
      },
      {
        article: 'articles/kyiv.md',
        title: null,
        date: null,
        source: '@newsroom',
        coder: null,
        file: 'annotations/kyiv.stance.yaml',
        line: 12,
        annotation: '2',
        sentence: 5,
        sentence_text: '-30% is what 🇺🇦 officials called "a start", they said.',
        quote: null,
        start: 0,
        end: 56,
        actor: 'hyper',
        actor_name: '=HYPERLINK("http://example.invalid","click")',
        actor_type: '+person',
        toward: 'us',
        toward_label: 'United States, Inc.',
        toward_kind: 'actor',
        stance: 'opposes',
        polarity: -1,
        note: 'Line one, "quoted"\r\nline two\n\ttabbed',
      },
    ]);
  });

  it('JSON Lines: one object per line; line separators inside text are escaped so line splitters cannot cut a record', () => {
    const withSeparators: Statement = { ...STATEMENT, note: 'a\u2028b\u2029c\u0085d' };
    const text = collect(writeStatements([STATEMENT, withSeparators], 'jsonl'));
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(text).toContain('"note":"a\\u2028b\\u2029c\\u0085d"');
    expect(lines.slice(0, 2).map((line) => JSON.parse(line).note)).toEqual([null, 'a\u2028b\u2029c\u0085d']);
    expect(text.split(/\r\n|[\n\r\u2028\u2029\u0085]/)).toHaveLength(3);
  });

  it('no statements: a header alone, an empty array, an empty file', () => {
    expect(collect(writeStatements([], 'csv'))).toBe(`${HEADER}\r\n`);
    expect(collect(writeStatements([], 'json'))).toBe('[]\n');
    expect(collect(writeStatements([], 'jsonl'))).toBe('');
  });

  it('streams: 100,000 statements are produced lazily in chunks from an iterator', () => {
    let produced = 0;
    function* many(): Generator<Statement> {
      for (let i = 0; i < 100_000; i++) {
        produced++;
        yield { ...STATEMENT, line: i + 1 };
      }
    }
    for (const format of ['csv', 'json', 'jsonl'] as const) {
      produced = 0;
      const chunks = writeStatements(many(), format)[Symbol.iterator]();
      chunks.next();
      chunks.next();
      // Two chunks in, most of the input has not been read yet.
      expect(produced, format).toBeLessThan(2_000);
      let rest = 0;
      let lines = 0;
      for (let next = chunks.next(); !next.done; next = chunks.next()) {
        rest++;
        for (let i = next.value.indexOf('\n'); i !== -1; i = next.value.indexOf('\n', i + 1)) lines++;
      }
      expect(produced, format).toBe(100_000);
      expect(rest, format).toBeGreaterThan(100);
      expect(lines, format).toBeGreaterThan(98_000);
    }
  });

  it('a number that is not finite is a clear error', () => {
    expect(() => collect(writeStatements([{ ...STATEMENT, polarity: Number.NaN }], 'csv'))).toThrow(/polarity is NaN/);
    expect(() => collect(writeStatements([{ ...STATEMENT, start: Infinity }], 'json'))).toThrow(/start is Infinity/);
  });
});

describe('mentions', () => {
  const MENTION: Mention = {
    article: 'articles/riyadh talks.txt',
    title: 'Talks in Riyadh',
    date: '2025-02-18',
    file: 'annotations/riyadh.stance.yaml',
    line: 5,
    annotation: 'meeting',
    sentence: 3,
    actor: 'ru',
    actorName: 'Russia, "the Kremlin"',
    actorType: '-state',
  };

  it('CSV with the contract columns', () => {
    expect(collect(writeMentions([MENTION], 'csv'))).toBe(
      'article,title,date,source,coder,file,line,annotation,sentence,actor,actor_name,actor_type\r\n' +
        'articles/riyadh talks.txt,Talks in Riyadh,2025-02-18,,,annotations/riyadh.stance.yaml,5,meeting,3,ru,"Russia, ""the Kremlin""",\'-state\r\n',
    );
  });

  it('JSON and JSON Lines with the contract keys', () => {
    const expected = {
      article: 'articles/riyadh talks.txt',
      title: 'Talks in Riyadh',
      date: '2025-02-18',
      source: null,
      coder: null,
      file: 'annotations/riyadh.stance.yaml',
      line: 5,
      annotation: 'meeting',
      sentence: 3,
      actor: 'ru',
      actor_name: 'Russia, "the Kremlin"',
      actor_type: '-state',
    };
    expect(JSON.parse(collect(writeMentions([MENTION], 'json')))).toEqual([expected]);
    expect(collect(writeMentions([MENTION], 'jsonl'))).toBe(`${JSON.stringify(expected)}\n`);
  });
});
