import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticsScheduler } from '../src/lsp/diagnosticsScheduler';
import type { LanguageService } from '../src/service/index';

/** A scheduler over a service that records what it is asked to check, on fake timers (the delay is counted, not waited for). */
function scheduler() {
  const checked: string[][] = [];
  const delivered: string[] = [];
  const service = {
    async check(uris: Iterable<string>) {
      const batch = [...uris];
      checked.push(batch);
      return new Map<string, Diagnostic[]>(batch.map((uri) => [uri, []]));
    },
  } as unknown as LanguageService;
  const instance = new DiagnosticsScheduler({
    service,
    log: () => undefined,
    versionOf: () => undefined,
    sink: { deliver: (uri) => delivered.push(uri), batchDone: () => undefined },
  });
  return { instance, checked, delivered };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('diagnostics scheduler', () => {
  it('checks delayMs after the last change, not before, and a change within the delay starts it again', async () => {
    vi.useFakeTimers();
    const { instance, checked, delivered } = scheduler();
    instance.delayMs = 1200;
    instance.schedule(['file:///a.stance.yaml']);
    await vi.advanceTimersByTimeAsync(1199);
    expect(checked).toEqual([]);
    instance.schedule(['file:///b.stance.yaml']);
    await vi.advanceTimersByTimeAsync(1199);
    expect(checked).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(checked).toEqual([['file:///a.stance.yaml', 'file:///b.stance.yaml']]);
    expect(delivered).toEqual(['file:///a.stance.yaml', 'file:///b.stance.yaml']);
  });

  it('with a delay of 0, checks without waiting for a timer', async () => {
    vi.useFakeTimers();
    const { instance, checked } = scheduler();
    instance.delayMs = 1200;
    instance.schedule(['file:///a.stance.yaml'], 0);
    await vi.advanceTimersByTimeAsync(0);
    expect(checked).toEqual([['file:///a.stance.yaml']]);
  });
});
