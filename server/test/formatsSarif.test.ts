import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { sarifLog, writeSarif, type SarifFinding } from '../src/formats/sarif';
import { DIAGNOSTIC_RULES } from '../src/formats/diagnosticRules';
import { DIAGNOSTIC_CODES } from '../src/service/problems';
import { REPO_ROOT } from './support/lspClient';
import { sarifValidator } from './support/sarifSchema';

const BASE = 'file:///home/analyst/corpus%20one';

const range = (line: number, character: number, endCharacter: number) => ({ start: { line, character }, end: { line, character: endCharacter } });

const OUT_OF_RANGE: Diagnostic = {
  range: range(4, 14, 16),
  severity: 1,
  code: 'sentence-out-of-range',
  source: 'standpoint',
  message: 'Sentence 12 does not exist: the article has 6 sentences (1–6).',
};
const CONFLICT: Diagnostic = {
  range: range(9, 16, 22),
  severity: 2,
  code: 'conflicting-stance',
  source: 'standpoint',
  message: '`ru` opposes `talks` here but supports it on line 5.',
  relatedInformation: [{ location: { uri: `${BASE}/annotations/a%23b.stance.yaml`, range: range(4, 16, 24) }, message: 'The other stance' }],
};
const UNUSED: Diagnostic = { range: range(2, 2, 7), severity: 4, code: 'unused-entry', source: 'standpoint', message: '`china` is not used by any annotation.' };
const MENTION: Diagnostic = { range: range(3, 13, 15), severity: 3, code: 'actor-not-mentioned', source: 'standpoint', message: { kind: 'markdown', value: 'No name of `us` in sentence 3.' } };

const FINDINGS: SarifFinding[] = [
  { uri: `${BASE}/annotations/a%23b.stance.yaml`, diagnostic: OUT_OF_RANGE },
  { uri: `${BASE}/annotations/a%23b.stance.yaml`, diagnostic: CONFLICT },
  { uri: `${BASE}/codebook.yaml`, diagnostic: UNUSED },
  { uri: 'file:///elsewhere/x.stance.yaml', diagnostic: MENTION },
];

describe('SARIF for standpoint check --format sarif', () => {
  const log = sarifLog(FINDINGS, { toolVersion: '1.2.3', baseUri: BASE });

  it('validates against the SARIF 2.1.0 JSON Schema, and every region has a startLine (the OASIS rule the schema copy leaves out)', () => {
    const validate = sarifValidator();
    const parsed = JSON.parse(writeSarif(FINDINGS, { toolVersion: '1.2.3', baseUri: BASE }));
    expect(validate(parsed), JSON.stringify(validate.errors, null, 2)).toBe(true);
    for (const result of parsed.runs[0].results) {
      for (const location of [...result.locations, ...(result.relatedLocations ?? [])]) expect(location.physicalLocation.region.startLine).toBeGreaterThanOrEqual(1);
    }
    // The validator does reject a broken log (the test can fail).
    expect(validate({ ...parsed, version: '2.0.0' })).toBe(false);
    expect(validate({ ...parsed, runs: [{ ...parsed.runs[0], columnKind: 'bytes' }] })).toBe(false);
  });

  it('one run: the tool with a rule per diagnostic code, UTF-16 columns, paths against %SRCROOT%', () => {
    const [run] = log.runs;
    expect(log.version).toBe('2.1.0');
    expect(run.columnKind).toBe('utf16CodeUnits');
    expect(run.originalUriBaseIds).toEqual({ '%SRCROOT%': { uri: 'file:///home/analyst/corpus%20one/' } });
    expect(run.tool.driver.name).toBe('Standpoint');
    expect(run.tool.driver.version).toBe('1.2.3');
    expect(run.tool.driver.rules!.map((r) => r.id)).toEqual(Object.keys(DIAGNOSTIC_CODES));
    expect(run.tool.driver.rules!.find((r) => r.id === 'quote-not-found')).toEqual({
      id: 'quote-not-found',
      name: 'QuoteNotFound',
      shortDescription: { text: 'The quote is not in the article.' },
      fullDescription: { text: 'The quote occurs nowhere in the article (or runs across two sentences). The message names the closest sentence and how it differs.' },
      help: { text: 'Replace the quote with the words the message shows.' },
      defaultConfiguration: { level: 'error' },
    });
    // A name equal to the id is left out (SARIF warns about it).
    expect(run.tool.driver.rules!.find((r) => r.id === 'schema')!.name).toBeUndefined();
    expect(run.tool.driver.rules!.find((r) => r.id === 'unused-entry')!.defaultConfiguration).toEqual({ level: 'note' });
  });

  it('results: rule id and index, level, message text, relative uri (percent-encoded), 1-based region with the end column after the last character', () => {
    const [run] = log.runs;
    const rules = run.tool.driver.rules!;
    const [first, second, third, fourth] = run.results!;
    expect(first).toEqual({
      ruleId: 'sentence-out-of-range',
      ruleIndex: rules.findIndex((r) => r.id === 'sentence-out-of-range'),
      level: 'error',
      message: { text: 'Sentence 12 does not exist: the article has 6 sentences (1–6).' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'annotations/a%23b.stance.yaml', uriBaseId: '%SRCROOT%' },
            region: { startLine: 5, startColumn: 15, endLine: 5, endColumn: 17 },
          },
        },
      ],
      partialFingerprints: { 'standpointFindingHash/v1': expect.stringMatching(/^[0-9a-f]{16}:1$/) },
    });
    expect(second.level).toBe('warning');
    expect(second.relatedLocations).toEqual([
      {
        id: 1,
        physicalLocation: { artifactLocation: { uri: 'annotations/a%23b.stance.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 5, startColumn: 17, endLine: 5, endColumn: 25 } },
        message: { text: 'The other stance' },
      },
    ]);
    expect(third.level).toBe('note');
    expect(third.locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'codebook.yaml', uriBaseId: '%SRCROOT%' });
    // Info is a note too; a Markdown message gives its text; a file outside the base keeps its absolute URI.
    expect(fourth.level).toBe('note');
    expect(fourth.message).toEqual({ text: 'No name of `us` in sentence 3.' });
    expect(fourth.locations![0].physicalLocation!.artifactLocation).toEqual({ uri: 'file:///elsewhere/x.stance.yaml' });
  });

  it('fingerprints ignore the line (an alert survives lines moving) but tell identical findings apart', () => {
    const moved = sarifLog([{ uri: FINDINGS[0].uri, diagnostic: { ...OUT_OF_RANGE, range: range(40, 14, 16) } }], { toolVersion: '1', baseUri: BASE });
    const print = (l: typeof log, i: number) => l.runs[0].results![i].partialFingerprints!['standpointFindingHash/v1'];
    expect(print(moved, 0)).toBe(print(log, 0));
    const twice = sarifLog([FINDINGS[0], FINDINGS[0]], { toolVersion: '1', baseUri: BASE });
    expect(print(twice, 0)).toBe(print(log, 0));
    expect(print(twice, 1)).toBe(print(log, 0).replace(/:1$/, ':2'));
    expect(print(log, 1)).not.toBe(print(log, 0));
  });

  it('an unknown code still gets a rule, so the log stays valid', () => {
    const odd = sarifLog([{ uri: `${BASE}/x.yaml`, diagnostic: { ...UNUSED, code: 'future-code' } }], { toolVersion: '1', baseUri: BASE });
    const rules = odd.runs[0].tool.driver.rules!;
    expect(rules[rules.length - 1]).toEqual({ id: 'future-code', name: 'FutureCode', shortDescription: { text: 'future-code' }, fullDescription: { text: 'future-code' } });
    expect(odd.runs[0].results![0].ruleIndex).toBe(rules.length - 1);
    expect(sarifValidator()(JSON.parse(JSON.stringify(odd)))).toBe(true);
  });

  it('every diagnostic code has a rule text, and every code in docs/diagnostics.md is one of them', () => {
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      const text = DIAGNOSTIC_RULES[code];
      expect(text, `docs for ${code} in server/src/formats/diagnosticRules.ts`).toBeDefined();
      for (const part of [text.short, text.full, text.help]) expect(part.trim().length, code).toBeGreaterThan(5);
    }
    const documented = [...readFileSync(path.join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8').matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(10);
    for (const code of documented) expect(DIAGNOSTIC_RULES[code], code).toBeDefined();
  });
});
