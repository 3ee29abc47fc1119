import type { Hover, Position, Range } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { AnnotationContext } from '../workspaceIndex/context';
import type { Article } from '../model/article';
import { DEFAULT_STANCES, type CodebookModel } from '../model/codebook';
import type { SentenceSpan } from '../segmentation';
import type { Annotation } from '../model/annotationFile';
import { resolveAnnotation } from './resolution';
import { truncate } from '../text/truncate';
import { locateInAnnotationFile, locateInCodebook, type AnnotationTarget } from './locate';
import { blockQuote, code, escapeMarkdown } from '../text/markdown';
import { basename, displayPath } from '../workspace';
import { codebookUsage, type CodebookUsage } from './usage';
import { resolvedAnnotations } from './resolution';
import { headerHover } from './documentInfo';

/** Hover in an annotation file, a codebook, or an article that annotation files reference. */
export async function hover(index: WorkspaceIndex, uri: string, position: Position): Promise<Hover | undefined> {
  if (index.isAnnotationFile(uri)) return annotationFileHover(index, uri, position);
  if (index.isCodebook(uri)) return codebookHover(index, uri, position);
  return articleHover(index, uri, position);
}

function markdown(value: string, range?: Range): Hover {
  return { contents: { kind: 'markdown', value }, range };
}

async function annotationFileHover(index: WorkspaceIndex, uri: string, position: Position): Promise<Hover | undefined> {
  const context = await index.annotationContext(uri);
  if (!context) return undefined;
  const offset = context.model.lineMap.offsetAt(position);
  const header = await headerHover(index, context, offset);
  if (header) return header;
  const target = locateInAnnotationFile(context.model, offset);
  if (!target) return undefined;
  const range = context.model.lineMap.rangeOf(target.value.span);
  const codebook = context.codebook.model?.usable ? context.codebook.model : undefined;
  // Workspace-wide counts only for ids: a sentence hover must not wait for the whole workspace.
  const usage = codebook && context.codebook.uri && (target.kind === 'actor' || target.kind === 'target') ? await codebookUsage(index, context.codebook.uri) : undefined;
  let value: string | undefined;
  switch (target.kind) {
    case 'sentence':
    case 'quote':
      value = sentenceHover(context, target);
      break;
    case 'actor':
      value = codebook ? actorMarkdown(codebook, target.value.value, usage) : undefined;
      break;
    case 'target':
      value = codebook ? (codebook.topics.has(target.value.value) ? topicMarkdown(codebook, target.value.value, usage) : actorMarkdown(codebook, target.value.value, usage)) : undefined;
      break;
    case 'stance':
      value = stanceMarkdown(context.codebook.model, target.value.value);
      break;
    case 'article':
      value = articleSummary(context, index.folders);
      break;
    case 'codebook':
      value = codebook && context.codebook.uri ? codebookSummary(codebook, context.codebook.uri) : undefined;
      break;
  }
  return value ? markdown(value, range) : undefined;
}

async function codebookHover(index: WorkspaceIndex, uri: string, position: Position): Promise<Hover | undefined> {
  const { model } = await index.codebookModel(uri);
  if (!model) return undefined;
  const target = locateInCodebook(model, model.lineMap.offsetAt(position));
  if (!target) return undefined;
  const usage = await codebookUsage(index, uri);
  const range = model.lineMap.rangeOf(target.span);
  switch (target.kind) {
    case 'actor-key':
    case 'affiliation':
      return model.actors.has(target.id) ? markdown(actorMarkdown(model, target.id, usage)!, range) : undefined;
    case 'topic-key':
      return markdown(topicMarkdown(model, target.id, usage)!, range);
    case 'stance-key':
      return markdown(stanceMarkdown(model, target.id)!, range);
  }
}

// ---------------------------------------------------------------------------

export function sentenceHeading(article: Article, articleUri: string, sentence: SentenceSpan, count: number): string {
  const line = article.lineMap.positionAt(sentence.start).line + 1;
  return `**Sentence ${sentence.n} of ${count}** · ${code(basename(articleUri))}, line ${line}`;
}

function sentenceHover(context: AnnotationContext, target: Extract<AnnotationTarget, { kind: 'sentence' | 'quote' }>): string | undefined {
  const article = context.article?.article;
  if (!article || !context.article) return undefined;
  const sentences = article.sentences(context.segmentation);
  const resolved = resolveAnnotation(target.annotation, article, context);
  const sentence = target.kind === 'sentence' ? sentences[target.value.value - 1] : resolved.sentence;
  if (!sentence) {
    if (target.kind === 'sentence') return `The article has ${sentences.length} sentences; there is no sentence ${target.value.value}.`;
    return 'The quote does not point at one sentence of the article (see the problem reported here).';
  }
  const heading = sentenceHeading(article, context.article.reference.uri, sentence, sentences.length);
  const match = resolved.quoteMatch && resolved.quoteMatch.start >= sentence.start && resolved.quoteMatch.end <= sentence.end ? resolved.quoteMatch : undefined;
  let body: string;
  if (target.kind === 'quote' && match) {
    body = `${escapeMarkdown(article.text.slice(sentence.start, match.start))}**${escapeMarkdown(article.text.slice(match.start, match.end))}**${escapeMarkdown(article.text.slice(match.end, sentence.end))}`;
  } else {
    body = escapeMarkdown(article.text.slice(sentence.start, sentence.end));
  }
  const note = target.kind === 'quote' && !match ? '\n\n*The quote is not in this sentence (see the problem reported here).*' : '';
  return `${heading}\n\n${blockQuote(body)}${note}`;
}

function countsList(counts: ReadonlyMap<string, number>, limit = 8): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const shown = sorted.slice(0, limit).map(([label, count]) => `${label} ×${count}`);
  return shown.join(' · ') + (sorted.length > limit ? ` · and ${sorted.length - limit} more` : '');
}

export function actorMarkdown(codebook: CodebookModel, id: string, usage: CodebookUsage | undefined): string | undefined {
  const actor = codebook.actors.get(id);
  if (!actor) return undefined;
  const lines: string[] = [];
  const facts = [code(id), actor.type?.value].filter(Boolean);
  if (actor.affiliation) {
    const parent = codebook.actors.get(actor.affiliation.value);
    facts.push(`affiliated with ${code(actor.affiliation.value)}${parent?.name ? ` (${escapeMarkdown(parent.name.value)})` : ''}`);
  }
  lines.push(`**${escapeMarkdown(actor.name?.value ?? id)}** · ${facts.join(' · ')}`);
  if (actor.aliases.length) lines.push(`Aliases: ${actor.aliases.map((a) => escapeMarkdown(a.value)).join(', ')}`);
  if (usage) {
    const count = usage.annotationsByActor.get(id) ?? 0;
    const files = usage.filesByActor.get(id) ?? 0;
    lines.push(count ? `Tagged in ${count} annotation${count === 1 ? '' : 's'} across ${files} file${files === 1 ? '' : 's'}.` : 'Not tagged in any annotation yet.');
    const stances = usage.stancesByActor.get(id);
    if (stances?.size) lines.push(`Stances: ${countsList(stances)}`);
    const targeted = usage.stancesByTarget.get(id);
    if (targeted?.size) lines.push(`Stances toward it: ${[...targeted].map(([stance, actors]) => `${stance} ${countsList(actors, 5)}`).join('; ')}`);
  }
  return lines.join('\n\n');
}

export function topicMarkdown(codebook: CodebookModel, id: string, usage: CodebookUsage | undefined): string | undefined {
  const topic = codebook.topics.get(id);
  if (!topic) return undefined;
  const lines = [`**${escapeMarkdown(topic.label?.value ?? id)}** · topic ${code(id)}`];
  if (topic.description) lines.push(escapeMarkdown(topic.description.value));
  const byStance = usage?.stancesByTarget.get(id);
  if (byStance?.size) {
    const ordered = [...byStance].sort((a, b) => (codebook.stances.get(b[0])?.polarity ?? 0) - (codebook.stances.get(a[0])?.polarity ?? 0));
    for (const [stance, actors] of ordered) lines.push(`${escapeMarkdown(codebook.stances.get(stance)?.label ?? stance)}: ${countsList(actors)}`);
  } else if (usage) {
    lines.push('No stance toward it yet.');
  }
  return lines.join('\n\n');
}

function stanceMarkdown(codebook: CodebookModel | undefined, id: string): string | undefined {
  const value = (codebook?.usable ? codebook.stances : DEFAULT_STANCES).get(id);
  if (!value) return undefined;
  const polarity = value.polarity > 0 ? `+${value.polarity} (for)` : value.polarity < 0 ? `${value.polarity} (against)` : '0 (neither for nor against)';
  return `**${escapeMarkdown(value.label)}** · stance ${code(id)} · polarity ${polarity}`;
}

function articleSummary(context: AnnotationContext, folders: readonly string[]): string | undefined {
  const article = context.article?.article;
  if (!article || !context.article) return undefined;
  const sentences = article.sentences(context.segmentation);
  const annotated = new Set(resolvedAnnotations(context).flatMap((r) => (r.sentence ? [r.sentence.n] : [])));
  const coverage = sentences.length ? Math.round((annotated.size / sentences.length) * 100) : 0;
  return [
    `**${escapeMarkdown(displayPath(context.article.reference.uri, folders))}**`,
    blockQuote(escapeMarkdown(truncate(article.firstLine(), 160))),
    `${sentences.length} sentences${context.segmentation.hardWrapped ? ' (hard-wrapped)' : ''} · ${annotated.size} annotated in this file (${coverage}%) · ${context.model.annotations.length} annotations`,
  ].join('\n\n');
}

function codebookSummary(codebook: CodebookModel, uri: string): string {
  return `**${escapeMarkdown(basename(uri))}** · ${codebook.actors.size} actors · ${codebook.topics.size} topics · ${codebook.stances.size} stance values`;
}

// ---------------------------------------------------------------------------
// Articles: which annotations tag the sentence under the cursor.

async function articleHover(index: WorkspaceIndex, uri: string, position: Position): Promise<Hover | undefined> {
  const users = await index.articleUsers(uri);
  if (!users.length) return undefined;
  const parts: string[] = [];
  let range: Range | undefined;
  for (const context of users) {
    const article = context.article?.article;
    if (!article) continue;
    const sentence = article.sentenceAt(context.segmentation, article.lineMap.offsetAt(position));
    if (!sentence) continue;
    range ??= article.lineMap.rangeOf(sentence);
    const tagged = resolvedAnnotations(context).filter((r) => r.sentence?.n === sentence.n);
    const heading = `**Sentence ${sentence.n}** · ${code(basename(context.uri))}`;
    if (!tagged.length) {
      parts.push(`${heading} · not annotated`);
      continue;
    }
    parts.push(`${heading} · ${tagged.length} annotation${tagged.length === 1 ? '' : 's'}\n\n${tagged.map((r) => `- ${annotationLine(context, r.annotation)}`).join('\n')}`);
  }
  return parts.length ? markdown(parts.join('\n\n---\n\n'), range) : undefined;
}

/** One annotation as a Markdown line with a link to it. */
export function annotationLine(context: AnnotationContext, annotation: Annotation): string {
  const line = context.model.lineMap.positionAt(annotation.span.start).line + 1;
  const label = annotation.id ? annotation.id.value : `annotation ${annotation.index + 1}`;
  const link = `[${escapeMarkdown(label)}](${context.uri}#L${line})`;
  const actors = [...new Set([...annotation.actors.map((a) => a.value), ...annotation.stances.flatMap((s) => (s.actor ? [s.actor.value] : []))])];
  const stances = annotation.stances.filter((s) => s.actor && s.stance && s.toward).map((s) => `${s.actor!.value} ${s.stance!.value} ${s.toward!.value}`);
  const pieces = [
    link,
    actors.length ? actors.map(code).join(', ') : undefined,
    stances.length ? stances.join('; ') : undefined,
    annotation.note ? `*${escapeMarkdown(truncate(annotation.note.value, 120))}*` : undefined,
  ];
  return pieces.filter(Boolean).join(' — ');
}
