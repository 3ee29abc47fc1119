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

/**
 * What `standpoint import dna` takes besides the paths: the statement type and
 * the variables to read (absent: DNA's defaults, `DNA Statement`, `person`,
 * `organization`, `concept`, `agreement`; null: none).
 */
export interface ImportDnaOptions {
  readonly statementType?: string;
  readonly actor?: string;
  readonly affiliation?: string | null;
  readonly target?: string;
  readonly qualifier?: string | null;
}

export interface ImportDnaParams {
  /** The `.dna` file (a `file:` URI); it is only read. */
  readonly database: string;
  /** The folder the corpus is written into (a `file:` URI; created if missing). */
  readonly output: string;
  /** Overwrite files of the corpus that already exist in `output` (folders and links are never replaced). */
  readonly force?: boolean;
  readonly options?: ImportDnaOptions;
  /** A client-created token: the server reports "N of M documents" through it. */
  readonly workDoneToken?: string | number;
}

/** The corpus was written. */
export interface ImportDnaDone {
  readonly kind: 'imported';
  /** The output folder (URI). */
  readonly output: string;
  /** The summary, as `standpoint import dna` prints it. */
  readonly report: string;
  readonly version: string;
  readonly documents: number;
  readonly annotationFiles: number;
  readonly statements: { readonly imported: number; readonly total: number };
  readonly entities: { readonly persons: number; readonly organizations: number; readonly topics: number };
  readonly coders: number;
  /** Lines of the report's "Not carried over" list. */
  readonly notCarried: number;
}

/** Nothing was written: `output` already has files the import would write. */
export interface ImportDnaOutputExists {
  readonly kind: 'outputExists';
  readonly output: string;
  /** Paths relative to `output`, `/` separators. */
  readonly existing: readonly string[];
  /** False when some of them are folders or links, which `force` does not replace either. */
  readonly replaceable: boolean;
}

/**
 * Nothing was written: an option names no statement type or variable the
 * database has (or one of the wrong data type); `choices` are those that fit.
 */
export interface ImportDnaChooseOption {
  readonly kind: 'chooseOption';
  readonly option: keyof ImportDnaOptions;
  /** What is wrong, as the CLI says it. */
  readonly message: string;
  readonly choices: readonly string[];
  /** The option may be null (no affiliation, no qualifier). */
  readonly allowsNone: boolean;
}

export type ImportDnaResult = ImportDnaDone | ImportDnaOutputExists | ImportDnaChooseOption;

/** The edit that adds an annotation for the sentence at a place in an article. */
export const ANNOTATE_REQUEST = request<AnnotateArguments, AnnotateResult>('standpoint/annotate');
/** An article's annotation files, or an annotation file's article and codebook. */
export const RELATED_FILES_REQUEST = request<UriParams, RelatedFiles>('standpoint/relatedFiles');
/** An article's numbered sentences. */
export const SENTENCES_REQUEST = request<UriParams, NumberedSentence[]>('standpoint/sentences');
/** The annotated sentences of an article, with their stance polarity (for decorations). */
export const SENTENCE_MARKS_REQUEST = request<UriParams, SentenceMark[]>('standpoint/sentenceMarks');
/**
 * Imports a DNA 3 database into a corpus folder, as `standpoint import dna`
 * does. Existing files and options the database cannot satisfy are answers
 * (nothing written; ask the user); a file that is not a DNA 3 database fails
 * with the CLI's message (RequestFailed); cancelling stops between two
 * documents and leaves the files written so far.
 */
export const IMPORT_DNA_REQUEST = request<ImportDnaParams, ImportDnaResult>('standpoint/importDna');
/** Sent after indexing and after each re-check: how many files are checked, and whether indexing runs. */
export const STATUS_NOTIFICATION = notification<StatusParams>('standpoint/status');

/** After an open article was edited so that sentence numbers of its annotation files moved (one per edit, once typing pauses). */
export interface SentenceNumbersMovedParams {
  /** The article. */
  readonly uri: string;
  /** Annotation files whose `sentence:` values would change. */
  readonly files: number;
  /** Annotations whose number would change. */
  readonly annotations: number;
  /** Annotations whose sentence moved but cannot be updated without asking (gone, or where it went is unclear). */
  readonly left: number;
}

/**
 * Sent with `standpoint.sentences.followEdits` = `prompt` to a client that
 * asked for it (`followEditsPrompt`): it offers Update (the
 * UPDATE_SENTENCE_NUMBERS_COMMAND), Not now, Always. Other clients get the
 * command as a code action on the article.
 */
export const SENTENCE_NUMBERS_MOVED_NOTIFICATION = notification<SentenceNumbersMovedParams>('standpoint/sentenceNumbersMoved');
/** From the client: the user granted the workspace trust (the server may run git from now on). */
export const WORKSPACE_TRUSTED_NOTIFICATION = notification<Record<string, never>>('standpoint/workspaceTrusted');

/**
 * Commands. The server runs `annotateSentence` (workspace/executeCommand) for
 * clients that do not implement it; a client that does lists it in
 * `clientCommands`, and the server does not advertise it.
 */
export const ANNOTATE_COMMAND = 'standpoint.annotateSentence';
/** Standpoint: Import DNA Database… (VS Code; optional argument: ImportDnaParams without the token, to skip the pickers). */
export const IMPORT_DNA_COMMAND = 'standpoint.importDna';
/** Opens the references peek of a codebook lens (arguments: uri, position); only a client can. */
export const SHOW_REFERENCES_COMMAND = 'standpoint.showReferences';
/** The server updates `sentence:` in the annotation files of an edited article (arguments: the article's uri), as one workspace edit. */
export const UPDATE_SENTENCE_NUMBERS_COMMAND = 'standpoint.updateSentenceNumbers';

/**
 * Run by the client after it applied a sentence-moved quick fix or the
 * file-wide fix (the code action carries it): tells the server which numbers
 * Standpoint set (arguments: the annotation file's uri, and the anchors before
 * and after), so its record never mistakes a fixed annotation for another.
 */
export const RECORD_FIXES_COMMAND = 'standpoint.recordSentenceFixes';

/** `standpoint.sentences.followEdits`: what an edit that moves sentence numbers does to the article's annotation files. */
export type FollowEditsMode = 'prompt' | 'always' | 'off';
export const FOLLOW_EDITS_MODES: readonly FollowEditsMode[] = ['prompt', 'always', 'off'];

/**
 * The `standpoint` settings section (workspace/configuration and
 * didChangeConfiguration), as the server reads it. Values come from the user:
 * the server checks each one.
 */
export interface Settings {
  readonly diagnostics?: { readonly delayMs?: unknown };
  readonly inlayHints?: { readonly sentencePreviews?: unknown; readonly sentenceNumbers?: unknown };
  readonly sentences?: { readonly followEdits?: unknown };
}

/** `initializationOptions`: the settings at start, plus what only the client knows. */
export interface InitializationOptions extends Settings {
  /** Commands the client implements itself. */
  readonly clientCommands?: readonly string[];
  /** false turns off the persisted index. */
  readonly persistIndex?: boolean;
  /** Where to persist the index (VS Code: the workspace's storage folder). */
  readonly cacheDirectory?: string;
  /** false: the workspace is not trusted, so git is never run (until WORKSPACE_TRUSTED_NOTIFICATION). Absent: trusted. */
  readonly trusted?: boolean;
  /** false: never run git. */
  readonly git?: boolean;
  /** The client shows SENTENCE_NUMBERS_MOVED_NOTIFICATION as a prompt (VS Code). */
  readonly followEditsPrompt?: boolean;
}
