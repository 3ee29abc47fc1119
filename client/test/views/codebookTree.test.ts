import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('./vscodeMock'));

import * as vscode from 'vscode';
import { CodebookTreeProvider, codebookTree, treeItem, type CodebookNode } from '../../src/views/codebookTree';
import { columnsBeside } from '../../src/views/register';
import type { CodebookEntrySummary, CodebookSummaryResult } from '../../../protocol/analysis';

const at = (line: number) => ({ start: { line, character: 2 }, end: { line, character: 8 } });
const actor = (id: string, label: string, type: string | undefined, uses: number, affiliation?: string): CodebookEntrySummary => ({
  id,
  label,
  kind: 'actor',
  ...(type ? { type } : {}),
  ...(affiliation ? { affiliation } : {}),
  uses,
  range: at(uses),
});
const topic = (id: string, label: string, uses: number): CodebookEntrySummary => ({ id, label, kind: 'topic', uses, range: at(uses) });

const codebook: CodebookSummaryResult = {
  codebooks: [
    {
      uri: 'file:///w/codebook.yaml',
      actors: [
        actor('russia', 'Russia', 'state', 7),
        actor('us', 'United States', 'state', 12),
        actor('rubio', 'Marco Rubio', 'person', 4, 'us'),
        actor('lavrov', 'Sergei Lavrov', 'person', 3, 'russia'),
        actor('witkoff', 'Steve Witkoff', 'person', 1, 'us'),
        actor('analyst', '<img src=x onerror=alert(1)>', 'person', 0),
        actor('someone', 'Someone', undefined, 2),
      ],
      topics: [topic('ceasefire', 'A ceasefire', 5), topic('sanctions-relief', 'Relief from sanctions', 0)],
    },
  ],
};

/** The tree as indented lines: label — description. */
function outline(nodes: readonly CodebookNode[], depth = 0): string[] {
  return nodes.flatMap((node) => {
    const item = treeItem(node);
    return [`${'  '.repeat(depth)}${item.label}${item.description ? ` — ${item.description}` : ''}`, ...outline(node.children, depth + 1)];
  });
}

describe('the codebook tree', () => {
  it('groups actors by type, then by affiliation, with their uses; topics apart', () => {
    expect(outline(codebookTree(codebook, (uri) => uri))).toEqual([
      'Actors — 7',
      '  (no type) — 1 · 2 uses',
      '    someone — Someone · 2 uses',
      '  person — 4 · 8 uses',
      '    with Russia — 1 · 3 uses',
      '      lavrov — Sergei Lavrov · 3 uses',
      '    with United States — 2 · 5 uses',
      '      rubio — Marco Rubio · 4 uses',
      '      witkoff — Steve Witkoff · 1 use',
      '    analyst — <img src=x onerror=alert(1)> · 0 uses',
      '  state — 2 · 19 uses',
      '    russia — Russia · 7 uses',
      '    us — United States · 12 uses',
      'Topics — 2',
      '  ceasefire — A ceasefire · 5 uses',
      '  sanctions-relief — Relief from sanctions · 0 uses',
    ]);
  });

  it('puts each codebook on its own row when there are several, the most used first and open, with ids that stay unique', () => {
    const two: CodebookSummaryResult = {
      codebooks: [
        { uri: 'file:///w/a/codebook.yaml', actors: [actor('us', 'US', 'state', 1)], topics: [] },
        { ...codebook.codebooks[0], uri: 'file:///w/b/codebook.yaml' },
      ],
    };
    const tree = codebookTree(two, (uri) => uri.replace('file:///w/', ''));
    // b's entries have 34 uses in all, a's 1.
    expect(tree.map((node) => [treeItem(node).label, treeItem(node).collapsibleState])).toEqual([
      ['b/codebook.yaml', vscode.TreeItemCollapsibleState.Expanded],
      ['a/codebook.yaml', vscode.TreeItemCollapsibleState.Collapsed],
    ]);
    const ids = (nodes: readonly CodebookNode[]): string[] => nodes.flatMap((n) => [treeItem(n).id!, ...ids(n.children)]);
    const all = ids(tree);
    expect(new Set(all).size).toBe(all.length);
  });

  it('gives entries a context for the menu, a plain-text tooltip and a click that reveals them', () => {
    const rubio = codebookTree(codebook, (u) => u)[0].children[1].children[1].children[0];
    const item = treeItem(rubio);
    expect(item.contextValue).toBe('standpoint.codebookActor');
    expect(item.tooltip).toBe('Marco Rubio\nactor, person, affiliated with us\n4 uses in annotations');
    expect(item.command).toEqual({ title: 'Reveal in Codebook', command: 'standpoint.codebook.reveal', arguments: [rubio] });
  });

  it('asks the server once, again after a refresh, and shows nothing (logged) when it cannot answer', async () => {
    let calls = 0;
    const errors: string[] = [];
    const provider = new CodebookTreeProvider(
      async () => {
        calls++;
        if (calls === 3) throw new Error('Unhandled method standpoint/codebookSummary');
        return codebook;
      },
      (u) => u,
      (m) => errors.push(m),
    );
    expect((await provider.getChildren()).length).toBe(2);
    await provider.getChildren();
    expect(calls).toBe(1);
    let changed = 0;
    provider.onDidChangeTreeData(() => changed++);
    provider.refresh();
    expect(changed).toBe(1);
    await provider.getChildren();
    expect(calls).toBe(2);
    provider.refresh();
    expect(await provider.getChildren()).toEqual([]);
    expect(errors).toEqual(['Unhandled method standpoint/codebookSummary']);
  });
});

describe('opening a statement beside the view', () => {
  it('uses the two lowest columns the view is not in', () => {
    expect(columnsBeside(1)).toEqual([2, 3]);
    expect(columnsBeside(2)).toEqual([1, 3]);
    expect(columnsBeside(3)).toEqual([1, 2]);
    expect(columnsBeside(undefined)).toEqual([1, 2]);
  });
});
