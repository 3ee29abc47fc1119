import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalysisNotifier } from '../src/lsp/analysisNotifier';

afterEach(() => vi.useRealTimers());

describe('standpoint/analysisChanged is sent at most once per delay', () => {
  it('a burst of batches is one notification, 50 ms after the first batch; a later batch is another, with a higher version', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const notifier = new AnalysisNotifier((version) => sent.push(version), 50);
    notifier.changed();
    vi.advanceTimersByTime(30);
    notifier.changed();
    notifier.changed();
    vi.advanceTimersByTime(19);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([1]);
    vi.advanceTimersByTime(500);
    expect(sent).toEqual([1]);
    notifier.changed();
    vi.advanceTimersByTime(50);
    expect(sent).toEqual([1, 2]);
  });

  it('sends nothing after it is disposed', () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    const notifier = new AnalysisNotifier((version) => sent.push(version), 50);
    notifier.changed();
    notifier.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([]);
  });
});
