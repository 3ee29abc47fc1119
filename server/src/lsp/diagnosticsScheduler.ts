import type { Diagnostic } from 'vscode-languageserver';
import { EDITOR_DIAGNOSTICS_LIMIT, type LanguageService } from '../service/index';

/** How results reach the client: pushed (`publishDiagnostics`) or kept for pulls. */
export interface DiagnosticsSink {
  /** Called in order; a file's results are never delivered out of order. */
  deliver(uri: string, diagnostics: Diagnostic[], version: number | undefined): void;
  /** Called after each batch, with the files whose results were delivered. */
  batchDone(uris: readonly string[]): void;
}

export interface SchedulerOptions {
  readonly service: LanguageService;
  readonly sink: DiagnosticsSink;
  /** The open document's version, if open. */
  readonly versionOf: (uri: string) => number | undefined;
  readonly log: (message: string) => void;
}

/**
 * Debounces re-checks and runs them one batch at a time, so results for an
 * older state never overtake those of a newer one. A file whose document
 * changed while its batch ran is not delivered: a newer check is queued.
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  private timer: { cancel(): void } | undefined;
  private running: Promise<void> | undefined;
  private idleWaiters: (() => void)[] = [];
  delayMs = 100;

  constructor(private readonly options: SchedulerOptions) {}

  /** Queue files for a re-check after the debounce delay (0 = as soon as possible). */
  schedule(uris: Iterable<string>, delayMs = this.delayMs): void {
    for (const uri of uris) this.pending.add(uri);
    if (this.pending.size === 0) return;
    if (this.timer) this.cancelTimer();
    const run = () => {
      this.timer = undefined;
      void this.drain();
    };
    // setTimeout(0) waits at least a millisecond; with no delay, run right after pending I/O.
    if (delayMs > 0) {
      const handle = setTimeout(run, delayMs);
      this.timer = { cancel: () => clearTimeout(handle) };
    } else {
      const handle = setImmediate(run);
      this.timer = { cancel: () => clearImmediate(handle) };
    }
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  get isIdle(): boolean {
    return !this.timer && !this.running && this.pending.size === 0;
  }

  /** Resolves once nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.isIdle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Whether a file has a check queued (its last results are stale). */
  isPending(uri: string): boolean {
    return this.pending.has(uri);
  }

  private async drain(): Promise<void> {
    if (this.running) return this.running; // the running loop picks up what was queued
    this.running = (async () => {
      while (this.pending.size && !this.timer) {
        const batch = [...this.pending];
        this.pending.clear();
        const versions = new Map(batch.map((uri) => [uri, this.options.versionOf(uri)]));
        let results: Map<string, Diagnostic[]>;
        try {
          results = await this.options.service.check(batch, undefined, { limit: EDITOR_DIAGNOSTICS_LIMIT });
        } catch (error) {
          this.options.log(`Checking failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
          continue;
        }
        const delivered: string[] = [];
        for (const [uri, diagnostics] of results) {
          const before = versions.get(uri);
          const now = this.options.versionOf(uri);
          if (versions.has(uri) && before !== now) continue; // edited meanwhile; a newer check is queued
          if (this.pending.has(uri)) continue; // changed meanwhile; will be re-checked
          this.options.sink.deliver(uri, diagnostics, now);
          delivered.push(uri);
        }
        this.options.sink.batchDone(delivered);
      }
    })().finally(() => {
      this.running = undefined;
      if (this.isIdle) {
        const waiters = this.idleWaiters;
        this.idleWaiters = [];
        for (const resolve of waiters) resolve();
      } else if (this.pending.size && !this.timer) {
        void this.drain();
      }
    });
    return this.running;
  }

  dispose(): void {
    this.cancelTimer();
    this.pending.clear();
  }
}
