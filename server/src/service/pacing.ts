import { OperationCancelled, type CancellationSignal } from './cancellation';

/**
 * Lets long work give way to other work now and then. The language server
 * checks on the thread that answers hovers and edits: a file of 100,000
 * annotations takes seconds to parse and check, and nothing else may wait that
 * long. Loops ask `due()` (cheap: a clock read) and, when a slice of time is
 * used up, await `pause()`, which lets queued messages run. The CLI gives no
 * way to yield, so nothing pauses there.
 */
export interface PacingOptions {
  /** How long work may run before it gives way (default 25 ms). */
  readonly sliceMs?: number;
  /** Annotation files of at least this many characters are parsed in steps (default 256 K). */
  readonly parseInStepsFrom?: number;
  /** About how many characters each step parses (default 64 K). */
  readonly stepChars?: number;
}

export class Pacer {
  private sliceStart = Date.now();
  private readonly sliceMs: number;
  readonly parseInStepsFrom: number;
  readonly stepChars: number;

  /** `yieldToEvents`: resolves once pending events have run (the server uses setImmediate). */
  constructor(
    private readonly yieldToEvents: () => Promise<void>,
    options: PacingOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? 25;
    this.parseInStepsFrom = options.parseInStepsFrom ?? 256 * 1024;
    this.stepChars = options.stepChars ?? 64 * 1024;
  }

  /** Whether the current slice is used up. */
  due(): boolean {
    return Date.now() - this.sliceStart >= this.sliceMs;
  }

  /** Gives way to other work; then stops the operation if `signal` was cancelled meanwhile. */
  async pause(signal?: CancellationSignal): Promise<void> {
    await this.yieldToEvents();
    this.sliceStart = Date.now();
    if (signal?.isCancellationRequested) throw new OperationCancelled();
  }
}

/** Work that may give way: a pacer (none in the CLI) and the signal that stops it. */
export interface Pacing {
  readonly pacer?: Pacer;
  readonly signal?: CancellationSignal;
}

/** Gives way if the slice is used up (the call to make in loops). */
export async function giveWay(pacing: Pacing | undefined): Promise<void> {
  if (pacing?.pacer?.due()) await pacing.pacer.pause(pacing.signal);
}
