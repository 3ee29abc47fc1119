/**
 * Agreement between coders (analysis contract §4; docs/agreement.md): the
 * report `standpoint agree` prints as JSON and `standpoint/agreement`
 * answers. The shapes live here, not in the server, because they travel
 * over the wire: the server (server/src/service/analysis/types.ts re-exports
 * them), the VS Code client and the Compare Coders page compile against this
 * one file. Paths in the report are relative to the workspace, `/`
 * separators; the request's answer maps them to URIs.
 *
 * Pure data and types: no vscode, no node, no LSP library beyond its types.
 */
import { request } from './protocol';

/** The four levels at which coders are compared, in report order. */
export type AgreementLevel = 'sentences' | 'actors' | 'stances' | 'polarity';

/** A coder's value at a level: 1/0 (sentences, actors), a stance id (stances), a polarity (polarity); null: missing. */
export type AgreementValue = number | string | null;

/** Krippendorff's alpha at one level, over the corpus or one article. */
export interface AlphaFigure {
  /** Null when undefined; `reason` says why. */
  readonly alpha: number | null;
  /** Number of units built at this level. */
  readonly units: number;
  /** Krippendorff's n: the values in units that have values from two or more coders. */
  readonly pairable: number;
  /** Observed agreement, a proportion 0…1: the share of pairs of values (two coders' values for one unit) that are equal; null when nothing is pairable. */
  readonly agreement: number | null;
  readonly reason?: string;
}

/** Two coders at one level, over the units both coded. */
export interface PairFigure {
  /** Proportion 0…1 of those units on which they gave the same value; null without units. */
  readonly agreement: number | null;
  /** Cohen's kappa (polarity: weighted with quadratic weights); null when undefined, `reason` says why. */
  readonly kappa: number | null;
  /** Units both coders coded. */
  readonly units: number;
  readonly reason?: string;
}

export interface AgreementArticle {
  readonly article: string;
  /** The compared coders of this article. */
  readonly coders: readonly string[];
  /** Their annotation files. */
  readonly files: readonly string[];
  readonly sentences: AlphaFigure;
  readonly actors: AlphaFigure;
  readonly stances: AlphaFigure;
  readonly polarity: AlphaFigure;
}

export interface AgreementPair {
  readonly coders: readonly [string, string];
  /** Number of compared articles both coded. */
  readonly articles: number;
  readonly sentences: PairFigure;
  readonly actors: PairFigure;
  readonly stances: PairFigure;
  readonly polarity: PairFigure;
}

/** Where a value came from: an annotation (sentences, actors) or a stance entry (stances). */
export interface AgreementPlace {
  readonly file: string;
  readonly line: number;
  readonly coder: string;
}

/** One unit on which the coders who gave a value did not all give the same one. */
export interface AgreementDisagreement {
  readonly article: string;
  /** `polarity` only when the stances are equal but their polarities are not (see docs/agreement.md). */
  readonly level: AgreementLevel;
  readonly sentence: number;
  readonly actor?: string;
  readonly target?: string;
  /** Every compared coder of the article; null when the coder gave no value. */
  readonly values: Readonly<Record<string, AgreementValue>>;
  /** Stance units: each coder's polarity as well. */
  readonly polarities?: Readonly<Record<string, number | null>>;
  readonly places: readonly AgreementPlace[];
}

/** A coder who gave one (sentence, actor, target) two different stances: the unit counts as missing for that coder. */
export interface AgreementConflict {
  readonly article: string;
  readonly coder: string;
  readonly sentence: number;
  readonly actor: string;
  readonly target: string;
  readonly stances: readonly string[];
  readonly places: readonly AgreementPlace[];
}

/** An article not compared: fewer than two compared coders annotated it, or (`reason`) its files cannot be compared. */
export interface AgreementSkipped {
  readonly article: string;
  readonly coders: readonly string[];
  /** Why, when it is not that fewer than two coders annotated it (e.g. its files number the sentences differently). */
  readonly reason?: string;
}

/** Several annotation files of one article by the same coder, taken together as that coder's work. */
export interface AgreementMerged {
  readonly article: string;
  readonly coder: string;
  readonly files: readonly string[];
}

/** The report of `standpoint agree` (analysis contract §4), plus what was skipped, merged and self-conflicting. */
export interface AgreementReport {
  readonly coders: readonly string[];
  readonly corpus: Readonly<Record<AgreementLevel, AlphaFigure>>;
  readonly articles: readonly AgreementArticle[];
  readonly pairs: readonly AgreementPair[];
  readonly disagreements: readonly AgreementDisagreement[];
  readonly conflicts: readonly AgreementConflict[];
  readonly skipped: readonly AgreementSkipped[];
  readonly merged: readonly AgreementMerged[];
  /** Annotations left out because their sentence is not one of the article's (should not happen with resolved input). */
  readonly outOfRange: number;
}

// ---------------------------------------------------------------------------
// The request (editors: the Compare Coders view)

/** The name reports give the coder of annotation files without `coder:` (coder ids cannot clash with it). */
export const UNNAMED_CODER = '(unnamed)';

/** At most this many disagreements in an answer (`limit`'s default and ceiling). */
export const AGREEMENT_DISAGREEMENTS_LIMIT = 5_000;

/** `standpoint agree`'s options, as JSON. */
export interface AgreementParams {
  /** Compare only these coders (`--coders`): at least two, each the coder of some annotation file in scope. Absent: every coder. */
  readonly coders?: readonly string[];
  /** Article URIs in scope (the view's "current article"); absent: every article of the workspace. */
  readonly articles?: readonly string[];
  /** At most this many disagreements in the report (report order; default and ceiling AGREEMENT_DISAGREEMENTS_LIMIT); `disagreementsTotal` counts them all. */
  readonly limit?: number;
}

export interface AgreementResult {
  /** The report, as `standpoint agree --format json` writes it (its disagreements cut to `limit`). */
  readonly report: AgreementReport;
  /** Disagreements before `limit`. */
  readonly disagreementsTotal: number;
  /** Every coder of the annotation files in scope, sorted (UNNAMED_CODER for files without `coder:`): what `coders` may name. */
  readonly codersFound: readonly string[];
  /** The URI of every path the report names (articles and annotation files). */
  readonly uris: Readonly<Record<string, string>>;
  /**
   * Parallel to `report.disagreements`: for each compared coder of the article who has no place in
   * the disagreement (they did not annotate the sentence or involve the actor), where in their file
   * it would go — their annotation of the nearest earlier sentence, else their file's first line —
   * so an editor can open every coder's file side by side.
   */
  readonly nearest: readonly (readonly AgreementPlace[])[];
}

/**
 * The agreement report of the workspace or of some articles. Options the CLI
 * refuses (a coder no file in scope has, fewer than two coders) are answered
 * with InvalidParams and the CLI's message. Clients ask again on
 * `standpoint/analysisChanged`.
 */
export const AGREEMENT_REQUEST = request<AgreementParams, AgreementResult>('standpoint/agreement');

/**
 * The command of a disagreement's code lens in an annotation file (arguments: the file's URI, the
 * lens's position, and the other coders' places as LSP Locations): the client shows those places
 * (VS Code: in a peek under the line). Only a client can.
 */
export const SHOW_OTHER_CODINGS_COMMAND = 'standpoint.showOtherCodings';
