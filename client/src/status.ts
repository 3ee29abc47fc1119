import * as vscode from 'vscode';
import { statusText, type ProblemCounts } from './logic';
import type { StatusParams } from '../../protocol/protocol';

/** The language status item: indexing, files checked, problems; it opens the Problems panel. */
export class StatusController implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly subscription: vscode.Disposable;
  private indexing = true;
  private files: number | undefined;

  constructor(selector: vscode.DocumentSelector) {
    this.item = vscode.languages.createLanguageStatusItem('standpoint.status', selector);
    this.item.name = 'Standpoint';
    this.item.command = { title: 'Show Problems', command: 'workbench.actions.view.problems' };
    this.subscription = vscode.languages.onDidChangeDiagnostics(() => this.render());
    this.render();
  }

  update(params: StatusParams): void {
    this.indexing = params.indexing;
    this.files = params.files;
    this.render();
  }

  private counts(): ProblemCounts {
    const counts: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const diagnostic of diagnostics) {
        if (diagnostic.source !== 'standpoint') continue;
        if (diagnostic.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
        else if (diagnostic.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
        else counts.infos++;
      }
    }
    return counts;
  }

  private render(): void {
    const counts = this.counts();
    const { text, detail, busy } = statusText(this.indexing, this.files, counts);
    this.item.text = text;
    this.item.detail = detail;
    this.item.busy = busy;
    this.item.severity = counts.errors ? vscode.LanguageStatusSeverity.Error : counts.warnings ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
  }

  dispose(): void {
    this.item.dispose();
    this.subscription.dispose();
  }
}
