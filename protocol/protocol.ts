/**
 * Standpoint's own LSP messages, commands and settings: the one definition the
 * VS Code client (client/src) and the language server (server/src) both
 * import, so a rename or a changed shape fails to compile on the other side.
 * Other clients (Neovim, Emacs, Helix) speak the same names. Pure data and
 * types: no vscode, no node, no LSP library (`types: []` in tsconfig.json).
 */
import type { Range, WorkspaceEdit } from 'vscode-languageserver-types';

/** A request: its method name, and (as types only) what it takes and answers. */
export interface ProtocolRequest<Params, Result> {
  readonly method: string;
  /** Never set: carries the parameter and result types to the typed send and handle helpers. */
  readonly signature?: (params: Params) => Result;
}

/** A notification from the server: its method name, and (as a type only) what it carries. */
export interface ProtocolNotification<Params> {
  readonly method: string;
  readonly signature?: (params: Params) => void;
}

export const request = <Params, Result>(method: string): ProtocolRequest<Params, Result> => ({ method });
export const notification = <Params>(method: string): ProtocolNotification<Params> => ({ method });

/** A file, by URI. */
export interface UriParams {
  readonly uri: string;
}

/** Where to annotate: a place (or a selected quote) in an article. */
export interface AnnotateArguments {
  readonly uri: string;
  readonly range: Range;
}

export interface AnnotateResult {
  readonly edit: WorkspaceEdit;
  /** Where the new annotation is, once the edit is applied: its `- sentence:` line. */
  readonly reveal: { readonly uri: string; readonly range: Range };
  readonly sentence: number;
  readonly created: boolean;
}

/** The files related to one: an article's annotation files; an annotation file's article and codebook. */
export interface RelatedFiles {
  readonly kind: 'article' | 'annotations' | 'codebook' | 'other';
  readonly articles: readonly string[];
  readonly annotationFiles: readonly string[];
  readonly codebooks: readonly string[];
}

export interface NumberedSentence {
  readonly n: number;
  readonly range: Range;
  readonly text: string;
}

/** How a sentence of an article is annotated, for editor decorations. */
export interface SentenceMark {
  readonly n: number;
  readonly range: Range;
  /** Number of annotations (in all annotation files) that tag the sentence. */
  readonly annotations: number;
  /** 1 if the stances in it are only for, -1 only against, 0 mixed or neutral, null when it has no stance. */
  readonly polarity: 1 | 0 | -1 | null;
  /** Short summary for a hover message: actors and stances. */
  readonly summary: string;
}

export interface StatusParams {
  readonly indexing: boolean;
  readonly files: number;
}

/** The edit that adds an annotation for the sentence at a place in an article. */
export const ANNOTATE_REQUEST = request<AnnotateArguments, AnnotateResult>('standpoint/annotate');
/** An article's annotation files, or an annotation file's article and codebook. */
export const RELATED_FILES_REQUEST = request<UriParams, RelatedFiles>('standpoint/relatedFiles');
/** An article's numbered sentences. */
export const SENTENCES_REQUEST = request<UriParams, NumberedSentence[]>('standpoint/sentences');
/** The annotated sentences of an article, with their stance polarity (for decorations). */
export const SENTENCE_MARKS_REQUEST = request<UriParams, SentenceMark[]>('standpoint/sentenceMarks');
/** Sent after indexing and after each re-check: how many files are checked, and whether indexing runs. */
export const STATUS_NOTIFICATION = notification<StatusParams>('standpoint/status');

/**
 * Commands. The server runs `annotateSentence` (workspace/executeCommand) for
 * clients that do not implement it; a client that does lists it in
 * `clientCommands`, and the server does not advertise it.
 */
export const ANNOTATE_COMMAND = 'standpoint.annotateSentence';
/** Opens the references peek of a codebook lens (arguments: uri, position); only a client can. */
export const SHOW_REFERENCES_COMMAND = 'standpoint.showReferences';

/**
 * The `standpoint` settings section (workspace/configuration and
 * didChangeConfiguration), as the server reads it. Values come from the user:
 * the server checks each one.
 */
export interface Settings {
  readonly diagnostics?: { readonly delayMs?: unknown };
  readonly inlayHints?: { readonly sentencePreviews?: unknown; readonly sentenceNumbers?: unknown };
}

/** `initializationOptions`: the settings at start, plus what only the client knows. */
export interface InitializationOptions extends Settings {
  /** Commands the client implements itself. */
  readonly clientCommands?: readonly string[];
  /** false turns off the persisted index. */
  readonly persistIndex?: boolean;
  /** Where to persist the index (VS Code: the workspace's storage folder). */
  readonly cacheDirectory?: string;
}
