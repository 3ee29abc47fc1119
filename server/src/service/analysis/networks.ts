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
  const data = tabulate(counts);
  return isTwoMode(resolved.type) ? twoModeNetwork(data, resolved, context) : oneModeNetwork(data, resolved, context);
}

function resolveOptions(options: NetworkOptions): ResolvedNetworkOptions {
  const checked = checkNetworkOptions(options);
  if (!checked.ok) throw new Error(checked.error);
  return checked.options;
}

// ---------------------------------------------------------------------------
// The counts as dense, sorted tables.

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
  /** Per actor: its cells, sorted by target, with the counts as a dense vector over the stance classes. */
  readonly rows: { target: number; x: Float64Array; total: number }[][];
}

function tabulate(counts: StatementCounts): Tabulated {
  const stanceCount = counts.stances.length;
  const actorIds: string[] = [];
  const targetTotalsById = new Map<string, number>();
  const cellsById: { actor: string; target: string; x: Float64Array; total: number }[][] = [];
  for (const actor of [...counts.x.keys()].sort(compareText)) {
    const cells: { actor: string; target: string; x: Float64Array; total: number }[] = [];
    for (const [target, vector] of counts.x.get(actor)!) {
      const x = new Float64Array(stanceCount);
      let total = 0;
      for (let k = 0; k < vector.length; k++) {
        // A count can only go below 0 if more was taken out than put in; read it as 0.
        const value = vector[k] > 0 ? vector[k] : 0;
        x[k] = value;
        total += value;
      }
      if (total > 0) {
        cells.push({ actor, target, x, total });
        targetTotalsById.set(target, (targetTotalsById.get(target) ?? 0) + total);
      }
    }
    if (cells.length > 0) {
      actorIds.push(actor);
      cellsById.push(cells);
    }
  }
  const targetIds = [...targetTotalsById.keys()].sort(compareText);
  const targetIndex = new Map(targetIds.map((id, index) => [id, index]));
  const targetTotals = Float64Array.from(targetIds, (id) => targetTotalsById.get(id)!);
  const actorTotals = new Float64Array(actorIds.length);
  const rows = cellsById.map((cells, i) => {
    const row = cells.map((cell) => ({ target: targetIndex.get(cell.target)!, x: cell.x, total: cell.total }));
    row.sort((a, b) => a.target - b.target);
    for (const cell of row) actorTotals[i] += cell.total;
    return row;
  });
  return { counts, actorIds, targetIds, actorTotals, targetTotals, rows };
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

function twoModeNetwork(data: Tabulated, options: ResolvedNetworkOptions, context: NetworkContext): Network {
  // The range plays no part in two-mode weights.
  const scale = polarityScale(data.counts.stances.map((stance) => stance.polarity));
  const nodes: NetworkNode[] = [];
  for (let i = 0; i < data.actorIds.length; i++) nodes.push(actorNode(data, i, context));
  for (let j = 0; j < data.targetIds.length; j++) nodes.push(targetNode(data, j, context));
  const targetKeys = nodes.slice(data.actorIds.length).map((node) => node.key);

  const edges: NetworkEdge[] = [];
  const stancePolarities = data.counts.stances.map((stance) => stance.polarity);
  for (let i = 0; i < data.rows.length; i++) {
    for (const cell of data.rows[i]) {
      let positive = 0;
      let negative = 0;
      let zero = 0;
      let signed = 0;
      let magnitude = 0;
      for (let k = 0; k < cell.x.length; k++) {
        const count = cell.x[k];
        if (count === 0) continue;
        const polarity = stancePolarities[k];
        if (polarity > 0) positive += count;
        else if (polarity < 0) negative += count;
        else zero += count;
        signed += scale.polarities[k] * count;
        magnitude += Math.abs(scale.polarities[k]) * count;
      }
      let weight: number;
      if (options.aggregate === 'ignore') weight = cell.total;
      else if (options.aggregate === 'subtract') weight = isZero(signed, magnitude, scale.exact) ? 0 : signed / scale.scale;
      else weight = positive > 0 && negative > 0 ? 3 : positive > 0 ? 1 : negative > 0 ? 2 : 4;
      if (options.normalize === 'activity') weight = divide(weight, data.actorTotals[i]);
      else if (options.normalize === 'prominence') weight = divide(weight, data.targetTotals[cell.target]);
      if (weight === 0 || Math.abs(weight) < options.minWeight) continue;
      edges.push({ source: data.actorIds[i], target: targetKeys[cell.target], weight, statements: cell.total, positive, negative, zero });
    }
  }
  return { options, twoMode: true, nodes, edges };
}

// ---------------------------------------------------------------------------
// One-mode: actors, tied through shared targets.

/** The weight w(k, k') of a pair of stance classes, as integers over `divisor` when the scale is exact. */
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

function oneModeNetwork(data: Tabulated, options: ResolvedNetworkOptions, context: NetworkContext): Network {
  const actorCount = data.actorIds.length;
  const stanceCount = data.counts.stances.length;
  const scale = polarityScale(
    data.counts.stances.map((stance) => stance.polarity),
    context.range ?? 2,
  );
  const { weights, divisor } = stanceWeights(options.type, scale);
  const coOccurrence = options.type === 'co-occurrence';
  const jaccard = options.normalize === 'jaccard';

  // Per target, the actors on it in actor order (so a row only looks at later actors: each pair once).
  const onTarget: { actor: number; x: Float64Array; total: number }[][] = data.targetIds.map(() => []);
  const positionOnTarget: number[][] = [];
  for (let i = 0; i < actorCount; i++) {
    positionOnTarget.push(
      data.rows[i].map((cell) => {
        const list = onTarget[cell.target];
        list.push({ actor: i, x: cell.x, total: cell.total });
        return list.length - 1;
      }),
    );
  }

  const nodes = data.actorIds.map((_, i) => actorNode(data, i, context));
  const edges: NetworkEdge[] = [];
  const weightSum = new Float64Array(actorCount);
  const magnitudeSum = new Float64Array(actorCount);
  const statementSum = new Float64Array(actorCount);
  // Jaccard: m11 = Σ x_i·x_i' and the parts of n_i and n_i' on cells both use.
  const bothProduct = jaccard ? new Float64Array(actorCount) : undefined;
  const bothOwn = jaccard ? new Float64Array(actorCount) : undefined;
  const bothOther = jaccard ? new Float64Array(actorCount) : undefined;
  const touched = new Uint8Array(actorCount);
  const touchedList: number[] = [];
  const weighted = new Float64Array(stanceCount);

  for (let i = 0; i < actorCount; i++) {
    const row = data.rows[i];
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      const a = cell.x;
      if (!coOccurrence) {
        // weighted = W·a, so each partner costs one dot product.
        for (let l = 0; l < stanceCount; l++) {
          let sum = 0;
          for (let k = 0; k < stanceCount; k++) if (a[k] !== 0) sum += a[k] * weights[k * stanceCount + l];
          weighted[l] = sum;
        }
      }
      const list = onTarget[cell.target];
      for (let q = positionOnTarget[i][c] + 1; q < list.length; q++) {
        const other = list[q];
        const partner = other.actor;
        const b = other.x;
        let term: number;
        if (coOccurrence) term = cell.total * other.total;
        else {
          term = 0;
          for (let l = 0; l < stanceCount; l++) if (b[l] !== 0) term += weighted[l] * b[l];
        }
        const magnitude = cell.total * other.total * (coOccurrence ? 1 : divisor);
        if (touched[partner] === 0) {
          touched[partner] = 1;
          touchedList.push(partner);
        }
        if (!isZero(term, magnitude, scale.exact)) {
          weightSum[partner] += term;
          magnitudeSum[partner] += magnitude;
          // The statements behind the tie: both actors' statements toward targets that add to it.
          statementSum[partner] += cell.total + other.total;
        }
        if (jaccard) {
          for (let k = 0; k < stanceCount; k++) {
            if (a[k] > 0 && b[k] > 0) {
              bothProduct![partner] += a[k] * b[k];
              bothOwn![partner] += a[k];
              bothOther![partner] += b[k];
            }
          }
        }
      }
    }

    touchedList.sort((p, q) => p - q);
    for (const partner of touchedList) {
      const raw = weightSum[partner];
      if (!isZero(raw, magnitudeSum[partner], scale.exact)) {
        const omega = raw / divisor;
        const nI = data.actorTotals[i];
        const nPartner = data.actorTotals[partner];
        let weight: number;
        if (options.normalize === 'average') weight = divide(omega, (nI + nPartner) / 2);
        else if (options.normalize === 'cosine') weight = divide(omega, nI * nPartner);
        else if (options.normalize === 'jaccard') weight = divide(omega, nI - bothOwn![partner] + (nPartner - bothOther![partner]) + bothProduct![partner]);
        else weight = omega;
        if (weight !== 0 && Math.abs(weight) >= options.minWeight) {
          edges.push({ source: data.actorIds[i], target: data.actorIds[partner], weight, statements: statementSum[partner] });
        }
      }
      touched[partner] = 0;
      weightSum[partner] = 0;
      magnitudeSum[partner] = 0;
      statementSum[partner] = 0;
      if (jaccard) {
        bothProduct![partner] = 0;
        bothOwn![partner] = 0;
        bothOther![partner] = 0;
      }
    }
    touchedList.length = 0;
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
  // Annotation → its distinct actors and its period.
  const annotations = new Map<string, { period: string; actors: Set<string> }>();
  const actorInfo = new Map<string, Mention>();
  const periods = new Map<string, string>();
  for (const mention of mentions) {
    const key = `${mention.file}\u0000${mention.annotation}`;
    let annotation = annotations.get(key);
    if (annotation === undefined) {
      let period = key;
      if (rule !== 'include') {
        const periodCacheKey = `${mention.article}\u0000${mention.date ?? ''}`;
        period = periods.get(periodCacheKey) ?? periodKey(rule, mention.article, mention.date === undefined ? undefined : parseIsoDate(mention.date));
        periods.set(periodCacheKey, period);
      }
      annotation = { period, actors: new Set() };
      annotations.set(key, annotation);
    }
    annotation.actors.add(mention.actor);
    actorInfo.set(mention.actor, mention);
  }

  // Period → the pairs and actors counted in it (under include, each annotation is its own period).
  const pairsSeen = new Set<string>();
  const actorsSeen = new Set<string>();
  const pairCounts = new Map<string, number>();
  const actorCounts = new Map<string, number>();
  let dropped = 0;
  for (const { period, actors } of annotations.values()) {
    const sorted = [...actors].sort(compareText);
    for (const actor of sorted) {
      const key = `${period}\u0000${actor}`;
      if (actorsSeen.has(key)) continue;
      actorsSeen.add(key);
      actorCounts.set(actor, (actorCounts.get(actor) ?? 0) + 1);
    }
    for (let p = 0; p < sorted.length; p++) {
      for (let q = p + 1; q < sorted.length; q++) {
        const pair = `${sorted[p]}\u0000${sorted[q]}`;
        const key = `${period}\u0000${pair}`;
        if (pairsSeen.has(key)) {
          dropped++;
          continue;
        }
        pairsSeen.add(key);
        pairCounts.set(pair, (pairCounts.get(pair) ?? 0) + 1);
      }
    }
  }

  const actorIds = [...actorCounts.keys()].sort(compareText);
  const nodes = actorIds.map((id): NetworkNode => {
    const mention = actorInfo.get(id)!;
    const affiliation = mention.actorAffiliation ?? context.lookupActor?.(id)?.affiliation;
    const node: NetworkNode = { key: id, id, label: mention.actorName, mode: 'actor', type: mention.actorType, frequency: actorCounts.get(id)! };
    return affiliation === undefined ? node : { ...node, affiliation };
  });
  const edges: NetworkEdge[] = [];
  for (const [pair, omega] of [...pairCounts].sort(([a], [b]) => compareText(a, b))) {
    const [source, target] = pair.split('\u0000');
    const nSource = actorCounts.get(source)!;
    const nTarget = actorCounts.get(target)!;
    let weight: number;
    if (resolved.normalize === 'average') weight = divide(omega, (nSource + nTarget) / 2);
    else if (resolved.normalize === 'cosine') weight = divide(omega, nSource * nTarget);
    // The spec's Jaccard with annotations as targets: m10 = n_i − ω, m01 = n_i' − ω, m11 = ω.
    else if (resolved.normalize === 'jaccard') weight = divide(omega, nSource + nTarget - omega);
    else weight = omega;
    if (weight === 0 || Math.abs(weight) < resolved.minWeight) continue;
    edges.push({ source, target, weight, statements: omega });
  }
  return { network: { options: resolved, twoMode: false, nodes, edges }, duplicatesDropped: dropped };
}

/** A zero denominator gives 0. */
function divide(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}
