import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { DiagnosticsScheduler } from '../src/lsp/diagnosticsScheduler';
import type { LanguageService } from '../src/service/index';

/**
 * The scheduler with a stand-in service whose checks the test finishes by
 * hand, and fake timers: which checks run when, and which results are
 * delivered, without timing anything.
 */

interface Call {
  readonly files: string[];
  /** The signal the check was given. */
  readonly token: { readonly isCancellationRequested: boolean };
  finish(results: Record<string, string>): Promise<void>;
}

function harness(options: { minDelayOf?: (uri: string) => number } = {}) {
  const calls: Call[] = [];
  const delivered: { uri: string; marker: string }[] = [];
  const service = {
    check: (files: Iterable<string>, token: Call['token']) =>
      new Promise<Map<string, Diagnostic[]>>((resolve) => {
        calls.push({
          files: [...files],
          token,
          finish: async (results) => {
            resolve(new Map(Object.entries(results).map(([uri, marker]) => [uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: marker }]])));
            await vi.advanceTimersByTimeAsync(0);
          },
        });
      }),
  } as unknown as LanguageService;
  const scheduler = new DiagnosticsScheduler({
    service,
    versionOf: () => undefined,
    log: (message) => {
      throw new Error(message);
    },
    sink: { deliver: (uri, diagnostics) => delivered.push({ uri, marker: String(diagnostics[0].message) }), batchDone: () => undefined },
    ...options,
  });
  scheduler.delayMs = 0;
  return { scheduler, calls, delivered };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DiagnosticsScheduler', () => {
  it('checks files queued while a batch gives way in a batch of their own, never one file in two batches', async () => {
    const { scheduler, calls, delivered } = harness();
    scheduler.schedule(['huge']);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.files)).toEqual([['huge']]);
    // While the huge file is being checked: another file starts at once; the huge one again waits for its batch.
    scheduler.schedule(['other', 'huge']);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.files)).toEqual([['huge'], ['other']]);
    await calls[1].finish({ other: 'other 1' });
    expect(delivered).toEqual([{ uri: 'other', marker: 'other 1' }]);
    // The first check of the huge file saw an older text: it is dropped, and the file is checked again.
    await calls[0].finish({ huge: 'huge 1' });
    expect(delivered).toEqual([{ uri: 'other', marker: 'other 1' }]);
    expect(calls.map((c) => c.files)).toEqual([['huge'], ['other'], ['huge']]);
    await calls[2].finish({ huge: 'huge 2' });
    expect(delivered.map((d) => d.marker)).toEqual(['other 1', 'huge 2']);
    await scheduler.whenIdle();
  });

  it('never lets an older result of a file overwrite one a later batch delivered (a codebook both checked): it checks the file again', async () => {
    const { scheduler, calls, delivered } = harness();
    scheduler.schedule(['a']);
    await vi.advanceTimersByTimeAsync(0);
    scheduler.schedule(['b']);
    await vi.advanceTimersByTimeAsync(0);
    await calls[1].finish({ b: 'b', codebook: 'codebook from the later batch' });
    await calls[0].finish({ a: 'a', codebook: 'codebook from the earlier batch' });
    expect(delivered.map((d) => d.marker)).toEqual(['b', 'codebook from the later batch', 'a']);
    expect(calls[2].files).toEqual(['codebook']);
    await calls[2].finish({ codebook: 'codebook checked again' });
    expect(delivered.map((d) => d.marker)).toEqual(['b', 'codebook from the later batch', 'a', 'codebook checked again']);
  });

  it('checks a file with a least delay only once changes pause that long; others at once', async () => {
    const { scheduler, calls } = harness({ minDelayOf: (uri) => (uri === 'huge' ? 300 : 0) });
    scheduler.schedule(['huge']);
    await vi.advanceTimersByTimeAsync(200);
    scheduler.schedule(['huge']); // another keystroke: the wait starts again
    scheduler.schedule(['small']);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls.map((c) => c.files)).toEqual([['small']]);
    await vi.advanceTimersByTimeAsync(299);
    expect(calls.map((c) => c.files)).toEqual([['small']]);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.map((c) => c.files)).toEqual([['small'], ['huge']]);
    expect(scheduler.isPending('huge')).toBe(true);
    await calls[0].finish({ small: 's' });
    await calls[1].finish({ huge: 'h' });
    expect(scheduler.isIdle).toBe(true);
  });

  it('stops a batch whose every file was queued again (a keystroke in the huge file it checks)', async () => {
    const { scheduler, calls } = harness();
    scheduler.schedule(['huge']);
    await vi.advanceTimersByTimeAsync(0);
    expect(calls[0].token.isCancellationRequested).toBe(false);
    scheduler.schedule(['other']);
    expect(calls[0].token.isCancellationRequested).toBe(false);
    scheduler.schedule(['huge']);
    expect(calls[0].token.isCancellationRequested).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    await calls[0].finish({});
    expect(calls.map((c) => c.files)).toEqual([['huge'], ['other'], ['huge']]);
    await calls[1].finish({ other: 'o' });
    await calls[2].finish({ huge: 'h' });
    expect(scheduler.isIdle).toBe(true);
  });
});
