import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Running git safely on a repository Standpoint did not write
 * (docs/sentences.md, "Git"): the `git` found on PATH (never one inside the
 * workspace), started with arguments and no shell, with every program a
 * repository's configuration could make git run turned off, no prompts, no
 * network, and a time limit. Anything that goes wrong (no git, no
 * repository, a timeout) is an undefined answer, never an error.
 */

/** Configuration that keeps repository-controlled programs from running, and git from touching the network or the index. */
export const SAFE_CONFIG: readonly string[] = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  `core.hooksPath=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`,
  '-c',
  'core.untrackedCache=false',
  '-c',
  'core.pager=cat',
  '-c',
  'diff.external=',
  '-c',
  'log.showSignature=false',
  '-c',
  'protocol.allow=never',
  '-c',
  'core.sshCommand=false',
  '--no-pager',
];

/** The environment git runs in: no prompts, no pager, no optional locks (a check never rewrites the index), no lazy fetches. */
export function safeEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const safe: NodeJS.ProcessEnv = { ...env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', PAGER: 'cat', GIT_NO_LAZY_FETCH: '1', GCM_INTERACTIVE: 'never', LC_ALL: 'C' };
  // An external diff program or askpass helper must not run either.
  for (const name of ['GIT_EXTERNAL_DIFF', 'GIT_ASKPASS', 'SSH_ASKPASS', 'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EDITOR']) delete safe[name];
  return safe;
}

export interface GitOptions {
  /** The git executable (absolute); found on PATH when absent. */
  readonly executable?: string;
  /** Per call (default 20 s). */
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * The `git` on PATH, as an absolute path, skipping relative PATH entries and
 * any folder inside `untrusted` (the workspace): a repository could ship its
 * own `git` (Windows would otherwise look in the current folder first).
 */
export function findGit(untrusted: readonly string[], env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = process.platform === 'win32' ? ['git.exe'] : ['git'];
  const inside = (folder: string) => untrusted.some((root) => folder === root || folder.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
  for (const entry of (env.PATH ?? env.Path ?? '').split(path.delimiter)) {
    if (!entry || !path.isAbsolute(entry)) continue;
    const folder = path.resolve(entry);
    if (inside(folder)) continue;
    for (const name of names) {
      const candidate = path.join(folder, name);
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

export class Git {
  private readonly timeoutMs: number;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly executable: string,
    options: GitOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 20_000;
    this.env = safeEnvironment(options.env);
  }

  /** Runs `git SAFE_CONFIG… args` in `cwd`; its standard output, or undefined if it failed. `input` goes to its standard input. */
  run(cwd: string, args: readonly string[], input?: string): Promise<Buffer | undefined> {
    return new Promise((resolve) => {
      const child = execFile(
        this.executable,
        [...SAFE_CONFIG, ...args],
        { cwd, env: this.env, timeout: this.timeoutMs, maxBuffer: 1024 * 1024 * 1024, encoding: 'buffer', windowsHide: true, killSignal: 'SIGKILL' },
        (error, stdout) => resolve(error ? undefined : stdout),
      );
      child.on('error', () => resolve(undefined));
      if (input !== undefined) {
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(input);
      } else {
        child.stdin?.end();
      }
    });
  }

  /** A reader of blobs through one `git cat-file --batch` in `cwd` (see BlobReader). */
  blobReader(cwd: string): BlobReader {
    return new BlobReader(this.executable, cwd, this.env);
  }

  /** Whether `cwd` lies in a repository git will work on; its top folder (native path) and whether it is shallow. */
  async repository(cwd: string): Promise<{ top: string; shallow: boolean } | undefined> {
    const out = await this.run(cwd, ['rev-parse', '--show-toplevel', '--is-shallow-repository']);
    if (!out) return undefined;
    const [top, shallow] = out.toString('utf8').split('\n');
    if (!top) return undefined;
    return { top: path.resolve(top), shallow: shallow === 'true' };
  }
}

/** Whether a `git` is on PATH (tests skip with a message when not). */
export function gitAvailable(): boolean {
  return findGit([]) !== undefined;
}

/**
 * Reads blobs through one `git cat-file --batch` process, started on the first read and ended after
 * a moment without reads: a `git cat-file blob` per article spent 8 ms or so starting a process each
 * (0.8 s of a check of 1,000 articles, 101 of them edited since). Reads are answered in the order
 * asked, as git answers them. While reads wait, the process keeps the program alive; idle, it does not.
 */
export class BlobReader {
  private child: ChildProcessByStdio<Writable, Readable, null> | undefined;
  private readonly waiting: ((blob: Buffer | undefined) => void)[] = [];
  private buffered: Buffer = Buffer.alloc(0);
  private idle: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly executable: string,
    private readonly cwd: string,
    private readonly env: NodeJS.ProcessEnv,
    private readonly idleMs = 2000,
  ) {}

  /** The blob's bytes; undefined if it is not a blob of the repository or git failed. */
  read(oid: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{40,64}$/.test(oid)) return Promise.resolve(undefined);
    const child = this.start();
    if (!child) return Promise.resolve(undefined);
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    if (!this.waiting.length) this.hold(child, true);
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      child.stdin.write(`${oid}\n`);
    });
  }

  dispose(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = undefined;
    const child = this.child;
    this.child = undefined;
    child?.kill('SIGKILL');
    this.fail();
  }

  private start(): ChildProcessByStdio<Writable, Readable, null> | undefined {
    if (this.child) return this.child;
    let child: ChildProcessByStdio<Writable, Readable, null>;
    try {
      child = spawn(this.executable, [...SAFE_CONFIG, 'cat-file', '--batch'], { cwd: this.cwd, env: this.env, stdio: ['pipe', 'pipe', 'ignore'], windowsHide: true });
    } catch {
      return undefined;
    }
    this.child = child;
    this.buffered = Buffer.alloc(0);
    child.stdin.on('error', () => undefined);
    child.stdout.on('data', (chunk: Buffer) => this.received(chunk));
    // Only the current process's end fails the reads waiting (one ended by dispose has answered its own).
    const ended = () => {
      if (this.child !== child) return;
      this.child = undefined;
      this.fail();
    };
    child.on('error', ended);
    child.on('exit', ended);
    return child;
  }

  /** Keeps the program alive while reads wait (a CLI must not exit before its answers), not while idle. */
  private hold(child: ChildProcessByStdio<Writable, Readable, null>, held: boolean): void {
    for (const handle of [child, child.stdin, child.stdout] as { ref?: () => void; unref?: () => void }[]) (held ? handle.ref : handle.unref)?.call(handle);
  }

  private received(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    while (this.waiting.length) {
      const headerEnd = this.buffered.indexOf(10);
      if (headerEnd < 0) return;
      const header = this.buffered.subarray(0, headerEnd).toString('latin1');
      const found = /^[0-9a-f]+ (\S+) (\d+)$/.exec(header);
      if (!found) {
        // "<oid> missing" (or anything else): no blob.
        this.buffered = this.buffered.subarray(headerEnd + 1);
        this.answer(undefined);
        continue;
      }
      const size = Number(found[2]);
      if (this.buffered.length < headerEnd + 1 + size + 1) return;
      const content = Buffer.from(this.buffered.subarray(headerEnd + 1, headerEnd + 1 + size));
      this.buffered = this.buffered.subarray(headerEnd + 1 + size + 1);
      this.answer(found[1] === 'blob' ? content : undefined);
    }
  }

  private answer(blob: Buffer | undefined): void {
    this.waiting.shift()?.(blob);
    const child = this.child;
    if (!this.waiting.length && child) {
      this.hold(child, false);
      this.idle = setTimeout(() => this.dispose(), this.idleMs);
      this.idle.unref?.();
    }
  }

  private fail(): void {
    for (const resolve of this.waiting.splice(0)) resolve(undefined);
  }
}
