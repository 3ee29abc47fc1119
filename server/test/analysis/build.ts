/**
 * Small hand-written statements and mentions for the analysis tests: only
 * what a test is about is spelled out, the rest gets plain defaults.
 */
import type { Mention, Statement } from '../../src/service/analysis/types';
import type { ActorInfo, ActorLookup } from '../../src/service/analysis/filters';

/** The default vocabulary of format.md. */
export const POLARITY: Record<string, number> = { supports: 1, opposes: -1, neutral: 0, mixed: 0 };

export interface ActorEntry {
  readonly name: string;
  readonly type: string;
  readonly affiliation?: string;
}

/** A codebook's actors, as the filters and networks look them up. */
export function codebook(actors: Record<string, ActorEntry>): ActorLookup {
  return (id: string): ActorInfo | undefined => {
    const entry = Object.hasOwn(actors, id) ? actors[id] : undefined;
    return entry ? { id, ...entry } : undefined;
  };
}

export interface StatementSpec {
  readonly actor: string;
  readonly toward: string;
  readonly stance: string;
  readonly polarity?: number;
  readonly article?: string;
  readonly file?: string;
  readonly line?: number;
  readonly date?: string;
  readonly coder?: string;
  readonly annotation?: string;
}

let nextLine = 1;

/** A valid statement; names, types and target kinds come from `actors` (a target not among them is a topic). */
export function statement(spec: StatementSpec, actors: ActorLookup, vocabulary: Record<string, number> = POLARITY): Statement {
  const actor = actors(spec.actor);
  if (!actor) throw new Error(`test corpus: unknown actor ${spec.actor}`);
  const targetActor = actors(spec.toward);
  const polarity = spec.polarity ?? vocabulary[spec.stance];
  if (polarity === undefined) throw new Error(`test corpus: unknown stance ${spec.stance}`);
  const article = spec.article ?? 'articles/riyadh-talks.txt';
  return {
    article,
    date: spec.date,
    coder: spec.coder,
    file: spec.file ?? article.replace(/^articles\//, 'annotations/').replace(/\.txt$/, spec.coder ? `.${spec.coder}.stance.yaml` : '.stance.yaml'),
    line: spec.line ?? nextLine++,
    annotation: spec.annotation ?? '1',
    sentence: 1,
    sentenceText: 'Officials met in Riyadh on Tuesday — the first such meeting in three years.',
    start: 0,
    end: 10,
    actor: spec.actor,
    actorName: actor.name,
    actorType: actor.type,
    ...(actor.affiliation ? { actorAffiliation: actor.affiliation } : {}),
    toward: spec.toward,
    towardLabel: targetActor ? targetActor.name : `Topic ${spec.toward}`,
    towardKind: targetActor ? 'actor' : 'topic',
    stance: spec.stance,
    polarity,
  };
}

export interface MentionSpec {
  readonly actor: string;
  readonly annotation: string;
  readonly file?: string;
  readonly article?: string;
  readonly date?: string;
  readonly coder?: string;
}

export function mention(spec: MentionSpec, actors: ActorLookup): Mention {
  const actor = actors(spec.actor);
  if (!actor) throw new Error(`test corpus: unknown actor ${spec.actor}`);
  const article = spec.article ?? 'articles/riyadh-talks.txt';
  return {
    article,
    date: spec.date,
    coder: spec.coder,
    file: spec.file ?? 'annotations/riyadh-talks.stance.yaml',
    line: 1,
    annotation: spec.annotation,
    sentence: 1,
    actor: spec.actor,
    actorName: actor.name,
    actorType: actor.type,
    ...(actor.affiliation ? { actorAffiliation: actor.affiliation } : {}),
  };
}
