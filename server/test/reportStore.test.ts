import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { ReportStore } from '../src/lsp/reportStore';

const diagnostic = (message: string, line = 0, related?: string): Diagnostic => ({
  range: { start: { line, character: 2 }, end: { line, character: 5 } },
  message,
  code: 'unknown-actor',
  severity: 1,
  relatedInformation:
    related === undefined ? undefined : [{ message: related, location: { uri: 'file:///ws/codebook.yaml', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } } } }],
});

describe('the report store', () => {
  it('keeps the result id while the diagnostics stay equal, field by field, and gives a new one when they change', () => {
    const store = new ReportStore();
    expect(store.store('file:///ws/a.stance.yaml', [diagnostic('x')], 1)).toBe(false);
    expect(store.get('file:///ws/a.stance.yaml')?.resultId).toBe('1');
    // Equal but not the same objects: unchanged, same id, the new version kept.
    expect(store.store('file:///ws/a.stance.yaml', [diagnostic('x')], 2)).toBe(true);
    expect(store.get('file:///ws/a.stance.yaml')).toMatchObject({ resultId: '1', version: 2 });
    for (const changed of [[diagnostic('y')], [diagnostic('x', 3)], [diagnostic('x', 0, 'defined here')], [], [diagnostic('x'), diagnostic('x')]]) {
      const before = Number(store.get('file:///ws/a.stance.yaml')!.resultId);
      expect(store.store('file:///ws/a.stance.yaml', changed, 3)).toBe(false);
      expect(store.get('file:///ws/a.stance.yaml')!.resultId).toBe(String(before + 1));
    }
    expect([...store.reports.keys()]).toEqual(['file:///ws/a.stance.yaml']);
  });
});
