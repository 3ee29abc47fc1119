import type { Article } from '../model/article';
import type { CodebookModel } from '../model/codebook';
import type { Problem } from '../problems';
import { formatBytes } from '../text/decode';
import { doubleQuoted } from '../text/yamlText';
import { displayPath, isAnnotationFileName, isCodebookFileName, type ReadResult } from '../workspace';
import { type AnnotationContext, DEFAULT_LIMITS, type ServiceLimits, type UncutPath } from '../workspaceIndex/context';

/** Checks of an annotation file's `article:` and `codebook:` (or the codebook found for it): can they be read and used? */

export function describeReadFailure(result: ReadResult, what: 'article' | 'codebook', limits: ServiceLimits = DEFAULT_LIMITS): string {
  switch (result.kind) {
    case 'missing':
      return 'there is no such file';
    case 'directory':
      return `it is a folder, not ${what === 'article' ? 'an article' : 'a codebook'} file`;
    case 'tooLarge':
      return `it is ${formatBytes(result.size)}, over Standpoint's limit of ${formatBytes(what === 'article' ? limits.maxArticleBytes : limits.maxYamlBytes)} for ${what}s`;
    case 'binary':
      return `${result.reason}`;
    case 'outside':
      return 'a symbolic link leads outside the workspace';
    case 'unreadable':
      return `it cannot be read (${result.reason})`;
    case 'text':
      return '';
  }
}

export function checkArticleLink(context: AnnotationContext, folders: readonly string[], limits: ServiceLimits, problems: Problem[]): Article | undefined {
  const link = context.article;
  if (!link) return undefined;
  const shown = link.written.value;
  if (link.reference.kind === 'outside' || link.result?.kind === 'outside') {
    problems.push({
      code: 'outside-workspace',
      span: link.written.span,
      message: `\`${shown}\` resolves outside the workspace folder${link.result?.kind === 'outside' ? ' (through a symbolic link)' : ''}, so Standpoint does not read it. Keep articles inside the workspace and use a relative path.`,
    });
    return undefined;
  }
  const target = link.reference.uri;
  const kind =
    target === context.uri
      ? 'this annotation file itself'
      : isAnnotationFileName(target)
        ? 'an annotation file'
        : isCodebookFileName(target) || target === context.codebook.uri
          ? 'a codebook'
          : undefined;
  if (kind) {
    problems.push({
      code: 'article-not-found',
      span: link.written.span,
      message: `Article \`${shown}\` cannot be used: it is ${kind}, not an article (looked at ${displayPath(link.reference.uri, folders)}). Name the .txt or .md file this file annotates.`,
    });
    return undefined;
  }
  if (!link.result || link.result.kind !== 'text' || !link.article) {
    const result = link.result ?? { kind: 'missing' as const };
    problems.push({
      code: 'article-not-found',
      span: link.written.span,
      message: `Article \`${shown}\` cannot be used: ${describeReadFailure(result, 'article', limits)} (looked at ${displayPath(link.reference.uri, folders)}). The path is relative to this annotation file.${cutAtCommentHint('article', link.uncut)}`,
      data: uncutData(link.uncut),
    });
    return undefined;
  }
  return link.article;
}

/** For a missing path that YAML cut at ` #`: what happened, and the quoted path to write instead. */
function cutAtCommentHint(key: 'article' | 'codebook', uncut: UncutPath | undefined): string {
  if (!uncut) return '';
  const quoted = `\`${key}: ${doubleQuoted(uncut.value)}\``;
  return uncut.exists
    ? ` The value was cut at \` #\`, which YAML reads as the start of a comment; \`${uncut.value}\` exists: quote the path, ${quoted}.`
    : ` The value was cut at \` #\`, which YAML reads as the start of a comment; if the name goes on after it, quote the path: ${quoted}.`;
}

/** What the quick fix needs: the uncut path, when that file exists. */
function uncutData(uncut: UncutPath | undefined): { uncut: string } | undefined {
  return uncut?.exists ? { uncut: uncut.value } : undefined;
}

export function checkCodebookLink(context: AnnotationContext, folders: readonly string[], problems: Problem[]): CodebookModel | undefined {
  const link = context.codebook;
  if (link.written && link.reference) {
    if (link.reference.kind === 'outside' || link.result?.kind === 'outside') {
      problems.push({
        code: 'outside-workspace',
        span: link.written.span,
        message: `\`${link.written.value}\` resolves outside the workspace folder${link.result?.kind === 'outside' ? ' (through a symbolic link)' : ''}, so Standpoint does not read it. Keep the codebook inside the workspace.`,
      });
      return undefined;
    }
    if (isAnnotationFileName(link.reference.uri)) {
      problems.push({
        code: 'codebook-not-found',
        span: link.written.span,
        message: `Codebook \`${link.written.value}\` cannot be used: it is ${link.reference.uri === context.uri ? 'this annotation file itself' : 'an annotation file (*.stance.yaml)'}, not a codebook (looked at ${displayPath(link.reference.uri, folders)}). Name a codebook.yaml, or remove \`codebook:\` to use the nearest one.`,
      });
      return undefined;
    }
    if (!link.model) {
      problems.push({
        code: 'codebook-not-found',
        span: link.written.span,
        message: `Codebook \`${link.written.value}\` cannot be used: ${describeReadFailure(link.result ?? { kind: 'missing' }, 'codebook')} (looked at ${displayPath(link.reference.uri, folders)}). Fix the path, or remove \`codebook:\` to use the nearest codebook.yaml.${cutAtCommentHint('codebook', link.uncut)}`,
        data: uncutData(link.uncut),
      });
      return undefined;
    }
  } else if (!link.uri) {
    problems.push({
      code: 'codebook-not-found',
      span: context.model.headSpan,
      message: 'No codebook: this file names none with `codebook:`, and there is no codebook.yaml in its folder or any parent folder of the workspace. Add a codebook.yaml or a `codebook:` path.',
    });
    return undefined;
  } else if (!link.model) {
    problems.push({
      code: 'codebook-not-found',
      span: context.model.headSpan,
      message: `The nearest codebook, ${displayPath(link.uri, folders)}, cannot be used: ${describeReadFailure(link.result ?? { kind: 'missing' }, 'codebook')}.`,
    });
    return undefined;
  }
  return link.model.usable ? link.model : undefined;
}
