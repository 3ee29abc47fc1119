import type { Annotation } from '../model/annotationFile';
import type { Article } from '../model/article';
import type { ActorEntry, CodebookModel } from '../model/codebook';
import type { Located } from '../model/yamlReader';
import type { Problem } from '../problems';
import { escapeRegExp, foldChar } from '../text/quoteMatch';
import type { ResolvedAnnotation } from './resolution';

/**
 * Mentions: whether a sentence names an actor (its id, id with spaces, name or
 * aliases, as a whole word, in any case), and the check that a tagged actor is
 * named in its sentence. Completion and annotate use the same patterns.
 */

const mentionPatterns = new WeakMap<CodebookModel, Map<string, RegExp | null>>();

const mentionTerms = new WeakMap<CodebookModel, Map<string, readonly string[]>>();

function escapeForPattern(term: string): string {
  let source = '';
  let inSpace = false;
  for (const ch of term.trim()) {
    const folded = foldChar(ch);
    if (folded === ' ') {
      if (!inSpace) source += '\\s+';
      inSpace = true;
      continue;
    }
    inSpace = false;
    if (folded === "'") source += "['‘’]";
    else if (folded === '"') source += '["“”]';
    else source += escapeRegExp(ch);
  }
  return source;
}

function termsOf(actor: ActorEntry): string[] {
  const terms = new Set<string>([actor.id, actor.id.replace(/-/g, ' ')]);
  if (actor.name) terms.add(actor.name.value);
  for (const alias of actor.aliases) terms.add(alias.value);
  return [...terms].map((t) => t.trim()).filter(Boolean);
}

/** A case-insensitive whole-word pattern for an actor's id, name and aliases. */
export function mentionPattern(codebook: CodebookModel, actor: ActorEntry): RegExp | undefined {
  let cache = mentionPatterns.get(codebook);
  if (!cache) mentionPatterns.set(codebook, (cache = new Map()));
  const cached = cache.get(actor.id);
  if (cached !== undefined) return cached ?? undefined;
  const alternatives = termsOf(actor)
    .sort((a, b) => b.length - a.length)
    .map(escapeForPattern);
  const pattern = alternatives.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu') : null;
  cache.set(actor.id, pattern);
  return pattern ?? undefined;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Text folded for mention search: lower case, white space runs as one space, typographic quote marks as straight ones. */
export function foldForMentions(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
}

/**
 * Whether a sentence names an actor (id, id with spaces, name or alias, as a
 * whole word, in any case, white space and quote marks matched loosely): what
 * `mentionPattern` tests, found with plain string search on folded text.
 */
export function mentions(codebook: CodebookModel, actor: ActorEntry, sentence: string, folded = foldForMentions(sentence)): boolean {
  let cache = mentionTerms.get(codebook);
  if (!cache) mentionTerms.set(codebook, (cache = new Map()));
  let terms = cache.get(actor.id);
  if (!terms) cache.set(actor.id, (terms = [...new Set(termsOf(actor).map(foldForMentions))]));
  for (const term of terms) {
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
      const before = at > 0 ? String.fromCodePoint(folded.codePointAt(at - 1 - (at >= 2 && /[\uDC00-\uDFFF]/.test(folded[at - 1]) ? 1 : 0))!) : '';
      const after = at + term.length < folded.length ? String.fromCodePoint(folded.codePointAt(at + term.length)!) : '';
      if ((!before || !WORD_CHAR.test(before)) && (!after || !WORD_CHAR.test(after))) return true;
    }
  }
  return false;
}

/** Every actor an annotation involves (its `actors` and its stances' actors), each once, at its first mention in the file. */
export function involvedActors(annotation: Annotation): Located<string>[] {
  const seen = new Set<string>();
  const result: Located<string>[] = [];
  for (const located of [...annotation.actors, ...annotation.stances.flatMap((s) => (s.actor ? [s.actor] : []))]) {
    if (seen.has(located.value)) continue;
    seen.add(located.value);
    result.push(located);
  }
  return result;
}

export function checkMentions({ annotation, sentence }: ResolvedAnnotation, codebook: CodebookModel, article: Article | undefined, problems: Problem[]): void {
  if (!article || !sentence) return;
  {
    const text = article.text.slice(sentence.start, sentence.end);
    const folded = foldForMentions(text);
    for (const located of involvedActors(annotation)) {
      const actor = codebook.actors.get(located.value);
      if (!actor || mentions(codebook, actor, text, folded)) continue;
      const names = [actor.name?.value, ...actor.aliases.map((a) => a.value)].filter(Boolean).map((n) => `“${n}”`);
      problems.push({
        code: 'actor-not-mentioned',
        span: located.span,
        message: `\`${actor.id}\` is tagged, but sentence ${sentence.n} names it nowhere (looked for ${names.length ? names.slice(0, 5).join(', ') : 'its id'}${names.length > 5 ? ', …' : ''}). If the sentence refers to it another way, add that as an alias in the codebook.`,
        data: { actor: actor.id, sentence: sentence.n },
      });
    }
  }
}
