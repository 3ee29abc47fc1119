import type { Diagnostic } from 'vscode-languageserver';
import { EDITOR_DIAGNOSTICS_LIMIT, isOperationCancelled, type LanguageService } from '../service/index';

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
  /**
   * The least delay before a file is checked after a change (ms): a file that takes long to check (a
   * huge open file) is not checked again for every keystroke of a burst, which would keep the server
   * busy and other requests waiting. The check comes once the typing pauses.
   */
  readonly minDelayOf?: (uri: string) => number;
}

/** At most this many batches at once: more start only while others give way inside a large file. */
const MAX_BATCHES = 4;

/**
 * Debounces re-checks and runs them in batches. A batch that checks a large
 * file gives way now and then (the service's pacing); files queued meanwhile
 * are checked in a batch of their own, so one huge file does not hold up the
 * others. A file is never in two running batches: it waits for its batch to
 * end. Results for an older state never overtake those of a newer one: a
 * file queued again after its batch started is not delivered (a newer check
 * comes), nor is a result older than one already delivered (it is checked
 * again instead, for files a batch adds on its own, such as codebooks).
 */
export class DiagnosticsScheduler {
  private readonly pending = new Set<string>();
  /** Files being checked, each by one running batch. */
  private readonly checking = new Set<string>();
  private readonly running = new Set<Batch>();
  private timer: { cancel(): void } | undefined;
  private idleWaiters: (() => void)[] = [];
  /** Ticks at every schedule and every batch start; when each file was last queued, and when the batch started whose result was delivered last. */
  private clock = 0;
  private readonly queuedAt = new Map<string, number>();
  private readonly deliveredFrom = new Map<string, number>();
  /** Files not to be checked before this time (Date.now()), and the timer that wakes them. */
  private readonly notBefore = new Map<string, number>();
  private deferred: ReturnType<typeof setTimeout> | undefined;
  delayMs = 100;

  constructor(private readonly options: SchedulerOptions) {}

  /** Queue files for a re-check after the debounce delay (0 = as soon as possible). */
  schedule(uris: Iterable<string>, delayMs = this.delayMs): void {
    const now = ++this.clock;
    for (const uri of uris) {
      this.pending.add(uri);
      this.queuedAt.set(uri, now);
      const least = this.options.minDelayOf?.(uri) ?? 0;
      if (least > delayMs) this.notBefore.set(uri, Date.now() + least);
      else this.notBefore.delete(uri);
    }
    if (this.pending.size === 0) return;
    // A running batch whose every file is queued again works for nothing: stop it.
    for (const batch of this.running) if (batch.files.every((uri) => this.pending.has(uri))) batch.cancelled = true;
    if (this.timer) this.cancelTimer();
    const run = () => {
      this.timer = undefined;
      this.drain();
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
    return !this.timer && !this.deferred && this.running.size === 0 && this.pending.size === 0;
  }

  /** Resolves once nothing is queued or running. */
  whenIdle(): Promise<void> {
    if (this.isIdle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Whether a file has a check queued or under way (its last results may be stale). */
  isPending(uri: string): boolean {
    return this.pending.has(uri) || this.checking.has(uri);
  }

  /** Starts a batch of the queued files that no running batch holds. */
  private drain(): void {
    if (this.timer || this.running.size >= MAX_BATCHES) return this.settle();
    const now = Date.now();
    const files = [...this.pending].filter((uri) => !this.checking.has(uri) && (this.notBefore.get(uri) ?? 0) <= now);
    this.deferLater(now);
    if (!files.length) return this.settle();
    for (const uri of files) {
      this.pending.delete(uri);
      this.checking.add(uri);
    }
    const batch = new Batch(files, ++this.clock);
    this.running.add(batch);
    void this.run(batch).finally(() => {
      this.running.delete(batch);
      for (const uri of files) this.checking.delete(uri);
      this.drain();
    });
  }

  private async run(batch: Batch): Promise<void> {
    const versions = new Map(batch.files.map((uri) => [uri, this.options.versionOf(uri)]));
    let results: Map<string, Diagnostic[]>;
    try {
      results = await this.options.service.check(batch.files, batch, { limit: EDITOR_DIAGNOSTICS_LIMIT });
    } catch (error) {
      if (!isOperationCancelled(error)) this.options.log(`Checking failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return;
    }
    const delivered: string[] = [];
    for (const [uri, diagnostics] of results) {
      const now = this.options.versionOf(uri);
      if (versions.has(uri) && versions.get(uri) !== now) continue; // edited meanwhile; a newer check is queued
      if ((this.queuedAt.get(uri) ?? 0) > batch.startedAt) continue; // queued again meanwhile; it will be re-checked
      if ((this.deliveredFrom.get(uri) ?? -1) > batch.startedAt) {
        // A batch started later delivered it first (a codebook both checked): check it once more, so the latest state wins.
        this.schedule([uri], 0);
        continue;
      }
      this.deliveredFrom.set(uri, batch.startedAt);
      this.options.sink.deliver(uri, diagnostics, now);
      delivered.push(uri);
    }
    this.options.sink.batchDone(delivered);
  }

  /** Arms a timer for the earliest file held back by its least delay. */
  private deferLater(now: number): void {
    if (this.deferred) clearTimeout(this.deferred);
    this.deferred = undefined;
    let earliest = Infinity;
    for (const uri of this.pending) earliest = Math.min(earliest, this.notBefore.get(uri) ?? Infinity);
    if (earliest === Infinity) return;
    this.deferred = setTimeout(
      () => {
        this.deferred = undefined;
        this.drain();
      },
      Math.max(0, earliest - now),
    );
  }

  /** Wakes those waiting for idleness, once nothing is queued or running. */
  private settle(): void {
    if (!this.isIdle) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  dispose(): void {
    this.cancelTimer();
    if (this.deferred) clearTimeout(this.deferred);
    this.deferred = undefined;
    this.pending.clear();
    for (const batch of this.running) batch.cancelled = true;
  }
}

/** A running batch; it is its own cancellation signal. */
class Batch {
  cancelled = false;

  /** `startedAt`: the scheduler's clock when it started. */
  constructor(
    readonly files: readonly string[],
    readonly startedAt: number,
  ) {}

  get isCancellationRequested(): boolean {
    return this.cancelled;
  }
}
