import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('./views/vscodeMock'));

import { ALWAYS, answerMoved, NOT_NOW, promptMessage, UPDATE, type PromptHost } from '../src/followEdits';

/* The prompt of standpoint.sentences.followEdits = prompt (issue 15): what it says, and what each answer does. */

const MOVED = { uri: 'file:///corpus/articles/riyadh%20talks.txt', files: 2, annotations: 9, left: 0 };

function host(answer: string | undefined): PromptHost & { calls: string[]; message?: string; choices?: string[] } {
  const calls: string[] = [];
  const fake = {
    calls,
    message: undefined as string | undefined,
    choices: undefined as string[] | undefined,
    ask: async (message: string, ...choices: string[]) => {
      fake.message = message;
      fake.choices = choices;
      return answer;
    },
    setAlways: async () => void calls.push('setting: always'),
    update: async (uri: string) => void calls.push(`update ${uri}`),
  };
  return fake;
}

describe('the follow-edits prompt', () => {
  it('says how many files and annotations moved, in the article’s name, and offers Update / Not now / Always', async () => {
    const fake = host(undefined);
    await answerMoved(MOVED, fake);
    expect(fake.message).toBe('Sentence numbers in 2 annotation files moved with your edit to riyadh talks.txt (9 annotations). Update them?');
    expect(fake.choices).toEqual(['Update', 'Not now', 'Always']);
    expect(promptMessage({ ...MOVED, files: 1, annotations: 1, left: 1 })).toBe(
      'Sentence numbers in 1 annotation file moved with your edit to riyadh talks.txt (1 annotation). Update them? 1 other annotation points at a sentence that is gone or unclear: see its warning.',
    );
  });

  it('Update has the server apply it; Always sets the setting first; Not now or closing does nothing', async () => {
    const update = host(UPDATE);
    await answerMoved(MOVED, update);
    expect(update.calls).toEqual([`update ${MOVED.uri}`]);
    const always = host(ALWAYS);
    await answerMoved(MOVED, always);
    expect(always.calls).toEqual(['setting: always', `update ${MOVED.uri}`]);
    for (const answer of [NOT_NOW, undefined]) {
      const none = host(answer);
      await answerMoved(MOVED, none);
      expect(none.calls).toEqual([]);
    }
  });
});
