/**
 * The statement counts of a corpus under one set of filters and one
 * duplicate rule, kept up to date file by file: when a file's records change
 * (an edit), its old contribution is taken out and its new one put in
 * (`accumulate` with sign −1 and +1), so the network after a keystroke costs
 * the edited file plus the network from the counts, not the corpus.
 *
 * Under a duplicate rule that compares stances, a statement counts once per
 * group (actor, target, stance, period): each group keeps how many
 * statements it has, and the counts change only when a group goes from 0 to
 * 1 or back, which is what keeping the earliest of each group counts. Rules
 * that ignore the stance (`--aggregate ignore`, `co-occurrence`) keep the
 * earliest statement's stance, which depends on the whole group: their
 * counts are recomputed from the kept statements when the corpus changed.
 */
import type { DuplicateRule, Mention } from './types';
import { accumulate, createCounts, type StatementCounts } from './counts';
import { applyDuplicateRule, periodKey } from './duplicates';
import { parseIsoDate } from './dates';
import { filterRecords, UNNAMED_CODER, type FilterOptions, type FilterResult, type LeftOut as FilterLeftOut } from './filters';
import { addCounts, mentionsOf, type FileRecords, type LeftOutCounts, type StatementRecord } from './records';

export interface TallyOptions {
  /** The filters of the selection (dates, coders, roll-up, actor types). */
  readonly filters: FilterOptions;
  /** Article URIs in scope; absent: every article. */
  readonly articles?: ReadonlySet<string>;
  /** Annotation file URIs in scope; absent: every file. */
  readonly files?: ReadonlySet<string>;
  readonly duplicates: DuplicateRule;
  /** Whether the duplicate rule compares stances (see `duplicatesCompareStance`). */
  readonly compareStance: boolean;
}

/** One file's part of the tally. */
interface Share {
  readonly records: FileRecords;
  readonly inScope: boolean;
  /** Statements through the filters (copies with the rolled-up actor under `--actors affiliation`). */
  readonly kept: readonly StatementRecord[];
  readonly leftOut: FilterLeftOut;
  /** Mentions through the filters, made when a co-mention network is asked for. */
  mentions?: FilterResult<Mention>;
}

const NO_LEFT_OUT: FilterLeftOut = { coder: 0, undated: 0, outsideDates: 0, actorType: 0 };

export class Tally {
  private readonly shares = new Map<string, Share>();
  private order: readonly string[] = [];
  private readonly counted: StatementCounts = createCounts();
  /** Statements per duplicate group, for rules that compare stances. */
  private readonly groups = new Map<string, number>();
  private readonly incremental: boolean;
  private recounted?: { version: number; counts: StatementCounts; dropped: number };
  private periods = new Map<string, string>();
  /** Goes up whenever a file's share changes. */
  version = 0;

  constructor(readonly options: TallyOptions) {
    this.incremental = options.duplicates === 'include' || options.compareStance;
  }

  /** Brings the tally to these files (in URI order): files whose records changed are taken out and put in again. */
  update(files: readonly FileRecords[]): void {
    const present = new Set<string>();
    for (const records of files) {
      const uri = records.summary.uri;
      present.add(uri);
      const share = this.shares.get(uri);
      if (share?.records === records) continue;
      if (share) this.contribute(share, -1);
      const fresh = this.share(records);
      this.shares.set(uri, fresh);
      this.contribute(fresh, 1);
      this.version++;
    }
    for (const [uri, share] of this.shares) {
      if (present.has(uri)) continue;
      this.contribute(share, -1);
      this.shares.delete(uri);
      this.version++;
    }
    if (this.order.length !== files.length || files.some((f, i) => f.summary.uri !== this.order[i])) this.order = files.map((f) => f.summary.uri);
  }

  private share(records: FileRecords): Share {
    const articleUri = records.summary.articleUri;
    const { articles, files } = this.options;
    const inScope = (!articles || (articleUri !== undefined && articles.has(articleUri))) && (!files || files.has(records.summary.uri));
    if (!inScope) return { records, inScope, kept: [], leftOut: NO_LEFT_OUT };
    const filtered = filterRecords(records.statements, this.options.filters);
    return { records, inScope, kept: filtered.kept, leftOut: filtered.leftOut };
  }

  private contribute(share: Share, sign: 1 | -1): void {
    if (!this.incremental || share.kept.length === 0) return;
    if (this.options.duplicates === 'include') {
      accumulate(share.kept, this.counted, sign);
      return;
    }
    const changed: StatementRecord[] = [];
    for (const statement of share.kept) {
      const key = `${this.periodOf(statement)}\u0000${statement.actor}\u0000${statement.toward}\u0000${statement.stance}`;
      const before = this.groups.get(key) ?? 0;
      const after = before + sign;
      if (after === 0) this.groups.delete(key);
      else this.groups.set(key, after);
      // The group's first statement comes in, or its last goes out.
      if ((before === 0 && after === 1) || (before === 1 && after === 0)) changed.push(statement);
    }
    if (changed.length) accumulate(changed, this.counted, sign);
  }

  private periodOf(statement: StatementRecord): string {
    const cacheKey = `${statement.article}\u0000${statement.date ?? ''}`;
    let period = this.periods.get(cacheKey);
    if (period === undefined) {
      if (this.periods.size > 100_000) this.periods = new Map();
      period = periodKey(this.options.duplicates as Exclude<DuplicateRule, 'include'>, statement.article, statement.date === undefined ? undefined : parseIsoDate(statement.date));
      this.periods.set(cacheKey, period);
    }
    return period;
  }

  private inScope(): Share[] {
    const shares: Share[] = [];
    for (const uri of this.order) {
      const share = this.shares.get(uri);
      if (share?.inScope) shares.push(share);
    }
    return shares;
  }

  /** The counts after the filters and the duplicate rule. Do not change them. */
  counts(): StatementCounts {
    if (this.incremental) return this.counted;
    if (this.recounted?.version !== this.version) {
      const { kept, dropped } = applyDuplicateRule(this.keptStatements(), this.options.duplicates, { compareStance: this.options.compareStance });
      this.recounted = { version: this.version, counts: accumulate(kept), dropped };
    }
    return this.recounted.counts;
  }

  /** Every statement through the filters (before the duplicate rule), file by file in URI order. */
  keptStatements(): StatementRecord[] {
    const all: StatementRecord[] = [];
    for (const share of this.inScope()) for (const statement of share.kept) all.push(statement);
    return all;
  }

  /** Every mention through the filters, file by file in URI order. */
  keptMentions(): Mention[] {
    const all: Mention[] = [];
    for (const share of this.inScope()) {
      share.mentions ??= filterRecords(mentionsOf(share.records).mentions, this.options.filters);
      for (const mention of share.mentions.kept) all.push(mention);
    }
    return all;
  }

  /** What was worked out from the shares, until they change. */
  private derived = new Map<string, unknown>();
  private derivedVersion = -1;

  /** A result worked out from this tally (a network, a count), kept until a file's share changes. */
  derive<T>(key: string, compute: () => T): T {
    if (this.derivedVersion !== this.version) {
      this.derived = new Map();
      this.derivedVersion = this.version;
    }
    if (!this.derived.has(key)) this.derived.set(key, compute());
    return this.derived.get(key) as T;
  }

  /** Statements (or, for co-mention, mentions) left out, by reason: invalid ones by their problem, then by the filter that left them out. */
  leftOut(of: 'statements' | 'mentions' = 'statements'): LeftOutCounts & Partial<FilterLeftOut> {
    return this.derive(`leftOut ${of}`, () => this.countLeftOut(of));
  }

  private countLeftOut(of: 'statements' | 'mentions'): LeftOutCounts & Partial<FilterLeftOut> {
    const invalid: LeftOutCounts = {};
    const filtered = { coder: 0, undated: 0, outsideDates: 0, actorType: 0 };
    for (const share of this.inScope()) {
      addCounts(invalid, of === 'statements' ? share.records.invalid : mentionsOf(share.records).invalid);
      let leftOut = share.leftOut;
      if (of === 'mentions') {
        share.mentions ??= filterRecords(mentionsOf(share.records).mentions, this.options.filters);
        leftOut = share.mentions.leftOut;
      }
      filtered.coder += leftOut.coder;
      filtered.undated += leftOut.undated;
      filtered.outsideDates += leftOut.outsideDates;
      filtered.actorType += leftOut.actorType;
    }
    const reasons: Record<string, number> = { ...invalid };
    for (const [reason, count] of Object.entries(filtered)) if (count) reasons[reason] = count;
    return reasons;
  }

  /** Articles whose counted statements (or mentions) come from more than one coder, sorted. */
  articlesWithSeveralCoders(of: 'statements' | 'mentions' = 'statements'): readonly string[] {
    return this.derive(`several ${of}`, () => this.findSeveralCoders(of));
  }

  private findSeveralCoders(of: 'statements' | 'mentions'): string[] {
    const coders = new Map<string, Set<string>>();
    for (const share of this.inScope()) {
      const counted = of === 'statements' ? share.kept.length : (share.mentions ??= filterRecords(mentionsOf(share.records).mentions, this.options.filters)).kept.length;
      if (!counted) continue;
      const article = share.records.summary.articleUri ?? '';
      let set = coders.get(article);
      if (!set) coders.set(article, (set = new Set()));
      set.add(share.records.summary.coder ?? UNNAMED_CODER);
    }
    const several = new Set<string>();
    for (const share of this.inScope()) if ((coders.get(share.records.summary.articleUri ?? '')?.size ?? 0) > 1) several.add(share.records.paths.article);
    return [...several].sort();
  }
}
