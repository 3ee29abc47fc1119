/**
 * The counts every statement network is computed from: x[i][j][k], the
 * number of statements of actor i toward target j with stance k.
 *
 * The counts are additive: the counts of a corpus are the sum of the counts
 * of its files, so an edit can take one file's old statements out
 * (`accumulate(old, counts, -1)`) and put its new ones in, instead of
 * recounting the corpus. Networks are then computed from the counts
 * (`networkFromCounts`), in time that depends on the actors and targets, not
 * on the number of statements.
 */
import type { Statement } from './types';

/** What the counts read of a statement. */
export type CountableStatement = Pick<
  Statement,
  'actor' | 'actorName' | 'actorType' | 'actorAffiliation' | 'toward' | 'towardLabel' | 'towardKind' | 'stance' | 'polarity'
>;

export interface CountedActor {
  readonly id: string;
  name: string;
  type: string;
  affiliation?: string;
}

export interface CountedTarget {
  readonly id: string;
  label: string;
  kind: 'topic' | 'actor';
}

/** A stance class: a stance id with its polarity (two codebooks may give one id different polarities). */
export interface CountedStance {
  readonly id: string;
  readonly polarity: number;
}

export interface StatementCounts {
  /** Actors seen (as of the last statement added), by id. May hold actors whose counts went back to 0. */
  readonly actors: Map<string, CountedActor>;
  /** Targets seen, by id. */
  readonly targets: Map<string, CountedTarget>;
  /** Stance classes in the order first seen; `x` vectors are indexed like this. */
  readonly stances: CountedStance[];
  readonly stanceIndex: Map<string, number>;
  /** actor id → target id → counts per stance class (a vector as long as `stances` was when it was last touched; missing entries are 0). */
  readonly x: Map<string, Map<string, number[]>>;
}

export function createCounts(): StatementCounts {
  return { actors: new Map(), targets: new Map(), stances: [], stanceIndex: new Map(), x: new Map() };
}

/**
 * Adds (sign 1) or takes out (sign -1) statements. Returns the counts it was given
 * (a new one if none). Names, types and labels come from the last statement added.
 */
export function accumulate(statements: readonly CountableStatement[], counts: StatementCounts = createCounts(), sign: 1 | -1 = 1): StatementCounts {
  for (const statement of statements) {
    const stanceKey = `${statement.stance}\u0000${statement.polarity}`;
    let k = counts.stanceIndex.get(stanceKey);
    if (k === undefined) {
      k = counts.stances.length;
      counts.stances.push({ id: statement.stance, polarity: statement.polarity });
      counts.stanceIndex.set(stanceKey, k);
    }
    let row = counts.x.get(statement.actor);
    if (row === undefined) {
      row = new Map();
      counts.x.set(statement.actor, row);
    }
    let cell = row.get(statement.toward);
    if (cell === undefined) {
      cell = [];
      row.set(statement.toward, cell);
    }
    while (cell.length <= k) cell.push(0);
    cell[k] += sign;
    if (sign > 0) {
      noteActor(counts, statement);
      noteTarget(counts, statement);
    }
  }
  return counts;
}

function noteActor(counts: StatementCounts, statement: CountableStatement): void {
  const actor = counts.actors.get(statement.actor);
  if (actor === undefined) {
    counts.actors.set(statement.actor, { id: statement.actor, name: statement.actorName, type: statement.actorType, affiliation: statement.actorAffiliation });
  } else if (actor.name !== statement.actorName || actor.type !== statement.actorType || actor.affiliation !== statement.actorAffiliation) {
    actor.name = statement.actorName;
    actor.type = statement.actorType;
    actor.affiliation = statement.actorAffiliation;
  }
}

function noteTarget(counts: StatementCounts, statement: CountableStatement): void {
  const target = counts.targets.get(statement.toward);
  if (target === undefined) {
    counts.targets.set(statement.toward, { id: statement.toward, label: statement.towardLabel, kind: statement.towardKind });
  } else if (target.label !== statement.towardLabel || target.kind !== statement.towardKind) {
    target.label = statement.towardLabel;
    target.kind = statement.towardKind;
  }
}
