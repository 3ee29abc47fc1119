import type { Range } from 'vscode-languageserver-types';
import type { ArticleSibling, WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { DocumentFact, DocumentFacts } from '../workspaceIndex/summary';
import { DOCUMENT_KEYS, type DocumentKey } from '../model/annotationFile';
import type { DiagnosticCode, RelatedLocation, SeverityName } from '../problems';
import { parseIsoDate, sameDocumentDate } from '../text/isoDate';
import { dirname, relativePath } from '../workspace';
import { truncate } from '../text/truncate';

/**
 * `document-mismatch`: the annotation files of one article (one per coder)
 * describe the same article, so what they say in `document:` should agree.
 *
 * Compared per key, between files that both give it: a file that leaves a
 * key (or all of `document:`) out does not contradict one that gives it.
 * Texts are compared after Unicode normalisation (NFC) with runs of white
 * space as one space, case included; `url` as written; dates by value
 * (text/isoDate.ts: `2025-02-19` agrees with `2025-02-19T14:30`). Each file
 * that disagrees with another gets the warning on its own value, naming the
 * first other file (in path order) that gives something else, with every
 * such file in the related information. Only the per-file summaries are
 * read (no re-parsing), so a large corpus costs one comparison per key and
 * sibling.
 */

/** A problem whose place is already a range (it comes from summaries, not from a parsed text). */
export interface RangedProblem {
  readonly code: DiagnosticCode;
  readonly range: Range;
  readonly message: string;
  readonly severity?: SeverityName;
  readonly related?: readonly RelatedLocation[];
  /** Facts a quick fix needs. */
  readonly data?: Record<string, unknown>;
}

/** At most this many other files are linked from one diagnostic. */
const MAX_RELATED = 10;
/** At most this many of the other files' values are offered as quick fixes. */
const MAX_OFFERED = 3;

/** Whether two files give the same value for a key of `document:`. */
export function sameDocumentValue(key: DocumentKey, a: string, b: string): boolean {
  if (key === 'date') {
    const x = parseIsoDate(a);
    const y = parseIsoDate(b);
    if (x.ok && y.ok) return sameDocumentDate(x.date, y.date);
    return a.trim() === b.trim();
  }
  if (key === 'url') return a.trim() === b.trim();
  return normalizeText(a) === normalizeText(b);
}

function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The document-mismatch problems of one file, given what the other files of its article say. */
export function documentMismatches(uri: string, own: DocumentFacts | undefined, siblings: readonly ArticleSibling[]): RangedProblem[] {
  if (!own || !siblings.length) return [];
  const problems: RangedProblem[] = [];
  const from = dirname(uri);
  for (const key of DOCUMENT_KEYS) {
    const mine = own[key];
    if (!mine) continue;
    const differing: { sibling: ArticleSibling; fact: DocumentFact }[] = [];
    for (const sibling of siblings) {
      const theirs = sibling.document?.[key];
      if (theirs && !sameDocumentValue(key, mine.value, theirs.value)) differing.push({ sibling, fact: theirs });
    }
    if (!differing.length) continue;
    const [first] = differing;
    const others = differing.length - 1;
    const name = (sibling: ArticleSibling) => `${relativePath(from, sibling.uri)}${sibling.coder ? ` (coder \`${sibling.coder}\`)` : ''}`;
    const also = others ? ` and ${others} other file${others === 1 ? '' : 's'}` : '';
    problems.push({
      code: 'document-mismatch',
      range: mine.range,
      message: `\`${key}\` is ${shown(mine.value)} here, but ${shown(first.fact.value)} in ${name(first.sibling)}${also}, another annotation file of this article. The files of one article should agree on \`document:\` (exports and time slices read it from them): correct the wrong one, or leave \`${key}\` out of one file.`,
      // The other files' values, each once (as the first file in path order writes it), for "Use … as in the other file".
      data: {
        key,
        values: distinctValues(
          key,
          differing.map(({ fact }) => fact.value),
        ).slice(0, MAX_OFFERED),
      },
      related: differing.slice(0, MAX_RELATED).map(({ sibling, fact }) => ({
        uri: sibling.uri,
        range: fact.range,
        message: `\`${key}\` in ${name(sibling)}: ${shown(fact.value)}`,
      })),
    });
  }
  return problems;
}

function distinctValues(key: DocumentKey, values: readonly string[]): string[] {
  const kept: string[] = [];
  for (const value of values) if (!kept.some((k) => sameDocumentValue(key, k, value))) kept.push(value);
  return kept;
}

function shown(value: string): string {
  const text = truncate(value.replace(/\s+/g, ' ').trim(), 80);
  return text.includes('`') ? `“${text}”` : `\`${text}\``;
}

/** The cross-file problems of an annotation file, from the index's summaries. */
export async function documentProblems(index: WorkspaceIndex, uri: string): Promise<RangedProblem[]> {
  const own = index.linksOf(uri)?.document;
  if (!own) return [];
  return documentMismatches(uri, own, await index.articleSiblings(uri));
}
