import { CodeActionKind, type CodeAction, type WorkspaceEdit } from 'vscode-languageserver';
import {
  sentenceNumbersChanged,
  type ArticleAnchors,
  type ArticleHistory,
  type CleanCheck,
  type EarlierArticle,
  type EarlierArticleQuery,
  type FixedCheck,
  type LanguageService,
  type SegmentationOptions,
} from '../service/index';
import { UPDATE_SENTENCE_NUMBERS_COMMAND, type FollowEditsMode, type SentenceNumbersMovedParams } from '../../../protocol/protocol';
import { isAnnotationFileName, isCodebookFileName, normalizeUri } from '../service/workspace';

/**
 * Annotations follow their article in the editor (docs/sentences.md, "When
 * the article changes"). The server keeps the text of each open article; an
 * edit that moves sentence numbers (`sentenceNumbersChanged`, cheap: typing
 * inside a sentence never gets further) opens a pending update from the text
 * the annotation files agree with: the text when the article was opened, or
 * the one the last update followed, never a text typing merely passed
 * through (a sentence typed at the top of the first one, letter by letter,
 * must not make the headline's annotation a guess about the split that its
 * full stop makes). Once typing pauses, the update
 * from that text to the current one is worked out for every annotation file
 * of the article and, per `standpoint.sentences.followEdits`, applied at once
 * (`always`), offered once (`prompt`), or left (`off`); in every mode the
 * article offers it as a code action while it is pending. Articles are never
 * written; open annotation files are edited at the version the edit was
 * computed from, so unsaved typing is never overwritten.
 */

/** How long typing in an article must pause before its annotation files are updated (or the update offered). */
export const FOLLOW_PAUSE_MS = 600;

interface Pending {
  /** The text the annotation files agree with (before the first edit not yet followed). */
  readonly base: string;
  /** Their annotations then: one written or renumbered by hand since is taken as written. */
  readonly anchors: Promise<ArticleAnchors>;
  timer?: ReturnType<typeof setTimeout>;
  /** The prompt was sent for this pending update (one per update, however long typing goes on). */
  prompted: boolean;
  /** An update is being worked out or applied. */
  running?: Promise<void>;
}

export interface FollowerOptions {
  readonly service: LanguageService;
  readonly mode: () => FollowEditsMode;
  /** The client shows the prompt (VS Code); others get the code action only. */
  readonly prompts: () => boolean;
  readonly prompt: (params: SentenceNumbersMovedParams) => void;
  /** Applies a workspace edit through the client (workspace/applyEdit); resolves whether it was applied. */
  readonly applyEdit: (label: string, edit: WorkspaceEdit) => Promise<boolean>;
  /** Turns `changes` into versioned document changes, with the versions the edit is computed from (taken before). */
  readonly versions: () => (edit: WorkspaceEdit) => WorkspaceEdit;
  /** The open text of a document, if open. */
  readonly openText: (uri: string) => string | undefined;
  readonly log: (message: string) => void;
  readonly pauseMs?: number;
}

export class ArticleFollower {
  /** The last text seen of each open file that may be an article. */
  private readonly texts = new Map<string, string>();
  /** The text each open article's annotation files agree with (when it was opened, or the last update's). */
  private readonly agreed = new Map<string, string>();
  private readonly pending = new Map<string, Pending>();
  private readonly segmentations = new Map<string, Promise<SegmentationOptions>>();
  private readonly pauseMs: number;

  constructor(private readonly options: FollowerOptions) {
    this.pauseMs = options.pauseMs ?? FOLLOW_PAUSE_MS;
  }

  private static candidate(uri: string): boolean {
    return !isAnnotationFileName(uri) && !isCodebookFileName(uri);
  }

  opened(rawUri: string, text: string): void {
    const uri = normalizeUri(rawUri);
    if (!ArticleFollower.candidate(uri)) return;
    this.texts.set(uri, text);
    this.agreed.set(uri, text);
  }

  closed(rawUri: string): void {
    const uri = normalizeUri(rawUri);
    this.texts.delete(uri);
    this.agreed.delete(uri);
    this.segmentations.delete(uri);
    // Closed without saving, the text on disk is the one annotation files agree with again; saved, an update may still be pending: it is kept.
  }

  /** The segmentation the article is numbered with (asked once per open article). */
  private segmentation(uri: string): Promise<SegmentationOptions> {
    let pending = this.segmentations.get(uri);
    if (!pending) {
      pending = this.options.service.articleSegmentation(uri).then(
        (found) => found?.segmentation ?? {},
        () => ({}),
      );
      this.segmentations.set(uri, pending);
    }
    return pending;
  }

  /** After a change to an open document (its new text). */
  changed(rawUri: string, text: string): void {
    const uri = normalizeUri(rawUri);
    if (!ArticleFollower.candidate(uri)) return;
    const before = this.texts.get(uri);
    this.texts.set(uri, text);
    if (before === undefined || before === text) return;
    const waiting = this.pending.get(uri);
    if (waiting) {
      this.schedule(uri, waiting);
      return;
    }
    const agreed = this.agreed.get(uri) ?? before;
    // Now, before this change replaces it in the index: the segmented version of the agreed text, for the update.
    if (before === agreed) this.options.service.keepArticleVersion(uri, agreed);
    // Whether numbers moved is decided with the article's segmentation (asked once).
    void this.segmentation(uri).then((segmentation) => {
      const started = this.pending.get(uri);
      if (started) {
        this.schedule(uri, started);
        return;
      }
      if (!sentenceNumbersChanged(before, text, segmentation)) return;
      const opened: Pending = { base: agreed, anchors: this.options.service.articleAnchors(uri, agreed), prompted: false };
      this.pending.set(uri, opened);
      this.schedule(uri, opened);
    });
  }

  private schedule(uri: string, pending: Pending): void {
    if (pending.timer) clearTimeout(pending.timer);
    pending.timer = setTimeout(() => void this.paused(uri, pending), this.pauseMs);
  }

  /** Whether an update of the article's annotation files is pending (its annotation files are not recorded as clean meanwhile). */
  isPending(rawUri: string): boolean {
    return this.pending.has(normalizeUri(rawUri));
  }

  /** Whether `sentence-moved` from the record should wait: the update is applied at the pause anyway. */
  hidesMoved(rawUri: string): boolean {
    return this.isPending(rawUri) && this.options.mode() === 'always';
  }

  private async paused(uri: string, pending: Pending): Promise<void> {
    if (this.pending.get(uri) !== pending || pending.running) return;
    const mode = this.options.mode();
    const result = await this.options.service.followArticleEdit(uri, pending.base, await pending.anchors).catch((error: unknown) => {
      this.options.log(`Sentence numbers of ${uri} not followed: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    });
    if (!result || this.pending.get(uri) !== pending) return;
    if (!result.files.length) {
      // Nothing to update (an edit undone, or nothing of it annotated): the annotation files agree with the text now.
      if (!result.left) this.settle(uri, pending);
      return;
    }
    if (mode === 'always') {
      await this.update(uri);
    } else if (mode === 'prompt' && !pending.prompted && this.options.prompts()) {
      pending.prompted = true;
      const annotations = result.files.reduce((sum, file) => sum + file.annotations, 0);
      this.options.prompt({ uri, files: result.files.length, annotations, left: result.left });
    }
  }

  private settle(uri: string, pending: Pending): void {
    if (pending.timer) clearTimeout(pending.timer);
    if (this.pending.get(uri) === pending) this.pending.delete(uri);
  }

  /**
   * Works out the update from the pending base to the current text and has
   * the client apply it (UPDATE_SENTENCE_NUMBERS_COMMAND, the prompt's
   * Update, or `always`). Resolves whether it was applied.
   */
  async update(rawUri: string): Promise<boolean> {
    const uri = normalizeUri(rawUri);
    const pending = this.pending.get(uri);
    if (!pending) return false;
    if (pending.running) await pending.running;
    let applied = false;
    const run = (async () => {
      const versioned = this.options.versions();
      const result = await this.options.service.followArticleEdit(uri, pending.base, await pending.anchors);
      if (!result.files.length) {
        if (!result.left) this.settle(uri, pending);
        return;
      }
      const changes = Object.fromEntries(result.files.map((file) => [file.uri, [...file.edits]]));
      applied = await this.options.applyEdit('Update sentence numbers', versioned({ changes }));
      if (!applied || this.pending.get(uri) !== pending) return;
      // The annotation files agree with the text the edit followed; typing since then is a new pending update.
      this.settle(uri, pending);
      if (result.articleText !== undefined && this.texts.has(uri)) this.agreed.set(uri, result.articleText);
      for (const file of result.files) await this.options.service.recordFixed(file.uri, file.fixed);
      const now = this.options.openText(uri);
      if (result.articleText !== undefined && now !== undefined && now !== result.articleText) {
        const next: Pending = { base: result.articleText, anchors: this.options.service.articleAnchors(uri, result.articleText), prompted: false };
        this.pending.set(uri, next);
        this.schedule(uri, next);
      }
    })();
    pending.running = run;
    try {
      await run;
    } finally {
      pending.running = undefined;
    }
    return applied;
  }

  /** The article's code action while an update is pending (every client; VS Code shows it in the light bulb). */
  async codeAction(rawUri: string): Promise<CodeAction | undefined> {
    const uri = normalizeUri(rawUri);
    const pending = this.pending.get(uri);
    if (!pending) return undefined;
    const result = await this.options.service.followArticleEdit(uri, pending.base, await pending.anchors);
    if (!result.files.length) return undefined;
    const count = result.files.length;
    const title = `Update sentence numbers in ${count} annotation file${count === 1 ? '' : 's'}`;
    return { title, kind: CodeActionKind.QuickFix, isPreferred: true, command: { title, command: UPDATE_SENTENCE_NUMBERS_COMMAND, arguments: [uri] } };
  }

  dispose(): void {
    for (const pending of this.pending.values()) if (pending.timer) clearTimeout(pending.timer);
    this.pending.clear();
  }
}

/**
 * The history the language server gives the service: the disk's (git, the
 * record), except while an update of an article's annotation files is
 * pending: then nothing is recorded as clean for that article (its
 * annotation files do not agree with the text yet), and with `always`
 * nothing is reported moved either (the update comes at the pause).
 */
export class EditorArticleHistory implements ArticleHistory {
  target?: ArticleHistory;

  constructor(private readonly follower: () => ArticleFollower | undefined) {}

  async earlierArticles(query: EarlierArticleQuery): Promise<readonly EarlierArticle[]> {
    if (!this.target || this.follower()?.hidesMoved(query.articleUri)) return [];
    return this.target.earlierArticles(query);
  }

  recordClean(check: CleanCheck): void {
    if (this.follower()?.isPending(check.articleUri)) return;
    this.target?.recordClean?.(check);
  }

  recordFixed(fixed: FixedCheck): void {
    this.target?.recordFixed?.(fixed);
  }

  async prepare(pairs: readonly { readonly annotationUri: string; readonly articleUri: string }[]): Promise<void> {
    await this.target?.prepare?.(pairs);
  }
}
