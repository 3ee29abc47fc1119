import type { CancellationToken, PreviousResultId, WorkspaceDocumentDiagnosticReport } from 'vscode-languageserver';
import { DocumentDiagnosticReportKind } from 'vscode-languageserver';
import type { FileReport } from './reportStore';

/**
 * Answers `workspace/diagnostic` as a long poll: if the client already has
 * every current report, the request waits until something changes (VS Code
 * re-sends it as soon as it is answered), so closed files update at once.
 */
export class WorkspacePullQueue {
  private waiters: (() => void)[] = [];
  private disposed = false;

  constructor(private readonly reports: ReadonlyMap<string, FileReport>) {}

  async next(previous: readonly PreviousResultId[], token: CancellationToken): Promise<WorkspaceDocumentDiagnosticReport[]> {
    const known = new Map(previous.map((p) => [p.uri, p.value]));
    while (!token.isCancellationRequested && !this.disposed) {
      const items: WorkspaceDocumentDiagnosticReport[] = [];
      let changed = false;
      for (const [uri, report] of this.reports) {
        const version = report.version ?? null;
        if (known.get(uri) === report.resultId) {
          items.push({ kind: DocumentDiagnosticReportKind.Unchanged, uri, resultId: report.resultId, version });
        } else {
          changed = true;
          items.push({ kind: DocumentDiagnosticReportKind.Full, uri, resultId: report.resultId, version, items: report.diagnostics });
        }
      }
      if (changed) return items;
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        token.onCancellationRequested(() => resolve());
      });
    }
    return [];
  }

  /** Wakes waiting pulls after new results. */
  changed(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }

  dispose(): void {
    this.disposed = true;
    this.changed();
  }
}
