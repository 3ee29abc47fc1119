import { promises as fs, closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { decodeText } from '../service/text/decode';
import { ANNOTATION_SUFFIX, CODEBOOK_NAME, containingFolder, normalizeUri, type ReadResult, type Workspace } from '../service/workspace';

/** Folders never searched: dependencies and version control. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);
const ARTICLE_EXTENSIONS = /\.(txt|text|md|markdown)$/i;
/** A bound on how much of a huge tree is walked (each folder entry counts). */
const MAX_WALKED_ENTRIES = 500_000;

/**
 * Every file operation the workspace makes (so an indexing worker can make them
 * synchronously, and a test can see each path touched).
 */
export interface FileAccess {
  realpath(fsPath: string): Promise<string>;
  stat(fsPath: string): Promise<Stats>;
  /** Up to `length` bytes from the start of the file. */
  readStart(fsPath: string, length: number): Promise<Buffer>;
  /** A folder's entries (searching for annotation files and articles). */
  readdir(fsPath: string): Promise<Dirent[]>;
}

export const asyncAccess: FileAccess = {
  realpath: (fsPath) => fs.realpath(fsPath),
  readdir: (fsPath) => fs.readdir(fsPath, { withFileTypes: true }),
  stat: (fsPath) => fs.stat(fsPath),
  async readStart(fsPath, length) {
    const handle = await fs.open(fsPath, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  },
};

/**
 * Blocking file access for indexing worker threads: a worker has nothing else
 * to do while it waits, and awaiting each read left it idle a fifth of the time.
 */
const syncAccess: FileAccess = {
  // The native call (as fs.promises.realpath uses): the JavaScript one lstats every path component of every file.
  realpath: async (fsPath) => realpathSync.native(fsPath),
  readdir: async (fsPath) => readdirSync(fsPath, { withFileTypes: true }),
  stat: async (fsPath) => statSync(fsPath),
  async readStart(fsPath, length) {
    const fd = openSync(fsPath, 'r');
    try {
      const buffer = Buffer.alloc(length);
      const bytesRead = readSync(fd, buffer, 0, length, 0);
      return buffer.subarray(0, bytesRead);
    } finally {
      closeSync(fd);
    }
  },
};

export interface DiskWorkspaceOptions {
  /** Read with blocking calls (for worker threads that only index). */
  readonly synchronous?: boolean;
  /** The file operations to use instead (tests record them). */
  readonly access?: FileAccess;
}

/**
 * The workspace on disk. Every read is checked twice: the path must lie in a
 * workspace folder, and so must its real path, so neither `..` nor a symbolic
 * link can lead outside. Open editor text (the overlay) wins over disk.
 */
export class DiskWorkspace implements Workspace {
  private folderList: string[];
  private realFolders: Promise<string[]> | undefined;
  /** Real paths already looked up (a keystroke in an open file should not wait for the file system); forgotten when a file changes. */
  private readonly realPaths = new Map<string, string>();

  private readonly files: FileAccess;

  constructor(
    folders: readonly string[],
    private readonly overlay?: (uri: string) => string | undefined,
    options: DiskWorkspaceOptions = {},
  ) {
    this.folderList = folders.map(normalizeUri);
    this.files = options.access ?? (options.synchronous ? syncAccess : asyncAccess);
  }

  get folders(): readonly string[] {
    return this.folderList;
  }

  setFolders(folders: readonly string[]): void {
    this.folderList = folders.map(normalizeUri);
    this.realFolders = undefined;
    this.realPaths.clear();
  }

  isOpen(uri: string): boolean {
    return this.overlay?.(normalizeUri(uri)) !== undefined;
  }

  /** A file was created, changed or deleted: its real path may have changed (a symlink replaced). */
  changed(uri: string): void {
    this.realPaths.delete(normalizeUri(uri));
  }

  private async realFolderPaths(): Promise<string[]> {
    this.realFolders ??= Promise.all(
      this.folderList.map(async (folder) => {
        const fsPath = URI.parse(folder).fsPath;
        return this.files.realpath(fsPath).catch(() => path.resolve(fsPath));
      }),
    );
    return this.realFolders;
  }

  async read(rawUri: string, maxBytes: number): Promise<ReadResult> {
    const uri = normalizeUri(rawUri);
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') {
      const open = this.overlay?.(uri);
      return open !== undefined ? { kind: 'text', text: open } : { kind: 'unreadable', reason: `only files on disk can be read, not ${parsed.scheme}: URIs` };
    }
    if (!containingFolder(this.folderList, uri)) return { kind: 'unreadable', reason: 'it is outside the workspace folders' };
    const fsPath = parsed.fsPath;
    let real = this.realPaths.get(uri) ?? '';
    if (!real)
      try {
        real = await this.files.realpath(fsPath);
        this.realPaths.set(uri, real);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ELOOP') return { kind: 'unreadable', reason: 'a symbolic link loop' };
        if (code === 'ENOENT' || code === 'ENOTDIR') {
          const open = this.overlay?.(uri);
          return open !== undefined ? { kind: 'text', text: open } : { kind: 'missing' };
        }
        return { kind: 'unreadable', reason: (error as Error).message };
      }
    const realFolders = await this.realFolderPaths();
    if (!realFolders.some((folder) => real === folder || real.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep))) {
      return { kind: 'outside', target: real };
    }
    const open = this.overlay?.(uri);
    if (open !== undefined) return { kind: 'text', text: open };
    try {
      const stat = await this.files.stat(real);
      if (stat.isDirectory()) return { kind: 'directory' };
      if (!stat.isFile()) return { kind: 'unreadable', reason: 'it is not a regular file' };
      if (stat.size > maxBytes) return { kind: 'tooLarge', size: stat.size };
      // Read at most maxBytes + 1 even if the file grew since stat.
      const bytes = await this.files.readStart(real, Math.min(stat.size, maxBytes) + 1);
      if (bytes.length > maxBytes) return { kind: 'tooLarge', size: bytes.length };
      return decodeText(bytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { kind: 'missing' };
      if (code === 'EISDIR') return { kind: 'directory' };
      return { kind: 'unreadable', reason: (error as Error).message };
    }
  }

  async findFiles(): Promise<string[]> {
    return this.walk((name) => name.endsWith(ANNOTATION_SUFFIX) || name === CODEBOOK_NAME);
  }

  async findArticles(): Promise<string[]> {
    return this.walk((name) => ARTICLE_EXTENSIONS.test(name));
  }

  /** Files under the folders whose name passes `wanted`; symbolic links are not followed. */
  private async walk(wanted: (name: string) => boolean): Promise<string[]> {
    const found: string[] = [];
    let budget = MAX_WALKED_ENTRIES;
    const visit = async (dir: string): Promise<void> => {
      let entries: Dirent[];
      try {
        entries = await this.files.readdir(dir);
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const entry of entries) {
        if (--budget < 0) return;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!SKIPPED_FOLDERS.has(entry.name)) await visit(full);
        } else if (entry.isFile() && wanted(entry.name)) {
          found.push(URI.file(full).toString());
        }
      }
    };
    for (const folder of this.folderList) await visit(URI.parse(folder).fsPath);
    return [...new Set(found)];
  }
}
