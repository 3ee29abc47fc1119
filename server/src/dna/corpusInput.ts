import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { createLanguageService, type LanguageService } from '../service/index';
import { DEFAULT_STANCES } from '../service/model/codebook';
import { DiskWorkspace } from '../node/diskWorkspace';
import type { DnaExportAnnotation, DnaExportCodebook, DnaExportFile, DnaExportInput } from './exportMapping';

export interface CorpusReading {
  readonly input: DnaExportInput;
  /** Annotation files or annotations that could not be read, with why. */
  readonly problems: readonly string[];
}

/** A workspace already opened (the CLI's, with its PATH… and --workspace), and which of its annotation files to read. */
export interface CorpusSource {
  readonly service: LanguageService;
  /** Paths in the input (and in messages) are relative to this folder. */
  readonly base: string;
  /** Annotation files (normalized URIs) to read; absent: all. */
  readonly include?: (uri: string) => boolean;
}

/**
 * Reads a corpus folder (or a CorpusSource) through the language service (the same resolution
 * `standpoint check` does) into the plain input of the DNA export. An
 * annotation whose sentence or quote does not resolve is left out and listed.
 */
export async function readCorpusForDna(source: string | CorpusSource): Promise<CorpusReading> {
  const { service, base, include } =
    typeof source === 'string' ? { service: createLanguageService({ workspace: new DiskWorkspace([URI.file(path.resolve(source)).toString()]) }), base: source, include: undefined } : source;
  const relative = (uri: string) => path.relative(path.resolve(base), URI.parse(uri).fsPath).split(path.sep).join('/');
  const problems: string[] = [];
  const articles = new Map<string, string>();
  const files: DnaExportFile[] = [];
  let codebook: DnaExportCodebook | undefined;
  let codebookUri: string | undefined;

  for await (const { uri, context, annotations: resolvedAnnotations } of service.resolvedFiles()) {
    if (include && !include(uri)) continue;
    const file = relative(uri);
    const article = context?.article?.article;
    if (!context || !article || context.article?.reference.kind !== 'inside') {
      problems.push(`${file}: its article cannot be read`);
      continue;
    }
    const model = context.codebook.model;
    if (!model?.usable) {
      problems.push(`${file}: it has no readable codebook`);
      continue;
    }
    if (!codebook) {
      codebookUri = context.codebook.uri;
      codebook = {
        actors: [...model.actors.values()]
          .filter((a) => a.name)
          .map((a) => ({ id: a.id, name: a.name!.value, type: a.type?.value, affiliation: a.affiliation?.value, aliases: a.aliases.map((x) => x.value) })),
        topics: [...model.topics.values()].filter((t) => t.label).map((t) => ({ id: t.id, label: t.label!.value, description: t.description?.value })),
        stances: [...(model.stances.size ? model.stances : DEFAULT_STANCES).values()].map((s) => ({ id: s.id, label: s.label, polarity: s.polarity })),
      };
    } else if (context.codebook.uri !== codebookUri) {
      problems.push(`${file}: it uses another codebook than ${relative(codebookUri!)}; DNA gets one codebook, so its annotations are left out`);
      continue;
    }

    const articlePath = relative(context.article.reference.uri);
    articles.set(articlePath, article.text);
    const annotations: DnaExportAnnotation[] = [];
    for (const resolved of resolvedAnnotations) {
      const annotation = resolved.annotation;
      const where = `${file}: annotation ${annotation.index + 1}`;
      if (!annotation.valid) continue;
      if (!resolved.sentence || (annotation.quote && !resolved.quoteMatch)) {
        problems.push(`${where}: its ${resolved.sentence ? 'quote' : 'sentence'} is not in the article`);
        continue;
      }
      annotations.push({
        index: annotation.index + 1,
        sentence: { start: resolved.sentence.start, end: resolved.sentence.end },
        quote: resolved.quoteMatch,
        actors: annotation.actors.map((a) => a.value),
        stances: annotation.stances.flatMap((s) => (s.actor && s.toward && s.stance ? [{ actor: s.actor.value, toward: s.toward.value, stance: s.stance.value }] : [])),
        note: annotation.note?.value,
      });
    }
    const { coder, document } = context.model;
    const fact = (key: 'title' | 'date' | 'author' | 'source' | 'section') => document?.values[key]?.value;
    files.push({
      path: file,
      article: articlePath,
      coder: coder?.value,
      document: document && { title: fact('title'), date: fact('date'), author: fact('author'), source: fact('source'), section: fact('section') },
      annotations,
    });
  }
  return {
    input: { articles: [...articles].map(([p, text]) => ({ path: p, text })), codebook: codebook ?? { actors: [], topics: [], stances: [...DEFAULT_STANCES.values()] }, files },
    problems,
  };
}
