import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { createLanguageService, type ArticleHistory, type LanguageService } from '../service/index';
import { DiskWorkspace } from '../node/diskWorkspace';
import { workerIndexer } from '../node/workerIndexer';
import { buildIdentity, cacheDisabledByEnvironment, defaultCacheDirectory, persistentIndexer } from '../node/indexStore';
import { isInside, normalizeUri } from '../service/workspace';
import { UsageError } from './args';

/** What `check` and `export` are run on: the folders and files given, and the workspace they are read in. */
export interface Targets {
  /** Folders given (URIs). */
  readonly folders: readonly string[];
  /** Files given (URIs). */
  readonly files: readonly string[];
  /** The workspace: the folders given (or the current folder), or --workspace; nothing outside it is read. */
  readonly workspaceFolders: readonly string[];
  /** --workspace as given. */
  readonly explicitWorkspace?: string;
}

/** Resolves PATH… (default: the current folder) and --workspace. */
export async function resolveTargets(positional: readonly string[], explicitWorkspace: string | undefined, cwd: string): Promise<Targets> {
  const targets = positional.length ? positional : ['.'];
  const folders: string[] = [];
  const files: string[] = [];
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw new UsageError(`no such file or folder: ${target}`);
    if (stat.isDirectory()) folders.push(URI.file(absolute).toString());
    else files.push(URI.file(absolute).toString());
  }
  // Files alone are read within the current folder (or their own folder if outside it).
  let workspaceFolders = folders.length ? [...folders] : [URI.file(cwd).toString()];
  if (explicitWorkspace !== undefined) {
    const absolute = path.resolve(cwd, explicitWorkspace);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat?.isDirectory()) throw new UsageError(`--workspace must be a folder: ${explicitWorkspace}`);
    workspaceFolders = [URI.file(absolute).toString()];
    for (const target of [...folders, ...files]) {
      if (!isInside(workspaceFolders[0], target)) throw new UsageError(`${displayFile(target, cwd)} is outside the workspace ${explicitWorkspace}`);
    }
  }
  for (const file of files) {
    if (!workspaceFolders.some((folder) => isInside(folder, file))) workspaceFolders.push(URI.file(path.dirname(URI.parse(file).fsPath)).toString());
  }
  return { folders, files, workspaceFolders, ...(explicitWorkspace !== undefined && { explicitWorkspace }) };
}

export interface ServiceIo {
  /** The running bundle, to start indexing worker threads from (none in tests run from sources). */
  readonly workerScript?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** A language service over the workspace, indexing large ones in worker threads and keeping what it learned in the persisted index. */
export function openService(targets: Targets, io: ServiceIo, version: string, noCache: boolean, articleHistory?: ArticleHistory): LanguageService {
  const workers = io.workerScript ? workerIndexer(io.workerScript) : undefined;
  const persist = workers && !noCache && !cacheDisabledByEnvironment(io.env);
  const indexer = persist ? persistentIndexer({ directory: defaultCacheDirectory(io.env), build: buildIdentity(version, io.workerScript) }, workers) : workers;
  return createLanguageService({ workspace: new DiskWorkspace([...targets.workspaceFolders]), indexer, articleHistory });
}

/**
 * The checked files the targets name: every annotation file and codebook in the folders given, the files
 * given, and for an article given, the annotation files that annotate it. The service must be initialized.
 */
export async function selectedFiles(service: LanguageService, targets: Targets): Promise<Set<string>> {
  const selected = new Set<string>();
  for (const uri of service.checkedFiles()) if (targets.folders.some((folder) => isInside(folder, uri))) selected.add(uri);
  for (const file of targets.files.map(normalizeUri)) {
    const related = await service.relatedFiles(file);
    if (related.kind === 'annotations' || related.kind === 'codebook') {
      selected.add(file);
    } else {
      // An article: the annotation files that annotate it.
      for (const uri of related.annotationFiles) selected.add(uri);
    }
  }
  return selected;
}

export function displayFile(uri: string, cwd: string): string {
  const fsPath = URI.parse(uri).fsPath;
  const relative = path.relative(cwd, fsPath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : fsPath;
}
