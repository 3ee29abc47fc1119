/** ISO dates and weeks, and the duplicate rule with its period boundaries. */
import { describe, expect, it } from 'vitest';
import { isoWeek, isoWeekday, parseIsoDate } from '../../src/service/analysis/dates';
import { applyDuplicateRule } from '../../src/service/analysis/duplicates';
import type { DuplicateRule } from '../../src/service/analysis/types';
import { codebook, statement, type StatementSpec } from './build';

describe('ISO 8601 dates', () => {
  it('a date is its whole day; a date-time one second of it, the offset not applied', () => {
    const day = parseIsoDate('2025-02-19')!;
    expect(day).toMatchObject({ year: 2025, month: 2, day: 19, hasTime: false });
    expect(day.end - day.start).toBe(86_399);
    const late = parseIsoDate('2025-02-19T23:30-05:00')!;
    expect(late).toMatchObject({ year: 2025, month: 2, day: 19, hasTime: true });
    expect(late.start).toBe(day.start + 23 * 3600 + 30 * 60);
    expect(parseIsoDate('2025-02-19T23:30:15.250Z')!.start).toBe(day.start + 23 * 3600 + 30 * 60 + 15);
    // The next day starts one second after the last of this one.
    expect(parseIsoDate('2025-02-20')!.start).toBe(day.end + 1);
    // Across a year and a leap day: 2024-02-28 → 2024-03-01 is two days.
    expect(parseIsoDate('2024-03-01')!.start - parseIsoDate('2024-02-28')!.start).toBe(2 * 86_400);
    expect(parseIsoDate('2025-01-01')!.start - parseIsoDate('2024-12-31')!.start).toBe(86_400);
  });

  it('what is not an ISO date', () => {
    for (const text of ['', '2025', '2025-02', '19.02.2025', 'Feb 19, 2025', '2025-02-30', '2023-02-29', '2025-13-01', '2025-02-19T25:00', '2025-02-19T10:61', '2025-2-9', '2025-02-19T10']) {
      expect(parseIsoDate(text), text).toBeUndefined();
    }
    expect(parseIsoDate('2025-02-19 10:00')!.start).toBe(parseIsoDate('2025-02-19T10:00')!.start);
    expect(parseIsoDate('2024-02-29')).toBeDefined();
    expect(parseIsoDate('2000-02-29')).toBeDefined();
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
  });

  it('ISO weekdays and weeks, at year boundaries', () => {
    // 2025-02-19 was a Wednesday; 2024-12-30 a Monday; 2027-01-01 is a Friday.
    expect(isoWeekday(2025, 2, 19)).toBe(3);
    expect(isoWeekday(2024, 12, 30)).toBe(1);
    expect(isoWeekday(2027, 1, 1)).toBe(5);
    // The week of 2024-12-30 has its Thursday on 2025-01-02: 2025-W01.
    expect(isoWeek(2024, 12, 30)).toEqual({ year: 2025, week: 1 });
    // 2026 starts on a Thursday, so it has 53 weeks, and 2027-01-01 (Friday) is in the 53rd.
    expect(isoWeek(2027, 1, 1)).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(2026, 12, 31)).toEqual({ year: 2026, week: 53 });
    expect(isoWeek(2027, 1, 4)).toEqual({ year: 2027, week: 1 });
    // 2021-01-03 is a Sunday whose week's Thursday is 2020-12-31: 2020-W53.
    expect(isoWeek(2021, 1, 3)).toEqual({ year: 2020, week: 53 });
    // 2018-12-31 is a Monday; its Thursday is 2019-01-03: 2019-W01.
    expect(isoWeek(2018, 12, 31)).toEqual({ year: 2019, week: 1 });
    // Wednesday 19 February 2025: day 50; W01 began on 30 December, 51 days earlier → week 8.
    expect(isoWeek(2025, 2, 19)).toEqual({ year: 2025, week: 8 });
  });
});

describe('the duplicate rule', () => {
  const actors = codebook({ us: { name: 'United States', type: 'state' }, ru: { name: 'Russia', type: 'state' } });
  const make = (spec: Partial<StatementSpec> & { article: string; line: number }) => statement({ actor: 'us', toward: 'talks', stance: 'supports', ...spec }, actors);

  // "us supports talks", again and again:
  //   a1 2024-12-30 (Mon)  2025-W01  2024-12  2024
  //   a2 2025-01-03 (Fri)  2025-W01  2025-01  2025
  //   a3 2025-01-06 (Mon)  2025-W02  2025-01  2025   a4: a second one in the same article
  //   a5 2026-12-31 (Thu)  2026-W53  2026-12  2026
  //   a6 2027-01-01 (Fri)  2026-W53  2027-01  2027
  //   a7 undated article, two statements (lines 1 and 2)
  // Given out of order, so that "earlier" has to be worked out.
  const statements = [
    make({ article: 'articles/a6.txt', date: '2027-01-01', line: 1 }),
    make({ article: 'articles/a7.txt', line: 2 }),
    make({ article: 'articles/a3.txt', date: '2025-01-06', line: 9 }),
    make({ article: 'articles/a2.txt', date: '2025-01-03', line: 1 }),
    make({ article: 'articles/a3.txt', date: '2025-01-06', line: 4 }),
    make({ article: 'articles/a1.txt', date: '2024-12-30', line: 5 }),
    make({ article: 'articles/a5.txt', date: '2026-12-31', line: 1 }),
    make({ article: 'articles/a7.txt', line: 1 }),
  ];
  const name = (s: { article: string; line: number }) => `${s.article.slice(9, 11)}:${s.line}`;
  const kept = (rule: DuplicateRule) => applyDuplicateRule(statements, rule).kept.map(name);

  it('include counts every statement', () => {
    expect(kept('include')).toHaveLength(8);
  });

  it('article: once per article, the earlier line kept', () => {
    // a3:9 gives way to a3:4, a7:2 to a7:1; the order given is kept
    expect(kept('article')).toEqual(['a6:1', 'a2:1', 'a3:4', 'a1:5', 'a5:1', 'a7:1']);
  });

  it('week: once per ISO week (2024-12-30 and 2025-01-03 share 2025-W01; 2026-12-31 and 2027-01-01 share 2026-W53)', () => {
    // 2025-W01 {a1, a2} → a1; 2025-W02 {a3:9, a3:4} → a3:4; 2026-W53 {a5, a6} → a5; undated → within its article: a7:1
    expect(kept('week')).toEqual(['a3:4', 'a1:5', 'a5:1', 'a7:1']);
  });

  it('month: once per (year, month)', () => {
    // 2024-12 {a1}; 2025-01 {a2, a3, a3} → a2 (3 January); 2026-12 {a5}; 2027-01 {a6}; a7:1
    expect(kept('month')).toEqual(['a6:1', 'a2:1', 'a1:5', 'a5:1', 'a7:1']);
  });

  it('year: once per calendar year', () => {
    // 2024 {a1}; 2025 {a2, a3, a3} → a2; 2026 {a5}; 2027 {a6}; a7:1
    expect(kept('year')).toEqual(['a6:1', 'a2:1', 'a1:5', 'a5:1', 'a7:1']);
  });

  it('all: once in the corpus, the earliest dated one (undated articles come last)', () => {
    const result = applyDuplicateRule(statements, 'all');
    expect(result.kept.map(name)).toEqual(['a1:5']);
    expect(result.dropped).toBe(7);
  });

  it('the same day: a date sorts before a date-time of that day, then the article path decides', () => {
    const sameDay = [
      make({ article: 'articles/b.txt', date: '2025-02-19T08:00', line: 1 }),
      make({ article: 'articles/c.txt', date: '2025-02-19', line: 1 }),
      make({ article: 'articles/a.txt', date: '2025-02-19T08:00', line: 1 }),
    ];
    expect(applyDuplicateRule(sameDay, 'all').kept.map(name)).toEqual(['c.:1']);
    expect(applyDuplicateRule(sameDay.slice(0, 1).concat(sameDay.slice(2)), 'all').kept.map(name)).toEqual(['a.:1']);
  });

  it('compares actor, target and stance, or only actor and target', () => {
    const varied = [
      make({ article: 'articles/a.txt', line: 1 }),
      make({ article: 'articles/a.txt', line: 2, stance: 'opposes' }),
      make({ article: 'articles/a.txt', line: 3, actor: 'ru' }),
      make({ article: 'articles/a.txt', line: 4, toward: 'sanctions' }),
      make({ article: 'articles/a.txt', line: 5 }),
    ];
    // With the stance: only line 5 repeats line 1.
    expect(applyDuplicateRule(varied, 'article').kept.map((s) => s.line)).toEqual([1, 2, 3, 4]);
    // Without: line 2 repeats line 1 too.
    expect(applyDuplicateRule(varied, 'article', { compareStance: false }).kept.map((s) => s.line)).toEqual([1, 3, 4]);
  });

  it('stances on one line (a flow list) keep the order given', () => {
    const oneLine = [make({ article: 'articles/a.txt', line: 3 }), make({ article: 'articles/a.txt', line: 3 })];
    expect(applyDuplicateRule(oneLine, 'article').kept).toEqual([oneLine[0]]);
  });

  it('many distinct actors, targets and articles (groups past the small-integer keys) follow the same rule', () => {
    // 1,100 actors × 1,100 targets × 1,100 articles × 1 stance > 2^30 groups possible.
    const many = codebook(Object.fromEntries(Array.from({ length: 1100 }, (_, i) => [`actor-${i}`, { name: `Actor ${i}`, type: 'group' }])));
    const statements = Array.from({ length: 1100 }, (_, i) => statement({ actor: `actor-${i}`, toward: `topic-${i}`, stance: 'supports', article: `articles/a${i}.txt`, line: 10 }, many));
    // A repeat of statement 7 on an earlier line of its article, and one in another article.
    statements.push(statement({ actor: 'actor-7', toward: 'topic-7', stance: 'supports', article: 'articles/a7.txt', line: 2 }, many));
    statements.push(statement({ actor: 'actor-7', toward: 'topic-7', stance: 'supports', article: 'articles/a8.txt', line: 2 }, many));
    const result = applyDuplicateRule(statements, 'article');
    expect(result.dropped).toBe(1);
    expect(result.kept).not.toContain(statements[7]);
    expect(result.kept).toContain(statements[1100]);
    expect(applyDuplicateRule(statements, 'all').dropped).toBe(2);
  });
});
