import type { TextDocuments, WorkspaceEdit, TextDocumentEdit, CreateFile } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { normalizeUri } from '../service/workspace';

/** The version of each open document (by normalized URI), taken when a request arrives. */
export type OpenVersions = ReadonlyMap<string, number>;

/**
 * The versions of the open documents now. Take them before computing an edit:
 * a change that arrives while the edit is computed must not lend it its newer
 * version (the edit may have been computed from the older text).
 */
export function openVersions(documents: TextDocuments<TextDocument>): OpenVersions {
  return new Map(documents.all().map((document) => [normalizeUri(document.uri), document.version]));
}

/**
 * Turns the service's `changes` into `documentChanges` that carry the version
 * of each open document, so a client refuses to apply an edit computed for an
 * older text to a newer one (and a user's unsaved typing is never clobbered).
 */
export function versioned(edit: WorkspaceEdit, versions: OpenVersions, supportsDocumentChanges: boolean): WorkspaceEdit {
  if (!supportsDocumentChanges || !edit.changes) return edit;
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [...((edit.documentChanges ?? []) as (TextDocumentEdit | CreateFile)[])];
  for (const [uri, edits] of Object.entries(edit.changes)) {
    documentChanges.push({ textDocument: { uri, version: versions.get(normalizeUri(uri)) ?? null }, edits });
  }
  return { documentChanges };
}
