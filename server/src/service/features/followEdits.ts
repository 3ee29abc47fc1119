import type { TextEdit } from 'vscode-languageserver-types';
import { Article } from '../model/article';
import { buildSentenceMap, sentenceNumberTextEdits, sentenceNumberUpdates, type SentenceMap } from '../anchors/index';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { annotationAnchor, fixedAnchors, segmentationKey } from './sentenceMoved';
import type { FixedAnchors } from '../articleHistory';

/**
 * The editor's half of "annotations follow their article": after an open
 * article was edited so that sentence numbers shifted, the edits that make
 * every annotation file of it (open or not) point at the same sentences
 * again. Only unambiguous mappings are applied; the others are counted and
 * left for `sentence-moved` to report (docs/sentences.md).
 */

export interface FollowedFile {
  readonly uri: string;
  readonly edits: readonly TextEdit[];
  /** Annotations whose number the edits change. */
  readonly annotations: number;
  /** Their anchors before and after (for the record, once the edit is applied). */
  readonly fixed: FixedAnchors;
}

export interface FollowResult {
  /** The annotation files to edit (only those with edits), in URI order. */
  readonly files: readonly FollowedFile[];
  /** Annotations whose sentence moved but that are not updated: the mapping is ambiguous, or the sentence is gone. */
  readonly left: number;
  /** The article text the edits follow (the workspace's when they were worked out). */
  readonly articleText?: string;
}

/**
 * Earlier texts of an article being edited, kept per service and article
 * while they may be mapped from: the index's own version of the text
 * (segmented when it was checked, so the map segments nothing again), else
 * one segmented here once.
 */
function earlierVersions(index: WorkspaceIndex, uri: string): Map<string, Article> {
  return index.featureCache(uri, 'followEdits.earlierArticles', () => new Map<string, Article>());
}

function remember(versions: Map<string, Article>, article: Article): Article {
  if (versions.size >= 4) versions.delete(versions.keys().next().value!);
  versions.set(article.text, article);
  return article;
}

function earlierArticle(index: WorkspaceIndex, uri: string, text: string): Article {
  const versions = earlierVersions(index, uri);
  return versions.get(text) ?? remember(versions, index.articleVersion(uri, text) ?? new Article(uri, text));
}

/**
 * Keeps the index's version of an article's text (if it holds that text,
 * now or just replaced) for a later update from it: called with the text
 * the annotation files agree with, before the change that replaces it.
 */
export function keepArticleVersion(index: WorkspaceIndex, uri: string, text: string): void {
  const versions = earlierVersions(index, uri);
  if (versions.has(text)) return;
  const held = index.articleVersion(uri, text);
  if (held) remember(versions, held);
}

/**
 * The `sentence:` edits of every annotation file of `articleUri` after its
 * text changed from `before` to what the workspace reads now. Files are
 * read as the workspace has them (an open file's unsaved text).
 */
export async function followArticleEdit(index: WorkspaceIndex, articleUri: string, before: string, baseAnchors?: ArticleAnchors): Promise<FollowResult> {
  const users = await index.articleUsers(articleUri);
  const { article } = await index.article(articleUri);
  if (!article || article.text === before) return { files: [], left: 0, articleText: article?.text };
  const earlier = earlierArticle(index, articleUri, before);
  const maps = new Map<string, SentenceMap>();
  const files: FollowedFile[] = [];
  let left = 0;
  for (const context of users) {
    const segmentation = context.segmentation;
    const key = segmentationKey(segmentation);
    let map = maps.get(key);
    if (!map) {
      map = buildSentenceMap({ text: before, sentences: earlier.sentences(segmentation) }, { text: article.text, sentences: article.sentences(segmentation) }, segmentation);
      maps.set(key, map);
    }
    // Annotations written or changed since the edit began (a number set by hand) are taken as written.
    const known = baseAnchors?.get(context.uri);
    const wasThere = (annotation: number) => !baseAnchors || known?.has(annotationAnchor(context.model.annotations[annotation]) ?? '') === true;
    const full = sentenceNumberUpdates(context.model, map, { onlyUnambiguous: true });
    const update = { edits: full.edits.filter((edit) => edit.annotations.every(wasThere)), notUpdated: full.notUpdated.filter((entry) => wasThere(entry.annotation)) };
    left += update.notUpdated.filter((entry) => entry.reason !== 'not-in-old-article').length;
    if (!update.edits.length) continue;
    const annotations = update.edits.reduce((sum, edit) => sum + edit.annotations.length, 0);
    files.push({ uri: context.uri, edits: sentenceNumberTextEdits(context.model, update), annotations, fixed: fixedAnchors(context, update.edits) });
  }
  return { files, left, articleText: article.text };
}

/** Per annotation file of an article, the anchors of its annotations (see `annotationAnchor`). */
export type ArticleAnchors = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The anchors of every annotation file of an article now: taken when an edit
 * that moves numbers begins. `before`: the text the update will follow from;
 * the index's segmented version of it is kept for the update (it is replaced
 * by the next change).
 */
export async function articleAnchors(index: WorkspaceIndex, articleUri: string, before?: string): Promise<ArticleAnchors> {
  if (before !== undefined) earlierArticle(index, articleUri, before);
  const users = await index.articleUsers(articleUri);
  return new Map(users.map((context) => [context.uri, new Set(context.model.annotations.flatMap((annotation) => annotationAnchor(annotation) ?? []))]));
}
