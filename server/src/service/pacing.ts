import { OperationCancelled, type CancellationSignal } from './cancellation';

/**
 * Lets long work give way to other work now and then. The language server
 * checks on the thread that answers hovers and edits: a file of 100,000
 * annotations takes seconds to parse and check, and nothing else may wait that
 * long. Loops ask `due()` (cheap: a clock read) and, when a slice of time is
 * used up, await `pause()`, which lets queued messages run. The CLI gives no
 * way to yield, so nothing pauses there.
 */
export class Pacer {
  private sliceStart = Date.now();

  /**
   * `yieldToEvents`: resolves once pending events have run (the server uses setImmediate).
   * `sliceMs`: how long work may run before it gives way.
   */
  constructor(private readonly yieldToEvents: () => Promise<void>, private readonly sliceMs = 25) {}

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
