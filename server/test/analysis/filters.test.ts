/** The filters: dates, coders, the affiliation roll-up, actor types, and what they report. */
import { describe, expect, it } from 'vitest';
import { describeLeftOut, filterRecords, topOfAffiliation, UNNAMED_CODER } from '../../src/service/analysis/filters';
import { codebook, mention, statement, type StatementSpec } from './build';

const actors = codebook({
  us: { name: 'United States', type: 'state' },
  'state-dept': { name: 'U.S. Department of State', type: 'organization', affiliation: 'us' },
  rubio: { name: 'Marco Rubio', type: 'person', affiliation: 'state-dept' },
  ru: { name: 'Russia', type: 'state' },
  lavrov: { name: 'Sergey V. Lavrov', type: 'person', affiliation: 'ru' },
  ghost: { name: 'Ghost Writer', type: 'person', affiliation: 'no-such-actor' },
  loop: { name: 'Loop A', type: 'group', affiliation: 'loop-b' },
  'loop-b': { name: 'Loop B', type: 'group', affiliation: 'loop' },
  'into-loop': { name: 'Into the loop', type: 'person', affiliation: 'loop' },
  self: { name: 'Self-affiliated', type: 'group', affiliation: 'self' },
});

const make = (spec: Partial<StatementSpec>) => statement({ actor: 'us', toward: 'talks', stance: 'supports', ...spec }, actors);

describe('date filters', () => {
  const dated = [
    make({ date: '2025-01-31' }),
    make({ date: '2025-02-01' }),
    make({ date: '2025-02-19T23:30-05:00' }),
    make({ date: '2025-02-28T23:59:59' }),
    make({ date: '2025-03-01' }),
    make({}),
    make({ date: 'February 2025' }),
  ];
  const dates = (kept: { date?: string }[]) => kept.map((s) => s.date);

  it('--from and --to are inclusive; a date bound covers its whole day', () => {
    const result = filterRecords(dated, { from: '2025-02-01', to: '2025-02-28' });
    expect(dates(result.kept)).toEqual(['2025-02-01', '2025-02-19T23:30-05:00', '2025-02-28T23:59:59']);
    // Undated: the one without a date and the one whose date is not ISO 8601.
    expect(result.leftOut).toEqual({ coder: 0, undated: 2, outsideDates: 2, actorType: 0 });
  });

  it('only --from, or only --to', () => {
    expect(dates(filterRecords(dated, { from: '2025-02-28' }).kept)).toEqual(['2025-02-28T23:59:59', '2025-03-01']);
    expect(dates(filterRecords(dated, { to: '2025-01-31' }).kept)).toEqual(['2025-01-31']);
  });

  it('a date-time bound cuts inside a day; a dated-only article of that day overlaps it and is kept', () => {
    const result = filterRecords(dated, { from: '2025-02-19T12:00', to: '2025-02-28T23:59:58' });
    expect(dates(result.kept)).toEqual(['2025-02-19T23:30-05:00']);
    expect(dates(filterRecords(dated, { from: '2025-02-01T12:00', to: '2025-02-01T13:00' }).kept)).toEqual(['2025-02-01']);
  });

  it('without a date filter undated articles stay and are not counted', () => {
    const result = filterRecords(dated);
    expect(result.kept).toHaveLength(7);
    expect(result.leftOut).toEqual({ coder: 0, undated: 0, outsideDates: 0, actorType: 0 });
    expect(describeLeftOut(result.leftOut)).toBeUndefined();
  });

  it('a bad bound is a clear error', () => {
    expect(() => filterRecords(dated, { from: '1 Feb 2025' })).toThrow('--from "1 Feb 2025" is not an ISO 8601 date');
  });
});

describe('coders', () => {
  const coded = [
    make({ coder: 'ana', article: 'articles/a.txt' }),
    make({ coder: 'ben', article: 'articles/a.txt' }),
    make({ article: 'articles/a.txt' }),
    make({ coder: 'ana', article: 'articles/b.txt' }),
  ];

  it('--coder keeps the files of the coders named (repeatable)', () => {
    const result = filterRecords(coded, { coders: ['ana', 'ben'] });
    expect(result.kept.map((s) => s.coder)).toEqual(['ana', 'ben', 'ana']);
    expect(result.leftOut.coder).toBe(1);
    expect(result.articlesWithSeveralCoders).toEqual(['articles/a.txt']);
  });

  it('the unnamed coder (files without coder:) is selected by the empty id', () => {
    const result = filterRecords(coded, { coders: [UNNAMED_CODER] });
    expect(result.kept).toEqual([coded[2]]);
    expect(result.leftOut.coder).toBe(3);
  });

  it('several coders of one article are reported (the unnamed one counts as a coder); coders not found too', () => {
    const result = filterRecords(coded, { coders: ['ana', 'cy', UNNAMED_CODER] });
    expect(result.articlesWithSeveralCoders).toEqual(['articles/a.txt']);
    expect(result.codersNotFound).toEqual(['cy']);
    expect(filterRecords(coded).articlesWithSeveralCoders).toEqual(['articles/a.txt']);
  });
});

describe('the affiliation roll-up', () => {
  it('the top of the chain: person → organisation → state', () => {
    expect(topOfAffiliation('rubio', actors)).toBe('us');
    expect(topOfAffiliation('state-dept', actors)).toBe('us');
    expect(topOfAffiliation('us', actors)).toBe('us');
    expect(topOfAffiliation('lavrov', actors)).toBe('ru');
  });

  it('an unknown parent stops the chain; a cycle leaves the actor as coded', () => {
    expect(topOfAffiliation('ghost', actors)).toBe('ghost');
    expect(topOfAffiliation('loop', actors)).toBe('loop');
    expect(topOfAffiliation('loop-b', actors)).toBe('loop-b');
    expect(topOfAffiliation('into-loop', actors)).toBe('into-loop');
    expect(topOfAffiliation('self', actors)).toBe('self');
  });

  it('replaces actor, name, type and affiliation; the target stays', () => {
    const rolled = filterRecords([make({ actor: 'rubio', toward: 'lavrov', stance: 'opposes' })], { actors: 'affiliation', lookupActor: actors }).kept[0];
    expect(rolled).toMatchObject({ actor: 'us', actorName: 'United States', actorType: 'state', toward: 'lavrov', towardKind: 'actor', stance: 'opposes' });
    expect(rolled.actorAffiliation).toBeUndefined();
  });

  it('needs the codebook', () => {
    expect(() => filterRecords([make({})], { actors: 'affiliation' })).toThrow('lookupActor');
  });

  it('works on mentions too, and --actor-type reads the rolled-up type', () => {
    const mentions = [mention({ actor: 'rubio', annotation: '1' }, actors), mention({ actor: 'lavrov', annotation: '1' }, actors), mention({ actor: 'loop', annotation: '2' }, actors)];
    const result = filterRecords(mentions, { actors: 'affiliation', lookupActor: actors, actorTypes: ['state'] });
    expect(result.kept.map((m) => [m.actor, m.actorType])).toEqual([
      ['us', 'state'],
      ['ru', 'state'],
    ]);
    expect(result.leftOut.actorType).toBe(1);
  });
});

describe('what was left out, and why', () => {
  it('each record is counted once, under the first filter that left it out', () => {
    const records = [
      make({ coder: 'ben' }), // coder (also undated: counted as coder)
      make({ coder: 'ana' }), // undated
      make({ coder: 'ana', date: '2024-06-01' }), // outside the dates
      make({ coder: 'ana', date: '2025-02-19', actor: 'rubio' }), // person
      make({ coder: 'ana', date: '2025-02-19' }), // kept
    ];
    const result = filterRecords(records, { coders: ['ana'], from: '2025-01-01', actorTypes: ['state'] });
    expect(result.kept).toEqual([records[4]]);
    expect(result.leftOut).toEqual({ coder: 1, undated: 1, outsideDates: 1, actorType: 1 });
    expect(describeLeftOut(result.leftOut)).toBe(
      '4 statements left out: 1 of other coders than --coder names, 1 from undated articles (a date filter is given), 1 dated outside --from/--to, 1 whose actor has another type than --actor-type names',
    );
    expect(describeLeftOut({ coder: 0, undated: 3, outsideDates: 0, actorType: 0 }, 'mentions')).toBe('3 mentions left out: 3 from undated articles (a date filter is given)');
  });
});
