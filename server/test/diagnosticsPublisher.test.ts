import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { ReportStore } from '../src/lsp/reportStore';
import { DiagnosticsPublisher } from '../src/lsp/diagnosticsPublisher';

const URI = 'file:///ws/a.stance.yaml';
const warning = (line: number): Diagnostic => ({ range: { start: { line, character: 2 }, end: { line, character: 5 } }, message: 'repeats', code: 'duplicate-annotation', severity: 2 });

/** A publisher with a clock the test moves by hand, and everything it sent. */
function setUp(versionSupport: boolean) {
  const sent: { uri: string; version: number | undefined; lines: number[] }[] = [];
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextTimer = 0;
  const publisher = new DiagnosticsPublisher({
    reports: new ReportStore(),
    versionSupport: () => versionSupport,
    send: (uri, version, diagnostics) => sent.push({ uri, version, lines: diagnostics.map((d) => d.range.start.line) }),
    confirmDelayMs: 250,
    setTimer: (run, ms) => {
      timers.set(++nextTimer, { at: now + ms, run });
      return nextTimer;
    },
    clearTimer: (timer) => timers.delete(timer as number),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const [id, timer] of [...timers].sort((a, b) => a[1].at - b[1].at)) {
      if (timer.at > now) continue;
      timers.delete(id);
      timer.run();
    }
  };
  return { publisher, sent, advance, pending: () => timers.size };
}

describe('what push mode sends after a check (issue 10, item 3)', () => {
  it('sends a changed list at once, and an unchanged one to a client that reads versions only once typing pauses, for the version it stopped at', () => {
    const { publisher, sent, advance } = setUp(true);
    publisher.deliver(URI, [warning(3)], 1, true);
    expect(sent).toEqual([{ uri: URI, version: 1, lines: [3] }]);
    // Keystrokes 2, 3 and 4 change nothing, 100 ms apart: nothing is sent while typing goes on.
    for (const version of [2, 3, 4]) {
      publisher.deliver(URI, [warning(3)], version, true);
      advance(100);
    }
    expect(sent).toHaveLength(1);
    // The pause: the list is sent once more, for the version typing stopped at.
    advance(200);
    expect(sent.slice(1)).toEqual([{ uri: URI, version: 4, lines: [3] }]);
    advance(10_000);
    expect(sent).toHaveLength(2);
    // A change is sent at once and takes the place of a pending confirmation.
    publisher.deliver(URI, [warning(3)], 5, true);
    publisher.deliver(URI, [warning(4)], 6, true);
    expect(sent.slice(2)).toEqual([{ uri: URI, version: 6, lines: [4] }]);
    advance(10_000);
    expect(sent).toHaveLength(3);
    // The same version checked again (a codebook edit elsewhere that changed nothing here) is not sent again.
    publisher.deliver(URI, [warning(4)], 6, true);
    advance(10_000);
    expect(sent).toHaveLength(3);
  });

  it('never sends an unchanged list again to a client that does not read versions (as VS Code’s)', () => {
    const { publisher, sent, advance, pending } = setUp(false);
    publisher.deliver(URI, [warning(3)], 1, true);
    for (const version of [2, 3]) publisher.deliver(URI, [warning(3)], version, true);
    expect(pending()).toBe(0);
    advance(10_000);
    publisher.deliver(URI, [], 4, true);
    expect(sent).toEqual([
      { uri: URI, version: 1, lines: [3] },
      { uri: URI, version: 4, lines: [] },
    ]);
  });

  it('sends nothing in pull mode, but keeps every report for the pulls', () => {
    const reports = new ReportStore();
    const sent: unknown[] = [];
    const publisher = new DiagnosticsPublisher({ reports, versionSupport: () => true, send: (...args) => sent.push(args) });
    publisher.deliver(URI, [warning(3)], 1, false);
    publisher.deliver(URI, [warning(3)], 2, false);
    publisher.dispose();
    expect(sent).toEqual([]);
    expect(reports.get(URI)).toMatchObject({ version: 2, resultId: '1' });
  });
});
