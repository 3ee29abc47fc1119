import { execFile } from 'node:child_process';
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
