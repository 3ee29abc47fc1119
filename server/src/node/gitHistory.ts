import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { EarlierArticle, EarlierArticleQuery } from '../service/articleHistory';
import { decodeText } from '../service/text/decode';
import { ANNOTATION_SUFFIX } from '../service/workspace';
import type { BlobReader, Git } from './git';

/**
 * The git record (docs/sentences.md, "When the article changes"): for an
 * annotation file that is unchanged since its last commit, the article as of
 * that commit, when the article changed after. Git is asked in a few batched
 * calls per repository (the index, HEAD, one walk of the history, one
 * look-up of every article's blob), so a large corpus costs a handful of
 * processes, not one per file. Files are compared by git blob id, computed
 * here from the bytes (no clean filters or textconv run), so a repository
 * that converts line ends or filters files is compared as well as it can be:
 * a file that does not hash to its blob counts as modified (no record).
 */

/** How far back the history is walked for an annotation file's last commit. */
const MAX_COMMITS = 20_000;

/** `mtime:ctime:inode:size` of a file, as the persisted index stamps files. */
export function stampOf(fsPath: string): string | undefined {
  try {
    const stat = statSync(fsPath);
    return stat.isFile() ? `${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}:${stat.size}` : undefined;
  } catch {
    return undefined;
  }
}

/** The git blob id of some bytes (what `git hash-object` prints, without filters). */
export function blobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** The blob ids a text may have been committed as: as it is, and with CRLF line ends made LF (autocrlf, eol=lf). */
function idsOfBytes(bytes: Buffer): string[] {
  const ids = [blobId(bytes)];
  if (bytes.includes(13)) ids.push(blobId(Buffer.from(bytes.toString('latin1').replace(/\r\n/g, '\n'), 'latin1')));
  return ids;
}

/** The blob ids of an editor's text (which has no BOM): with and without a BOM, as it is and with LF line ends. */
function idsOfText(text: string): string[] {
  return [...idsOfBytes(Buffer.from(text, 'utf8')), ...idsOfBytes(Buffer.from(`\ufeff${text}`, 'utf8'))];
}

/** Blob ids of files on disk, kept by stamp so an unchanged file is not read again (persisted with the record). */
export class FileHashes {
  private readonly byPath = new Map<string, { stamp: string; ids: string[] }>();
  changed = false;

  /** The file's blob ids, or undefined if it cannot be read. */
  of(fsPath: string): string[] | undefined {
    const stamp = stampOf(fsPath);
    if (!stamp) return undefined;
    const known = this.byPath.get(fsPath);
    if (known?.stamp === stamp) return known.ids;
    try {
      const ids = idsOfBytes(readFileSync(fsPath));
      // A file written within the clock's resolution could change again under the same stamp: not kept.
      const [mtime, ctime] = stamp.split(':').map(Number);
      if (Math.max(mtime, ctime) < Date.now() - 2000) {
        this.byPath.set(fsPath, { stamp, ids });
        this.changed = true;
      }
      return ids;
    } catch {
      return undefined;
    }
  }

  toJSON(): Record<string, { stamp: string; ids: string[] }> {
    return Object.fromEntries(this.byPath);
  }

  load(stored: unknown): void {
    if (typeof stored !== 'object' || stored === null) return;
    for (const [fsPath, entry] of Object.entries(stored as Record<string, unknown>)) {
      const value = entry as { stamp?: unknown; ids?: unknown };
      if (typeof value?.stamp === 'string' && Array.isArray(value.ids) && value.ids.every((id) => typeof id === 'string' && /^[0-9a-f]{40,64}$/.test(id))) {
        this.byPath.set(fsPath, { stamp: value.stamp, ids: value.ids as string[] });
      }
    }
  }
}

/** What one repository says about its annotation files. */
interface Snapshot {
  readonly top: string;
  /** Annotation files in the index (stage 0), by path relative to the top, with their blob. */
  readonly index: ReadonlyMap<string, string>;
  /** Annotation files in HEAD, with their blob. */
  readonly head: ReadonlyMap<string, string>;
  /** The last commit (first parents, newest first) that changed each annotation file. */
  readonly lastCommit: ReadonlyMap<string, string>;
  /** Blobs looked up, by `commit:path` (null: no such file at that commit). */
  readonly blobs: Map<string, string | null>;
  /** Blob texts read (by blob id). */
  readonly texts: Map<string, string | null>;
}

export interface GitHistoryOptions {
  /** Whether an editor holds a file open (its text then comes from the query, not disk). */
  readonly isOpen?: (uri: string) => boolean;
  readonly hashes?: FileHashes;
}

export class GitHistory {
  private readonly snapshots = new Map<string, Promise<Snapshot | undefined>>();
  /** One `git cat-file --batch` per repository, for the blobs of earlier articles. */
  private readonly blobReaders = new Map<string, BlobReader>();

  private blobReader(top: string): BlobReader {
    let reader = this.blobReaders.get(top);
    if (!reader) this.blobReaders.set(top, (reader = this.git.blobReader(top)));
    return reader;
  }
  private readonly hashes: FileHashes;
  private readonly isOpen: (uri: string) => boolean;

  constructor(
    private readonly git: Git,
    private readonly folders: () => readonly string[],
    options: GitHistoryOptions = {},
  ) {
    this.hashes = options.hashes ?? new FileHashes();
    this.isOpen = options.isOpen ?? (() => false);
  }

  /** Forgets what git said (after a commit, a checkout or a pull: the language server calls it when files change on disk). */
  invalidate(): void {
    this.snapshots.clear();
    for (const reader of this.blobReaders.values()) reader.dispose();
    this.blobReaders.clear();
  }

  private folderOf(fsPath: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.folders()) {
      const folderPath = URI.parse(folder).fsPath;
      if ((fsPath === folderPath || fsPath.startsWith(folderPath.endsWith(path.sep) ? folderPath : folderPath + path.sep)) && (!best || folderPath.length > best.length)) best = folderPath;
    }
    return best;
  }

  /** The pairs last prepared: a new snapshot (after `invalidate`) looks their blobs up again in one batch. */
  private prepared: readonly { readonly annotationUri: string; readonly articleUri: string }[] = [];

  private snapshot(folder: string): Promise<Snapshot | undefined> {
    let pending = this.snapshots.get(folder);
    if (!pending) {
      pending = this.takeSnapshot(folder)
        .then(async (snapshot) => {
          if (snapshot && this.prepared.length) await this.lookUpPairs(folder, snapshot, this.prepared);
          return snapshot;
        })
        .catch(() => undefined);
      this.snapshots.set(folder, pending);
    }
    return pending;
  }

  private async takeSnapshot(folder: string): Promise<Snapshot | undefined> {
    const repository = await this.git.repository(folder);
    // A shallow clone's oldest commits stand for history that is not there: no record from it.
    if (!repository || repository.shallow) return undefined;
    const top = repository.top;
    const [indexOut, headOut, logOut] = await Promise.all([
      this.git.run(top, ['ls-files', '--stage', '-z', '--full-name']),
      this.git.run(top, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD']),
      this.git.run(top, ['log', '--format=%x01%H', '--name-only', '-z', '--no-renames', '--first-parent', '-m', '--no-textconv', '--no-ext-diff', '-n', String(MAX_COMMITS), 'HEAD', '--']),
    ]);
    if (!indexOut || !headOut || !logOut) return undefined;
    const index = new Map<string, string>();
    const conflicted = new Set<string>();
    for (const entry of indexOut.toString('utf8').split('\0')) {
      // <mode> <blob> <stage>\t<path>
      const match = /^\d+ ([0-9a-f]+) (\d)\t(.*)$/s.exec(entry);
      if (!match || !match[3].endsWith(ANNOTATION_SUFFIX)) continue;
      if (match[2] !== '0') conflicted.add(match[3]);
      else index.set(match[3], match[1]);
    }
    for (const file of conflicted) index.delete(file);
    const head = new Map<string, string>();
    for (const entry of headOut.toString('utf8').split('\0')) {
      // <mode> blob <blob>\t<path>
      const match = /^\d+ blob ([0-9a-f]+)\t(.*)$/s.exec(entry);
      if (match && match[2].endsWith(ANNOTATION_SUFFIX)) head.set(match[2], match[1]);
    }
    const lastCommit = new Map<string, string>();
    for (const chunk of logOut.toString('utf8').split('\u0001')) {
      if (!chunk) continue;
      const [commit, ...names] = chunk.split('\0');
      for (const raw of names) {
        const name = raw.replace(/^\n/, '');
        if (name.endsWith(ANNOTATION_SUFFIX) && !lastCommit.has(name)) lastCommit.set(name, commit);
      }
    }
    return { top, index, head, lastCommit, blobs: new Map(), texts: new Map() };
  }

  private readonly realFolders = new Map<string, string>();

  /**
   * A file's path in its repository (with `/`), or undefined if it is not
   * inside the top folder. Git names the top by its real path: the workspace
   * folder's real path is looked up once (not every file's).
   */
  private relative(top: string, folder: string, fsPath: string): string | undefined {
    let real = this.realFolders.get(folder);
    if (real === undefined) {
      try {
        real = realpathSync.native(folder);
      } catch {
        real = folder;
      }
      this.realFolders.set(folder, real);
    }
    const relative = path.relative(top, path.join(real, path.relative(folder, fsPath)));
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    return relative.split(path.sep).join('/');
  }

  /** Looks up the blobs of several `commit:path` names in one `git cat-file --batch-check`. */
  private async lookUpBlobs(snapshot: Snapshot, names: readonly string[]): Promise<void> {
    const wanted = [...new Set(names)].filter((name) => !snapshot.blobs.has(name) && !/[\n\r]/.test(name));
    if (!wanted.length) return;
    const out = await this.git.run(snapshot.top, ['cat-file', '--batch-check'], `${wanted.join('\n')}\n`);
    const lines = out ? out.toString('utf8').split('\n') : [];
    wanted.forEach((name, k) => {
      const match = /^([0-9a-f]{40,64}) blob \d+$/.exec(lines[k] ?? '');
      snapshot.blobs.set(name, match ? match[1] : null);
    });
  }

  /**
   * Looks up, in one batch, the article blobs that the given annotation
   * files' last commits hold (the language server and the CLI call it once
   * the workspace is indexed, so each later question costs no process).
   */
  async prepare(pairs: readonly { readonly annotationUri: string; readonly articleUri: string }[]): Promise<void> {
    this.prepared = pairs;
    const folders = new Set(pairs.flatMap(({ annotationUri }) => this.folderOf(URI.parse(annotationUri).fsPath) ?? []));
    for (const folder of folders) {
      const snapshot = await this.snapshot(folder);
      if (snapshot) await this.lookUpPairs(folder, snapshot, pairs);
    }
  }

  /** The blobs of the articles at the last commits of the pairs' annotation files (those of one folder), in one batch. */
  private async lookUpPairs(folder: string, snapshot: Snapshot, pairs: readonly { readonly annotationUri: string; readonly articleUri: string }[]): Promise<void> {
    const names: string[] = [];
    for (const { annotationUri, articleUri } of pairs) {
      const annotationPath = URI.parse(annotationUri).fsPath;
      if (this.folderOf(annotationPath) !== folder) continue;
      const relF = this.relative(snapshot.top, folder, annotationPath);
      const relA = this.relative(snapshot.top, folder, URI.parse(articleUri).fsPath);
      const commit = relF && snapshot.lastCommit.get(relF);
      if (!commit || !relA || snapshot.head.get(relF!) !== snapshot.index.get(relF!)) continue;
      names.push(`${commit}:${relA}`);
    }
    await this.lookUpBlobs(snapshot, names);
  }

  /** The article as of the annotation file's last commit, if the file is unchanged since and the article changed after. */
  async earlier(query: EarlierArticleQuery): Promise<EarlierArticle | undefined> {
    const annotationPath = URI.parse(query.annotationUri).fsPath;
    const articlePath = URI.parse(query.articleUri).fsPath;
    const folder = this.folderOf(annotationPath);
    if (!folder) return undefined;
    const snapshot = await this.snapshot(folder);
    if (!snapshot) return undefined;
    const relF = this.relative(snapshot.top, folder, annotationPath);
    const relA = this.relative(snapshot.top, folder, articlePath);
    if (!relF || !relA) return undefined;
    const committed = snapshot.head.get(relF);
    // Unchanged since its last commit: HEAD, the index and the text all agree.
    if (!committed || snapshot.index.get(relF) !== committed) return undefined;
    const commit = snapshot.lastCommit.get(relF);
    if (!commit) return undefined;
    const annotationIds = await this.idsOf(query.annotationUri, annotationPath, query.annotationText);
    if (!annotationIds?.includes(committed)) return undefined;
    const name = `${commit}:${relA}`;
    if (!snapshot.blobs.has(name)) await this.lookUpBlobs(snapshot, [name]);
    const then = snapshot.blobs.get(name);
    if (!then) return undefined;
    const articleIds = await this.idsOf(query.articleUri, articlePath, query.articleText);
    if (!articleIds || articleIds.includes(then)) return undefined;
    const text = await this.blobText(snapshot, then);
    return text === undefined ? undefined : { text, source: 'git', since: `this file's last commit (${commit.slice(0, 7)})` };
  }

  private async idsOf(uri: string, fsPath: string, text: () => Promise<string | undefined>): Promise<string[] | undefined> {
    if (this.isOpen(uri)) {
      const open = await text();
      return open === undefined ? undefined : idsOfText(open);
    }
    return this.hashes.of(fsPath);
  }

  /** A blob's text (no filters: `cat-file blob`), decoded as the service decodes files. */
  private async blobText(snapshot: Snapshot, blob: string): Promise<string | undefined> {
    if (!snapshot.texts.has(blob)) {
      const out = await this.blobReader(snapshot.top).read(blob);
      const decoded = out ? decodeText(out) : undefined;
      snapshot.texts.set(blob, decoded?.kind === 'text' ? decoded.text : null);
    }
    return snapshot.texts.get(blob) ?? undefined;
  }
}
