import type { Diagnostic } from 'vscode-languageserver';

/** The last diagnostics computed for a file, with the id that pull clients echo back. */
export interface FileReport {
  readonly resultId: string;
  readonly diagnostics: Diagnostic[];
  readonly version: number | undefined;
}

/**
 * The latest diagnostics of every checked file, as pushed or answered to pulls. A
 * report's result id changes only when its diagnostics do, so a pull client that
 * echoes it back is answered "unchanged".
 */
export class ReportStore {
  private readonly byUri = new Map<string, FileReport>();

  /** Every report, by URI (read by the workspace pull). */
  get reports(): ReadonlyMap<string, FileReport> {
    return this.byUri;
  }

  get(uri: string): FileReport | undefined {
    return this.byUri.get(uri);
  }

  /** Keeps the latest report; returns true when the diagnostics did not change. */
  store(uri: string, diagnostics: Diagnostic[], version: number | undefined): boolean {
    const previous = this.byUri.get(uri);
    const unchanged = previous !== undefined && sameDiagnostics(previous.diagnostics, diagnostics);
    const resultId = unchanged ? previous.resultId : String((previous ? Number(previous.resultId) : 0) + 1);
    this.byUri.set(uri, { resultId, diagnostics, version });
    return unchanged;
  }
}

/** Field by field (no JSON): called for every file after every check. */
export function sameDiagnostics(a: readonly Diagnostic[], b: readonly Diagnostic[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x.message !== y.message || x.code !== y.code || x.severity !== y.severity || !sameRange(x.range, y.range)) return false;
    if ((x.tags?.length ?? 0) !== (y.tags?.length ?? 0)) return false;
    const rx = x.relatedInformation ?? [];
    const ry = y.relatedInformation ?? [];
    if (rx.length !== ry.length) return false;
    for (let k = 0; k < rx.length; k++) {
      if (rx[k].message !== ry[k].message || rx[k].location.uri !== ry[k].location.uri || !sameRange(rx[k].location.range, ry[k].location.range)) return false;
    }
  }
  return true;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}
