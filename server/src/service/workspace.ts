import { URI, Utils } from 'vscode-uri';

/**
 * What the language service needs from the world: the workspace folders and
 * file contents. The LSP adapter implements it over open documents and disk,
 * the CLI over disk, tests in memory. Implementations must never return the
 * contents of a file outside `folders` (checking real paths, so a symlink
 * cannot lead out).
 */
export interface Workspace {
  /** Workspace folder URIs. Nothing outside them is ever read. */
  readonly folders: readonly string[];
  /** Reads a file: the open editor text if there is one, else disk. */
  read(uri: string, maxBytes: number): Promise<ReadResult>;
  /** Every `*.stance.yaml` and `codebook.yaml` under the folders (skipping node_modules and .git). */
  findFiles(): Promise<string[]>;
  /** Every text file (`.txt`, `.md`, …) under the folders, for completing `article:` paths. */
  findArticles?(): Promise<string[]>;
  /** Whether an editor holds the file open (its text may differ from disk, which bulk indexers read). */
  isOpen?(uri: string): boolean;
  /** Told when a file changed, so a workspace can drop what it cached about it. */
  changed?(uri: string): void;
}

export type ReadResult =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'missing' }
  | { readonly kind: 'directory' }
  | { readonly kind: 'tooLarge'; readonly size: number }
  | { readonly kind: 'binary'; readonly reason: string }
  /** The path is inside a folder, but a symlink on the way leads outside it. */
  | { readonly kind: 'outside'; readonly target: string }
  | { readonly kind: 'unreadable'; readonly reason: string };

export const ANNOTATION_SUFFIX = '.stance.yaml';
export const CODEBOOK_NAME = 'codebook.yaml';

export function normalizeUri(uri: string): string {
  return URI.parse(uri).toString();
}

export function basename(uri: string): string {
  return Utils.basename(URI.parse(uri));
}

export function dirname(uri: string): string {
  return Utils.dirname(URI.parse(uri)).toString();
}

export function isAnnotationFileName(uri: string): boolean {
  return basename(uri).endsWith(ANNOTATION_SUFFIX);
}

export function isCodebookFileName(uri: string): boolean {
  return basename(uri) === CODEBOOK_NAME;
}

/** True when `uri` is `folder` or lies below it. */
export function isInside(folder: string, uri: string): boolean {
  const a = URI.parse(folder);
  const b = URI.parse(uri);
  if (a.scheme !== b.scheme || a.authority !== b.authority) return false;
  const base = a.path.endsWith('/') ? a.path : `${a.path}/`;
  return b.path === a.path || b.path.startsWith(base);
}

export function containingFolder(folders: readonly string[], uri: string): string | undefined {
  let best: string | undefined;
  for (const folder of folders) {
    if (isInside(folder, uri) && (!best || folder.length > best.length)) best = folder;
  }
  return best;
}

export type ResolvedReference = { readonly kind: 'inside'; readonly uri: string } | { readonly kind: 'outside'; readonly uri: string };

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Resolves a path written in a YAML file (relative to that file). Backslashes
 * are read as separators, since corpora travel between Windows and Unix; an
 * absolute path or a drive letter is taken as written.
 */
export function resolveReference(fromUri: string, written: string, folders: readonly string[]): ResolvedReference {
  // A lone surrogate (possible in editor text) cannot be percent-encoded: URI.toString would throw.
  const value = written.replace(LONE_SURROGATE, '\ufffd').trim().replace(/\\/g, '/');
  const from = URI.parse(fromUri);
  let target: URI;
  if (value.startsWith('//')) {
    // A UNC path (\\server\share\…) names another machine: outside by definition, never read.
    const [host, ...rest] = value.replace(/^\/+/, '').split('/');
    target = URI.from({ scheme: from.scheme, authority: host || 'unc', path: `/${rest.join('/')}` });
  } else if (/^[a-zA-Z]:\//.test(value) || value.startsWith('/')) {
    target = from.with({ path: value.startsWith('/') ? value : `/${value}` });
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    // A URI such as file:///etc/passwd or https://…: never fetched, and outside by definition unless it is inside a folder.
    target = URI.parse(value);
  } else {
    target = Utils.resolvePath(Utils.dirname(from), value);
  }
  const uri = target.toString();
  return containingFolder(folders, uri) ? { kind: 'inside', uri } : { kind: 'outside', uri };
}

/** A path from one file to another, with `/`, for writing into YAML. */
export function relativePath(fromDirUri: string, toUri: string): string {
  const from = URI.parse(fromDirUri).path.split('/').filter(Boolean);
  const to = URI.parse(toUri).path.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length && from[common] === to[common]) common++;
  const parts = [...from.slice(common).map(() => '..'), ...to.slice(common)];
  return parts.join('/') || '.';
}

/** Shows a file URI as a path relative to its workspace folder, for messages. */
export function displayPath(uri: string, folders: readonly string[]): string {
  const folder = containingFolder(folders, uri);
  const parsed = URI.parse(uri);
  if (!folder) return parsed.scheme === 'file' ? parsed.fsPath : uri;
  return relativePath(folder, uri);
}
