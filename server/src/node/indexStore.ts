import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { BulkIndexer, IndexedFile } from '../service/index';
import { wellFormedSummary, type FileSummary } from '../service/workspaceIndex/summary';

/**
 * The persisted index: what the last run learned about each annotation file
 * (its diagnostics and summary), with the modification stamps of the file
 * and of everything it depends on (article, codebook, codebook candidates).
 * On the next start, a file whose stamps all still match is not read at all.
 *
 * It is a cache, never a source of truth: any doubt (another Standpoint
 * build, other folders, a damaged or foreign file, a stamp that differs or is
 * too recent to trust) means the file is checked again.
 */

/** Bumped whenever the stored shape or the meaning of its contents changes. */
const FORMAT = 6;
/**
 * A file modified this close to (or after) the start of indexing may have
 * changed while it was read, so its result is not stored. File systems with
 * whole-second (or two-second) times get the wider margin.
 */
const RACY_MS = 20;
const RACY_COARSE_MS = 2000;
/** Files larger than this are not loaded (a corrupt or hostile cache must not exhaust memory). */
const MAX_STORE_BYTES = 512 * 1024 * 1024;

/**
 * `mtime:ctime:inode:size` of a file, `-` for a missing one. The change time
 * cannot be set back by tools that preserve modification times (cp -p, rsync
 * -t), and a replaced file gets another inode.
 */
type Stamp = string;

export interface StoredFile {
  readonly stamps: Record<string, Stamp>;
  readonly result: IndexedFile;
}

/** The packed arrays of a summary, stored as JSON arrays. */
const PACKED = ['uses', 'stances', 'annotations', 'entries'] as const;
type PackedKey = (typeof PACKED)[number];

/** A summary as stored: its packed arrays as JSON arrays. */
type StoredSummary = Omit<FileSummary, PackedKey> & { readonly [K in PackedKey]: number[] };

interface PackedFile {
  readonly stamps: Record<string, Stamp>;
  readonly uri: string;
  readonly diagnostics: Diagnostic[];
  readonly summary: StoredSummary;
}

function pack(entry: StoredFile): PackedFile {
  const summary = entry.result.summary!;
  const stored = { ...summary } as Record<string, unknown>;
  for (const key of PACKED) stored[key] = Array.from(summary[key]);
  return { stamps: entry.stamps, uri: entry.result.uri, diagnostics: entry.result.diagnostics, summary: stored as StoredSummary };
}

/** Unpacks a stored entry; undefined if it is not what `pack` writes. */
function unpack(packed: PackedFile): StoredFile | undefined {
  const stored = packed.summary;
  if (!stored || typeof stored !== 'object' || !Array.isArray(packed.diagnostics)) return undefined;
  if (!PACKED.every((key) => Array.isArray(stored[key]) && stored[key].every(Number.isInteger))) return undefined;
  if (stored.uri !== packed.uri || !Array.isArray(stored.dependencies) || !Array.isArray(stored.usedIds) || typeof stored.annotationsByActor !== 'object' || stored.annotationsByActor === null)
    return undefined;
  const unpacked = { ...stored } as Record<string, unknown>;
  for (const key of PACKED) unpacked[key] = Int32Array.from(stored[key]);
  const summary = unpacked as unknown as FileSummary;
  if (!wellFormedSummary(summary)) return undefined;
  return { stamps: packed.stamps, result: { uri: packed.uri, diagnostics: packed.diagnostics, summary } };
}

interface StoreFile {
  readonly format: number;
  readonly key: string;
  readonly files: Record<string, PackedFile>;
}

export interface IndexStoreOptions {
  /** Folder the index files are kept in (one file per workspace and Standpoint build). */
  readonly directory: string;
  readonly folders: readonly string[];
  /** Identifies the build: the version and the running bundle's stamp, so a rebuilt Standpoint never trusts an older index. */
  readonly build: string;
  /** Clock for "too recent to trust" (tests). */
  readonly now?: () => number;
}

/** Where indexes are kept unless configured: the user's cache folder. */
export function defaultCacheDirectory(env: NodeJS.ProcessEnv = process.env): string {
  if (env.STANDPOINT_CACHE_DIR) return env.STANDPOINT_CACHE_DIR;
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'standpoint', 'cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'standpoint');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'standpoint');
}

/** The build identity of the running bundle: its version and the bundle file's stamp. */
export function buildIdentity(version: string, script: string | undefined): string {
  return `${version}|${script ? stampOf(script) : 'sources'}`;
}

function stampOf(fsPath: string): Stamp {
  try {
    const stat = statSync(fsPath);
    return `${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}:${stat.size}`;
  } catch {
    return '-';
  }
}

/** Whether a file's last change may have come after `startedAt` (allowing for the file system's time resolution). */
function changedSince(stamp: Stamp, startedAt: number): boolean {
  if (stamp === '-') return false;
  const [mtime, ctime] = stamp.split(':').map(Number);
  const latest = Math.max(mtime, ctime);
  const margin = mtime % 1000 === 0 && ctime % 1000 === 0 ? RACY_COARSE_MS : RACY_MS;
  return latest >= startedAt - margin;
}

export class IndexStore {
  readonly file: string;
  private readonly key: string;
  private readonly now: () => number;
  private stored: Record<string, PackedFile> = {};
  /** Entries unpacked so far (each is unpacked at most once). */
  private readonly unpacked = new Map<string, StoredFile | undefined>();
  /** Stamps looked up during this run (a codebook is a dependency of many files). */
  private readonly stamps = new Map<string, Stamp>();

  constructor(private readonly options: IndexStoreOptions) {
    const folders = [...options.folders].sort();
    this.key = JSON.stringify({ build: options.build, folders });
    const name = createHash('sha256').update(this.key).digest('hex').slice(0, 24);
    this.file = path.join(options.directory, `index-${name}.json`);
    this.now = options.now ?? Date.now;
  }

  /** Reads the stored index; anything unreadable or foreign is ignored (the files are simply checked). */
  load(): number {
    this.stored = {};
    this.unpacked.clear();
    try {
      if (statSync(this.file).size > MAX_STORE_BYTES) return 0;
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<StoreFile>;
      if (parsed.format === FORMAT && parsed.key === this.key && parsed.files && typeof parsed.files === 'object') this.stored = parsed.files;
    } catch {
      // missing or damaged: start empty
    }
    return Object.keys(this.stored).length;
  }

  private currentStamp(uri: string): Stamp {
    let stamp = this.stamps.get(uri);
    if (stamp === undefined) {
      const parsed = URI.parse(uri);
      stamp = parsed.scheme === 'file' ? stampOf(parsed.fsPath) : '-';
      this.stamps.set(uri, stamp);
    }
    return stamp;
  }

  /** The stored entry for a file, if the file and everything it depends on are unchanged since. */
  lookup(uri: string): StoredFile | undefined {
    const packed = Object.prototype.hasOwnProperty.call(this.stored, uri) ? this.stored[uri] : undefined;
    if (!packed || typeof packed !== 'object' || typeof packed.stamps !== 'object' || packed.stamps === null || packed.uri !== uri) return undefined;
    if (!Object.prototype.hasOwnProperty.call(packed.stamps, uri)) return undefined;
    for (const [dependency, stamp] of Object.entries(packed.stamps)) if (this.currentStamp(dependency) !== stamp) return undefined;
    if (!this.unpacked.has(uri)) this.unpacked.set(uri, unpack(packed));
    return this.unpacked.get(uri);
  }

  /** Whether the stored index holds exactly these entries already (then there is nothing to write). */
  holds(entries: ReadonlyMap<string, StoredFile>): boolean {
    const stored = Object.keys(this.stored);
    return stored.length === entries.size && stored.every((uri) => entries.get(uri) !== undefined && entries.get(uri) === this.unpacked.get(uri));
  }

  /**
   * Stamps a batch of fresh results for saving. Their stamps are taken now,
   * after they were computed (a file shared by several results, such as the
   * codebook or an article, is looked up once per batch); a file modified since
   * `startedAt` (less a margin for coarse clocks) may have changed under the
   * check, so such results are not kept.
   */
  stampResults(results: readonly IndexedFile[], startedAt: number): StoredFile[] {
    this.stamps.clear();
    const stamped: StoredFile[] = [];
    for (const result of results) {
      const entry = this.stampResult(result, startedAt);
      if (entry) stamped.push(entry);
    }
    return stamped;
  }

  private stampResult(result: IndexedFile, startedAt: number): StoredFile | undefined {
    if (!result.summary) return undefined;
    const stamps: Record<string, Stamp> = {};
    for (const uri of [result.uri, ...result.summary.dependencies]) {
      const stamp = this.currentStamp(uri);
      if (changedSince(stamp, startedAt)) return undefined;
      stamps[uri] = stamp;
    }
    return { stamps, result };
  }

  /**
   * Starts replacing the stored index: entries are written to a temporary
   * file as they are added (while the rest of the workspace is still being
   * indexed), and the file takes the index's place only on `commit`, so a
   * crash or an abandoned run leaves the old index.
   */
  replace(): IndexWriter {
    return new IndexWriter(this.options.directory, this.file, `{"format":${FORMAT},"key":${JSON.stringify(this.key)},"files":{`);
  }

  /** How long ago (ms) relative to this store's clock; for tests. */
  get clock(): () => number {
    return this.now;
  }
}

/** Writes a stored index entry by entry; any failure (a read-only or full disk) only costs the next start its head start. */
export class IndexWriter {
  private fd: number | undefined;
  private readonly temporary: string;
  private separator = '';
  private committed = false;

  constructor(
    directory: string,
    private readonly file: string,
    head: string,
  ) {
    this.temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      this.fd = openSync(this.temporary, 'w', 0o600);
      writeSync(this.fd, head);
    } catch {
      this.abort();
    }
  }

  add(entries: Iterable<StoredFile>): void {
    if (this.fd === undefined) return;
    let text = '';
    for (const entry of entries) {
      text += `${this.separator}${JSON.stringify(entry.result.uri)}:${JSON.stringify(pack(entry))}`;
      this.separator = ',';
    }
    try {
      if (text) writeSync(this.fd, text);
    } catch {
      this.abort();
    }
  }

  commit(): void {
    if (this.fd === undefined) return;
    try {
      writeSync(this.fd, '}}');
      closeSync(this.fd);
      this.fd = undefined;
      renameSync(this.temporary, this.file);
      this.committed = true;
    } catch {
      this.abort();
    }
  }

  /** Drops what was written unless it was committed (nothing replaces the stored index). */
  abort(): void {
    if (this.committed) return;
    try {
      if (this.fd !== undefined) closeSync(this.fd);
    } catch {
      // already closed
    }
    this.fd = undefined;
    try {
      unlinkSync(this.temporary);
    } catch {
      // nothing was written
    }
  }
}

export interface PersistenceOptions {
  readonly directory: string;
  readonly build: string;
  readonly now?: () => number;
}

/**
 * Wraps a bulk indexer with the persisted index: unchanged files come from
 * the store at once, the rest from `inner`; afterwards the store holds the
 * results of this run for the files indexed (files gone are forgotten).
 */
export function persistentIndexer(options: PersistenceOptions, inner: BulkIndexer): BulkIndexer {
  return async function* index(uris, folders) {
    const store = new IndexStore({ ...options, folders });
    const startedAt = store.clock();
    store.load();
    const keep = new Map<string, StoredFile>();
    const fresh: string[] = [];
    const reused: IndexedFile[] = [];
    for (const uri of uris) {
      const entry = store.lookup(uri);
      if (entry) {
        reused.push(entry.result);
        keep.set(uri, entry);
      } else {
        fresh.push(uri);
      }
    }
    // Written as results come in, so that saving costs little once the last file is indexed.
    const writer = fresh.length || !store.holds(keep) ? store.replace() : undefined;
    try {
      writer?.add(keep.values());
      if (reused.length) yield reused;
      if (fresh.length) {
        for await (const batch of inner(fresh, folders)) {
          writer?.add(store.stampResults(batch, startedAt));
          yield batch;
        }
      }
      writer?.commit();
    } finally {
      writer?.abort(); // after a commit there is nothing left to drop
    }
  };
}

/** Whether the environment turns the persisted index off (STANDPOINT_NO_CACHE=1). */
export function cacheDisabledByEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.STANDPOINT_NO_CACHE && env.STANDPOINT_NO_CACHE !== '0');
}
