/**
 * Discourse networks with the Discourse Network Analyzer's (DNA) formulas
 * (docs/analysis.md, "Networks"):
 *
 * - `affiliation` (two-mode, actors × targets): by `--aggregate`, `ignore`
 *   Σk x[i][j][k]; `subtract` Σk p(k)·x[i][j][k]; `combine` 1 positive only,
 *   2 negative only, 3 both, 4 only polarity 0 (polarity-0 stances do not
 *   change a 1, 2 or 3). Normalised by `activity` (÷ the actor's statements)
 *   or `prominence` (÷ the target's statements).
 * - one-mode (actors): ω(i, i') = Σj Σk Σk' x[i][j][k]·x[i'][j][k']·w(k, k') with
 *   w = 1 − d (`congruence`), d (`conflict`), 1 − 2d (`subtract`), 1
 *   (`co-occurrence`), where d = abs(p(k) − p(k'))/range (0 when range is 0).
 *   Normalised by `average` ω/((n_i + n_i')/2), `jaccard` ω/(m10 + m01 + m11),
 *   `cosine` ω/(n_i·n_i') (DNA's, not the L2 cosine).
 * - `co-mention`: the number of annotations that involve both actors.
 *
 * Computed from the counts x, not the statements: a one-mode network costs
 * Σ over targets of (actors on that target)² · stances², whatever the number
 * of statements.
 */
import type { Mention, Network, NetworkEdge, NetworkNode, NetworkOptions, NetworkType, Statement } from './types';
import { accumulate, type StatementCounts } from './counts';
import { applyDuplicateRule, periodKey } from './duplicates';
import { compareText, type ActorLookup } from './filters';
import { checkNetworkOptions, isTwoMode, type ResolvedNetworkOptions } from './networkOptions';
import { parseIsoDate } from './dates';

export interface NetworkContext {
  /** max − min polarity of the stance vocabulary (`polarityRange`); default 2. */
  readonly range?: number;
  /** The codebook's actors: type and affiliation of targets that are actors, and of actors the statements do not describe. */
  readonly lookupActor?: ActorLookup;
}

export interface NetworkInput extends NetworkContext {
  /** Filtered statements (see `filterRecords`); the duplicate rule is applied here. */
  readonly statements?: readonly Statement[];
  /** Filtered mentions, for `co-mention`. */
  readonly mentions?: readonly Mention[];
  readonly options: NetworkOptions;
}

export interface NetworkResult {
  readonly network: Network;
  /** Statements not counted under the duplicate rule (for `co-mention`: co-mentions of a pair not counted). */
  readonly duplicatesDropped: number;
}

/** Prefix of the node key of a target that is an actor, in two-mode networks (ids never contain `:`). */
export const TARGET_KEY_PREFIX = 'target:';

/** The key of a target node in a two-mode network: the id for a topic, `target:<id>` for an actor. */
export function targetNodeKey(id: string, kind: 'topic' | 'actor'): string {
  return kind === 'actor' ? TARGET_KEY_PREFIX + id : id;
}

/** Whether the stance takes part in the duplicate rule: not for `--aggregate ignore` nor `co-occurrence`, which ignore stances. */
export function duplicatesCompareStance(options: Pick<ResolvedNetworkOptions, 'type' | 'aggregate'>): boolean {
  if (options.type === 'co-occurrence') return false;
  if (options.type === 'affiliation' && options.aggregate === 'ignore') return false;
  return true;
}

/** Filtered statements (or mentions) → the network: the duplicate rule, the counts, the weights. Throws on options `checkNetworkOptions` rejects. */
export function buildNetwork(input: NetworkInput): NetworkResult {
  const options = resolveOptions(input.options);
  if (options.type === 'co-mention') return coMentionNetwork(input.mentions ?? [], options, input);
  const { kept, dropped } = applyDuplicateRule(input.statements ?? [], options.duplicates, { compareStance: duplicatesCompareStance(options) });
  return { network: networkFromCounts(accumulate(kept), options, input), duplicatesDropped: dropped };
}

/**
 * A statement network from counts. The counts must already reflect the
 * duplicate rule (`options.duplicates` is only recorded in the result).
 */
export function networkFromCounts(counts: StatementCounts, options: NetworkOptions, context: NetworkContext = {}): Network {
  const resolved = resolveOptions(options);
  if (resolved.type === 'co-mention') throw new Error('co-mention networks are computed from mentions (buildNetwork or coMentionNetwork), not statement counts');
  return isTwoMode(resolved.type) ? twoModeNetwork(counts, resolved, context) : oneModeNetwork(counts, resolved, context);
}

function resolveOptions(options: NetworkOptions): ResolvedNetworkOptions {
  const checked = checkNetworkOptions(options);
  if (!checked.ok) throw new Error(checked.error);
  return checked.options;
}

// ---------------------------------------------------------------------------
// The counts as flat, sorted tables (typed arrays: the pair loop runs millions of times).

interface Tabulated {
  readonly counts: StatementCounts;
  /** Actors with at least one statement, sorted by id. */
  readonly actorIds: string[];
  /** Targets with at least one statement, sorted by id. */
  readonly targetIds: string[];
  /** n_i: statements per actor (index into actorIds). */
  readonly actorTotals: Float64Array;
  /** Statements per target (index into targetIds). */
  readonly targetTotals: Float64Array;
  /** The polarity of each column of x: one column per stance class, or per distinct polarity when grouped. */
  readonly columnPolarities: number[];
  /** Cells (actor, target) with statements, target by target, each target's cells in actor order. */
  readonly cellActor: Int32Array;
  readonly cellTarget: Int32Array;
  readonly cellTotal: Float64Array;
  /** The counts of cell c are cellX[c·K … c·K + K − 1], K = columnPolarities.length. */
  readonly cellX: Float64Array;
  /** The cells of target t are targetStart[t] … targetStart[t + 1] − 1. */
  readonly targetStart: Int32Array;
  /** The cells of actor i, in target order, are actorCells[actorStart[i] … actorStart[i + 1] − 1]. */
  readonly actorStart: Int32Array;
  readonly actorCells: Int32Array;
}

/**
 * Flattens the counts. With `groupByPolarity`, stances of equal polarity share
 * a column (every formula but Jaccard reads only polarities), which makes the
 * pair loop shorter.
 */
/** The last tables of each counts object (by polarity and by stance), while its version holds: a server asking for several networks of one corpus flattens it once. */
const tableCache = new WeakMap<StatementCounts, { version: number; byPolarity?: Tabulated; byStance?: Tabulated }>();

function tabulate(counts: StatementCounts, groupByPolarity: boolean): Tabulated {
  let cached = tableCache.get(counts);
  if (cached === undefined || cached.version !== counts.version) {
    cached = { version: counts.version };
    tableCache.set(counts, cached);
  }
  const key = groupByPolarity ? 'byPolarity' : 'byStance';
  return (cached[key] ??= flatten(counts, groupByPolarity));
}

function flatten(counts: StatementCounts, groupByPolarity: boolean): Tabulated {
  const stanceColumn = new Int32Array(counts.stances.length);
  let columnPolarities: number[];
  if (groupByPolarity) {
    columnPolarities = [...new Set(counts.stances.map((stance) => stance.polarity))].sort((a, b) => a - b);
    counts.stances.forEach((stance, k) => (stanceColumn[k] = columnPolarities.indexOf(stance.polarity)));
  } else {
    columnPolarities = counts.stances.map((stance) => stance.polarity);
    stanceColumn.forEach((_, k) => (stanceColumn[k] = k));
  }
  const columns = columnPolarities.length;

  // Which slots, actors and targets have statements (a count can only go below 0 if more
  // was taken out than put in; it is read as 0).
  const slots = counts.cellCounts.length;
  const slotTotal = new Float64Array(slots);
  const actorActive = new Uint8Array(counts.actorList.length);
  const targetActive = new Uint8Array(counts.targetList.length);
  let cellCount = 0;
  for (let slot = 0; slot < slots; slot++) {
    let total = 0;
    for (const value of counts.cellCounts[slot]) if (value > 0) total += value;
    if (total === 0) continue;
    slotTotal[slot] = total;
    actorActive[counts.cellActor[slot]] = 1;
    targetActive[counts.cellTarget[slot]] = 1;
    cellCount++;
  }
  const actorIds = counts.actorList
    .filter((actor) => actorActive[actor.index] === 1)
    .map((actor) => actor.id)
    .sort(compareText);
  const targetIds = counts.targetList
    .filter((target) => targetActive[target.index] === 1)
    .map((target) => target.id)
    .sort(compareText);
  const actorRank = new Int32Array(counts.actorList.length);
  actorIds.forEach((id, rank) => (actorRank[counts.actors.get(id)!.index] = rank));
  const targetRank = new Int32Array(counts.targetList.length);
  targetIds.forEach((id, rank) => (targetRank[counts.targets.get(id)!.index] = rank));

  // Counting sorts: slots by actor, then (stably) by target, so each target's cells come in actor order.
  const actorStart = new Int32Array(actorIds.length + 1);
  const targetStart = new Int32Array(targetIds.length + 1);
  for (let slot = 0; slot < slots; slot++) {
    if (slotTotal[slot] === 0) continue;
    actorStart[actorRank[counts.cellActor[slot]] + 1]++;
    targetStart[targetRank[counts.cellTarget[slot]] + 1]++;
  }
  for (let a = 0; a < actorIds.length; a++) actorStart[a + 1] += actorStart[a];
  for (let t = 0; t < targetIds.length; t++) targetStart[t + 1] += targetStart[t];
  const byActor = new Int32Array(cellCount);
  const actorFill = actorStart.slice(0, actorIds.length);
  for (let slot = 0; slot < slots; slot++) if (slotTotal[slot] !== 0) byActor[actorFill[actorRank[counts.cellActor[slot]]]++] = slot;
  const cellActor = new Int32Array(cellCount);
  const cellTarget = new Int32Array(cellCount);
  const cellTotal = new Float64Array(cellCount);
  const cellX = new Float64Array(cellCount * columns);
  const actorTotals = new Float64Array(actorIds.length);
  const targetTotals = new Float64Array(targetIds.length);
  const targetFill = targetStart.slice(0, targetIds.length);
  for (const slot of byActor) {
    const target = targetRank[counts.cellTarget[slot]];
    const actor = actorRank[counts.cellActor[slot]];
    const c = targetFill[target]++;
    cellActor[c] = actor;
    cellTarget[c] = target;
    cellTotal[c] = slotTotal[slot];
    actorTotals[actor] += slotTotal[slot];
    targetTotals[target] += slotTotal[slot];
    const vector = counts.cellCounts[slot];
    for (let k = 0; k < vector.length; k++) if (vector[k] > 0) cellX[c * columns + stanceColumn[k]] += vector[k];
  }
  // Each actor's cells in target order: the target-major order, split by actor.
  const actorCells = new Int32Array(cellCount);
  actorFill.set(actorStart.subarray(0, actorIds.length));
  for (let c = 0; c < cellCount; c++) actorCells[actorFill[cellActor[c]]++] = c;
  return { counts, actorIds, targetIds, actorTotals, targetTotals, columnPolarities, cellActor, cellTarget, cellTotal, cellX, targetStart, actorStart, actorCells };
}

function actorNode(data: Tabulated, index: number, context: NetworkContext): NetworkNode {
  const id = data.actorIds[index];
  const counted = data.counts.actors.get(id);
  const known = counted ? undefined : context.lookupActor?.(id);
  return withAffiliation(
    { key: id, id, label: counted?.name ?? known?.name ?? id, mode: 'actor', type: counted?.type ?? known?.type ?? 'other', frequency: data.actorTotals[index] },
    counted ? counted.affiliation : known?.affiliation,
  );
}

function targetNode(data: Tabulated, index: number, context: NetworkContext): NetworkNode {
  const id = data.targetIds[index];
  const target = data.counts.targets.get(id);
  const kind = target?.kind ?? 'topic';
  const label = target?.label ?? id;
  const frequency = data.targetTotals[index];
  if (kind === 'topic') return { key: targetNodeKey(id, kind), id, label, mode: 'target', type: 'topic', frequency };
  // A target that is an actor: its type and affiliation from the codebook, else from its own statements.
  const info = context.lookupActor?.(id) ?? data.counts.actors.get(id);
  return withAffiliation({ key: targetNodeKey(id, kind), id, label, mode: 'target', type: info?.type ?? 'other', frequency }, info?.affiliation);
}

function withAffiliation(node: NetworkNode, affiliation: string | undefined): NetworkNode {
  return affiliation === undefined ? node : { ...node, affiliation };
}

// ---------------------------------------------------------------------------
// Exact arithmetic where the polarities allow it.

/**
 * Polarities and range as integers over a common divisor when they have one
 * (−1, 0, 1; −0.5, 0.5; thirds…): sums of products of counts and integer
 * weights are then exact, so a tie that cancels out is exactly 0, never 1e-17.
 */
interface PolarityScale {
  /** Polarities × scale, rounded (exact integers), or the polarities themselves when no scale was found. */
  readonly polarities: Float64Array;
  readonly range: number;
  readonly exact: boolean;
  readonly scale: number;
}

const MAX_SCALE = 1000;

function polarityScale(polarities: readonly number[], range = 0): PolarityScale {
  const values = [...polarities, range];
  for (let scale = 1; scale <= MAX_SCALE; scale++) {
    if (values.every((value) => Math.abs(value * scale - Math.round(value * scale)) < 1e-9 && Math.abs(value * scale) < 2 ** 20)) {
      return { polarities: Float64Array.from(polarities, (p) => Math.round(p * scale)), range: Math.round(range * scale), exact: true, scale };
    }
  }
  return { polarities: Float64Array.from(polarities), range, exact: false, scale: 1 };
}

/** |x| that counts as 0 when the arithmetic is not exact: relative to the size of what was summed. */
const RELATIVE_EPSILON = 1e-12;

function isZero(value: number, magnitude: number, exact: boolean): boolean {
  return exact ? value === 0 : Math.abs(value) <= RELATIVE_EPSILON * magnitude;
}

// ---------------------------------------------------------------------------
// Two-mode: actors × targets.

function twoModeNetwork(counts: StatementCounts, options: ResolvedNetworkOptions, context: NetworkContext): Network {
  const data = tabulate(counts, true);
  // The range plays no part in two-mode weights.
  const scale = polarityScale(data.columnPolarities);
  const columns = data.columnPolarities.length;
  const nodes: NetworkNode[] = [];
  for (let i = 0; i < data.actorIds.length; i++) nodes.push(actorNode(data, i, context));
  for (let t = 0; t < data.targetIds.length; t++) nodes.push(targetNode(data, t, context));
  const targetKeys = nodes.slice(data.actorIds.length).map((node) => node.key);

  const edges: NetworkEdge[] = [];
  for (let i = 0; i < data.actorIds.length; i++) {
    for (let a = data.actorStart[i]; a < data.actorStart[i + 1]; a++) {
      const c = data.actorCells[a];
      let positive = 0;
      let negative = 0;
      let zero = 0;
      let signed = 0;
      let magnitude = 0;
      for (let k = 0; k < columns; k++) {
        const count = data.cellX[c * columns + k];
        if (count === 0) continue;
        const polarity = data.columnPolarities[k];
        if (polarity > 0) positive += count;
        else if (polarity < 0) negative += count;
        else zero += count;
        signed += scale.polarities[k] * count;
        magnitude += Math.abs(scale.polarities[k]) * count;
      }
      const total = data.cellTotal[c];
      let weight: number;
      if (options.aggregate === 'ignore') weight = total;
      else if (options.aggregate === 'subtract') weight = isZero(signed, magnitude, scale.exact) ? 0 : signed / scale.scale;
      else weight = positive > 0 && negative > 0 ? 3 : positive > 0 ? 1 : negative > 0 ? 2 : 4;
      if (options.normalize === 'activity') weight = divide(weight, data.actorTotals[i]);
      else if (options.normalize === 'prominence') weight = divide(weight, data.targetTotals[data.cellTarget[c]]);
      if (weight === 0 || Math.abs(weight) < options.minWeight) continue;
      edges.push({ source: data.actorIds[i], target: targetKeys[data.cellTarget[c]], weight, statements: total, positive, negative, zero });
    }
  }
  return { options, twoMode: true, nodes, edges };
}

// ---------------------------------------------------------------------------
// One-mode: actors, tied through shared targets.

/** The weight w(k, k') of a pair of columns, as integers over `divisor` when the scale is exact. */
function stanceWeights(type: NetworkType, scale: PolarityScale): { weights: Float64Array; divisor: number } {
  const size = scale.polarities.length;
  const weights = new Float64Array(size * size);
  // range 0: every distance counts as 0 (a zero denominator gives 0).
  const divisor = type === 'co-occurrence' || scale.range === 0 ? 1 : scale.range;
  for (let k = 0; k < size; k++) {
    for (let l = 0; l < size; l++) {
      // d × divisor = abs(p(k) − p(k')) on the polarities' scale.
      const gap = scale.range === 0 ? 0 : Math.abs(scale.polarities[k] - scale.polarities[l]);
      let weight: number;
      if (type === 'co-occurrence') weight = 1;
      else if (scale.range === 0) weight = type === 'conflict' ? 0 : 1;
      else if (type === 'congruence') weight = divisor - gap;
      else if (type === 'conflict') weight = gap;
      else weight = divisor - 2 * gap;
      weights[k * size + l] = weight;
    }
  }
  return { weights, divisor };
}

function oneModeNetwork(counts: StatementCounts, options: ResolvedNetworkOptions, context: NetworkContext): Network {
  const jaccard = options.normalize === 'jaccard';
  const data = tabulate(counts, !jaccard);
  const actorCount = data.actorIds.length;
  const columns = data.columnPolarities.length;
  const scale = polarityScale(data.columnPolarities, context.range ?? 2);
  const exact = scale.exact;
  const { weights, divisor } = stanceWeights(options.type, scale);
  const coOccurrence = options.type === 'co-occurrence';
  const { cellActor, cellTotal, cellX, targetStart, cellTarget } = data;

  const nodes = data.actorIds.map((_, i) => actorNode(data, i, context));
  const edges: NetworkEdge[] = [];
  // One row of the matrix at a time: the ties of actor i with every later actor.
  const weightSum = new Float64Array(actorCount);
  const magnitudeSum = new Float64Array(actorCount);
  const statementSum = new Float64Array(actorCount);
  // Jaccard: m11 = Σ x_i·x_i' over cells both use, and how much of n_i and n_i' lies on those cells.
  const bothProduct = new Float64Array(jaccard ? actorCount : 0);
  const bothOwn = new Float64Array(jaccard ? actorCount : 0);
  const bothOther = new Float64Array(jaccard ? actorCount : 0);
  const weighted = new Float64Array(columns);

  for (let i = 0; i < actorCount; i++) {
    for (let a = data.actorStart[i]; a < data.actorStart[i + 1]; a++) {
      const c = data.actorCells[a];
      const own = cellTotal[c];
      const base = c * columns;
      if (!coOccurrence) {
        // weighted = W·x_i, so each partner costs one dot product.
        for (let l = 0; l < columns; l++) {
          let sum = 0;
          for (let k = 0; k < columns; k++) sum += cellX[base + k] * weights[k * columns + l];
          weighted[l] = sum;
        }
      }
      // The later actors on this target: the cells after c in the target's list.
      const end = targetStart[cellTarget[c] + 1];
      for (let d = c + 1; d < end; d++) {
        const partner = cellActor[d];
        const other = cellTotal[d];
        let term: number;
        if (coOccurrence) term = own * other;
        else {
          term = 0;
          const otherBase = d * columns;
          for (let l = 0; l < columns; l++) term += weighted[l] * cellX[otherBase + l];
        }
        if (exact ? term !== 0 : Math.abs(term) > RELATIVE_EPSILON * own * other * divisor) {
          weightSum[partner] += term;
          if (!exact) magnitudeSum[partner] += own * other * divisor;
          // The statements behind the tie: both actors' statements toward targets that add to it.
          statementSum[partner] += own + other;
        }
        if (jaccard) {
          const otherBase = d * columns;
          for (let k = 0; k < columns; k++) {
            const mine = cellX[base + k];
            const theirs = cellX[otherBase + k];
            if (mine > 0 && theirs > 0) {
              bothProduct[partner] += mine * theirs;
              bothOwn[partner] += mine;
              bothOther[partner] += theirs;
            }
          }
        }
      }
    }

    const nI = data.actorTotals[i];
    for (let partner = i + 1; partner < actorCount; partner++) {
      const raw = weightSum[partner];
      if (raw !== 0 && !isZero(raw, magnitudeSum[partner], exact)) {
        const omega = raw / divisor;
        const nPartner = data.actorTotals[partner];
        let weight: number;
        if (options.normalize === 'average') weight = divide(omega, (nI + nPartner) / 2);
        else if (options.normalize === 'cosine') weight = divide(omega, nI * nPartner);
        else if (jaccard) weight = divide(omega, nI - bothOwn[partner] + (nPartner - bothOther[partner]) + bothProduct[partner]);
        else weight = omega;
        if (weight !== 0 && Math.abs(weight) >= options.minWeight) {
          edges.push({ source: data.actorIds[i], target: data.actorIds[partner], weight, statements: statementSum[partner] });
        }
      }
      weightSum[partner] = 0;
      magnitudeSum[partner] = 0;
      statementSum[partner] = 0;
    }
    if (jaccard) {
      bothProduct.fill(0);
      bothOwn.fill(0);
      bothOther.fill(0);
    }
  }
  return { options, twoMode: false, nodes, edges };
}

// ---------------------------------------------------------------------------
// co-mention: actors involved in the same annotation.

/**
 * The number of annotations (file + annotation id or index) that involve both
 * actors. Under a duplicate rule other than `include`, a pair counts once per
 * article / week / month / year / corpus in which some annotation involves
 * both, and an actor's n is the number of those periods it is mentioned in.
 */
export function coMentionNetwork(mentions: readonly Mention[], options: NetworkOptions, context: NetworkContext = {}): NetworkResult {
  const resolved = resolveOptions({ ...options, type: 'co-mention' });
  const rule = resolved.duplicates;
  // Actors and periods as small integers, and a pair (p < q) as p·2^21 + q: a corpus has hundreds of
  // thousands of mentions, and string keys per pair cost more than the counting.
  const actorIndex = new Map<string, number>();
  const actorInfo: Mention[] = [];
  const actorOf = (mention: Mention) => {
    let index = actorIndex.get(mention.actor);
    if (index === undefined) {
      index = actorInfo.length;
      actorIndex.set(mention.actor, index);
      actorInfo.push(mention);
    }
    actorInfo[index] = mention;
    return index;
  };
  const periodIndex = new Map<string, number>();
  const periodOf = new Map<string, number>();
  // Annotation (file + id or index) → its period and its distinct actors, in the order first seen.
  const annotations = new Map<string, { period: number; actors: number[] }>();
  for (const mention of mentions) {
    const key = `${mention.file}\u0000${mention.annotation}`;
    let annotation = annotations.get(key);
    if (annotation === undefined) {
      let period = -1; // include: each annotation is its own period
      if (rule !== 'include') {
        const placeKey = `${mention.article}\u0000${mention.date ?? ''}`;
        let place = periodOf.get(placeKey);
        if (place === undefined) {
          const name = periodKey(rule, mention.article, mention.date === undefined ? undefined : parseIsoDate(mention.date));
          place = periodIndex.get(name);
          if (place === undefined) periodIndex.set(name, (place = periodIndex.size));
          periodOf.set(placeKey, place);
        }
        period = place;
      }
      annotation = { period, actors: [] };
      annotations.set(key, annotation);
    }
    const actor = actorOf(mention);
    if (!annotation.actors.includes(actor)) annotation.actors.push(actor);
  }
  if (actorInfo.length >= PAIR_BASE) throw new RangeError(`co-mention networks take at most ${PAIR_BASE - 1} actors`);

  const pairCounts = new Map<number, number>();
  const actorCounts = new Float64Array(actorInfo.length);
  // Under a duplicate rule: the pairs and actors already counted in each period.
  const seenPairs = new Map<number, Set<number>>();
  const seenActors = new Map<number, Set<number>>();
  let dropped = 0;
  for (const { period, actors } of annotations.values()) {
    actors.sort((a, b) => a - b);
    let pairs: Set<number> | undefined;
    let counted: Set<number> | undefined;
    if (period >= 0) {
      pairs = seenPairs.get(period) ?? seenPairs.set(period, new Set()).get(period)!;
      counted = seenActors.get(period) ?? seenActors.set(period, new Set()).get(period)!;
    }
    for (const actor of actors) {
      if (counted) {
        if (counted.has(actor)) continue;
        counted.add(actor);
      }
      actorCounts[actor]++;
    }
    for (let p = 0; p < actors.length; p++) {
      for (let q = p + 1; q < actors.length; q++) {
        const pair = actors[p] * PAIR_BASE + actors[q];
        if (pairs) {
          if (pairs.has(pair)) {
            dropped++;
            continue;
          }
          pairs.add(pair);
        }
        pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
      }
    }
  }

  const ids = actorInfo.map((mention) => mention.actor);
  const order = ids.map((_, i) => i).sort((a, b) => compareText(ids[a], ids[b]));
  const nodes = order.map((i): NetworkNode => {
    const mention = actorInfo[i];
    const affiliation = mention.actorAffiliation ?? context.lookupActor?.(mention.actor)?.affiliation;
    const node: NetworkNode = { key: mention.actor, id: mention.actor, label: mention.actorName, mode: 'actor', type: mention.actorType, frequency: actorCounts[i] };
    return affiliation === undefined ? node : { ...node, affiliation };
  });
  const ties = [...pairCounts].map(([pair, omega]) => {
    const a = Math.floor(pair / PAIR_BASE);
    const b = pair % PAIR_BASE;
    // Source first in id order, as every one-mode network.
    return compareText(ids[a], ids[b]) < 0 ? { source: a, target: b, omega } : { source: b, target: a, omega };
  });
  ties.sort((x, y) => compareText(ids[x.source], ids[y.source]) || compareText(ids[x.target], ids[y.target]));
  const edges: NetworkEdge[] = [];
  for (const { source, target, omega } of ties) {
    const nSource = actorCounts[source];
    const nTarget = actorCounts[target];
    let weight: number;
    if (resolved.normalize === 'average') weight = divide(omega, (nSource + nTarget) / 2);
    else if (resolved.normalize === 'cosine') weight = divide(omega, nSource * nTarget);
    // The spec's Jaccard with annotations as targets: m10 = n_i − ω, m01 = n_i' − ω, m11 = ω.
    else if (resolved.normalize === 'jaccard') weight = divide(omega, nSource + nTarget - omega);
    else weight = omega;
    if (weight === 0 || Math.abs(weight) < resolved.minWeight) continue;
    edges.push({ source: ids[source], target: ids[target], weight, statements: omega });
  }
  return { network: { options: resolved, twoMode: false, nodes, edges }, duplicatesDropped: dropped };
}

/** Pair keys: p · PAIR_BASE + q stays an exact integer for up to 2^21 actors. */
const PAIR_BASE = 2 ** 21;

/** A zero denominator gives 0. */
function divide(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
