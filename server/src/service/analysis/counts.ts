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
export type CountableStatement = Pick<Statement, 'actor' | 'actorName' | 'actorType' | 'actorAffiliation' | 'toward' | 'towardLabel' | 'towardKind' | 'stance' | 'polarity'>;

export interface CountedActor {
  readonly id: string;
  /** Position in `StatementCounts.actorList`. */
  readonly index: number;
  name: string;
  type: string;
  affiliation?: string;
}

export interface CountedTarget {
  readonly id: string;
  /** Position in `StatementCounts.targetList`. */
  readonly index: number;
  label: string;
  kind: 'topic' | 'actor';
}

/** A stance class: a stance id with its polarity (two codebooks may give one id different polarities). */
export interface CountedStance {
  readonly id: string;
  readonly polarity: number;
}

/**
 * Actors, targets and stances are numbered in the order first seen; a cell
 * (actor, target) gets a slot the first time a statement falls in it, and keeps
 * it (its counts may go back to 0). Names, types and labels are those of the
 * last statement added.
 */
export interface StatementCounts {
  readonly actors: Map<string, CountedActor>;
  readonly actorList: CountedActor[];
  readonly targets: Map<string, CountedTarget>;
  readonly targetList: CountedTarget[];
  /** Stance classes; a cell's counts are indexed like this. */
  readonly stances: CountedStance[];
  /** stance id → polarity → index in `stances`. */
  readonly stanceIndex: Map<string, Map<number, number>>;
  /** actor index → target index → slot. */
  readonly cellSlot: Map<number, number>[];
  readonly cellActor: number[];
  readonly cellTarget: number[];
  /** Counts per stance class of each slot (as long as `stances` was when the slot was last touched; missing entries are 0). */
  readonly cellCounts: number[][];
  /** Goes up with every `accumulate`, so derived tables can be cached until the counts change. */
  version: number;
}

export function createCounts(): StatementCounts {
  return {
    actors: new Map(),
    actorList: [],
    targets: new Map(),
    targetList: [],
    stances: [],
    stanceIndex: new Map(),
    cellSlot: [],
    cellActor: [],
    cellTarget: [],
    cellCounts: [],
    version: 0,
  };
}

/**
 * Adds (sign 1) or takes out (sign -1) statements. Returns the counts it was
 * given (a new one if none).
 */
export function accumulate(statements: readonly CountableStatement[], counts: StatementCounts = createCounts(), sign: 1 | -1 = 1): StatementCounts {
  counts.version++;
  for (const statement of statements) {
    const k = stanceOf(counts, statement.stance, statement.polarity);
    const actor = actorOf(counts, statement, sign);
    const target = targetOf(counts, statement, sign);
    const slots = (counts.cellSlot[actor] ??= new Map());
    let slot = slots.get(target);
    if (slot === undefined) {
      slot = counts.cellCounts.length;
      slots.set(target, slot);
      counts.cellActor.push(actor);
      counts.cellTarget.push(target);
      counts.cellCounts.push([]);
    }
    const cell = counts.cellCounts[slot];
    while (cell.length <= k) cell.push(0);
    cell[k] += sign;
  }
  return counts;
}

function stanceOf(counts: StatementCounts, id: string, polarity: number): number {
  let byPolarity = counts.stanceIndex.get(id);
  if (byPolarity === undefined) {
    byPolarity = new Map();
    counts.stanceIndex.set(id, byPolarity);
  }
  let k = byPolarity.get(polarity);
  if (k === undefined) {
    k = counts.stances.length;
    counts.stances.push({ id, polarity });
    byPolarity.set(polarity, k);
  }
  return k;
}

function actorOf(counts: StatementCounts, statement: CountableStatement, sign: 1 | -1): number {
  const actor = counts.actors.get(statement.actor);
  if (actor === undefined) {
    const added: CountedActor = { id: statement.actor, index: counts.actorList.length, name: statement.actorName, type: statement.actorType, affiliation: statement.actorAffiliation };
    counts.actors.set(added.id, added);
    counts.actorList.push(added);
    return added.index;
  }
  if (sign > 0 && (actor.name !== statement.actorName || actor.type !== statement.actorType || actor.affiliation !== statement.actorAffiliation)) {
    actor.name = statement.actorName;
    actor.type = statement.actorType;
    actor.affiliation = statement.actorAffiliation;
  }
  return actor.index;
}

function targetOf(counts: StatementCounts, statement: CountableStatement, sign: 1 | -1): number {
  const target = counts.targets.get(statement.toward);
  if (target === undefined) {
    const added: CountedTarget = { id: statement.toward, index: counts.targetList.length, label: statement.towardLabel, kind: statement.towardKind };
    counts.targets.set(added.id, added);
    counts.targetList.push(added);
    return added.index;
  }
  if (sign > 0 && (target.label !== statement.towardLabel || target.kind !== statement.towardKind)) {
    target.label = statement.towardLabel;
    target.kind = statement.towardKind;
  }
  return target.index;
}
