import { decodeText } from './text/decode';
import { ANNOTATION_SUFFIX, CODEBOOK_NAME, basename, containingFolder, isInside, normalizeUri, type ReadResult, type Workspace } from './workspace';

type Entry = { kind: 'file'; bytes: Uint8Array } | { kind: 'directory' } | { kind: 'symlink'; target: string };

/**
 * A workspace held in memory, for tests and benchmarks. Paths are written
 * relative to the first folder (`articles/a.txt`) or as full URIs; symlinks
 * can be declared to test that nothing leads outside the folders.
 */
export class InMemoryWorkspace implements Workspace {
  readonly folders: string[];
  private readonly entries = new Map<string, Entry>();
  readonly reads: string[] = [];

  constructor(files: Record<string, string | Uint8Array> = {}, folders: string[] = ['file:///ws']) {
    this.folders = folders.map(normalizeUri);
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  uri(path: string): string {
    if (/^[a-z]+:\/\//.test(path)) return normalizeUri(path);
    return normalizeUri(`${this.folders[0]}/${path.split('/').map(encodeURIComponent).join('/')}`);
  }

  write(path: string, content: string | Uint8Array): string {
    const uri = this.uri(path);
    this.entries.set(uri, { kind: 'file', bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content });
    return uri;
  }

  mkdir(path: string): string {
    const uri = this.uri(path);
    this.entries.set(uri, { kind: 'directory' });
    return uri;
  }

  symlink(path: string, targetUri: string): string {
    const uri = this.uri(path);
    this.entries.set(uri, { kind: 'symlink', target: targetUri });
    return uri;
  }

  delete(path: string): string {
    const uri = this.uri(path);
    this.entries.delete(uri);
    return uri;
  }

  async read(requested: string, maxBytes: number): Promise<ReadResult> {
    const uri = normalizeUri(requested);
    this.reads.push(uri);
    if (!containingFolder(this.folders, uri)) return { kind: 'unreadable', reason: 'it is outside the workspace folders' };
    let entry = this.entries.get(uri);
    let target = uri;
    for (let hops = 0; entry?.kind === 'symlink'; hops++) {
      if (hops > 40) return { kind: 'unreadable', reason: 'a symbolic link loop' };
      target = normalizeUri(entry.target);
      if (!this.folders.some((folder) => isInside(folder, target))) return { kind: 'outside', target };
      entry = this.entries.get(target);
    }
    if (!entry) {
      // A folder exists implicitly when files lie below it.
      const prefix = `${target}/`;
      for (const key of this.entries.keys()) if (key.startsWith(prefix)) return { kind: 'directory' };
      return { kind: 'missing' };
    }
    if (entry.kind === 'directory') return { kind: 'directory' };
    if (entry.kind !== 'file') return { kind: 'missing' };
    if (entry.bytes.length > maxBytes) return { kind: 'tooLarge', size: entry.bytes.length };
    return decodeText(entry.bytes);
  }

  async findFiles(): Promise<string[]> {
    return [...this.entries.keys()]
      .filter((uri) => {
        const entry = this.entries.get(uri)!;
        const name = basename(uri);
        return entry.kind === 'file' && (name.endsWith(ANNOTATION_SUFFIX) || name === CODEBOOK_NAME) && !/\/(node_modules|\.git)\//.test(uri);
      })
      .sort();
  }

  async findArticles(): Promise<string[]> {
    return [...this.entries.keys()].filter((uri) => this.entries.get(uri)!.kind === 'file' && /\.(txt|md|markdown|text)$/i.test(uri)).sort();
  }
}
