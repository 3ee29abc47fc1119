import { describe, expect, it } from 'vitest';
import { RestartPolicy, groupMarks, sentenceAtLine, sentencePickItems, statusText } from '../src/logic';
import type { NumberedSentence, SentenceMark } from '../../protocol/protocol';

describe('RestartPolicy', () => {
  it('restarts up to 4 times within 3 minutes, then stops', () => {
    const policy = new RestartPolicy(4, 180_000);
    expect([0, 1000, 2000, 3000].map((t) => policy.crashed(t))).toEqual([true, true, true, true]);
    expect(policy.crashed(4000)).toBe(false);
    expect(policy.recentCrashes).toBe(5);
  });

  it('forgets crashes older than the window, and resets on a manual restart', () => {
    const policy = new RestartPolicy(2, 60_000);
    policy.crashed(0);
    policy.crashed(1);
    expect(policy.crashed(70_000)).toBe(true);
    policy.reset();
    expect(policy.recentCrashes).toBe(0);
  });
});

describe('statusText', () => {
  it('reads indexing, then problems and files', () => {
    expect(statusText(true, undefined, { errors: 0, warnings: 0, infos: 0 })).toMatchObject({ text: 'Standpoint: indexing…', busy: true });
    expect(statusText(false, 12, { errors: 2, warnings: 1, infos: 3 })).toEqual({ text: 'Standpoint: 2 errors, 1 warning', detail: '12 files checked · 2 errors, 1 warning (3 notes)', busy: false });
    expect(statusText(false, 1, { errors: 0, warnings: 0, infos: 0 }).detail).toBe('1 file checked · no problems');
  });
});

const range = (line: number, character: number) => ({ start: { line, character }, end: { line, character: character + 5 } });
const sentences: NumberedSentence[] = [
  { n: 1, range: range(0, 0), text: 'Headline' },
  { n: 2, range: range(2, 0), text: 'First  sentence.' },
  { n: 3, range: range(2, 17), text: 'Second\nsentence.' },
];

describe('sentences for the quick pick', () => {
  it('lists number and text on one line, with the line as description', () => {
    expect(sentencePickItems(sentences).map((i) => [i.label, i.description])).toEqual([
      ['1  Headline', 'line 1'],
      ['2  First sentence.', 'line 3'],
      ['3  Second sentence.', 'line 3'],
    ]);
  });

  it('finds the sentence at the cursor', () => {
    expect(sentenceAtLine(sentences, 2, 20)?.n).toBe(3);
    expect(sentenceAtLine(sentences, 2, 3)?.n).toBe(2);
    expect(sentenceAtLine(sentences, 1, 0)?.n).toBe(1);
  });
});

describe('groupMarks', () => {
  it('groups sentences by the polarity of their stances', () => {
    const mark = (n: number, polarity: SentenceMark['polarity']): SentenceMark => ({ n, range: range(n, 0), annotations: 1, polarity, summary: '' });
    const groups = groupMarks([mark(1, 1), mark(2, -1), mark(3, 0), mark(4, null), mark(5, 1)]);
    expect(Object.fromEntries(Object.entries(groups).map(([k, v]) => [k, v.map((m) => m.n)]))).toEqual({ supports: [1, 5], opposes: [2], mixed: [3], tagged: [4] });
  });
});
