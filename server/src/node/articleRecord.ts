import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CleanCheck, EarlierArticle, EarlierArticleQuery } from '../service/articleHistory';
import { FileHashes, stampOf } from './gitHistory';

/**
 * Standpoint's own record (docs/sentences.md, "When the article changes"):
 * for each annotation file, the article text it agreed with at its last
 * clean check (no sentence had moved), and which of its annotations held
 * then (by anchor: sentence number, id and quote). When the article has
 * changed since, those annotations are mapped from that text to the current
 * one; an annotation changed since (its number set by hand, say) is taken as
 * written.
 *
 * Kept beside the persisted index, in one folder per set of workspace
 * folders (not per build: a new Standpoint must not forget it): `record.json`
 * and each article text once, named by its hash. In memory only when there
 * is no folder to keep it in. Losing it loses nothing but this warning.
 */

const FORMAT = 1;
/** A record larger than this is not loaded (damaged or hostile). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

interface FileEntry {
  readonly article: string;
  /** The article text's id (see textId). */
  readonly version: string;
  readonly segmentation: string;
  /** Hashes of the anchors of the annotations that held. */
  readonly anchors: readonly string[];
}

interface ArticleEntry {
  /** The article file's stamp when its version was last taken (so an unchanged file is not read). */
  readonly stamp: string;
  readonly version: string;
}

interface RecordFile {
  readonly format: number;
  readonly folders: readonly string[];
  readonly files: Record<string, FileEntry>;
  readonly articles: Record<string, ArticleEntry>;
  readonly hashes?: unknown;
}

function textId(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 40);
}

function anchorHash(anchor: string): string {
  return createHash('sha1').update(anchor).digest('base64url').slice(0, 16);
}

function wellFormedFile(entry: unknown): entry is FileEntry {
  const value = entry as FileEntry;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.article === 'string' &&
    typeof value.version === 'string' &&
    /^[0-9a-f]{40}$/.test(value.version) &&
    typeof value.segmentation === 'string' &&
    Array.isArray(value.anchors) &&
    value.anchors.every((anchor) => typeof anchor === 'string')
  );
}

export interface ArticleRecordOptions {
  /** Where records are kept (the persisted index's folder); in memory only when absent. */
  readonly directory?: string;
  readonly folders: readonly string[];
  /** Whether an editor holds a file open (then its stamp on disk says nothing about its text). */
  readonly isOpen?: (uri: string) => boolean;
}

export class ArticleRecord {
  /** The folder of this workspace's record, if it is kept on disk. */
  readonly folder?: string;
  private files = new Map<string, FileEntry>();
  private articles = new Map<string, ArticleEntry>();
  /** Texts by id: read from disk on demand, or recorded in this run and not yet written. */
  private readonly texts = new Map<string, string>();
  private readonly unsaved = new Set<string>();
  private readonly anchorSets = new WeakMap<FileEntry, ReadonlySet<string>>();
  private readonly pending = new Set<Promise<void>>();
  private readonly isOpen: (uri: string) => boolean;
  /** Blob ids of files by stamp, for the git record (kept in the same place). */
  readonly hashes = new FileHashes();
  private dirty = false;

  constructor(private readonly options: ArticleRecordOptions) {
    this.isOpen = options.isOpen ?? (() => false);
    if (options.directory) {
      const key = JSON.stringify([...options.folders].sort());
      this.folder = path.join(options.directory, `record-${createHash('sha256').update(key).digest('hex').slice(0, 24)}`);
    }
  }

  /** Reads the record kept on disk; anything unreadable or foreign leaves it empty. */
  load(): void {
    if (!this.folder) return;
    try {
      const file = path.join(this.folder, 'record.json');
      if (statSync(file).size > MAX_RECORD_BYTES) return;
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RecordFile>;
      if (parsed.format !== FORMAT || JSON.stringify([...(parsed.folders ?? [])].sort()) !== JSON.stringify([...this.options.folders].sort())) return;
      for (const [uri, entry] of Object.entries(parsed.files ?? {})) if (wellFormedFile(entry)) this.files.set(uri, entry);
      for (const [uri, entry] of Object.entries(parsed.articles ?? {})) {
        if (typeof entry?.stamp === 'string' && typeof entry.version === 'string') this.articles.set(uri, { stamp: entry.stamp, version: entry.version });
      }
      this.hashes.load(parsed.hashes);
    } catch {
      // no record yet, or a damaged one: start empty
    }
  }

  /** The id of an article's current text: from its stamp when the file is unchanged on disk, else by reading it. */
  private async currentVersion(uri: string, text: () => Promise<string | undefined>): Promise<{ version: string; text?: string } | undefined> {
    const open = this.isOpen(uri);
    const stamp = open ? undefined : stampOfUri(uri);
    const known = this.articles.get(uri);
    if (stamp && known?.stamp === stamp) return { version: known.version };
    const current = await text();
    if (current === undefined) return undefined;
    const version = textId(current);
    if (stamp && settled(stamp)) {
      this.articles.set(uri, { stamp, version });
      this.dirty = true;
    }
    return { version, text: current };
  }

  private readText(version: string): string | undefined {
    const held = this.texts.get(version);
    if (held !== undefined) return held;
    if (!this.folder) return undefined;
    try {
      const text = readFileSync(path.join(this.folder, 'texts', `${version}.txt`), 'utf8');
      if (textId(text) !== version) return undefined; // damaged
      this.texts.set(version, text);
      return text;
    } catch {
      return undefined;
    }
  }

  /** The article text the file's recorded annotations were written against, when the article changed since. */
  async earlier(query: EarlierArticleQuery): Promise<EarlierArticle | undefined> {
    const entry = this.files.get(query.annotationUri);
    if (!entry || entry.article !== query.articleUri || !entry.anchors.length) return undefined;
    const current = await this.currentVersion(query.articleUri, query.articleText);
    if (!current || current.version === entry.version) return undefined;
    const text = this.readText(entry.version);
    if (text === undefined) return undefined;
    let anchors = this.anchorSets.get(entry);
    if (!anchors) this.anchorSets.set(entry, (anchors = new Set(entry.anchors)));
    const set = anchors;
    return { text, source: 'record', since: 'at its last clean check', covers: (anchor) => set.has(anchorHash(anchor)), segmentation: entry.segmentation };
  }

  /** Records a clean check (the work is done in the background; `flush` waits for it). */
  recordClean(check: CleanCheck): void {
    const work = this.record(check).catch(() => undefined);
    this.pending.add(work);
    void work.then(() => this.pending.delete(work));
  }

  private async record(check: CleanCheck): Promise<void> {
    const current = check.earlier ? await versionOfText(check.articleText) : await this.currentVersion(check.articleUri, check.articleText);
    if (!current) return;
    const anchors = [...new Set(check.anchors.map(anchorHash))].sort();
    const before = this.files.get(check.annotationUri);
    const same = before && before.article === check.articleUri && before.version === current.version && before.segmentation === check.segmentation && before.anchors.join('\n') === anchors.join('\n');
    if (same) return;
    if (!this.texts.has(current.version) && !this.storedTextExists(current.version)) {
      const text = current.text ?? (await check.articleText());
      if (text === undefined || textId(text) !== current.version) return;
      this.texts.set(current.version, text);
      this.unsaved.add(current.version);
    }
    this.files.set(check.annotationUri, { article: check.articleUri, version: current.version, segmentation: check.segmentation, anchors });
    this.dirty = true;
  }

  private storedTextExists(version: string): boolean {
    if (!this.folder) return false;
    try {
      return statSync(path.join(this.folder, 'texts', `${version}.txt`)).isFile();
    } catch {
      return false;
    }
  }

  /** Forgets annotation files that are gone (not in `existing`). */
  keepOnly(existing: ReadonlySet<string>): void {
    for (const uri of [...this.files.keys()]) {
      if (!existing.has(uri)) {
        this.files.delete(uri);
        this.dirty = true;
      }
    }
  }

  /**
   * Waits for recording under way, then writes the record (each new text
   * once, then record.json through a temporary file and a rename) and removes
   * texts no file refers to any more. A read-only or full disk costs nothing
   * but the record.
   */
  async flush(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
    if (!this.folder || (!this.dirty && !this.hashes.changed)) return;
    const textsFolder = path.join(this.folder, 'texts');
    try {
      mkdirSync(textsFolder, { recursive: true, mode: 0o700 });
      const used = new Set([...this.files.values()].map((entry) => entry.version));
      for (const version of this.unsaved) {
        if (used.has(version)) atomicWrite(path.join(textsFolder, `${version}.txt`), this.texts.get(version)!);
      }
      this.unsaved.clear();
      const content: RecordFile = { format: FORMAT, folders: this.options.folders, files: Object.fromEntries(this.files), articles: Object.fromEntries(this.articles), hashes: this.hashes.toJSON() };
      atomicWrite(path.join(this.folder, 'record.json'), JSON.stringify(content));
      for (const name of readdirSync(textsFolder)) {
        const version = /^([0-9a-f]{40})\.txt$/.exec(name)?.[1];
        if (version && !used.has(version)) unlinkSync(path.join(textsFolder, name));
      }
      this.dirty = false;
      this.hashes.changed = false;
    } catch {
      // the record is a convenience: a disk that refuses it costs only the warning
    }
  }
}

/**
 * Whether a stamp is old enough to stand for the text read with it: a file
 * written again within the file system's time resolution could keep its
 * stamp (the persisted index has the same rule).
 */
function settled(stamp: string): boolean {
  const [mtime, ctime] = stamp.split(':').map(Number);
  return Math.max(mtime, ctime) < Date.now() - 2000;
}

async function versionOfText(text: () => Promise<string | undefined>): Promise<{ version: string; text: string } | undefined> {
  const value = await text();
  return value === undefined ? undefined : { version: textId(value), text: value };
}

function stampOfUri(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? stampOf(parsed.fsPath) : undefined;
}

function atomicWrite(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temporary, content, { mode: 0o600 });
    renameSync(temporary, file);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // nothing was written
    }
    throw error;
  }
}
