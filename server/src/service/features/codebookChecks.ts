import type { CodebookModel } from '../model/codebook';
import type { AnnotationFileModel } from '../model/annotationFile';
import type { FileSummary } from '../workspaceIndex/summary';
import type { Problem } from '../problems';
import type { Span } from '../text/lineMap';
import { suggestIds } from '../text/editDistance';

const usedIdsByModel = new WeakMap<AnnotationFileModel, ReadonlySet<string>>();

/** The ids an annotation file uses: actors (tagged or taking a stance) and stance targets (computed once per model). */
export function usedIds(model: AnnotationFileModel): ReadonlySet<string> {
  let cached = usedIdsByModel.get(model);
  if (!cached) usedIdsByModel.set(model, (cached = collectUsedIds(model)));
  return cached;
}

/**
 * Whether two versions of a file use the same ids. For a model updated from
 * the other, only the replaced items are compared (no pass over the file).
 */
export function sameUsedIds(before: AnnotationFileModel, after: AnnotationFileModel): boolean {
  if (after.edit && after.edit.previousText === before.text) {
    const ids = (items: readonly AnnotationFileModel['annotations'][number][]) => collectUsedIds({ ...after, annotations: items });
    if (sameIds(ids(after.edit.removed), ids(after.edit.added))) return true;
  }
  return sameIds(usedIds(before), usedIds(after));
}

export function sameIds(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b || a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}

function collectUsedIds(model: AnnotationFileModel): Set<string> {
  const used = new Set<string>();
  for (const annotation of model.annotations) {
    for (const actor of annotation.actors) used.add(actor.value);
    for (const stance of annotation.stances) {
      if (stance.actor) used.add(stance.actor.value);
      if (stance.toward) used.add(stance.toward.value);
    }
  }
  return used;
}

/**
 * All problems of a codebook. `users` are the annotation files that use it;
 * without any, unused entries are not reported (nothing has been coded yet).
 */
export function checkCodebook(uri: string, codebook: CodebookModel, users: readonly FileSummary[]): Problem[] {
  const problems: Problem[] = [...codebook.problems];
  checkDuplicateIds(uri, codebook, problems);
  checkAffiliations(uri, codebook, problems);
  checkDuplicateAliases(uri, codebook, problems);
  if (users.length) checkUnused(codebook, users, problems);
  return problems;
}

function checkDuplicateIds(uri: string, codebook: CodebookModel, problems: Problem[]): void {
  for (const topic of codebook.topics.values()) {
    const actor = codebook.actors.get(topic.id);
    if (!actor) continue;
    problems.push({
      code: 'duplicate-id',
      span: topic.keySpan,
      message: `Duplicate id \`${topic.id}\`: it is already an actor. Ids are unique across actors and topics, so that \`toward: ${topic.id}\` is unambiguous; rename the topic (e.g. \`${topic.id}-issue\`).`,
      related: [{ uri, range: codebook.lineMap.rangeOf(actor.keySpan), message: `Actor \`${actor.id}\`` }],
      data: { unique: `${topic.id}-issue` },
    });
  }
}

function checkAffiliations(uri: string, codebook: CodebookModel, problems: Problem[]): void {
  const reportedInCycle = new Set<string>();
  for (const actor of codebook.actors.values()) {
    const affiliation = actor.affiliation;
    // A broken entry's affiliation may be an artefact of the syntax error.
    if (!affiliation || !affiliation.value || actor.broken) continue;
    if (!codebook.actors.has(affiliation.value)) {
      const suggestions = suggestIds(
        affiliation.value,
        [...codebook.actors.values()].map((a) => ({ id: a.id, names: [a.name?.value ?? '', ...a.aliases.map((x) => x.value)] })),
      );
      const topic = codebook.topics.has(affiliation.value) ? ` \`${affiliation.value}\` is a topic, not an actor.` : '';
      problems.push({
        code: 'unknown-affiliation',
        span: affiliation.span,
        message: `\`${actor.id}\` is affiliated with \`${affiliation.value}\`, which is not an actor of this codebook.${topic}${suggestions.length ? ` Did you mean \`${suggestions[0]}\`?` : ' Add that actor, or remove the affiliation.'}`,
        data: { suggestions, id: affiliation.value },
      });
      continue;
    }
    // Follow the chain; a cycle is reported once, at the affiliation that closes it.
    const path = [actor.id];
    let current = affiliation.value;
    while (current && codebook.actors.has(current) && !path.includes(current) && path.length <= codebook.actors.size) {
      path.push(current);
      current = codebook.actors.get(current)?.affiliation?.value ?? '';
    }
    if (current === actor.id) {
      const key = [...path].sort().join('|');
      if (reportedInCycle.has(key)) continue;
      reportedInCycle.add(key);
      const chain = [...path, actor.id].map((id) => `\`${id}\``).join(' → ');
      problems.push({
        code: 'unknown-affiliation',
        span: affiliation.span,
        message:
          path.length === 1
            ? `\`${actor.id}\` is affiliated with itself. Remove the affiliation or name the actor it belongs to.`
            : `Affiliations form a cycle: ${chain}. An actor cannot belong, even indirectly, to itself; remove one of these affiliations.`,
        related: path.slice(1).flatMap((id) => {
          const span = codebook.actors.get(id)?.affiliation?.span;
          return span ? [{ uri, range: codebook.lineMap.rangeOf(span), message: `\`${id}\` is affiliated with \`${codebook.actors.get(id)?.affiliation?.value}\`` }] : [];
        }),
      });
    }
  }
}

function checkDuplicateAliases(uri: string, codebook: CodebookModel, problems: Problem[]): void {
  const owners = new Map<string, { actor: string; span: Span; kind: 'name' | 'alias' }>();
  for (const actor of codebook.actors.values()) {
    const terms: { value: string; span: Span; kind: 'name' | 'alias' }[] = [];
    if (actor.name) terms.push({ ...actor.name, kind: 'name' });
    for (const alias of actor.aliases) terms.push({ ...alias, kind: 'alias' });
    const own = new Set<string>();
    for (const term of terms) {
      const key = term.value.trim().toLowerCase().replace(/\s+/g, ' ');
      if (!key || own.has(key)) continue;
      own.add(key);
      const owner = owners.get(key);
      if (!owner) {
        owners.set(key, { actor: actor.id, span: term.span, kind: term.kind });
        continue;
      }
      if (term.kind === 'name' && owner.kind === 'name') continue; // two actors with one name: not an alias problem
      problems.push({
        code: 'duplicate-alias',
        span: term.span,
        message: `“${term.value.trim()}” names both \`${owner.actor}\` (its ${owner.kind}) and \`${actor.id}\`: a mention of it would be ambiguous. Keep it on one actor.`,
        related: [{ uri, range: codebook.lineMap.rangeOf(owner.span), message: `The same ${owner.kind} on \`${owner.actor}\`` }],
      });
    }
  }
}

function checkUnused(codebook: CodebookModel, users: readonly FileSummary[], problems: Problem[]): void {
  const used = new Set<string>();
  for (const user of users) for (const id of user.usedIds) used.add(id);
  const files = users.length === 1 ? 'the one annotation file that uses' : `the ${users.length} annotation files that use`;
  for (const actor of codebook.actors.values()) {
    if (used.has(actor.id) || actor.broken) continue;
    problems.push({ code: 'unused-entry', span: actor.keySpan, unnecessary: true, message: `Actor \`${actor.id}\` is not used by any annotation (in ${files} this codebook).` });
  }
  for (const topic of codebook.topics.values()) {
    if (used.has(topic.id) || topic.broken) continue;
    problems.push({ code: 'unused-entry', span: topic.keySpan, unnecessary: true, message: `Topic \`${topic.id}\` is not the target of any stance (in ${files} this codebook).` });
  }
}
