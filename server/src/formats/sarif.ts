import type { Location, Log, ReportingDescriptor, Result } from 'sarif';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_CODES, type SeverityName } from '../service/problems';
import { DIAGNOSTIC_RULES } from './diagnosticRules';
import { pathToUriReference } from './uri';

/** One diagnostic of `standpoint check`, with the URI of its file (as the language service names it). */
export interface SarifFinding {
  readonly uri: string;
  readonly diagnostic: Diagnostic;
}

export interface SarifOptions {
  readonly toolVersion: string;
  /**
   * The folder paths are relative to, as a URI (`file:///…/repo`). The CLI passes
   * the folder it runs in: in CI that is the repository root, which is what
   * GitHub code scanning resolves `uri` against. Files outside it keep their
   * absolute URI.
   */
  readonly baseUri: string;
}

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const BASE_ID = '%SRCROOT%';
const FINGERPRINT_KEY = 'standpointFindingHash/v1';

/**
 * A SARIF 2.1.0 log of one run: a rule per diagnostic code (every code
 * Standpoint has, so rule indexes are stable), one result per diagnostic with
 * a 1-based region in UTF-16 code units (the run's `columnKind`), its related
 * information as related locations, and a fingerprint that does not include
 * the line, so an alert keeps its identity when lines above it move.
 */
export function sarifLog(findings: readonly SarifFinding[], options: SarifOptions): Log {
  const base = options.baseUri.replace(/\/+$/, '');
  const codes: string[] = Object.keys(DIAGNOSTIC_CODES);
  for (const { diagnostic } of findings) {
    const code = String(diagnostic.code ?? 'standpoint');
    if (!codes.includes(code)) codes.push(code);
  }
  const ruleIndex = new Map(codes.map((code, i) => [code, i]));
  const rules = codes.map((code): ReportingDescriptor => {
    const text = DIAGNOSTIC_RULES[code];
    const defaultSeverity = (DIAGNOSTIC_CODES as Record<string, SeverityName | undefined>)[code];
    const name = friendlyName(code);
    return {
      id: code,
      // SARIF wants the name to differ from the id (`schema` has no distinct one).
      ...(name.toLowerCase() !== code.toLowerCase() ? { name } : {}),
      shortDescription: { text: text?.short ?? code },
      fullDescription: { text: text?.full ?? code },
      ...(text ? { help: { text: text.help } } : {}),
      ...(defaultSeverity ? { defaultConfiguration: { level: sarifLevel(defaultSeverity) } } : {}),
    };
  });

  const seen = new Map<string, number>();
  const results = findings.map(({ uri, diagnostic }): Result => {
    const code = String(diagnostic.code ?? 'standpoint');
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    const location = artifactLocation(uri, base);
    // Identical findings in one file are told apart by their order, not their line.
    const identity = `${code}\u0000${location.uri}\u0000${message}`;
    const occurrence = seen.get(identity) ?? 0;
    seen.set(identity, occurrence + 1);
    const related = (diagnostic.relatedInformation ?? []).map((info, i): Location => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifactLocation(info.location.uri, base), region: region(info.location.range) },
      message: { text: info.message },
    }));
    return {
      ruleId: code,
      ruleIndex: ruleIndex.get(code),
      level: sarifLevel(severityOf(diagnostic)),
      message: { text: message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(diagnostic.range) } }],
      ...(related.length ? { relatedLocations: related } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: `${fnv1a64(identity)}:${occurrence + 1}` },
    };
  });

  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Standpoint', version: options.toolVersion, semanticVersion: semver(options.toolVersion), rules } },
        originalUriBaseIds: { [BASE_ID]: { uri: `${base}/` } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}

/** The log as JSON text, ready for a file or stdout. */
export function writeSarif(findings: readonly SarifFinding[], options: SarifOptions): string {
  return `${JSON.stringify(sarifLog(findings, options), null, 2)}\n`;
}

function artifactLocation(uri: string, base: string): { uri: string; uriBaseId?: string } {
  if (uri.startsWith(`${base}/`)) {
    // The service's URIs are already percent-encoded; decode per segment and re-encode so the reference is canonical.
    const relative = uri
      .slice(base.length + 1)
      .split('/')
      .map(safeDecode)
      .join('/');
    return { uri: pathToUriReference(relative), uriBaseId: BASE_ID };
  }
  return { uri };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** LSP ranges are 0-based with an exclusive end; SARIF regions are 1-based, and `endColumn` is the column after the last character. */
function region(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

function severityOf(diagnostic: Diagnostic): SeverityName {
  switch (diagnostic.severity) {
    case 2:
      return 'warning';
    case 3:
      return 'info';
    case 4:
      return 'hint';
    default:
      return 'error';
  }
}

/** SARIF has error, warning and note: info and hint are notes. */
function sarifLevel(severity: SeverityName): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** `quote-not-found` → `QuoteNotFound`: SARIF's "friendly name" convention. */
function friendlyName(code: string): string {
  return code.replace(/(^|[^A-Za-z0-9]+)([A-Za-z0-9])/g, (_, _sep: string, c: string) => c.toUpperCase());
}

function semver(version: string): string | undefined {
  return /^\d+\.\d+\.\d+(?:[-+].*)?$/.test(version) ? version : undefined;
}

/** FNV-1a, 64 bits, over the UTF-16 code units: stable across runs and machines, no crypto needed for an identity. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}
