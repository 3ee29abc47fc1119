/**
 * Tells clients that analysis results may have changed (`standpoint/analysisChanged`),
 * at most once per `delayMs`: a burst of re-checked batches (indexing, a branch switch,
 * fast typing) becomes one notification, sent `delayMs` after the first batch of the
 * burst, so a view never waits longer than that and never asks again per batch.
 */
export class AnalysisNotifier {
  private version = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (version: number) => void,
    readonly delayMs = 50,
  ) {}

  /** A batch of checks re-checked files: their statements may differ. */
  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.send(++this.version);
    }, this.delayMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
