import type { Diagnostic, Position, Range } from 'vscode-languageserver-types';
import { createLanguageService, InMemoryWorkspace, type LanguageService } from '../src/service/index';

/**
 * Positions computed independently of the code under test: lines split at
 * \r\n, \r or \n; characters counted in UTF-16 code units (JS string length).
 */
export function positionAt(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i++;
      line++;
      lineStart = i + 1;
    } else if (text[i] === '\n' || text[i] === '\r') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}

/** The range of the `occurrence`-th appearance of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let from = -1;
  for (let i = 0; i <= occurrence; i++) {
    from = text.indexOf(needle, from + 1);
    if (from === -1) throw new Error(`"${needle}" (#${occurrence}) not in the text`);
  }
  return { start: positionAt(text, from), end: positionAt(text, from + needle.length) };
}

/** The range of `needle` inside the first appearance of `context` (to point at one of several equal words). */
export function rangeWithin(text: string, context: string, needle: string): Range {
  const at = text.indexOf(context);
  if (at === -1) throw new Error(`"${context}" not in the text`);
  const from = text.indexOf(needle, at);
  if (from === -1 || from + needle.length > at + context.length) throw new Error(`"${needle}" not in "${context}"`);
  return { start: positionAt(text, from), end: positionAt(text, from + needle.length) };
}

/** The range of the last appearance of `needle` in `text`. */
export function lastRangeOf(text: string, needle: string): Range {
  const from = text.lastIndexOf(needle);
  if (from === -1) throw new Error(`"${needle}" not in the text`);
  return { start: positionAt(text, from), end: positionAt(text, from + needle.length) };
}

/** The position just inside the `occurrence`-th `needle` (plus `delta` characters). */
export function positionOf(text: string, needle: string, occurrence = 0, delta = 1): Position {
  const range = rangeOf(text, needle, occurrence);
  return { line: range.start.line, character: range.start.character + delta };
}

export function workspace(files: Record<string, string | Uint8Array>): { ws: InMemoryWorkspace; service: LanguageService } {
  const ws = new InMemoryWorkspace(files);
  return { ws, service: createLanguageService({ workspace: ws }) };
}

export async function diagnosticsFor(files: Record<string, string | Uint8Array>, path: string): Promise<Diagnostic[]> {
  const { ws, service } = workspace(files);
  await service.initialize();
  return service.diagnostics(ws.uri(path));
}

export function codes(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => String(d.code));
}

export function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

export function message(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** A small, valid codebook used across tests. */
export const CODEBOOK = `# Test codebook
actors:
  us:
    name: United States
    type: state
    aliases: [US, Washington, the White House]
  russia:
    name: Russia
    type: state
    aliases: [Moscow, the Kremlin]
  ukraine:
    name: Ukraine
    type: state
    aliases: [Kyiv]
  saudi-arabia:
    name: Saudi Arabia
    type: state
    aliases: [Riyadh, the Saudis]
  rubio:
    name: Marco Rubio
    type: person
    affiliation: us
    aliases: [Rubio, the secretary of state]
  lavrov:
    name: Sergey Lavrov
    type: person
    affiliation: russia
    aliases: [Lavrov]
topics:
  ukraine-nato-membership:
    label: Ukraine's membership in NATO
    description: Whether Ukraine may join the Atlantic alliance.
  us-russia-dialogue:
    label: Direct US–Russia dialogue
`;

export const ARTICLE = `Talks in Riyadh Test the Limits of a Thaw
By Mara Lindqvist | Feb 19, 2025

Senior officials from Washington and Moscow held a high-level meeting in Riyadh on Tuesday. Mr. Rubio called it “a useful first step.”
The Kremlin’s envoy, Sergey V. Lavrov, said Russia still opposes Ukraine’s NATO membership — a line Kyiv rejects.
The Saudis, who hosted the talks, welcomed the dialogue.
`;
