import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { CleanCheck, EarlierArticle, EarlierArticleQuery, FixedCheck } from '../service/articleHistory';
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

const FORMAT = 2;
/** A record larger than this is not loaded (damaged or hostile). */
const MAX_RECORD_BYTES = 256 * 1024 * 1024;

interface FileEntry {
  readonly article: string;
  readonly segmentation: string;
  /**
   * Per article text (its id, see textId), the hashes of the anchors of the
   * annotations that agree with it. Usually one text (the last clean check);
   * after a partial fix, the fixed annotations agree with the current text
   * and the others still with the earlier one.
   */
  readonly versions: Readonly<Record<string, readonly string[]>>;
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

/** Hashes of the anchors met lately: each check of a clean file records all its anchors, and a keystroke changes one. */
const anchorHashCache = new Map<string, string>();
const KEPT_ANCHOR_HASHES = 200_000;

function anchorHash(anchor: string): string {
  let hash = anchorHashCache.get(anchor);
  if (hash === undefined) {
    hash = createHash('sha1').update(anchor).digest('base64url').slice(0, 16);
    if (anchorHashCache.size >= KEPT_ANCHOR_HASHES) anchorHashCache.clear();
    anchorHashCache.set(anchor, hash);
  }
  return hash;
}

/** How many anchors are hashed between two turns of the event loop. */
const HASHES_PER_TURN = 5000;

/**
 * The anchors' hashes, giving way every HASHES_PER_TURN: the clean check of a
 * file of 100,000 annotations took 0.2–0.4 s to hash at once, and the language
 * server answers nothing meanwhile (issue 10: hovers wait).
 */
async function anchorHashes(anchors: readonly string[]): Promise<string[]> {
  const hashes: string[] = [];
  for (let i = 0; i < anchors.length; i++) {
    if (i > 0 && i % HASHES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    hashes.push(anchorHash(anchors[i]));
  }
  return hashes;
}

function wellFormedFile(entry: unknown): entry is FileEntry {
  const value = entry as FileEntry;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.article === 'string' &&
    typeof value.segmentation === 'string' &&
    typeof value.versions === 'object' &&
    value.versions !== null &&
    Object.entries(value.versions).every(([version, anchors]) => /^[0-9a-f]{40}$/.test(version) && Array.isArray(anchors) && anchors.every((anchor) => typeof anchor === 'string'))
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

  /** Waits for recording under way (a check must see what the last one recorded). */
  private async settled(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  /** The article texts the file's recorded annotations were written against, when the article changed since (one per text). */
  async earlier(query: EarlierArticleQuery): Promise<EarlierArticle[]> {
    await this.settled();
    const entry = this.files.get(query.annotationUri);
    if (!entry || entry.article !== query.articleUri) return [];
    const versions = Object.entries(entry.versions).filter(([, anchors]) => anchors.length);
    if (!versions.length) return [];
    const current = await this.currentVersion(query.articleUri, query.articleText);
    if (!current) return [];
    const found: EarlierArticle[] = [];
    for (const [version, anchors] of versions) {
      if (version === current.version) continue;
      const text = this.readText(version);
      if (text === undefined) continue;
      const set = new Set(anchors);
      found.push({ text, source: 'record', since: "this file's last clean check", covers: (anchor) => set.has(anchorHash(anchor)), segmentation: entry.segmentation });
    }
    return found;
  }

  private track(work: Promise<void>): void {
    const tracked = work.catch(() => undefined);
    this.pending.add(tracked);
    void tracked.then(() => this.pending.delete(tracked));
  }

  /** Records a clean check (the work is done in the background; `flush` and the next question wait for it). */
  recordClean(check: CleanCheck): void {
    this.track(this.record(check));
  }

  /** Records numbers Standpoint set: those annotations agree with the current text under their new anchors. */
  recordFixed(fixed: FixedCheck): void {
    this.track(this.fix(fixed));
  }

  /** The id of the text an annotation file was checked against, with the text kept for writing. */
  private async keptVersion(articleUri: string, text: () => Promise<string | undefined>, earlier: boolean): Promise<string | undefined> {
    const current = earlier ? await versionOfText(text) : await this.currentVersion(articleUri, text);
    if (!current) return undefined;
    if (!this.texts.has(current.version) && !this.storedTextExists(current.version)) {
      const value = current.text ?? (await text());
      if (value === undefined || textId(value) !== current.version) return undefined;
      this.texts.set(current.version, value);
      this.unsaved.add(current.version);
    }
    return current.version;
  }

  private async record(check: CleanCheck): Promise<void> {
    const version = await this.keptVersion(check.articleUri, check.articleText, check.earlier === true);
    if (!version) return;
    const anchors = [...new Set(await anchorHashes(check.anchors))].sort();
    const before = this.files.get(check.annotationUri);
    if (check.earlier && before?.article === check.articleUri && before.segmentation === check.segmentation) {
      // What git knew is added for the annotations the record does not know yet.
      const known = new Set(Object.values(before.versions).flat());
      const added = anchors.filter((anchor) => !known.has(anchor));
      if (!added.length) return;
      this.files.set(check.annotationUri, { ...before, versions: { ...before.versions, [version]: [...(before.versions[version] ?? []), ...added].sort() } });
    } else {
      const versions = before?.versions ?? {};
      const same = before?.article === check.articleUri && before.segmentation === check.segmentation && Object.keys(versions).length === 1 && versions[version]?.join('\n') === anchors.join('\n');
      if (same) return;
      this.files.set(check.annotationUri, { article: check.articleUri, segmentation: check.segmentation, versions: { [version]: anchors } });
    }
    this.dirty = true;
  }

  private async fix(fixed: FixedCheck): Promise<void> {
    const version = await this.keptVersion(fixed.articleUri, fixed.articleText, false);
    if (!version) return;
    const before = this.files.get(fixed.annotationUri);
    const entry = before?.article === fixed.articleUri && before.segmentation === fixed.segmentation ? before : { article: fixed.articleUri, segmentation: fixed.segmentation, versions: {} };
    const removed = new Set(fixed.before.map(anchorHash));
    const added = fixed.after.map(anchorHash);
    const versions: Record<string, string[]> = {};
    for (const [kept, anchors] of Object.entries(entry.versions)) {
      const left = anchors.filter((anchor) => !removed.has(anchor) && !added.includes(anchor));
      if (left.length) versions[kept] = left;
    }
    versions[version] = [...new Set([...(versions[version] ?? []), ...added])].sort();
    this.files.set(fixed.annotationUri, { ...entry, versions });
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
    await this.settled();
    if (!this.folder || (!this.dirty && !this.hashes.changed)) return;
    const textsFolder = path.join(this.folder, 'texts');
    try {
      mkdirSync(textsFolder, { recursive: true, mode: 0o700 });
      const used = new Set([...this.files.values()].flatMap((entry) => Object.keys(entry.versions)));
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
