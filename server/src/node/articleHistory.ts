import type { ArticleHistory, CleanCheck, EarlierArticle, EarlierArticleQuery, FixedCheck } from '../service/articleHistory';
import { ArticleRecord } from './articleRecord';
import { findGit, Git } from './git';
import { GitHistory } from './gitHistory';
import { URI } from 'vscode-uri';

/**
 * The article histories of a workspace on disk, for the service: the record
 * of the last clean check first (the most recent knowledge), then git.
 */
export class DiskArticleHistory implements ArticleHistory {
  constructor(
    readonly record: ArticleRecord,
    private git: GitHistory | undefined,
  ) {}

  async earlierArticles(query: EarlierArticleQuery): Promise<readonly EarlierArticle[]> {
    const found: EarlierArticle[] = [];
    found.push(...(await this.record.earlier(query)));
    const committed = await this.git?.earlier(query);
    if (committed) found.push(committed);
    return found;
  }

  recordClean(check: CleanCheck): void {
    this.record.recordClean(check);
  }

  recordFixed(fixed: FixedCheck): void {
    this.record.recordFixed(fixed);
  }

  private pairs: readonly { readonly annotationUri: string; readonly articleUri: string }[] = [];

  async prepare(pairs: readonly { readonly annotationUri: string; readonly articleUri: string }[]): Promise<void> {
    this.pairs = pairs;
    await this.git?.prepare(pairs);
  }

  /** Whether git is asked (a trusted workspace with git on PATH). */
  get usesGit(): boolean {
    return this.git !== undefined;
  }

  /** Turns git on or off (the editor grants trust later); a new git looks up the pairs prepared so far. */
  async setGit(git: GitHistory | undefined): Promise<void> {
    this.git = git;
    if (git && this.pairs.length) await git.prepare(this.pairs);
  }

  /** Files changed on disk (a commit, a pull, a checkout may lie behind it): ask git afresh next time. */
  invalidate(): void {
    this.git?.invalidate();
  }

  flush(): Promise<void> {
    return this.record.flush();
  }
}

export interface HistoryOptions {
  readonly folders: () => readonly string[];
  /** The persisted index's folder (the record is kept beside it); in memory only when absent. */
  readonly directory?: string;
  /** Run git (trusted workspaces only; off with --no-git or STANDPOINT_NO_GIT=1). */
  readonly git: boolean;
  readonly isOpen?: (uri: string) => boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/** The git record of a workspace, when git is wanted and there is one on PATH (outside the workspace). */
export function gitHistoryFor(options: Pick<HistoryOptions, 'folders' | 'isOpen' | 'env'>, record: ArticleRecord): GitHistory | undefined {
  const executable = findGit(
    options.folders().map((folder) => URI.parse(folder).fsPath),
    options.env,
  );
  return executable ? new GitHistory(new Git(executable, { env: options.env }), options.folders, { isOpen: options.isOpen, hashes: record.hashes }) : undefined;
}

export function diskArticleHistory(options: HistoryOptions): DiskArticleHistory {
  const record = new ArticleRecord({ directory: options.directory, folders: options.folders(), isOpen: options.isOpen });
  record.load();
  return new DiskArticleHistory(record, options.git ? gitHistoryFor(options, record) : undefined);
}

/** Whether the environment turns git off (STANDPOINT_NO_GIT=1). */
export function gitDisabledByEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.STANDPOINT_NO_GIT && env.STANDPOINT_NO_GIT !== '0');
}
