import type { Range } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import { DEFAULT_STANCES } from '../model/codebook';
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

/** An article's numbered sentences, as its (first) annotation file numbers them. */
export async function numberedSentences(index: WorkspaceIndex, rawUri: string): Promise<NumberedSentence[]> {
  const uri = normalizeUri(rawUri);
  if (isAnnotationFileName(uri) || isCodebookFileName(uri)) return [];
  const { article } = await index.article(uri);
  if (!article) return [];
  const [context] = await index.articleUsers(uri);
  let segmentation = context?.segmentation;
  if (!segmentation) {
    segmentation = { hardWrapped: false, abbreviations: [] };
    for (const candidate of codebookCandidates(uri, index.folders)) {
      const { model } = await index.codebookModel(candidate);
      if (model) {
        segmentation = { hardWrapped: model.hardWrapped ?? false, abbreviations: model.abbreviations };
        break;
      }
    }
  }
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
  return [...marks].sort((a, b) => a[0] - b[0]).map(([n, mark]) => {
    const polarities = [...mark.polarities];
    const polarity = polarities.length === 0 ? null : polarities.length === 1 ? (polarities[0] as 1 | 0 | -1) : 0;
    return { n, range: mark.range, annotations: mark.annotations, polarity, summary: [...mark.parts].join(' · ') };
  });
}
