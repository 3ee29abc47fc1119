import { SymbolKind, type DocumentSymbol, type WorkspaceSymbol } from 'vscode-languageserver-types';
import type { WorkspaceIndex } from '../workspaceIndex/workspaceIndex';
import type { CodebookModel } from '../model/codebook';
import { resolvedAnnotations } from './resolution';
import { involvedActors } from './mentions';
import { truncate } from '../text/truncate';
import { throwIfCancelled, type CancellationSignal } from '../cancellation';

/** Outline: each annotation of a file; in a codebook, actors, topics and stances grouped. */
export async function documentSymbols(index: WorkspaceIndex, uri: string): Promise<DocumentSymbol[]> {
  if (index.isAnnotationFile(uri)) {
    const context = await index.annotationContext(uri);
    if (!context) return [];
    const map = context.model.lineMap;
    return resolvedAnnotations(context).map(({ annotation, sentence }) => {
      const where = sentence ? `s${sentence.n}` : annotation.sentence ? `s${annotation.sentence.value}` : annotation.quote ? `“${truncate(annotation.quote.value, 30)}”` : `#${annotation.index + 1}`;
      const actors = involvedActors(annotation)
        .map((a) => a.value)
        .join(', ');
      const stances = annotation.stances
        .filter((s) => s.actor && s.stance && s.toward)
        .map((s) => `${s.actor!.value} ${s.stance!.value} ${s.toward!.value}`)
        .join('; ');
      const name = [where, actors, stances].filter(Boolean).join(' · ');
      const selection = annotation.id?.span ?? annotation.sentence?.span ?? annotation.quote?.span ?? annotation.span;
      return {
        name,
        detail: annotation.id?.value ?? (annotation.note ? truncate(annotation.note.value, 60) : undefined),
        kind: SymbolKind.Object,
        range: map.rangeOf(annotation.span),
        selectionRange: map.rangeOf(selection),
      };
    });
  }
  if (index.isCodebook(uri)) {
    const { model } = await index.codebookModel(uri);
    return model ? codebookSymbols(model) : [];
  }
  return [];
}

function codebookSymbols(model: CodebookModel): DocumentSymbol[] {
  const map = model.lineMap;
  const groups: DocumentSymbol[] = [];
  const group = (key: string, name: string, children: DocumentSymbol[]) => {
    const entry = model.topLevel.get(key);
    if (!entry || !children.length) return;
    const range = map.rangeOf({ start: entry.keySpan.start, end: Math.max(entry.keySpan.end, entry.valueSpan.end) });
    groups.push({ name, kind: SymbolKind.Namespace, range, selectionRange: map.rangeOf(entry.keySpan), children });
  };
  group(
    'actors',
    'Actors',
    [...model.actors.values()].map((actor) => ({
      name: actor.id,
      detail: [actor.name?.value, actor.type?.value].filter(Boolean).join(' · '),
      kind: SymbolKind.Class,
      range: map.rangeOf(actor.span),
      selectionRange: map.rangeOf(actor.keySpan),
    })),
  );
  group(
    'topics',
    'Topics',
    [...model.topics.values()].map((topic) => ({
      name: topic.id,
      detail: topic.label?.value,
      kind: SymbolKind.Enum,
      range: map.rangeOf(topic.span),
      selectionRange: map.rangeOf(topic.keySpan),
    })),
  );
  group(
    'stances',
    'Stances',
    [...model.stances.values()].flatMap((stance) =>
      stance.keySpan
        ? [
            {
              name: stance.id,
              detail: `${stance.label} (${stance.polarity > 0 ? '+' : ''}${stance.polarity})`,
              kind: SymbolKind.EnumMember,
              range: map.rangeOf(stance.keySpan),
              selectionRange: map.rangeOf(stance.keySpan),
            },
          ]
        : [],
    ),
  );
  return groups;
}

/** Workspace symbols: actors and topics of every codebook, matched by id, name, label or alias. */
export async function workspaceSymbols(index: WorkspaceIndex, query: string, token?: CancellationSignal): Promise<WorkspaceSymbol[]> {
  // Every annotation file must be resolved to know every codebook; a cancelled request stops between two of them.
  await index.resolveAll(() => throwIfCancelled(token));
  const wanted = query.trim().toLowerCase();
  const matches = (...texts: (string | undefined)[]) => !wanted || texts.some((t) => t && fuzzyIncludes(t.toLowerCase(), wanted));
  const symbols: WorkspaceSymbol[] = [];
  for (const uri of index.codebookFiles().sort()) {
    const { model } = await index.codebookModel(uri);
    throwIfCancelled(token);
    if (!model) continue;
    for (const actor of model.actors.values()) {
      if (matches(actor.id, actor.name?.value, ...actor.aliases.map((a) => a.value))) {
        symbols.push({ name: actor.id, kind: SymbolKind.Class, containerName: actor.name?.value, location: { uri, range: model.lineMap.rangeOf(actor.keySpan) } });
      }
    }
    for (const topic of model.topics.values()) {
      if (matches(topic.id, topic.label?.value)) {
        symbols.push({ name: topic.id, kind: SymbolKind.Enum, containerName: topic.label?.value, location: { uri, range: model.lineMap.rangeOf(topic.keySpan) } });
      }
    }
  }
  return symbols;
}

/** Characters of `query` appear in `text` in order (VS Code's own symbol filter is similar). */
function fuzzyIncludes(text: string, query: string): boolean {
  let at = 0;
  for (const ch of query) {
    at = text.indexOf(ch, at);
    if (at === -1) return false;
    at++;
  }
  return true;
}
