import type { Diagnostic, Hover, Location, Position } from 'vscode-languageserver-types';
import { DEFAULT_LIMITS, WorkspaceIndex, type ServiceLimits } from './index/workspaceIndex';
import { computeDiagnostics } from './features/diagnostics';
import { hover } from './features/hover';
import { definition } from './features/definition';
import { normalizeUri, type Workspace } from './workspace';

export interface LanguageServiceOptions {
  readonly workspace: Workspace;
  readonly limits?: Partial<ServiceLimits>;
}

export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

export interface LanguageService {
  readonly index: WorkspaceIndex;
  /** Finds and resolves every annotation file; returns every file that has diagnostics to report. */
  initialize(onProgress?: (done: number, total: number) => Promise<void> | void): Promise<string[]>;
  /** Files that are checked: annotation files and codebooks. */
  checkedFiles(): string[];
  /** Forget cached contents of changed files; returns the files to re-check. */
  changed(uris: Iterable<string>): Set<string>;
  /** Diagnostics of the given files and of the codebooks their annotation files now use. */
  check(uris: Iterable<string>, token?: CancellationSignal): Promise<Map<string, Diagnostic[]>>;
  diagnostics(uri: string): Promise<Diagnostic[]>;
  hover(uri: string, position: Position): Promise<Hover | undefined>;
  definition(uri: string, position: Position): Promise<Location[]>;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const index = new WorkspaceIndex(options.workspace, { ...DEFAULT_LIMITS, ...options.limits });

  const service: LanguageService = {
    index,

    async initialize(onProgress) {
      await index.resolveAll(onProgress);
      return service.checkedFiles();
    },

    checkedFiles() {
      return [...new Set([...index.annotationFiles, ...index.codebookFiles()])].sort();
    },

    changed(uris) {
      const affected = new Set<string>();
      for (const uri of uris) for (const file of index.invalidate(uri)) affected.add(file);
      return affected;
    },

    async check(uris, token) {
      const results = new Map<string, Diagnostic[]>();
      const requested = [...new Set([...uris].map(normalizeUri))];
      const codebooks = new Set<string>();
      // Annotation files first: resolving them tells which codebooks they use now.
      for (const uri of requested) {
        if (token?.isCancellationRequested) return results;
        if (index.isCodebook(uri) && !index.isAnnotationFile(uri)) {
          codebooks.add(uri);
          continue;
        }
        results.set(uri, await computeDiagnostics(index, uri));
        const context = index.cachedContext(uri);
        if (context?.codebook.uri) codebooks.add(context.codebook.uri);
      }
      for (const uri of codebooks) {
        if (token?.isCancellationRequested) return results;
        results.set(uri, await computeDiagnostics(index, uri));
      }
      return results;
    },

    diagnostics(uri) {
      return computeDiagnostics(index, normalizeUri(uri));
    },

    hover(uri, position) {
      return hover(index, normalizeUri(uri), position);
    },

    definition(uri, position) {
      return definition(index, normalizeUri(uri), position);
    },
  };
  return service;
}

export type { Workspace, ReadResult } from './workspace';
export { InMemoryWorkspace } from './inMemoryWorkspace';
export { segmentSentences, type SentenceSpan, type SegmentationOptions } from './segmentation';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './problems';
