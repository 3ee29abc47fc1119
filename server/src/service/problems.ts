import type { Range } from 'vscode-languageserver-types';
import type { Span } from './text/lineMap';

/** Every diagnostic code with its default severity (stable: users' rules and CI depend on them; docs/diagnostics.md lists them). */
export const DIAGNOSTIC_CODES = {
  'yaml-syntax': 'error',
  schema: 'error',
  'article-not-found': 'error',
  'outside-workspace': 'error',
  'codebook-not-found': 'error',
  'sentence-out-of-range': 'error',
  'quote-not-found': 'error',
  'quote-sentence-mismatch': 'warning',
  'quote-ambiguous': 'warning',
  'unknown-actor': 'error',
  'unknown-target': 'error',
  'unknown-stance': 'error',
  'duplicate-id': 'error',
  'actor-not-mentioned': 'info',
  'conflicting-stance': 'warning',
  'duplicate-annotation': 'warning',
  'unknown-affiliation': 'error',
  'duplicate-alias': 'warning',
  'unused-entry': 'hint',
  'document-mismatch': 'warning',
  'sentence-moved': 'warning',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
export type SeverityName = 'error' | 'warning' | 'info' | 'hint';
export type RuleSetting = SeverityName | 'off';

export const SEVERITY_NAMES: readonly RuleSetting[] = ['off', 'hint', 'info', 'warning', 'error'];

export function isDiagnosticCode(value: string): value is DiagnosticCode {
  return Object.prototype.hasOwnProperty.call(DIAGNOSTIC_CODES, value);
}

export interface RelatedLocation {
  readonly uri: string;
  readonly range: Range;
  readonly message: string;
}

/** A related place in the problem's own file, by offsets: placed when the problem becomes a diagnostic (only if it is shown). */
export interface RelatedSpan {
  readonly uri: string;
  readonly span: Span;
  readonly message: string;
}

/** A problem found in one file, before rules and positions are applied. */
export interface Problem {
  readonly code: DiagnosticCode;
  readonly span: Span;
  readonly message: string;
  /** Overrides the code's default severity (an unknown key is a `schema` warning). */
  readonly severity?: SeverityName;
  readonly related?: readonly (RelatedLocation | RelatedSpan)[];
  /** Facts a quick fix needs (suggested ids, candidate sentences…). */
  readonly data?: Record<string, unknown>;
  /** Marks a diagnostic as unnecessary code (faded in editors). */
  readonly unnecessary?: boolean;
}
