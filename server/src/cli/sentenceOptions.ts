import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { createLanguageService } from '../service/index';
import { DiskWorkspace } from '../node/diskWorkspace';
import { isInside, normalizeUri } from '../service/workspace';
import type { SegmentationOptions } from '../service/segmentation';

export interface SentenceOptions {
  readonly segmentation: SegmentationOptions;
  /** Where the options came from, for the user. */
  readonly source?: string;
}

/**
 * The segmentation options an article is numbered with in the editor (the
 * service decides: those of the annotation files that annotate it, else those
 * of the nearest codebook); explicit flags win. The workspace is the current
 * folder if the article is inside it, else the article's folder.
 */
export async function sentenceOptionsFor(articlePath: string, cwd: string, flags: { hardWrapped?: boolean; codebook?: string }): Promise<SentenceOptions> {
  const articleUri = normalizeUri(URI.file(articlePath).toString());
  const cwdUri = URI.file(cwd).toString();
  const folder = isInside(cwdUri, articleUri) ? cwdUri : URI.file(path.dirname(articlePath)).toString();
  const service = createLanguageService({ workspace: new DiskWorkspace([folder]) });
  const relative = (uri: string) => path.relative(cwd, URI.parse(uri).fsPath) || '.';
  const codebookUri = flags.codebook ? URI.file(path.resolve(cwd, flags.codebook)).toString() : undefined;
  const found = await service.articleSegmentation(articleUri, codebookUri);
  if (!found) throw new Error(`cannot read the codebook ${flags.codebook}`);
  const { segmentation, source } = found;
  return { segmentation: { ...segmentation, hardWrapped: flags.hardWrapped ?? segmentation.hardWrapped }, source: source === undefined ? undefined : relative(source) };
}
