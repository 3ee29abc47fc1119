import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Problem, type RuleSetting, type SeverityName } from '../problems';
import type { LineMap } from '../text/lineMap';
import { LineMap as LineMapClass } from '../text/lineMap';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { ItemCheckCache, checkAnnotationFile, describeReadFailure } from './annotationChecks';
import { checkCodebook } from './codebookChecks';
import { formatBytes } from '../text/decode';
import type { ReadResult } from '../workspace';

export const DIAGNOSTIC_SOURCE = 'standpoint';

const SEVERITY: Record<SeverityName, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function severityName(severity: DiagnosticSeverity | undefined): SeverityName {
  switch (severity) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'info';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error';
  }
}

/** A diagnostic's message as plain text (LSP 3.18 also allows Markdown content). */
export function messageText(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** Applies `rules:` and turns offsets into LSP ranges; the result is sorted by position. */
export function toDiagnostics(problems: readonly Problem[], lineMap: LineMap, rules: ReadonlyMap<DiagnosticCode, RuleSetting> = new Map()): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems) {
    const rule = rules.get(problem.code);
    if (rule === 'off') continue;
    const severity: SeverityName = rule ?? problem.severity ?? DIAGNOSTIC_CODES[problem.code];
    const diagnostic: Diagnostic = {
      range: lineMap.rangeOf(problem.span),
      severity: SEVERITY[severity],
      code: problem.code,
      source: DIAGNOSTIC_SOURCE,
      message: problem.message,
    };
    if (problem.related?.length) diagnostic.relatedInformation = problem.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    if (problem.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
    if (problem.data) diagnostic.data = problem.data;
    diagnostics.push(diagnostic);
  }
  diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || String(a.code).localeCompare(String(b.code)));
  return diagnostics;
}

/** A file that could not be read as YAML gets one diagnostic at its start. */
function unreadableYaml(result: ReadResult, limit: number): Diagnostic[] {
  if (result.kind === 'text' || result.kind === 'missing') return [];
  const reason = result.kind === 'tooLarge'
    ? `it is ${formatBytes(result.size)}, over Standpoint's limit of ${formatBytes(limit)} for annotation files and codebooks; split it into several files`
    : describeReadFailure(result, 'codebook');
  return toDiagnostics([{ code: 'yaml-syntax', span: { start: 0, end: 0 }, message: `This file cannot be checked: ${reason}.` }], new LineMapClass(''));
}

/** Diagnostics of one annotation file or codebook; [] for a file that no longer exists or is neither. */
export async function computeDiagnostics(index: WorkspaceIndex, uri: string): Promise<Diagnostic[]> {
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    if (!context) return unreadableYaml(await index.readResult(uri), index.limits.maxYamlBytes);
    const cache = index.featureCache(uri, 'item-checks', () => new ItemCheckCache());
    const problems = checkAnnotationFile(context, index.folders, index.limits, cache);
    return toDiagnostics(problems, context.model.lineMap, context.codebook.model?.rules);
  }
  if (index.isCodebook(uri)) {
    const { result, model } = await index.codebookModel(uri);
    if (!model) return unreadableYaml(result, index.limits.maxYamlBytes);
    const users = await index.codebookUsers(uri);
    const problems = checkCodebook(uri, model, users);
    return toDiagnostics(problems, model.lineMap, model.rules);
  }
  return [];
}
