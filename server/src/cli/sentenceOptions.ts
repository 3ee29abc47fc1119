import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { WorkspaceIndex, codebookCandidates } from '../service/workspaceIndex/workspaceIndex';
import { DiskWorkspace } from '../node/diskWorkspace';
import { basename, isInside, normalizeUri } from '../service/workspace';
import type { SegmentationOptions } from '../service/segmentation';

export interface SentenceOptions {
  readonly segmentation: SegmentationOptions;
  /** Where the options came from, for the user. */
  readonly source?: string;
}

/**
 * Finds the segmentation options an article is numbered with in the editor:
 * those of the annotation files that annotate it, else those of the nearest
 * codebook; explicit flags win.
 */
export async function sentenceOptionsFor(articlePath: string, cwd: string, flags: { hardWrapped?: boolean; codebook?: string }): Promise<SentenceOptions> {
  const articleUri = normalizeUri(URI.file(articlePath).toString());
  const cwdUri = URI.file(cwd).toString();
  const folder = isInside(cwdUri, articleUri) ? cwdUri : URI.file(path.dirname(articlePath)).toString();
  const index = new WorkspaceIndex(new DiskWorkspace([folder]));
  const relative = (uri: string) => path.relative(cwd, URI.parse(uri).fsPath) || '.';

  if (flags.codebook) {
    const codebookUri = URI.file(path.resolve(cwd, flags.codebook)).toString();
    const { model } = await index.codebookModel(codebookUri);
    if (!model) throw new Error(`cannot read the codebook ${flags.codebook}`);
    return { segmentation: { hardWrapped: flags.hardWrapped ?? model.hardWrapped ?? false, abbreviations: model.abbreviations }, source: relative(codebookUri) };
  }

  await index.discover();
  const name = basename(articleUri);
  for (const uri of [...index.annotationFiles].sort()) {
    const result = await index.readResult(uri);
    if (result.kind !== 'text' || !result.text.includes(name.replace(/%20/g, ' '))) continue;
    const context = await index.annotationContext(uri);
    if (context?.article?.reference.uri === articleUri) {
      return { segmentation: { ...context.segmentation, hardWrapped: flags.hardWrapped ?? context.segmentation.hardWrapped }, source: relative(uri) };
    }
  }
  for (const candidate of codebookCandidates(articleUri, [folder])) {
    const { model } = await index.codebookModel(candidate);
    if (model) return { segmentation: { hardWrapped: flags.hardWrapped ?? model.hardWrapped ?? false, abbreviations: model.abbreviations }, source: relative(candidate) };
  }
  return { segmentation: { hardWrapped: flags.hardWrapped ?? false } };
}
