import type { Range } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { DEFAULT_STANCES, type CodebookModel } from '../model/codebook';
import type { SegmentationOptions } from '../segmentation';
import { resolvedAnnotations } from './resolution';
import { isAnnotationFileName, isCodebookFileName, normalizeUri } from '../workspace';
import { codebookCandidates } from '../workspaceIndex/workspaceIndex';
import type { NumberedSentence, RelatedFiles, SentenceMark } from '../../../../protocol/protocol';

export async function relatedFiles(index: WorkspaceIndex, rawUri: string): Promise<RelatedFiles> {
  const uri = normalizeUri(rawUri);
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    return {
      kind: 'annotations',
      articles: context?.article?.article ? [context.article.reference.uri] : [],
      annotationFiles: [],
      codebooks: context?.codebook.model && context.codebook.uri ? [context.codebook.uri] : [],
    };
  }
  if (index.isCodebook(uri)) {
    return { kind: 'codebook', articles: [], annotationFiles: (await index.codebookUsers(uri)).map((c) => c.uri).sort(), codebooks: [] };
  }
  const users = await index.articleUsers(uri);
  return { kind: users.length ? 'article' : 'other', articles: [], annotationFiles: users.map((c) => c.uri).sort(), codebooks: [] };
}

/** How an article is split into sentences, and which file says so. */
export interface ArticleSegmentation {
  readonly segmentation: SegmentationOptions;
  /** The annotation file or codebook the options come from; none when they are the defaults. */
  readonly source?: string;
}

/**
 * The options an article is segmented with wherever it is shown numbered (the editor, `standpoint sentences`):
 * those of the first annotation file, in URI order, that annotates it; else those of the nearest codebook.yaml;
 * else the defaults. A codebook named by the caller takes the place of both (undefined if it cannot be read).
 */
export async function articleSegmentation(index: WorkspaceIndex, rawUri: string, codebookUri?: string): Promise<ArticleSegmentation | undefined> {
  const uri = normalizeUri(rawUri);
  const fromCodebook = (model: CodebookModel, source: string) => ({ segmentation: { hardWrapped: model.hardWrapped ?? false, abbreviations: model.abbreviations }, source });
  if (codebookUri !== undefined) {
    const { model } = await index.codebookModel(normalizeUri(codebookUri));
    return model && fromCodebook(model, normalizeUri(codebookUri));
  }
  const user = await index.firstArticleUser(uri);
  if (user) return { segmentation: user.segmentation, source: user.uri };
  for (const candidate of codebookCandidates(uri, index.folders)) {
    const { model } = await index.codebookModel(candidate);
    if (model) return fromCodebook(model, candidate);
  }
  return { segmentation: { hardWrapped: false, abbreviations: [] } };
}

/** An article's numbered sentences, as its (first) annotation file numbers them. */
export async function numberedSentences(index: WorkspaceIndex, rawUri: string): Promise<NumberedSentence[]> {
  const uri = normalizeUri(rawUri);
  if (isAnnotationFileName(uri) || isCodebookFileName(uri)) return [];
  const { article } = await index.article(uri);
  if (!article) return [];
  const { segmentation } = (await articleSegmentation(index, uri))!;
  return article.sentences(segmentation).map((s) => ({ n: s.n, range: article.lineMap.rangeOf(s), text: article.text.slice(s.start, s.end) }));
}

export async function sentenceMarks(index: WorkspaceIndex, rawUri: string): Promise<SentenceMark[]> {
  const uri = normalizeUri(rawUri);
  const marks = new Map<number, { range: Range; annotations: number; polarities: Set<number>; parts: Set<string> }>();
  for (const context of await index.articleUsers(uri)) {
    const article = context.article?.article;
    if (!article) continue;
    const vocabulary = context.codebook.model?.usable ? context.codebook.model.stances : DEFAULT_STANCES;
    for (const { annotation, sentence } of resolvedAnnotations(context)) {
      if (!sentence) continue;
      let mark = marks.get(sentence.n);
      if (!mark) marks.set(sentence.n, (mark = { range: article.lineMap.rangeOf(sentence), annotations: 0, polarities: new Set(), parts: new Set() }));
      mark.annotations++;
      for (const actor of annotation.actors) mark.parts.add(actor.value);
      for (const stance of annotation.stances) {
        const value = stance.stance ? vocabulary.get(stance.stance.value) : undefined;
        if (value) mark.polarities.add(Math.sign(value.polarity));
        if (stance.actor && stance.stance && stance.toward) mark.parts.add(`${stance.actor.value} ${stance.stance.value} ${stance.toward.value}`);
      }
    }
  }
  return [...marks]
    .sort((a, b) => a[0] - b[0])
    .map(([n, mark]) => {
      const polarities = [...mark.polarities];
      const polarity = polarities.length === 0 ? null : polarities.length === 1 ? (polarities[0] as 1 | 0 | -1) : 0;
      return { n, range: mark.range, annotations: mark.annotations, polarity, summary: [...mark.parts].join(' · ') };
    });
}
