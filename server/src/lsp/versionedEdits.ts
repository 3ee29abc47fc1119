import type { TextDocuments, WorkspaceEdit, TextDocumentEdit, CreateFile } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/**
 * Turns the service's `changes` into `documentChanges` that carry the version
 * of each open document, so a client refuses to apply an edit computed for an
 * older text to a newer one (and a user's unsaved typing is never clobbered).
 */
export function versioned(edit: WorkspaceEdit, documents: TextDocuments<TextDocument>, supportsDocumentChanges: boolean): WorkspaceEdit {
  if (!supportsDocumentChanges || !edit.changes) return edit;
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [...((edit.documentChanges ?? []) as (TextDocumentEdit | CreateFile)[])];
  for (const [uri, edits] of Object.entries(edit.changes)) {
    documentChanges.push({ textDocument: { uri, version: documents.get(uri)?.version ?? null }, edits });
  }
  return { documentChanges };
}
