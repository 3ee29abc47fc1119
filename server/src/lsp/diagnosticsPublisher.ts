import type { Diagnostic } from 'vscode-languageserver';
import type { ReportStore } from './reportStore';

/** How long typing must pause before an unchanged list is sent again for the version it stopped at. */
export const CONFIRM_DELAY_MS = 250;

export interface PublisherOptions {
  readonly reports: ReportStore;
  readonly send: (uri: string, version: number | undefined, diagnostics: Diagnostic[]) => void;
  /** The client reads publishDiagnostics' version (and may drop a list sent for a version older than its text). */
  readonly versionSupport: () => boolean;
  readonly confirmDelayMs?: number;
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

/**
 * What push mode sends after each check (docs/diagnostics.md, "When the editor is sent a file's list").
 *
 * A list that changed is sent at once. A list that did not change is not sent
 * again after each keystroke: the editor already shows it where it belongs
 * (positions included), and re-sending it would make every keystroke cost as
 * much as the file's warnings (500 warnings: about 300 KB of JSON to write and
 * read). A client that reads versions may have dropped the last list it was
 * sent, if it arrived after the client's text had moved on; so once typing
 * pauses, the unchanged list is sent once more for the version it stopped at.
 */
export class DiagnosticsPublisher {
  private readonly confirmations = new Map<string, unknown>();
  private readonly delay: number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;

  constructor(private readonly options: PublisherOptions) {
    this.delay = options.confirmDelayMs ?? CONFIRM_DELAY_MS;
    this.setTimer =
      options.setTimer ??
      ((run, ms) => {
        const timer = setTimeout(run, ms);
        timer.unref?.();
        return timer;
      });
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** A check's result: kept for pulls, and sent now, later or not at all (push mode). */
  deliver(uri: string, diagnostics: Diagnostic[], version: number | undefined, push: boolean): void {
    const previousVersion = this.options.reports.get(uri)?.version;
    const unchanged = this.options.reports.store(uri, diagnostics, version);
    if (!push) return;
    if (!unchanged) {
      this.cancel(uri);
      this.options.send(uri, version, diagnostics);
    } else if (this.options.versionSupport() && version !== previousVersion) {
      this.cancel(uri);
      this.confirmations.set(
        uri,
        this.setTimer(() => {
          this.confirmations.delete(uri);
          const report = this.options.reports.get(uri);
          if (report) this.options.send(uri, report.version, report.diagnostics);
        }, this.delay),
      );
    }
  }

  dispose(): void {
    for (const uri of [...this.confirmations.keys()]) this.cancel(uri);
  }

  private cancel(uri: string): void {
    const timer = this.confirmations.get(uri);
    if (timer === undefined) return;
    this.clearTimer(timer);
    this.confirmations.delete(uri);
  }
}
