import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Problem, type RelatedLocation, type RelatedSpan, type RuleSetting, type SeverityName } from '../problems';
import type { LineMap } from '../text/lineMap';
import { LineMap as LineMapClass } from '../text/lineMap';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { AnnotationContext } from '../workspaceIndex/context';
import { ItemCheckCache } from './itemCheckCache';
import { checkAnnotationFile } from './annotationChecks';
import { describeReadFailure } from './linkChecks';
import { checkCodebook, sameUsedIds } from './codebookChecks';
import type { CancellationSignal } from '../cancellation';
import { documentProblems, type RangedProblem } from './documentChecks';
import { formatBytes } from '../text/decode';
import { displayPath, normalizeUri, type ReadResult } from '../workspace';
import { giveWay, type Pacer, type Pacing } from '../pacing';
import { sentenceMovedOfIndexed, withSentenceMoved, type CleanFacts } from './sentenceMoved';
import { annotationAt } from './locate';

export const DIAGNOSTIC_SOURCE = 'standpoint';

/**
 * The code of the one diagnostic that stands in for those an editor is not
 * sent (see `limit`). It is not a problem of the file, so it is not in
 * DIAGNOSTIC_CODES: `rules:` cannot set it, and `standpoint check` never prints it.
 */
export const TOO_MANY_PROBLEMS = 'too-many-problems';

/** How many diagnostics of one file the language server sends an editor (docs/diagnostics.md). */
export const EDITOR_DIAGNOSTICS_LIMIT = 1000;

export interface DiagnosticsOptions {
  /**
   * Report at most this many diagnostics: the most severe first, then in file
   * order; plus one `too-many-problems` at the first left out, saying how many
   * more there are. Unlimited when absent (the CLI lists everything).
   */
  readonly limit?: number;
  /**
   * Include the diagnostics that compare the file with the other files of its
   * article (document-mismatch); default true. Bulk indexers leave them out:
   * what they compute is per file (and kept per file in the persisted index).
   */
  readonly crossFile?: boolean;
  /** Lets a long check give way to other work (the language server's pacer and the check's signal). */
  readonly pacing?: Pacing;
}

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

/** Where the `too-many-problems` diagnostic sends the user: the file's path for `standpoint check`. */
export interface LimitContext {
  readonly limit: number;
  /** The file as `standpoint check` takes it (relative to its workspace folder). */
  readonly path: string;
}

/**
 * The diagnostics last made for one file, by message. A problem that is still there, at the same line and
 * character, with the same message and related places, gets the same object again: a keystroke does not
 * rebuild the diagnostics of the problems it did not touch, and comparing the new list with the last one
 * (lsp/reportStore.ts) finds them equal at once. Messages are mostly the same string objects from check to
 * check (kept with the per-annotation results and by the checks across annotations), so finding them is cheap.
 */
export class DiagnosticReuse {
  private byMessage = new Map<string, Diagnostic | Diagnostic[]>();
  /** How many diagnostics are kept (some may be of older lists: they are still checked before they are used). */
  private kept = 0;
  /**
   * The last call: its problems and settings, the problems it showed with the diagnostic of each (by position:
   * most edits leave a list's order as it was), and its answer.
   */
  private last:
    | {
        readonly problems: readonly Problem[];
        readonly lineMap: LineMap;
        readonly rules: ReadonlyMap<DiagnosticCode, RuleSetting>;
        readonly limit?: LimitContext;
        readonly shown: readonly Problem[];
        readonly madeFor: readonly (Diagnostic | undefined)[];
        readonly diagnostics: readonly Diagnostic[];
      }
    | undefined;

  /** The list made last time, if it was made from these very problems (the same objects, in the same order) and settings: a pull and the scheduler checking one version get it at once. */
  again(problems: readonly Problem[], lineMap: LineMap, rules: ReadonlyMap<DiagnosticCode, RuleSetting>, limit: LimitContext | undefined): Diagnostic[] | undefined {
    const last = this.last;
    if (!last || last.lineMap !== lineMap || (last.rules !== rules && (last.rules.size || rules.size)) || last.limit?.limit !== limit?.limit || last.limit?.path !== limit?.path) return undefined;
    if (last.problems.length !== problems.length) return undefined;
    for (let i = 0; i < problems.length; i++) if (last.problems[i] !== problems[i]) return undefined;
    return [...last.diagnostics];
  }

  /** Keeps a call for the next (none of its lists is changed after it is made; answers are copies). Not a flood. */
  made(
    problems: readonly Problem[],
    lineMap: LineMap,
    rules: ReadonlyMap<DiagnosticCode, RuleSetting>,
    limit: LimitContext | undefined,
    shown: readonly Problem[],
    madeFor: readonly (Diagnostic | undefined)[],
    diagnostics: readonly Diagnostic[],
  ): void {
    this.last = problems.length <= KEPT_DIAGNOSTICS ? { problems, lineMap, rules, limit, shown, madeFor, diagnostics } : undefined;
  }

  /** The last diagnostic for this problem (the `position`-th shown), if it is exactly what `toDiagnostics` would build now. */
  find(problem: Problem, position: number, severity: DiagnosticSeverity, lineMap: LineMap): Diagnostic | undefined {
    // First the diagnostic of the problem at the same place in the last list, then any with its message.
    const there = this.last?.shown[position];
    if (there !== undefined && there.message === problem.message) {
      const candidate = this.last!.madeFor[position];
      if (candidate !== undefined && matches(candidate, problem, severity, lineMap)) return candidate;
    }
    const found = this.byMessage.get(problem.message);
    if (found === undefined) return undefined;
    if (!Array.isArray(found)) return matches(found, problem, severity, lineMap) ? found : undefined;
    return found.find((diagnostic) => matches(diagnostic, problem, severity, lineMap));
  }

  /**
   * Keeps a check's diagnostics for the next one: those built anew (`fresh`) are added while what is kept stays
   * near the list's size, else the list replaces what is kept. Not a flood: 100,000 would be kept for a file
   * nobody types in key by key.
   */
  remember(diagnostics: readonly Diagnostic[], fresh: readonly Diagnostic[]): void {
    if (!fresh.length && this.kept >= diagnostics.length) return;
    if (diagnostics.length > KEPT_DIAGNOSTICS) {
      this.byMessage = new Map();
      this.kept = 0;
      return;
    }
    let added = fresh;
    if (this.kept + fresh.length > 2 * diagnostics.length + 64) {
      this.byMessage = new Map();
      this.kept = 0;
      added = diagnostics;
    }
    for (const diagnostic of added) {
      if (typeof diagnostic.message !== 'string') continue;
      const before = this.byMessage.get(diagnostic.message);
      if (before === undefined) this.byMessage.set(diagnostic.message, diagnostic);
      else if (Array.isArray(before)) before.push(diagnostic);
      else this.byMessage.set(diagnostic.message, [before, diagnostic]);
      this.kept++;
    }
  }
}

const KEPT_DIAGNOSTICS = 10_000;

function matches(diagnostic: Diagnostic, problem: Problem, severity: DiagnosticSeverity, lineMap: LineMap): boolean {
  if (diagnostic.code !== problem.code || diagnostic.severity !== severity || !sameData(diagnostic.data, problem.data)) return false;
  if ((diagnostic.tags !== undefined) !== (problem.unnecessary === true)) return false;
  if (!lineMap.isRangeOf(diagnostic.range, problem.span)) return false;
  const related = problem.related ?? [];
  const before = diagnostic.relatedInformation ?? [];
  if (related.length !== before.length) return false;
  for (let k = 0; k < related.length; k++) {
    const now = related[k];
    const then = before[k];
    if (now.uri !== then.location.uri || now.message !== then.message) return false;
    if ('span' in now ? !lineMap.isRangeOf(then.location.range, now.span) : !sameRange(now.range, then.location.range)) return false;
  }
  return true;
}

/** Equal JSON values (a quick fix's facts: small objects of strings, numbers and arrays), built anew by a check of the same annotation. */
export function sameData(a: unknown, b: unknown, depth = 0): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || depth > 8) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!sameData((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

function sameRange(a: Diagnostic['range'], b: Diagnostic['range']): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A related place as LSP has it (a place in the problem's own file given by offsets is placed with its line map). */
function relatedLocation(related: RelatedLocation | RelatedSpan, lineMap: LineMap): RelatedLocation {
  return 'span' in related ? { uri: related.uri, range: lineMap.rangeOf(related.span), message: related.message } : related;
}

/**
 * Applies `rules:` and turns offsets into LSP ranges; the result is sorted by
 * position. With a limit, only the problems shown are turned into diagnostics.
 * With `reuse`, the diagnostics of problems unchanged since its last list are
 * the same objects again, and this list is kept for the next.
 */
export function toDiagnostics(
  problems: readonly Problem[],
  lineMap: LineMap,
  rules: ReadonlyMap<DiagnosticCode, RuleSetting> = new Map(),
  limit?: LimitContext,
  reuse?: DiagnosticReuse,
): Diagnostic[] {
  const again = reuse?.again(problems, lineMap, rules, limit);
  if (again) return again;
  const severityOf = (problem: Problem): DiagnosticSeverity | undefined => {
    const rule = rules.get(problem.code);
    return rule === 'off' ? undefined : SEVERITY[rule ?? problem.severity ?? DIAGNOSTIC_CODES[problem.code]];
  };
  let kept: readonly Problem[] = problems;
  let left: LeftOut<Problem> | undefined;
  if (limit) {
    // Only a rule can turn a problem off: without rules, every problem is reported.
    const reported = rules.size ? problems.filter((problem) => severityOf(problem) !== undefined) : problems;
    const selection = selectShown(
      reported,
      limit.limit,
      (problem) => severityOf(problem)!,
      (a, b) => a.span.start - b.span.start || codeOrder(a.code, b.code),
    );
    kept = selection.shown;
    left = selection.left;
  }
  const diagnostics: Diagnostic[] = [];
  const fresh: Diagnostic[] = [];
  const madeFor: (Diagnostic | undefined)[] = [];
  for (let position = 0; position < kept.length; position++) {
    const problem = kept[position];
    const severity = severityOf(problem);
    if (severity === undefined) {
      madeFor.push(undefined);
      continue;
    }
    const reused = reuse?.find(problem, position, severity, lineMap);
    if (reused) {
      diagnostics.push(reused);
      madeFor.push(reused);
      continue;
    }
    const diagnostic: Diagnostic = {
      range: lineMap.rangeOf(problem.span),
      severity,
      code: problem.code,
      source: DIAGNOSTIC_SOURCE,
      message: problem.message,
    };
    if (problem.related?.length)
      diagnostic.relatedInformation = problem.related.map((r) => {
        const { uri, range, message } = relatedLocation(r, lineMap);
        return { location: { uri, range }, message };
      });
    if (problem.unnecessary) diagnostic.tags = [DiagnosticTag.Unnecessary];
    if (problem.data) diagnostic.data = problem.data;
    diagnostics.push(diagnostic);
    madeFor.push(diagnostic);
    fresh.push(diagnostic);
  }
  if (left && limit) diagnostics.push(tooManyProblems(lineMap.rangeOf(left.first.span), left, limit));
  diagnostics.sort(byPosition);
  reuse?.remember(diagnostics, fresh);
  reuse?.made(problems, lineMap, rules, limit, kept, madeFor, diagnostics);
  return reuse ? [...diagnostics] : diagnostics;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || codeOrder(String(a.code), String(b.code));
}

/** Codes in a fixed order (plain code unit order: no locale tables on every comparison). */
function codeOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a limit left out: how many of each severity, and the first of them (the most severe, earliest). */
export interface LeftOut<T> {
  readonly first: T;
  /** Indexed by DiagnosticSeverity (1 error … 4 hint). */
  readonly counts: readonly number[];
  readonly total: number;
  /** How many there were in all. */
  readonly all: number;
}

/**
 * The `limit` items to show: the most severe first, then the earliest
 * (`before` orders by position). Linear apart from sorting the one severity
 * the limit cuts through.
 */
export function selectShown<T>(items: readonly T[], limit: number, severityOf: (item: T) => DiagnosticSeverity, before: (a: T, b: T) => number): { shown: readonly T[]; left?: LeftOut<T> } {
  if (items.length <= limit) return { shown: items };
  const counts = [0, 0, 0, 0, 0];
  for (const item of items) counts[severityOf(item)]++;
  // The severity the limit cuts through, and how many of it still fit.
  let cut: DiagnosticSeverity = DiagnosticSeverity.Error;
  let room = limit;
  while (cut < DiagnosticSeverity.Hint && counts[cut] <= room) room -= counts[cut++];
  const shown: T[] = [];
  const atCut: T[] = [];
  for (const item of items) {
    const severity = severityOf(item);
    if (severity < cut) shown.push(item);
    else if (severity === cut) atCut.push(item);
  }
  // Problems come in runs already in file order (one check after another): sort only if they are not.
  if (!atCut.every((item, i) => i === 0 || before(atCut[i - 1], item) <= 0)) atCut.sort(before);
  shown.push(...atCut.slice(0, room));
  const left = counts.map((count, severity) => (severity < cut ? 0 : severity === cut ? count - room : count));
  return { shown, left: { first: atCut[room], counts: left, total: items.length - limit, all: items.length } };
}

const SEVERITY_WORDS: Record<number, [string, string]> = {
  [DiagnosticSeverity.Error]: ['error', 'errors'],
  [DiagnosticSeverity.Warning]: ['warning', 'warnings'],
  [DiagnosticSeverity.Information]: ['info', 'info'],
  [DiagnosticSeverity.Hint]: ['hint', 'hints'],
};

/** 98765 → "98,765" (the same in every locale). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A path as a shell takes it (quoted when it has spaces or other special characters). */
function shellWord(path: string): string {
  return /^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`;
}

function tooManyProblems(range: Diagnostic['range'], left: LeftOut<unknown>, limit: LimitContext): Diagnostic {
  const kinds = left.counts.flatMap((count, severity) => (count ? [`${groupDigits(count)} ${SEVERITY_WORDS[severity][count === 1 ? 0 : 1]}`] : []));
  return {
    range,
    severity: DiagnosticSeverity.Information,
    code: TOO_MANY_PROBLEMS,
    source: DIAGNOSTIC_SOURCE,
    message: `This file has ${groupDigits(left.all)} problems; the editor is sent ${groupDigits(limit.limit)} (the most severe, then the first in the file). ${groupDigits(left.total)} more are not shown (${kinds.join(', ')}); the first of them is here. \`standpoint check ${shellWord(limit.path)}\` lists them all.`,
  };
}

/**
 * Diagnostics already computed in full (by a worker thread, or read from the
 * persisted index), cut to a limit as `toDiagnostics` would have.
 */
export function limitDiagnostics(diagnostics: readonly Diagnostic[], limit: LimitContext): Diagnostic[] {
  const selection = selectShown(diagnostics, limit.limit, (d) => d.severity ?? DiagnosticSeverity.Error, byPosition);
  if (!selection.left) return [...diagnostics];
  return [...selection.shown, tooManyProblems(selection.left.first.range, selection.left, limit)].sort(byPosition);
}

/** Problems placed by range (from summaries) as diagnostics, with `rules:` applied. */
function rangedDiagnostics(problems: readonly RangedProblem[], rules: ReadonlyMap<DiagnosticCode, RuleSetting> = new Map()): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems) {
    const rule = rules.get(problem.code);
    if (rule === 'off') continue;
    const diagnostic: Diagnostic = {
      range: problem.range,
      severity: SEVERITY[rule ?? problem.severity ?? DIAGNOSTIC_CODES[problem.code]],
      code: problem.code,
      source: DIAGNOSTIC_SOURCE,
      message: problem.message,
    };
    if (problem.related?.length) diagnostic.relatedInformation = problem.related.map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message }));
    if (problem.data) diagnostic.data = problem.data;
    diagnostics.push(diagnostic);
  }
  return diagnostics;
}

/**
 * The full diagnostics of an annotation file indexed elsewhere (worker
 * threads, the persisted index), which never include those comparing it with
 * the other files of its article: these are added here, from the summaries.
 */
export async function withCrossFileDiagnostics(index: WorkspaceIndex, uri: string, own: Diagnostic[], clean?: CleanFacts): Promise<Diagnostic[]> {
  const problems: RangedProblem[] = await documentProblems(index, uri);
  const moved = await sentenceMovedOfIndexed(index, uri, clean);
  if (moved.context) {
    const lineMap = moved.context.model.lineMap;
    // A moved annotation's quote-sentence-mismatch says less than sentence-moved: one warning, one fix.
    const movedLines = new Set(moved.problems.map((problem) => annotationAt(moved.context!.model, problem.span.start)));
    own = own.filter((d) => d.code !== 'quote-sentence-mismatch' || !movedLines.has(annotationAt(moved.context!.model, lineMap.offsetAt(d.range.start))));
    for (const problem of moved.problems) problems.push({ ...problem, range: lineMap.rangeOf(problem.span), related: problem.related?.map((r) => relatedLocation(r, lineMap)) });
  }
  if (!problems.length) return own;
  const codebookUri = index.linksOf(uri)?.codebookUri;
  const rules = codebookUri ? (await index.codebookModel(codebookUri)).model?.rules : undefined;
  const across = rangedDiagnostics(problems, rules);
  return across.length ? [...own, ...across].sort(byPosition) : own;
}

/** A file that could not be read as YAML gets one diagnostic at its start. */
function unreadableYaml(result: ReadResult, limit: number): Diagnostic[] {
  if (result.kind === 'text' || result.kind === 'missing') return [];
  const reason =
    result.kind === 'tooLarge'
      ? `it is ${formatBytes(result.size)}, over Standpoint's limit of ${formatBytes(limit)} for annotation files and codebooks; split it into several files`
      : describeReadFailure(result, 'codebook');
  return toDiagnostics([{ code: 'yaml-syntax', span: { start: 0, end: 0 }, message: `This file cannot be checked: ${reason}.` }], new LineMapClass(''));
}

interface LastProblems {
  context?: AnnotationContext;
  problems?: Problem[];
}

const running = new WeakMap<WorkspaceIndex, Map<string, Promise<unknown>>>();

/**
 * Runs the checks of one file one after another: a check that gives way
 * (pacing) must not interleave with another of the same file, whose
 * per-item cache it shares.
 */
async function oneAtATime<T>(index: WorkspaceIndex, uri: string, run: () => Promise<T>): Promise<T> {
  let byUri = running.get(index);
  if (!byUri) running.set(index, (byUri = new Map()));
  const before = byUri.get(uri);
  const task = before ? before.then(run, run) : run();
  byUri.set(uri, task);
  try {
    return await task;
  } finally {
    if (byUri.get(uri) === task) byUri.delete(uri);
  }
}

/** Diagnostics of one annotation file or codebook; [] for a file that no longer exists or is neither. */
export async function computeDiagnostics(index: WorkspaceIndex, uri: string, options: DiagnosticsOptions = {}): Promise<Diagnostic[]> {
  const crossFile = options.crossFile !== false;
  const limit = options.limit === undefined ? undefined : { limit: options.limit, path: displayPath(uri, index.folders) };
  if (index.isAnnotationFile(uri)) {
    return oneAtATime(index, uri, async () => {
      const context = await index.annotationContext(uri);
      if (!context) return unreadableYaml(await index.readResult(uri), index.limits.maxYamlBytes);
      // The file's own problems depend on its context alone (rebuilt whenever the file, its article or its
      // codebook changes): a pull and the scheduler asking for the same version check it once.
      const last = index.featureCache(uri, 'last-problems', () => ({}) as LastProblems);
      let problems: Problem[];
      if (last.context === context && last.problems) {
        problems = last.problems;
      } else {
        const cache = index.featureCache(uri, 'item-checks', () => new ItemCheckCache());
        problems = await checkAnnotationFile(context, index.folders, index.limits, cache, options.pacing);
        // Not for a flood of problems: 100,000 of them would hold 45 MB between checks.
        Object.assign(last, problems.length <= 10_000 ? { context, problems } : { context: undefined, problems: undefined });
      }
      problems = [...(await withSentenceMoved(index, context, problems))];
      if (crossFile) {
        const lineMap = context.model.lineMap;
        const across = (await documentProblems(index, uri)).map((problem): Problem => ({
          ...problem,
          span: { start: lineMap.offsetAt(problem.range.start), end: lineMap.offsetAt(problem.range.end) },
        }));
        if (across.length) problems = [...problems, ...across];
      }
      return toDiagnostics(
        problems,
        context.model.lineMap,
        context.codebook.model?.rules,
        limit,
        index.featureCache(uri, 'last-diagnostics', () => new DiagnosticReuse()),
      );
    });
  }
  if (index.isCodebook(uri)) {
    const { result, model } = await index.codebookModel(uri);
    if (!model) return unreadableYaml(result, index.limits.maxYamlBytes);
    const users = await index.codebookUsers(uri);
    const problems = checkCodebook(uri, model, users);
    return toDiagnostics(problems, model.lineMap, model.rules, limit);
  }
  return [];
}

/**
 * Diagnostics of the given files, and of the files their change may alter: the
 * codebooks whose usage counts change (a codebook's unused-entry problems depend
 * on which ids its annotation files use, so it is re-checked when a file starts
 * or stops using it, or uses other ids than at its previous check), and the
 * other files of an article whose `document:` changed. With a pacer, it gives
 * way to other work between files.
 */
export async function checkFiles(
  index: WorkspaceIndex,
  uris: Iterable<string>,
  token: CancellationSignal | undefined,
  checkOptions: DiagnosticsOptions | undefined,
  pacer: Pacer | undefined,
): Promise<Map<string, Diagnostic[]>> {
  const results = new Map<string, Diagnostic[]>();
  const diagnosticsOptions: DiagnosticsOptions = { ...checkOptions, pacing: { pacer, signal: token } };
  const requested = [...new Set([...uris].map(normalizeUri))];
  const codebooks = new Set<string>();
  // Annotation files first: resolving them tells which codebooks they use now.
  for (const uri of requested) {
    if (token?.isCancellationRequested) return results;
    await giveWay({ pacer, signal: token });
    if (index.isCodebook(uri) && !index.isAnnotationFile(uri)) {
      codebooks.add(uri);
      continue;
    }
    // The codebook's diagnostics depend on which ids its annotation files use: re-check it only if that changed.
    const before = index.previousContext(uri);
    results.set(uri, await computeDiagnostics(index, uri, diagnosticsOptions));
    const after = index.cachedContext(uri);
    if (before?.codebook.uri !== after?.codebook.uri) {
      if (before?.codebook.uri) codebooks.add(before.codebook.uri);
      if (after?.codebook.uri) codebooks.add(after.codebook.uri);
    } else if (after?.codebook.uri && (!before || !sameUsedIds(before.model, after.model))) {
      codebooks.add(after.codebook.uri);
    }
  }
  for (const uri of codebooks) {
    if (token?.isCancellationRequested) return results;
    results.set(uri, await computeDiagnostics(index, uri, diagnosticsOptions));
  }
  // Files of the same article as a file whose `document:` (or article) changed compare differently now.
  // (A few rounds at most: checking them may read another edited file of the article, which marks its siblings.)
  for (let round = 0, stale = index.takeCrossFileStale(); stale.length && round < 4; round++, stale = index.takeCrossFileStale()) {
    for (const [i, uri] of stale.entries()) {
      if (token?.isCancellationRequested) {
        index.markCrossFileStale(stale.slice(i));
        return results;
      }
      results.set(uri, await computeDiagnostics(index, uri, checkOptions));
    }
  }
  return results;
}
