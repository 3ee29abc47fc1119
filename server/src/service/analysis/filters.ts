/**
 * The filters of `standpoint export` and `standpoint/statements`: dates,
 * coders, the affiliation roll-up and actor types, over statements or
 * mentions alike. They report what they left out, and why, so the CLI can say
 * it on stderr.
 */
import type { ActorMode } from './types';
import { parseIsoDate, type DateSpan } from './dates';

/** What a filter needs of a statement or a mention. */
export interface FilterableRecord {
  readonly article: string;
  readonly date?: string;
  readonly coder?: string;
  readonly actor: string;
  readonly actorName: string;
  readonly actorType: string;
  readonly actorAffiliation?: string;
}

/** A codebook actor, as the roll-up and the network nodes need it. */
export interface ActorInfo {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  /** The direct parent's id (the codebook's `affiliation`), if any. */
  readonly affiliation?: string;
}

/** Looks an actor up in the codebook; undefined for an id that is no actor. */
export type ActorLookup = (id: string) => ActorInfo | undefined;

/** Selects the files without `coder:` in `coders` (on the command line: `--coder ""`). */
export const UNNAMED_CODER = '';

export interface FilterOptions {
  /** Inclusive lower bound: an ISO 8601 date or date-time. */
  readonly from?: string;
  /** Inclusive upper bound: an ISO 8601 date or date-time. A date includes the whole day. */
  readonly to?: string;
  /** Keep only these coders' statements; `UNNAMED_CODER` stands for files without `coder:`. Empty or absent: every coder. */
  readonly coders?: readonly string[];
  /** Default `as-coded`. */
  readonly actors?: ActorMode;
  /** Keep only statements whose (rolled-up) actor has one of these types. Empty or absent: every type. */
  readonly actorTypes?: readonly string[];
  /** Needed for `actors: 'affiliation'` (the chain and the rolled-up actor's name and type). */
  readonly lookupActor?: ActorLookup;
}

export interface LeftOut {
  /** Files of other coders than `--coder` names. */
  readonly coder: number;
  /** Undated articles, counted only when a date filter is given. */
  readonly undated: number;
  /** Dated before `--from` or after `--to`. */
  readonly outsideDates: number;
  /** Actor of another type than `--actor-type` names. */
  readonly actorType: number;
}

export interface FilterResult<T> {
  /** The records kept, in the order given; with `actors: 'affiliation'`, copies whose actor is the top of the chain. */
  readonly kept: T[];
  /** How many were left out, by the first filter that left each out (in the order coder, dates, actor type). */
  readonly leftOut: LeftOut;
  /** Articles whose kept records come from more than one coder (counting them all double-counts), sorted. */
  readonly articlesWithSeveralCoders: string[];
  /** Coders named in `coders` that no record has, in the order given. */
  readonly codersNotFound: string[];
}

/**
 * Applies the filters in this order: coder, dates, affiliation roll-up, actor
 * type. A record left out is counted once, under the first filter that left it out.
 */
export function filterRecords<T extends FilterableRecord>(records: readonly T[], options: FilterOptions = {}): FilterResult<T> {
  const from = options.from === undefined ? undefined : requireDate(options.from, '--from');
  const to = options.to === undefined ? undefined : requireDate(options.to, '--to');
  const dateFiltered = from !== undefined || to !== undefined;
  const coders = options.coders && options.coders.length > 0 ? new Set(options.coders) : undefined;
  const types = options.actorTypes && options.actorTypes.length > 0 ? new Set(options.actorTypes) : undefined;
  const rollUp = options.actors === 'affiliation' ? affiliationRollUp(requireLookup(options.lookupActor)) : undefined;

  const kept: T[] = [];
  const leftOut = { coder: 0, undated: 0, outsideDates: 0, actorType: 0 };
  const codersSeen = new Set<string>();
  const spans = new Map<string, DateSpan | undefined>();
  for (const record of records) {
    const coder = record.coder ?? UNNAMED_CODER;
    codersSeen.add(coder);
    if (coders && !coders.has(coder)) {
      leftOut.coder++;
      continue;
    }
    if (dateFiltered) {
      const date = record.date;
      let span = date === undefined ? undefined : spans.get(date);
      if (date !== undefined && span === undefined && !spans.has(date)) {
        span = parseIsoDate(date);
        spans.set(date, span);
      }
      if (span === undefined) {
        // An article without a (valid) date cannot be placed in the span.
        leftOut.undated++;
        continue;
      }
      if ((from !== undefined && span.end < from.start) || (to !== undefined && span.start > to.end)) {
        leftOut.outsideDates++;
        continue;
      }
    }
    const record2 = rollUp ? rollUp(record) : record;
    if (types && !types.has(record2.actorType)) {
      leftOut.actorType++;
      continue;
    }
    kept.push(record2);
  }

  return {
    kept,
    leftOut,
    articlesWithSeveralCoders: articlesWithSeveralCoders(kept),
    codersNotFound: options.coders ? options.coders.filter((coder) => !codersSeen.has(coder)) : [],
  };
}

/** Articles whose records come from more than one coder (the unnamed coder is one of them), sorted. */
export function articlesWithSeveralCoders(records: readonly FilterableRecord[]): string[] {
  const firstCoder = new Map<string, string>();
  const several = new Set<string>();
  for (const record of records) {
    const coder = record.coder ?? UNNAMED_CODER;
    const first = firstCoder.get(record.article);
    if (first === undefined) firstCoder.set(record.article, coder);
    else if (first !== coder) several.add(record.article);
  }
  return [...several].sort(compareText);
}

/**
 * The top of an actor's affiliation chain (`rubio` → `state-department` → `us` gives `us`).
 * An actor without affiliation is its own top. A chain that reaches an id the
 * lookup does not know stops at the last known actor. A chain that runs into a
 * cycle (the codebook reports it as `unknown-affiliation`) has no top: the actor stays as coded.
 */
export function topOfAffiliation(actor: string, lookupActor: ActorLookup): string {
  const seen = new Set<string>([actor]);
  let current = actor;
  for (;;) {
    const parent = lookupActor(current)?.affiliation;
    if (parent === undefined || lookupActor(parent) === undefined) return current;
    if (seen.has(parent)) return actor;
    seen.add(parent);
    current = parent;
  }
}

/** Replaces a record's actor by the top of its affiliation chain (memoised per actor). */
export function affiliationRollUp(lookupActor: ActorLookup): <T extends FilterableRecord>(record: T) => T {
  const tops = new Map<string, ActorInfo | undefined>();
  return <T extends FilterableRecord>(record: T): T => {
    let top = tops.get(record.actor);
    if (top === undefined && !tops.has(record.actor)) {
      const id = topOfAffiliation(record.actor, lookupActor);
      top = id === record.actor ? undefined : lookupActor(id);
      tops.set(record.actor, top);
    }
    if (top === undefined) return record;
    return { ...record, actor: top.id, actorName: top.name, actorType: top.type, actorAffiliation: top.affiliation };
  };
}

/** One line for stderr: `12 statements left out: 3 of other coders, 9 from undated articles (a date filter is given)`; undefined when none was. */
export function describeLeftOut(leftOut: LeftOut, noun = 'statements'): string | undefined {
  const parts: string[] = [];
  if (leftOut.coder > 0) parts.push(`${leftOut.coder} of other coders than --coder names`);
  if (leftOut.undated > 0) parts.push(`${leftOut.undated} from undated articles (a date filter is given)`);
  if (leftOut.outsideDates > 0) parts.push(`${leftOut.outsideDates} dated outside --from/--to`);
  if (leftOut.actorType > 0) parts.push(`${leftOut.actorType} whose actor has another type than --actor-type names`);
  const total = leftOut.coder + leftOut.undated + leftOut.outsideDates + leftOut.actorType;
  return total === 0 ? undefined : `${total} ${noun} left out: ${parts.join(', ')}`;
}

/** Code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function requireDate(text: string, option: string): DateSpan {
  const span = parseIsoDate(text);
  if (!span) throw new Error(`${option} ${JSON.stringify(text)} is not an ISO 8601 date (YYYY-MM-DD) or date-time (YYYY-MM-DDThh:mm[:ss])`);
  return span;
}

function requireLookup(lookupActor: ActorLookup | undefined): ActorLookup {
  if (!lookupActor) throw new Error("actors: 'affiliation' needs lookupActor (the codebook's actors)");
  return lookupActor;
}
