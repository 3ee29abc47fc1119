/**
 * The analysis requests editors build their views from (analysis contract §5;
 * protocol/analysis.ts): the network and the statements of the workspace or of
 * some articles, with the CLI's options, each statement with where it is.
 *
 * Each annotation file's statements and mentions are extracted once per
 * context (a context is rebuilt whenever the file, its article or its
 * codebook changes), so after an edit only that file is read again; the
 * filters, the duplicate rule and the network then run over the corpus.
 */
import type { AnalysisFacets, LeftOut, LocatedStatement, NetworkParams, NetworkResult, NetworkType, StatementsParams, StatementsResult } from '../../../../protocol/analysis';
import type { Mention } from '../analysis/types';
import { compareText, filterRecords, UNNAMED_CODER, type ActorInfo, type FilterResult } from '../analysis/filters';
import { buildNetwork, duplicatesCompareStance, targetNodeKey } from '../analysis/networks';
import { checkNetworkOptions, filterOptionsError, polarityRange } from '../analysis/networkOptions';
import { applyDuplicateRule, compareDocumentOrder } from '../analysis/duplicates';
import { parseIsoDate } from '../analysis/dates';
import { DEFAULT_STANCES, type CodebookModel } from '../model/codebook';
import type { AnnotationContext } from '../workspaceIndex/context';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { displayPath } from '../workspace';
import { resolvedAnnotations } from './resolution';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';

/** A request whose options the CLI would refuse: the message says what is allowed. */
export class AnalysisOptionsError extends Error {
  override readonly name = 'AnalysisOptionsError';
}

/** What one annotation file contributes. */
interface FileAnalysis {
  readonly uri: string;
  readonly articleUri?: string;
  readonly coder?: string;
  readonly date?: string;
  readonly statements: readonly LocatedStatement[];
  readonly mentions: readonly Mention[];
  /** Stance entries left out: unknown actor, target or stance, or an unresolved sentence or quote. */
  readonly invalid: number;
  readonly codebook?: CodebookModel;
}

const analyses = new WeakMap<AnnotationContext, FileAnalysis>();

/** Code points before each of some UTF-16 offsets of a text, after its BOM (what exports count in). */
function codePointCounter(text: string): (offset: number) => number {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let at = bom;
  let count = 0;
  return (offset: number) => {
    // Offsets come in any order: start again from the BOM when asked for an earlier one.
    if (offset < at) {
      at = bom;
      count = 0;
    }
    for (; at < offset; at++) {
      const code = text.charCodeAt(at);
      // A high surrogate followed by a low one is one code point.
      if (code >= 0xd800 && code <= 0xdbff && at + 1 < offset) {
        const next = text.charCodeAt(at + 1);
        if (next >= 0xdc00 && next <= 0xdfff) at++;
      }
      count++;
    }
    return count;
  };
}

function analyseFile(context: AnnotationContext, folders: readonly string[]): FileAnalysis {
  const known = analyses.get(context);
  if (known) return known;
  const model = context.model;
  const codebook = context.codebook.model?.usable ? context.codebook.model : undefined;
  const article = context.article?.reference.kind === 'inside' ? context.article.article : undefined;
  const articleUri = context.article?.reference.kind === 'inside' ? context.article.reference.uri : undefined;
  const file = displayPath(context.uri, folders);
  const articlePath = articleUri ? displayPath(articleUri, folders) : '';
  const stances = codebook && codebook.stances.size ? codebook.stances : DEFAULT_STANCES;
  const codePoints = article ? codePointCounter(article.text) : () => 0;
  // The file's coder and the article's facts (document:), on every statement and mention of the file.
  const coder = model.coder?.value;
  const facts = model.document?.values;
  const header = {
    ...(facts?.title ? { title: facts.title.value } : {}),
    ...(facts?.date ? { date: facts.date.value } : {}),
    ...(facts?.source ? { source: facts.source.value } : {}),
    ...(coder ? { coder } : {}),
  };
  const statements: LocatedStatement[] = [];
  const mentions: Mention[] = [];
  let invalid = 0;

  for (const resolved of resolvedAnnotations(context)) {
    const { annotation, sentence, quoteMatch } = resolved;
    if (!annotation.valid) continue;
    const located = Boolean(article && codebook && sentence && (!annotation.quote || quoteMatch));
    if (!located || !article || !codebook || !sentence) {
      invalid += annotation.stances.length;
      continue;
    }
    const name = annotation.id?.value ?? String(annotation.index + 1);
    const sentenceText = article.text.slice(sentence.start, sentence.end);
    const span = quoteMatch ?? sentence;
    const start = codePoints(span.start);
    const end = codePoints(span.end);
    const sentenceLocation = { uri: articleUri!, range: article.lineMap.rangeOf(sentence) };
    const involved = new Set<string>();
    const actorInfo = (id: string) => codebook.actors.get(id);
    const mention = (id: string) => {
      const actor = actorInfo(id);
      if (!actor || involved.has(id)) return;
      involved.add(id);
      mentions.push({
        article: articlePath,
        ...header,
        file,
        line: model.lineMap.positionAt(annotation.span.start).line + 1,
        annotation: name,
        sentence: sentence.n,
        actor: id,
        actorName: actor.name?.value ?? id,
        actorType: actor.type?.value ?? '',
        ...(actor.affiliation ? { actorAffiliation: actor.affiliation.value } : {}),
      });
    };
    for (const actor of annotation.actors) mention(actor.value);
    for (const entry of annotation.stances) {
      const actor = entry.actor && actorInfo(entry.actor.value);
      const towardId = entry.toward?.value;
      const towardActor = towardId ? actorInfo(towardId) : undefined;
      const towardTopic = towardId ? codebook.topics.get(towardId) : undefined;
      const stance = entry.stance && stances.get(entry.stance.value);
      if (!actor || !towardId || (!towardActor && !towardTopic) || !stance) {
        invalid++;
        continue;
      }
      mention(actor.id);
      const range = model.lineMap.rangeOf(entry.span);
      statements.push({
        article: articlePath,
        ...header,
        file,
        line: range.start.line + 1,
        annotation: name,
        sentence: sentence.n,
        sentenceText,
        ...(annotation.quote && quoteMatch ? { quote: annotation.quote.value } : {}),
        start,
        end,
        actor: actor.id,
        actorName: actor.name?.value ?? actor.id,
        actorType: actor.type?.value ?? '',
        ...(actor.affiliation ? { actorAffiliation: actor.affiliation.value } : {}),
        toward: towardId,
        towardLabel: towardActor ? (towardActor.name?.value ?? towardId) : (towardTopic!.label?.value ?? towardId),
        towardKind: towardActor ? 'actor' : 'topic',
        stance: stance.id,
        polarity: stance.polarity,
        ...(annotation.note ? { note: annotation.note.value } : {}),
        location: { uri: context.uri, range },
        sentenceLocation,
      });
    }
  }
  const analysis: FileAnalysis = {
    uri: context.uri,
    ...(articleUri ? { articleUri } : {}),
    ...(coder ? { coder } : {}),
    ...(header.date ? { date: header.date } : {}),
    statements,
    mentions,
    invalid,
    ...(codebook ? { codebook } : {}),
  };
  analyses.set(context, analysis);
  return analysis;
}

/** Every annotation file's contribution, in URI order. */
async function corpus(index: WorkspaceIndex, token?: CancellationSignal): Promise<FileAnalysis[]> {
  await index.discover();
  const files: FileAnalysis[] = [];
  for (const uri of [...index.annotationFiles].sort()) {
    const context = await index.annotationContext(uri);
    throwIfCancelled(token);
    if (context) files.push(analyseFile(context, index.folders));
  }
  return files;
}

/** The codebooks' actors (the first codebook that names an id wins), for the roll-up and the network's nodes. */
function actorLookup(files: readonly FileAnalysis[]): { lookup: (id: string) => ActorInfo | undefined; types: string[]; range: number } {
  const actors = new Map<string, ActorInfo>();
  const polarities = new Set<number>();
  const seen = new Set<CodebookModel>();
  for (const { codebook } of files) {
    if (!codebook || seen.has(codebook)) continue;
    seen.add(codebook);
    for (const actor of codebook.actors.values()) {
      if (!actors.has(actor.id))
        actors.set(actor.id, { id: actor.id, name: actor.name?.value ?? actor.id, type: actor.type?.value ?? '', ...(actor.affiliation ? { affiliation: actor.affiliation.value } : {}) });
    }
    for (const stance of (codebook.stances.size ? codebook.stances : DEFAULT_STANCES).values()) polarities.add(stance.polarity);
  }
  const types = [...new Set([...actors.values()].map((a) => a.type).filter(Boolean))].sort(compareText);
  return { lookup: (id) => actors.get(id), types, range: polarityRange(polarities.size ? polarities : [1, -1]) };
}

function facetsOf(files: readonly FileAnalysis[], actorTypes: string[]): AnalysisFacets {
  const coders = new Set<string>();
  let first: { text: string; start: number } | undefined;
  let last: { text: string; end: number } | undefined;
  for (const file of files) {
    coders.add(file.coder ?? UNNAMED_CODER);
    const span = file.date ? parseIsoDate(file.date) : undefined;
    if (!span) continue;
    if (!first || span.start < first.start) first = { text: file.date!, start: span.start };
    if (!last || span.end > last.end) last = { text: file.date!, end: span.end };
  }
  return { coders: [...coders].sort(compareText), actorTypes, ...(first ? { firstDate: first.text } : {}), ...(last ? { lastDate: last.text } : {}) };
}

interface Selection {
  readonly files: FileAnalysis[];
  readonly all: FileAnalysis[];
  readonly statements: FilterResult<LocatedStatement>;
  readonly mentions: FilterResult<Mention>;
  readonly actors: ReturnType<typeof actorLookup>;
  readonly invalid: number;
}

/**
 * The last corpus read, with its statements joined and the last few filter results: views ask again after
 * every batch of checks, mostly with unchanged files and options (and then nothing is added up again).
 */
interface CorpusMemo {
  readonly files: readonly FileAnalysis[];
  readonly filtered: Map<string, Selection>;
}
const memos = new WeakMap<WorkspaceIndex, CorpusMemo>();
const KEPT_SELECTIONS = 8;

const sameFiles = (a: readonly FileAnalysis[], b: readonly FileAnalysis[]) => a.length === b.length && a.every((file, i) => file === b[i]);

/** The files in scope, their statements and mentions through the filters. */
async function select(index: WorkspaceIndex, params: NetworkParams | StatementsParams, token?: CancellationSignal): Promise<Selection> {
  const problem = filterOptionsError({ from: params.from, to: params.to, actors: params.actors });
  if (problem) throw new AnalysisOptionsError(problem);
  const all = await corpus(index, token);
  let memo = memos.get(index);
  if (!memo || !sameFiles(memo.files, all)) memos.set(index, (memo = { files: all, filtered: new Map() }));
  const key = JSON.stringify([params.from, params.to, params.coders, params.actors, params.actorTypes, params.articles]);
  const known = memo.filtered.get(key);
  if (known) return known;
  const articles = params.articles ? new Set(params.articles) : undefined;
  const files = articles ? all.filter((f) => f.articleUri !== undefined && articles.has(f.articleUri)) : all;
  const actors = actorLookup(all);
  const options = { from: params.from, to: params.to, coders: params.coders, actors: params.actors, actorTypes: params.actorTypes, lookupActor: actors.lookup };
  const statements: LocatedStatement[] = [];
  const mentions: Mention[] = [];
  for (const file of files) {
    for (const statement of file.statements) statements.push(statement);
    for (const mention of file.mentions) mentions.push(mention);
  }
  const selection: Selection = {
    files,
    all,
    statements: filterRecords(statements, options),
    mentions: filterRecords(mentions, options),
    actors,
    invalid: files.reduce((sum, f) => sum + f.invalid, 0),
  };
  if (memo.filtered.size >= KEPT_SELECTIONS) memo.filtered.delete(memo.filtered.keys().next().value!);
  memo.filtered.set(key, selection);
  return selection;
}

function leftOutOf(selection: Selection, filtered: FilterResult<unknown>): LeftOut {
  const reasons: Record<string, number> = { invalid: selection.invalid, ...filtered.leftOut };
  for (const key of Object.keys(reasons)) if (!reasons[key]) delete reasons[key];
  return { total: Object.values(reasons).reduce((sum, n) => sum + n, 0), reasons };
}

function noticesOf(params: NetworkParams | StatementsParams, filtered: FilterResult<unknown>): string[] {
  const notices: string[] = [];
  if (!params.coders?.length) {
    const several = filtered.articlesWithSeveralCoders;
    if (several.length) {
      notices.push(
        `${several.length === 1 ? `${several[0]} has annotation files` : `${several.length} articles have annotation files`} from several coders; each coder's statements are counted (choose coders to count one).`,
      );
    }
  }
  for (const coder of filtered.codersNotFound) notices.push(`No annotation file has coder ${coder === UNNAMED_CODER ? '(none)' : coder}.`);
  return notices;
}

/** `standpoint/network`. Throws AnalysisOptionsError for options the CLI refuses. */
export async function networkRequest(index: WorkspaceIndex, params: NetworkParams, token?: CancellationSignal): Promise<NetworkResult> {
  const checked = checkNetworkOptions({ type: params.type, aggregate: params.aggregate, normalize: params.normalize, duplicates: params.duplicates, minWeight: params.minWeight });
  if (!checked.ok) throw new AnalysisOptionsError(checked.error);
  const selection = await select(index, params, token);
  const filtered = checked.options.type === 'co-mention' ? selection.mentions : selection.statements;
  const { network } = buildNetwork({
    statements: selection.statements.kept,
    mentions: selection.mentions.kept,
    options: checked.options,
    range: selection.actors.range,
    lookupActor: selection.actors.lookup,
  });
  return { network, leftOut: leftOutOf(selection, filtered), notices: noticesOf(params, filtered), facets: facetsOf(selection.all, selection.actors.types) };
}

/** The targets on which two actors' terms of a one-mode tie are not zero (congruence: some pair of stances not fully apart; conflict: some pair apart; subtract: the difference; co-occurrence: any). */
function sharedTargets(type: NetworkType, kept: readonly LocatedStatement[], a: string, b: string, range: number): Set<string> {
  const polarities = new Map<string, { a: number[]; b: number[] }>();
  for (const s of kept) {
    if (s.actor !== a && s.actor !== b) continue;
    let entry = polarities.get(s.toward);
    if (!entry) polarities.set(s.toward, (entry = { a: [], b: [] }));
    (s.actor === a ? entry.a : entry.b).push(s.polarity);
  }
  const shared = new Set<string>();
  for (const [target, { a: pa, b: pb }] of polarities) {
    if (!pa.length || !pb.length) continue;
    let agreement = 0;
    let distance = 0;
    for (const p of pa) {
      for (const q of pb) {
        const d = range > 0 ? Math.abs(p - q) / range : 0;
        agreement += 1 - d;
        distance += d;
      }
    }
    const term = type === 'congruence' ? agreement : type === 'conflict' ? distance : type === 'subtract' ? agreement - distance : 1;
    if (Math.abs(term) > 1e-12) shared.add(target);
  }
  return shared;
}

/** The statements whose (rolled-up) actor and target make a tie or a node of a network of this type. */
function matcher(params: StatementsParams, kept: readonly LocatedStatement[], mentions: readonly Mention[], range: number): ((s: LocatedStatement) => boolean) | undefined {
  const targetKey = (s: LocatedStatement) => targetNodeKey(s.toward, s.towardKind);
  if (params.tie) {
    const { type, source, target } = params.tie;
    if (type === 'affiliation') return (s) => (s.actor === source && targetKey(s) === target) || (s.actor === target && targetKey(s) === source);
    if (type === 'co-mention') {
      // The statements of the annotations that involve both actors.
      const byAnnotation = new Map<string, Set<string>>();
      for (const m of mentions) {
        const key = `${m.file}\u0000${m.annotation}`;
        (byAnnotation.get(key) ?? byAnnotation.set(key, new Set()).get(key)!).add(m.actor);
      }
      return (s) => {
        const involved = byAnnotation.get(`${s.file}\u0000${s.annotation}`);
        return Boolean(involved?.has(source) && involved.has(target));
      };
    }
    // One-mode ties come from shared targets: the two actors' statements toward the targets whose term adds something to
    // the tie (as the edge's `statements` count them; docs/analysis.md, "Nodes and edges").
    const shared = sharedTargets(type, kept, source, target, range);
    return (s) => (s.actor === source || s.actor === target) && shared.has(s.toward);
  }
  if (params.node) {
    const { key, type } = params.node;
    return type === 'affiliation' ? (s) => s.actor === key || targetKey(s) === key : (s) => s.actor === key;
  }
  return undefined;
}

const STATEMENTS_LIMIT = 10_000;

/** `standpoint/statements`: the statements of a tie or a node (or all), in document order, after the filters and the duplicate rule. */
export async function statementsRequest(index: WorkspaceIndex, params: StatementsParams, token?: CancellationSignal): Promise<StatementsResult> {
  const selection = await select(index, params, token);
  const type: NetworkType = params.tie?.type ?? params.node?.type ?? 'affiliation';
  const duplicates = params.duplicates ?? 'include';
  const { kept } = applyDuplicateRule(selection.statements.kept, duplicates, { compareStance: duplicatesCompareStance({ type, aggregate: params.aggregate ?? 'ignore' }) });
  const matches = matcher(params, kept, selection.mentions.kept, selection.actors.range);
  const chosen = matches ? kept.filter(matches) : kept;
  const order = chosen.map((statement, i) => ({ statement, i }));
  order.sort((a, b) => compareDocumentOrder(a.statement, a.i, b.statement, b.i));
  const limit = Math.max(0, Math.min(params.limit ?? STATEMENTS_LIMIT, STATEMENTS_LIMIT));
  return { statements: order.slice(0, limit).map((o) => o.statement), total: chosen.length, leftOut: leftOutOf(selection, selection.statements) };
}
