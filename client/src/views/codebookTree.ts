import * as vscode from 'vscode';
import type { CodebookEntrySummary, CodebookSummary, CodebookSummaryResult } from '../../../protocol/analysis';

/** A row of the codebook view: a codebook (when there are several), a group, or an entry. */
export type CodebookNode =
  | { readonly kind: 'codebook'; readonly uri: string; readonly label: string; readonly open: boolean; readonly children: readonly CodebookNode[] }
  | { readonly kind: 'group'; readonly id: string; readonly label: string; readonly description: string; readonly children: readonly CodebookNode[] }
  | { readonly kind: 'entry'; readonly uri: string; readonly entry: CodebookEntrySummary; readonly children: readonly CodebookNode[] };

const uses = (count: number): string => (count === 1 ? '1 use' : `${count} uses`);
const total = (entries: readonly CodebookEntrySummary[]): number => entries.reduce((sum, entry) => sum + entry.uses, 0);
const byId = (a: CodebookEntrySummary, b: CodebookEntrySummary): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Actors grouped by type; within a type, the actors affiliated with one actor
 * grouped under "with <that actor>" (persons under their state or party), the
 * others listed directly. Topics in one group. Ids order everything, so the
 * tree reads the same on every machine.
 */
export function codebookGroups(codebook: CodebookSummary, groupPrefix = ''): CodebookNode[] {
  const entry = (summary: CodebookEntrySummary): CodebookNode => ({ kind: 'entry', uri: codebook.uri, entry: summary, children: [] });
  const names = new Map(codebook.actors.map((actor) => [actor.id, actor.label ?? actor.id]));
  const types = new Map<string, CodebookEntrySummary[]>();
  for (const actor of codebook.actors) {
    const type = actor.type ?? '(no type)';
    let list = types.get(type);
    if (!list) types.set(type, (list = []));
    list.push(actor);
  }
  const typeNodes: CodebookNode[] = [...types.keys()].sort(compare).map((type) => {
    const actors = types.get(type)!.sort(byId);
    const affiliations = new Map<string, CodebookEntrySummary[]>();
    const direct: CodebookNode[] = [];
    for (const actor of actors) {
      if (!actor.affiliation) {
        direct.push(entry(actor));
        continue;
      }
      let list = affiliations.get(actor.affiliation);
      if (!list) affiliations.set(actor.affiliation, (list = []));
      list.push(actor);
    }
    const grouped: CodebookNode[] = [...affiliations.keys()].sort(compare).map((affiliation) => {
      const members = affiliations.get(affiliation)!;
      return {
        kind: 'group',
        id: `${groupPrefix}actors/${type}/with/${affiliation}`,
        label: `with ${names.get(affiliation) ?? affiliation}`,
        description: `${members.length} · ${uses(total(members))}`,
        children: members.map(entry),
      };
    });
    return { kind: 'group', id: `${groupPrefix}actors/${type}`, label: type, description: `${actors.length} · ${uses(total(actors))}`, children: [...grouped, ...direct] };
  });
  const groups: CodebookNode[] = [];
  if (codebook.actors.length) groups.push({ kind: 'group', id: `${groupPrefix}actors`, label: 'Actors', description: `${codebook.actors.length}`, children: typeNodes });
  if (codebook.topics.length) {
    groups.push({ kind: 'group', id: `${groupPrefix}topics`, label: 'Topics', description: `${codebook.topics.length}`, children: [...codebook.topics].sort(byId).map(entry) });
  }
  return groups;
}

const usesOf = (codebook: CodebookSummary) => total(codebook.actors) + total(codebook.topics);

/**
 * The whole tree: the groups of the one codebook, or one row per codebook when the workspace has several,
 * the most used first (open; the others closed), so a sample or test codebook does not push the corpus's own down.
 */
export function codebookTree(result: CodebookSummaryResult, relativePath: (uri: string) => string): CodebookNode[] {
  const codebooks = [...result.codebooks].sort((a, b) => usesOf(b) - usesOf(a) || compare(a.uri, b.uri));
  if (codebooks.length === 1) return codebookGroups(codebooks[0]);
  return codebooks.map((codebook, i) => ({ kind: 'codebook', uri: codebook.uri, label: relativePath(codebook.uri), open: i === 0, children: codebookGroups(codebook, `${codebook.uri}#`) }));
}

export const ENTRY_CONTEXT = { actor: 'standpoint.codebookActor', topic: 'standpoint.codebookTopic' } as const;

/** How a row looks. Labels and tooltips are plain strings (never Markdown): codebook names are user content. */
export function treeItem(node: CodebookNode): vscode.TreeItem {
  const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
  const expanded = vscode.TreeItemCollapsibleState.Expanded;
  switch (node.kind) {
    case 'codebook': {
      const item = new vscode.TreeItem(node.label, node.open ? expanded : collapsed);
      item.id = node.uri;
      item.resourceUri = vscode.Uri.parse(node.uri);
      item.iconPath = vscode.ThemeIcon.File;
      return item;
    }
    case 'group': {
      const topLevel = node.id.endsWith('actors') || node.id.endsWith('topics');
      const item = new vscode.TreeItem(node.label, topLevel ? expanded : collapsed);
      item.id = node.id;
      item.description = node.description;
      return item;
    }
    case 'entry': {
      const { entry } = node;
      const item = new vscode.TreeItem(entry.id, vscode.TreeItemCollapsibleState.None);
      item.id = `${node.uri}#${entry.kind}/${entry.id}`;
      item.description = [entry.label, uses(entry.uses)].filter(Boolean).join(' · ');
      item.tooltip = [
        entry.label ?? entry.id,
        entry.kind === 'actor' ? `actor${entry.type ? `, ${entry.type}` : ''}${entry.affiliation ? `, affiliated with ${entry.affiliation}` : ''}` : 'topic',
        `${uses(entry.uses)} in annotations`,
      ].join('\n');
      item.contextValue = ENTRY_CONTEXT[entry.kind];
      item.iconPath = new vscode.ThemeIcon(entry.kind === 'actor' ? 'person' : 'tag');
      item.command = { title: 'Reveal in Codebook', command: 'standpoint.codebook.reveal', arguments: [node] };
      return item;
    }
  }
}

/** Codebook entries with their uses, as the server counts them; asked again when results may have changed and the view is visible. */
export class CodebookTreeProvider implements vscode.TreeDataProvider<CodebookNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private roots: CodebookNode[] | undefined;

  constructor(
    private readonly load: () => Promise<CodebookSummaryResult>,
    private readonly relativePath: (uri: string) => string,
    private readonly onError: (message: string) => void,
  ) {}

  /** Forget the tree; VS Code asks again for what it shows. */
  refresh(): void {
    this.roots = undefined;
    this.changeEmitter.fire();
  }

  getTreeItem(node: CodebookNode): vscode.TreeItem {
    return treeItem(node);
  }

  async getChildren(node?: CodebookNode): Promise<CodebookNode[]> {
    if (node) return [...node.children];
    if (!this.roots) {
      try {
        this.roots = codebookTree(await this.load(), this.relativePath);
      } catch (error) {
        this.onError(error instanceof Error ? error.message : String(error));
        return [];
      }
    }
    return this.roots;
  }

  getParent(): undefined {
    return undefined;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
