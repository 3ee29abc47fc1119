/**
 * Which network options go together, with messages that say what is allowed
 * (the CLI prints them as usage errors, exit status 2).
 */
import type { ActorMode, Aggregate, DuplicateRule, Network, NetworkType, Normalization } from './types';
import { parseIsoDate } from './dates';

export const NETWORK_TYPES: readonly NetworkType[] = ['affiliation', 'congruence', 'conflict', 'subtract', 'co-occurrence', 'co-mention'];
export const AGGREGATES: readonly Aggregate[] = ['ignore', 'subtract', 'combine'];
export const NORMALIZATIONS: readonly Normalization[] = ['none', 'average', 'jaccard', 'cosine', 'activity', 'prominence'];
export const DUPLICATE_RULES: readonly DuplicateRule[] = ['include', 'article', 'week', 'month', 'year', 'all'];
export const ACTOR_MODES: readonly ActorMode[] = ['as-coded', 'affiliation'];

const ONE_MODE_NORMALIZATIONS: readonly Normalization[] = ['none', 'average', 'jaccard', 'cosine'];
const TWO_MODE_NORMALIZATIONS: readonly Normalization[] = ['none', 'activity', 'prominence'];

/** Options as they come from the command line or a request: unchecked. */
export interface RawNetworkOptions {
  readonly type?: string;
  readonly aggregate?: string;
  readonly normalize?: string;
  readonly duplicates?: string;
  readonly minWeight?: number | string;
}

export type ResolvedNetworkOptions = Network['options'];

export type CheckedNetworkOptions = { readonly ok: true; readonly options: ResolvedNetworkOptions } | { readonly ok: false; readonly error: string };

export function isTwoMode(type: NetworkType): boolean {
  return type === 'affiliation';
}

/** Checks network options and fills in the defaults; the error says what is allowed. */
export function checkNetworkOptions(raw: RawNetworkOptions): CheckedNetworkOptions {
  const fail = (error: string): CheckedNetworkOptions => ({ ok: false, error });
  if (raw.type === undefined) return fail(`--type is required: ${typeList()}`);
  if (!includes(NETWORK_TYPES, raw.type)) return fail(`--type ${quote(raw.type)} is not a network type; use ${typeList()}`);
  const type = raw.type;
  const aggregate = raw.aggregate ?? 'ignore';
  if (!includes(AGGREGATES, aggregate)) return fail(`--aggregate ${quote(aggregate)} is not allowed; use ${orList(AGGREGATES)}`);
  const normalize = raw.normalize ?? 'none';
  if (!includes(NORMALIZATIONS, normalize)) return fail(`--normalize ${quote(normalize)} is not allowed; use ${orList(NORMALIZATIONS)}`);
  const duplicates = raw.duplicates ?? 'include';
  if (!includes(DUPLICATE_RULES, duplicates)) return fail(`--duplicates ${quote(duplicates)} is not allowed; use ${orList(DUPLICATE_RULES)}`);
  const minWeight = raw.minWeight === undefined ? 0 : typeof raw.minWeight === 'number' ? raw.minWeight : raw.minWeight.trim() === '' ? NaN : Number(raw.minWeight);
  if (!Number.isFinite(minWeight) || minWeight < 0) return fail(`--min-weight ${quote(String(raw.minWeight))} is not allowed; use a number of 0 or more`);

  if (isTwoMode(type)) {
    if (!TWO_MODE_NORMALIZATIONS.includes(normalize)) {
      return fail(`--normalize ${normalize} is for one-mode networks; the two-mode affiliation network allows --normalize ${orList(TWO_MODE_NORMALIZATIONS)}`);
    }
    if (aggregate === 'combine' && normalize !== 'none') {
      return fail(
        `--normalize ${normalize} divides counts, but --aggregate combine gives codes (1 positive, 2 negative, 3 both, 4 polarity 0); use --aggregate ignore or subtract with --normalize ${normalize}, or --normalize none with combine`,
      );
    }
  } else {
    if (aggregate !== 'ignore') {
      return fail(
        `--aggregate ${aggregate} is for the two-mode affiliation network; a one-mode network takes its stance rule from --type (congruence, conflict, subtract, co-occurrence), so leave --aggregate out`,
      );
    }
    if (!ONE_MODE_NORMALIZATIONS.includes(normalize)) {
      return fail(`--normalize ${normalize} is for the two-mode affiliation network; a one-mode network (--type ${type}) allows --normalize ${orList(ONE_MODE_NORMALIZATIONS)}`);
    }
  }
  return { ok: true, options: { type, aggregate, normalize, duplicates, minWeight } };
}

/** Options as the filters take them from the command line: unchecked. */
export interface RawFilterOptions {
  readonly from?: string;
  readonly to?: string;
  readonly actors?: string;
}

/** Checks `--from`, `--to` and `--actors`; undefined when they are fine, else the message. */
export function filterOptionsError(raw: RawFilterOptions): string | undefined {
  const from = raw.from === undefined ? undefined : parseIsoDate(raw.from);
  if (raw.from !== undefined && !from) return `--from ${quote(raw.from)} is not a date; use an ISO 8601 date (2025-02-19) or date-time (2025-02-19T14:30)`;
  const to = raw.to === undefined ? undefined : parseIsoDate(raw.to);
  if (raw.to !== undefined && !to) return `--to ${quote(raw.to)} is not a date; use an ISO 8601 date (2025-02-19) or date-time (2025-02-19T14:30)`;
  if (from && to && from.start > to.end) return `--from ${raw.from} is after --to ${raw.to}; nothing could be kept`;
  if (raw.actors !== undefined && !includes(ACTOR_MODES, raw.actors)) return `--actors ${quote(raw.actors)} is not allowed; use ${orList(ACTOR_MODES)}`;
  return undefined;
}

/**
 * The `range` of a stance vocabulary: max − min polarity (2 for the default
 * supports 1 / opposes −1). An empty vocabulary gives the default 2.
 */
export function polarityRange(polarities: Iterable<number>): number {
  let min = Infinity;
  let max = -Infinity;
  for (const polarity of polarities) {
    if (polarity < min) min = polarity;
    if (polarity > max) max = polarity;
  }
  return min === Infinity ? 2 : max - min;
}

function includes<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

function typeList(): string {
  return 'affiliation (two-mode), or congruence, conflict, subtract, co-occurrence or co-mention (one-mode)';
}

function orList(values: readonly string[]): string {
  return values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`;
}

function quote(text: string): string {
  return JSON.stringify(text);
}
