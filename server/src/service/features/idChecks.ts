import type { Annotation } from '../model/annotationFile';
import { type CodebookModel, DEFAULT_STANCES } from '../model/codebook';
import type { Located } from '../model/yamlReader';
import type { Problem, RelatedLocation } from '../problems';
import { type Candidate, suggestIds } from '../text/editDistance';
import type { AnnotationContext } from '../workspaceIndex/context';

/** Checks of the ids an annotation uses against the codebook: actors, targets, stance values; with the likely intended id. */

function actorCandidates(codebook: CodebookModel): Candidate[] {
  return [...codebook.actors.values()].map((actor) => ({ id: actor.id, names: [actor.name?.value ?? '', ...actor.aliases.map((a) => a.value)] }));
}

function topicCandidates(codebook: CodebookModel): Candidate[] {
  return [...codebook.topics.values()].map((topic) => ({ id: topic.id, names: [topic.label?.value ?? ''] }));
}

function didYouMean(suggestions: readonly string[], describe: (id: string) => string | undefined): string {
  if (!suggestions.length) return '';
  const named = suggestions.map((id) => {
    const detail = describe(id);
    return detail ? `\`${id}\` (${detail})` : `\`${id}\``;
  });
  return ` Did you mean ${named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`}?`;
}

function codebookRelated(context: AnnotationContext, codebook: CodebookModel, section: 'actors' | 'topics' | 'stances', message: string): RelatedLocation[] {
  const uri = context.codebook.uri;
  if (!uri) return [];
  const entry = codebook.topLevel.get(section);
  const span = entry?.keySpan ?? codebook.headSpan;
  return [{ uri, range: codebook.lineMap.rangeOf(span), message }];
}

export function checkIds(annotation: Annotation, codebook: CodebookModel | undefined, context: AnnotationContext, problems: Problem[]): void {
  const stances = context.codebook.model?.usable ? context.codebook.model.stances : DEFAULT_STANCES;
  for (const stance of annotation.stances) {
    if (stance.stance && !stances.has(stance.stance.value)) {
      const suggestions = suggestIds(
        stance.stance.value,
        [...stances.values()].map((s) => ({ id: s.id, names: [s.label] })),
      );
      const known = [...stances.keys()].map((k) => `\`${k}\``).join(', ');
      problems.push({
        code: 'unknown-stance',
        span: stance.stance.span,
        message: `Unknown stance \`${stance.stance.value}\`: the vocabulary is ${known}.${didYouMean(suggestions, (id) => stances.get(id)?.label)}`,
        data: { suggestions },
        related: codebook && context.codebook.model?.topLevel.has('stances') ? codebookRelated(context, codebook, 'stances', 'The stance vocabulary is defined here') : undefined,
      });
    }
  }
  if (!codebook) return;
  const actorName = (id: string) => codebook.actors.get(id)?.name?.value;
  const checkActor = (located: Located<string>) => {
    if (codebook.actors.has(located.value)) return;
    const suggestions = suggestIds(located.value, actorCandidates(codebook));
    const isTopic = codebook.topics.has(located.value);
    const what = isTopic ? `\`${located.value}\` is a topic, not an actor.` : `Unknown actor \`${located.value}\`: the codebook has no such actor.`;
    const fallback = suggestions.length ? '' : ` Add \`${located.value}\` to the codebook's \`actors\`, or use one of its ${codebook.actors.size} actor ids.`;
    problems.push({
      code: 'unknown-actor',
      span: located.span,
      message: `${what}${didYouMean(suggestions, actorName)}${fallback}`,
      data: { suggestions, id: located.value },
      related: codebookRelated(context, codebook, 'actors', 'Actors are defined in the codebook here'),
    });
  };
  annotation.actors.forEach(checkActor);
  for (const stance of annotation.stances) {
    if (stance.actor) checkActor(stance.actor);
    if (stance.toward && !codebook.topics.has(stance.toward.value) && !codebook.actors.has(stance.toward.value)) {
      const suggestions = suggestIds(stance.toward.value, [...topicCandidates(codebook), ...actorCandidates(codebook)]);
      const describe = (id: string) => codebook.topics.get(id)?.label?.value ?? actorName(id);
      const fallback = suggestions.length ? '' : ` Add it to the codebook's \`topics\`, or use one of its ${codebook.topics.size} topic or ${codebook.actors.size} actor ids.`;
      problems.push({
        code: 'unknown-target',
        span: stance.toward.span,
        message: `Unknown target \`${stance.toward.value}\`: \`toward\` must name a topic or an actor of the codebook.${didYouMean(suggestions, describe)}${fallback}`,
        data: { suggestions, id: stance.toward.value },
        related: codebookRelated(context, codebook, codebook.topLevel.has('topics') ? 'topics' : 'actors', 'Topics are defined in the codebook here'),
      });
    }
  }
}
