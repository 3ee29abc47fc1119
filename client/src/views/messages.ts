/**
 * Every message between the extension and its view pages, in one place
 * (both sides import these types), and the check the extension applies to
 * what a page sends. Pure: no vscode, no DOM.
 */
import type { NetworkResult, StatementsResult } from '../../../protocol/analysis';
import type { AgreementResult } from '../../../protocol/agreement';
import { viewOptions, type Scope, type StatementsQuery, type ViewKind, type ViewOptions } from './options';

/** The formats the extension writes through the server's writers, and the images a page draws. */
export type FileExportFormat = 'graphml' | 'csv';
export type ImageExportFormat = 'svg' | 'png';

/** What a page keeps across reloads (webview getState/setState); the serializer hands it back. */
export interface PageState {
  readonly kind: ViewKind;
  readonly options: ViewOptions;
  /** Network: node positions in graph coordinates, by node key, so the layout stays where the user saw it. */
  readonly positions?: Readonly<Record<string, readonly [number, number]>>;
  /** Matrix: how rows and columns are sorted. */
  readonly sort?: MatrixSort;
}

export interface MatrixSort {
  /** Actors (rows) by name, by statements, or by their counts toward one target (a column key). */
  readonly rows: { readonly by: 'name' | 'statements' | 'column'; readonly key?: string; readonly descending: boolean };
  /** Targets (columns) by name, by statements, or by one actor's counts (a row key). */
  readonly columns: { readonly by: 'name' | 'statements' | 'row'; readonly key?: string; readonly descending: boolean };
}

/** The article a view with scope `article` shows. */
export interface ScopeArticle {
  readonly uri: string;
  /** Its path relative to the workspace. */
  readonly label: string;
}

// ---------------------------------------------------------------------------
// Page → extension

export type PageMessage =
  /** The page is loaded, with the options it restored (or its defaults). */
  | { readonly type: 'ready'; readonly options: ViewOptions }
  | { readonly type: 'options'; readonly options: ViewOptions }
  | { readonly type: 'statements'; readonly requestId: number; readonly query: StatementsQuery }
  /** Open a statement of the last list sent with this request id: its annotation, and its sentence beside it. */
  | { readonly type: 'open'; readonly requestId: number; readonly index: number }
  | { readonly type: 'export'; readonly format: FileExportFormat }
  /** An image the page drew: SVG text, or a PNG data URL. */
  | { readonly type: 'exportImage'; readonly format: ImageExportFormat; readonly data: string }
  | { readonly type: 'showView'; readonly kind: ViewKind }
  /** Drawn: how long from the network's arrival until it could be used (for the log and the e2e timing). */
  | { readonly type: 'rendered'; readonly nodes: number; readonly edges: number; readonly ms: number }
  /** Something the user should not need to see but a bug report should: CSP violations, page errors. */
  | { readonly type: 'problem'; readonly message: string };

// ---------------------------------------------------------------------------
// Extension → page

export type ExtensionMessage =
  | { readonly type: 'loading' }
  | { readonly type: 'network'; readonly options: ViewOptions; readonly result: NetworkResult; readonly scope?: ScopeArticle }
  | { readonly type: 'networkError'; readonly message: string }
  | { readonly type: 'statements'; readonly requestId: number; readonly result: StatementsResult }
  | { readonly type: 'statementsError'; readonly requestId: number; readonly message: string }
  /** Show a node (from the codebook view's "Show in Network"): its key, and the id as the user knows it. */
  | { readonly type: 'focus'; readonly key: string; readonly id: string }
  /** The scope article changed (the user moved to another article). */
  | { readonly type: 'scope'; readonly scope?: ScopeArticle };

/** Images bigger than this are refused (a 4,000 × 4,000 PNG of a network is far smaller). */
export const MAX_IMAGE_CHARS = 64 * 1024 * 1024;
const MAX_PROBLEM_CHARS = 2000;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isText = (value: unknown, max = 200): value is string => typeof value === 'string' && value.length <= max;

function statementsQuery(value: unknown): StatementsQuery | undefined {
  if (!isObject(value)) return undefined;
  if (isObject(value.tie) && isText(value.tie.source) && isText(value.tie.target)) return { tie: { source: value.tie.source, target: value.tie.target } };
  if (isObject(value.node) && isText(value.node.key)) return { node: { key: value.node.key } };
  return undefined;
}

/**
 * A page message checked field by field; undefined for anything else. The
 * page is the extension's own code, but it runs with user content in it, so
 * the extension trusts only this shape (and opens only statements it sent).
 */
export function pageMessage(value: unknown, kind: ViewKind): PageMessage | undefined {
  if (!isObject(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'options':
      return { type: value.type, options: viewOptions(value.options, kind) };
    case 'statements': {
      const query = statementsQuery(value.query);
      return isCount(value.requestId) && query ? { type: 'statements', requestId: value.requestId, query } : undefined;
    }
    case 'open':
      return isCount(value.requestId) && isCount(value.index) ? { type: 'open', requestId: value.requestId, index: value.index } : undefined;
    case 'export':
      return value.format === 'graphml' || value.format === 'csv' ? { type: 'export', format: value.format } : undefined;
    case 'exportImage':
      if (value.format === 'svg' && isText(value.data, MAX_IMAGE_CHARS) && /^<svg[\s>]/.test(value.data)) return { type: 'exportImage', format: 'svg', data: value.data };
      if (value.format === 'png' && isText(value.data, MAX_IMAGE_CHARS) && value.data.startsWith('data:image/png;base64,')) return { type: 'exportImage', format: 'png', data: value.data };
      return undefined;
    case 'showView':
      return value.kind === 'network' || value.kind === 'matrix' ? { type: 'showView', kind: value.kind } : undefined;
    case 'rendered':
      return isCount(value.nodes) && isCount(value.edges) && typeof value.ms === 'number' && Number.isFinite(value.ms)
        ? { type: 'rendered', nodes: value.nodes, edges: value.edges, ms: value.ms }
        : undefined;
    case 'problem':
      return typeof value.message === 'string' ? { type: 'problem', message: value.message.slice(0, MAX_PROBLEM_CHARS) } : undefined;
    default:
      return undefined;
  }
}

/** A page's saved state, checked: what the serializer restores. */
export function pageState(value: unknown, kind: ViewKind): PageState {
  const raw = isObject(value) ? value : {};
  return { kind, options: viewOptions(raw.options, kind) };
}

// ---------------------------------------------------------------------------
// The Compare Coders page (docs/agreement.md): its own options and messages.

/** What the Compare Coders page lets the user choose, as `standpoint agree` takes it. */
export interface AgreementViewOptions {
  /** The whole workspace, or the article of the last article or annotation file the user was in. */
  readonly scope: Scope;
  /** `--coders`: empty for every coder, else at least two. */
  readonly coders: readonly string[];
}

export const DEFAULT_AGREEMENT_OPTIONS: AgreementViewOptions = { scope: 'workspace', coders: [] };

/** What the Compare Coders page keeps across reloads. */
export interface AgreementPageState {
  readonly options: AgreementViewOptions;
}

/** Which list of the report an entry to open is in. */
export type AgreementList = 'disagreements' | 'conflicts';

export type AgreementPageMessage =
  | { readonly type: 'ready'; readonly options: AgreementViewOptions }
  | { readonly type: 'options'; readonly options: AgreementViewOptions }
  /** Open the annotations of an entry of the last report, side by side (one per coder). */
  | { readonly type: 'open'; readonly list: AgreementList; readonly index: number }
  /** Open the sentence of an entry of the last report in its article. */
  | { readonly type: 'openSentence'; readonly list: AgreementList; readonly index: number }
  | { readonly type: 'rendered'; readonly disagreements: number; readonly ms: number }
  | { readonly type: 'problem'; readonly message: string };

export type AgreementExtensionMessage =
  | { readonly type: 'loading' }
  | { readonly type: 'report'; readonly options: AgreementViewOptions; readonly result: AgreementResult; readonly scope?: ScopeArticle }
  | { readonly type: 'reportError'; readonly message: string }
  | { readonly type: 'scope'; readonly scope?: ScopeArticle };

/** Valid Compare Coders options from anything (a page message, a saved state). */
export function agreementViewOptions(value: unknown): AgreementViewOptions {
  const raw = isObject(value) ? value : {};
  const coders = Array.isArray(raw.coders) ? [...new Set(raw.coders.filter((coder): coder is string => isText(coder)))].slice(0, 1000) : [];
  return { scope: raw.scope === 'article' ? 'article' : 'workspace', coders };
}

/** A Compare Coders page message checked field by field; undefined for anything else. */
export function agreementPageMessage(value: unknown): AgreementPageMessage | undefined {
  if (!isObject(value)) return undefined;
  const list = value.list === 'disagreements' || value.list === 'conflicts' ? value.list : undefined;
  switch (value.type) {
    case 'ready':
    case 'options':
      return { type: value.type, options: agreementViewOptions(value.options) };
    case 'open':
    case 'openSentence':
      return list && isCount(value.index) ? { type: value.type, list, index: value.index } : undefined;
    case 'rendered':
      return isCount(value.disagreements) && typeof value.ms === 'number' && Number.isFinite(value.ms) ? { type: 'rendered', disagreements: value.disagreements, ms: value.ms } : undefined;
    case 'problem':
      return typeof value.message === 'string' ? { type: 'problem', message: value.message.slice(0, MAX_PROBLEM_CHARS) } : undefined;
    default:
      return undefined;
  }
}

/** The Compare Coders page's saved state, checked. */
export function agreementPageState(value: unknown): AgreementPageState {
  return { options: agreementViewOptions(isObject(value) ? value.options : undefined) };
}
