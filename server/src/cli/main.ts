import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import { messageText, severityName } from '../service/features/diagnostics';
import { sentenceOptionsFor } from './sentenceOptions';
import { segmentSentences } from '../service/segmentation';
import { LineMap } from '../service/text/lineMap';
import { decodeText } from '../service/text/decode';
import { DEFAULT_LIMITS } from '../service/workspaceIndex/context';
import { writeSarif } from '../formats/sarif';
import { formatBytes } from '../service/text/decode';
import { DNA_IMPORT_FLAGS, exportDnaCommand, importDnaCommand } from './dna';
import { parseArgs, UsageError } from './args';
import { EXPORT_KINDS, exportCommand } from './export';
import { AGREE_HELP, agreeCommand } from './agree';
import { ArticleChanged } from '../service/index';
import { displayFile, openService, resolveTargets, selectedFiles } from './targets';
import { diskArticleHistory, gitDisabledByEnvironment } from '../node/articleHistory';
import { cacheDisabledByEnvironment, defaultCacheDirectory } from '../node/indexStore';
import { truncate } from '../service/text/truncate';
import { fixFile } from './fix';

declare const STANDPOINT_VERSION: string | undefined;
export const VERSION = typeof STANDPOINT_VERSION === 'string' ? STANDPOINT_VERSION : '0.0.0-dev';

export interface Io {
  readonly cwd: string;
  /** The running bundle, to start indexing worker threads from (none in tests run from sources). */
  readonly workerScript?: string;
  /** Environment (cache location and switches); process.env when absent. */
  readonly env?: NodeJS.ProcessEnv;
  /** Writes to standard output; false when the stream is full (then `drain` resolves once it can take more). */
  stdout(text: string): void | boolean;
  stderr(text: string): void;
  /** Resolves once standard output can take more (after `stdout` returned false). */
  drain?(): Promise<void>;
}

/**
 * Standard output in pieces of about 64 KB, each written once the stream can
 * take it: a check of 100,000 problems prints them as they are found and
 * never holds the whole output (nor a pipe's backlog of it) in memory.
 */
class StreamedOutput {
  private pending: string[] = [];
  private size = 0;

  constructor(private readonly io: Io) {}

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const text = this.pending.join('');
    this.pending = [];
    this.size = 0;
    if (this.io.stdout(text) === false && this.io.drain) await this.io.drain();
  }
}

const HELP = `standpoint — check stance annotations against their articles and codebook

Usage:
  standpoint check [PATH…] [--format text|json|sarif] [--max-warnings N] [--workspace DIR] [--no-cache] [--fix] [--no-git]
      Check annotation files (*.stance.yaml) and codebooks in the given folders
      or files (default: the current folder). The folders given, or the current
      folder, are the workspace: nothing outside it is read. --workspace sets
      the workspace explicitly (e.g. check annotations/ against the whole corpus).
      Large workspaces (64+ annotation files) keep an index in the user's
      cache folder ($STANDPOINT_CACHE_DIR, else ~/.cache/standpoint), so
      unchanged files are not read again; --no-cache (or STANDPOINT_NO_CACHE=1)
      checks everything afresh. --format sarif prints SARIF 2.1.0 for
      GitHub code scanning (paths relative to the current folder).
      sentence-moved warns of an annotation whose article changed since it
      was made, known from git (the article as of the annotation file's last
      commit) and from the record of the last clean check (kept in the cache
      folder); --no-git (or STANDPOINT_NO_GIT=1) leaves git out.
      --fix sets every sentence number that moved unambiguously (and a quote's
      only sentence) byte-exactly, prints each change, and reports what is
      left; it never writes an article.
      Exit status: 0 no errors (and warnings within --max-warnings),
                   1 problems over that, 2 usage or internal error.
  standpoint sentences ARTICLE [--json] [--hard-wrapped] [--codebook PATH]
      Print the article's numbered sentences, as annotations count them.
      Segmentation options come from the annotation files that annotate the
      article (or the nearest codebook.yaml); the flags override them.
  standpoint import dna FILE.dna --output DIR [--statement-type NAME] [--actor VAR]
                       [--affiliation VAR|none] [--target VAR] [--qualifier VAR|none] [--force]
      Turn a Discourse Network Analyzer (DNA 3) database into a corpus: articles,
      annotation files and codebook.yaml in DIR (docs/dna.md). Defaults: statement
      type "DNA Statement", actor person, affiliation organization, target concept,
      qualifier agreement. Existing files in DIR are not overwritten without --force.
      Exit status: 0 imported, 2 the file is not a DNA 3 database or usage error.
  standpoint export statements [PATH…] [--format csv|json|jsonl] [--duplicates D] [filters] [--output FILE]
  standpoint export mentions   [PATH…] [--format csv|json|jsonl] [filters] [--output FILE]
  standpoint export network    [PATH…] --type T [--aggregate A] [--normalize N] [--duplicates D]
                               [--format graphml|gexf|csv|matrix|json] [--min-weight W] [filters] [--output FILE]
  standpoint export w3c        [PATH…] [--output FILE]
      Statements (who takes which stance toward what, one row per stance entry),
      mentions (the actors each annotation involves), a discourse network, or
      the annotations as W3C Web Annotations, for Gephi, visone, R, pandas and
      networkx (docs/analysis.md). PATH… and --workspace as for check.
      --type affiliation (two-mode, actors × targets), congruence, conflict,
        subtract, co-occurrence or co-mention (one-mode, actors).
      --aggregate ignore|subtract|combine (affiliation only; default ignore).
      --normalize none, or average|jaccard|cosine (one-mode), activity|prominence (affiliation).
      --duplicates include (default)|article|week|month|year|all: count a
        statement once per article, ISO week, month, year or corpus.
      --min-weight W: leave out ties whose weight is below W (in absolute value).
      Filters: --from DATE, --to DATE (ISO 8601, inclusive; undated articles are
        left out), --coder ID (repeatable; "" for files without coder:),
        --actors as-coded|affiliation (roll persons up to their organisation),
        --actor-type T (repeatable).
      --output FILE is written atomically; without it the export goes to stdout.
      Statements left out (invalid, filtered) are counted on stderr.
      Exit status: 0 written, 1 --strict and statements left out for a problem
                   in the data, 2 usage or internal error.
${AGREE_HELP}  standpoint export dna [PATH…] --output FILE.dna [--password PASSWORD] [filters]
      Write the corpus (default: the current folder) as a DNA 3 database,
      atomically; PATH… and --workspace as for check, filters as above (each
      stance is a DNA statement; --coder and the dates keep whole documents).
      Every coder gets the password (default: standpoint).
  standpoint lsp --stdio
      Run the language server on stdin/stdout (VS Code, Neovim, Emacs, Helix…).

Options:
  -h, --help      Show this help.
  -v, --version   Show the version.
`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      io.stdout(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(HELP);
      return 0;
    }
    switch (command) {
      case 'check':
        return await check(rest, io);
      case 'agree':
        return await agreeCommand(rest, io, VERSION);
      case 'sentences':
        return await sentences(rest, io);
      case 'import':
      case 'export': {
        const [format, ...args] = rest;
        if (command === 'export' && (EXPORT_KINDS as readonly string[]).includes(format)) return await exportCommand(format as (typeof EXPORT_KINDS)[number], args, io, VERSION);
        if (command === 'export' && format !== 'dna') {
          throw new UsageError(format ? `cannot export \`${format}\`; use statements, mentions, network, w3c or dna` : 'export what? `standpoint export statements|mentions|network|w3c|dna …`');
        }
        if (format !== 'dna') throw new UsageError(format ? `cannot ${command} \`${format}\`; try \`standpoint ${command} dna\`` : `${command} what? \`standpoint ${command} dna …\``);
        if (command === 'export') return await exportDnaCommand(args, io, VERSION);
        const { positional, flags } = parseArgs(args, { withValue: DNA_IMPORT_FLAGS, boolean: ['--force'] });
        return await importDnaCommand(positional, flags, io, (message: string) => new UsageError(message));
      }
      case 'lsp': {
        parseArgs(rest, { boolean: ['--stdio', '--node-ipc'] });
        const { startServer } = await import('../lsp/server');
        startServer(undefined, { workerScript: io.workerScript });
        return -1; // keeps running
      }
      default:
        throw new UsageError(`unknown command \`${command}\``);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`standpoint: ${error.message}\nRun \`standpoint --help\` for usage.\n`);
      return 2;
    }
    if (error instanceof ArticleChanged) {
      io.stderr(`standpoint: ${error.message}\n`);
      return 2;
    }
    io.stderr(`standpoint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

interface Finding {
  readonly uri: string;
  readonly file: string;
  readonly diagnostic: Diagnostic;
}

async function check(args: readonly string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(args, { withValue: ['--format', '--max-warnings', '--workspace'], boolean: ['--no-cache', '--fix', '--no-git'] });
  const format = (flags.get('--format') as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not \`${format}\``);
  let maxWarnings = Number.POSITIVE_INFINITY;
  if (flags.has('--max-warnings')) {
    const raw = flags.get('--max-warnings') as string;
    maxWarnings = Number(raw);
    if (!/^\d+$/.test(raw)) throw new UsageError(`--max-warnings takes a whole number, not \`${raw}\``);
  }

  const explicitWorkspace = flags.get('--workspace') as string | undefined;
  const targets = await resolveTargets(positional, explicitWorkspace, io.cwd);
  const folders = targets.folders;
  // The CLI runs where its user runs it: the folder is trusted, so git is asked unless turned off (docs/sentences.md).
  const articleHistory = diskArticleHistory({
    folders: () => targets.workspaceFolders,
    // Beside the persisted index; with --no-cache (or STANDPOINT_NO_CACHE=1) nothing is written: the record lasts this run.
    directory: !flags.has('--no-cache') && !cacheDisabledByEnvironment(io.env) ? defaultCacheDirectory(io.env) : undefined,
    git: !flags.has('--no-git') && !gitDisabledByEnvironment(io.env),
    env: io.env,
  });
  const service = openService(targets, io, VERSION, flags.has('--no-cache'), articleHistory);
  const computed = await service.initialize();
  const selected = await selectedFiles(service, targets);
  const fix = flags.has('--fix');
  let fixedFiles = 0;
  let fixedNumbers = 0;

  // File by file, each file's problems in order, printed as they come (SARIF, one document, is written at the end).
  const order = [...selected].map((uri) => ({ uri, file: displayFile(uri, io.cwd) })).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  const out = new StreamedOutput(io);
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  const sarif: Finding[] = [];
  let filesWithFindings = 0;
  let total = 0;
  let outside = false;
  // Fixes go with the output in text mode, to standard error otherwise (standard output is one JSON or SARIF document).
  const report = async (line: string) => (format === 'text' ? out.write(line) : io.stderr(line));
  if (format === 'json') await out.write('[');
  for (const { uri, file } of order) {
    let diagnostics = computed.get(uri) ?? (await service.diagnostics(uri));
    computed.delete(uri);
    if (fix && diagnostics.some(fixable)) {
      const outcome = await fixFile(service, uri);
      if (outcome.kind === 'fixed') {
        fixedFiles++;
        fixedNumbers += outcome.fixes.length;
        for (const change of outcome.fixes) {
          await report(`${file}:${change.line + 1}: sentence ${change.oldNumber} → ${change.newNumber}${change.sentence ? ` (“${truncate(change.sentence, 60)}”)` : ''}\n`);
        }
        // What is left after the fixes is what is reported.
        diagnostics = await service.diagnostics(uri);
      } else if (outcome.kind === 'skipped') {
        io.stderr(`${file}: not fixed: ${outcome.reason}\n`);
      }
    }
    if (diagnostics.length) filesWithFindings++;
    for (const diagnostic of diagnostics) {
      const severity = severityName(diagnostic.severity);
      counts[severity]++;
      if (diagnostic.code === 'outside-workspace') outside = true;
      if (format === 'sarif') {
        sarif.push({ uri, file, diagnostic });
      } else if (format === 'json') {
        // As JSON.stringify(all, null, 2) would print the whole array, one element at a time.
        const element = { file, range: diagnostic.range, severity, code: String(diagnostic.code), message: messageText(diagnostic) };
        await out.write(`${total ? ',' : ''}\n${JSON.stringify(element, null, 2).replace(/^/gm, '  ')}`);
      } else {
        const { line, character } = diagnostic.range.start;
        await out.write(`${file}:${line + 1}:${character + 1}: ${severity} ${diagnostic.code}: ${messageText(diagnostic).replace(/\s*\n\s*/g, ' ')}\n`);
      }
      total++;
    }
  }
  if (format === 'json') await out.write(total ? '\n]\n' : ']\n');
  // Paths relative to the folder the check runs in, like the text output: in CI, the repository root GitHub resolves them against.
  if (format === 'sarif') await out.write(writeSarif(sarif, { toolVersion: VERSION, baseUri: URI.file(io.cwd).toString() }));
  await out.flush();
  await articleHistory.flush();

  const errors = counts.error;
  const warnings = counts.warning;
  if (format === 'text') {
    const infos = counts.info + counts.hint;
    if (explicitWorkspace === undefined && outside && folders.length) {
      io.stderr(
        `note: the workspace is the folder${folders.length > 1 ? 's' : ''} given (${folders.map((f) => displayFile(f, io.cwd)).join(', ')}); to check against a larger folder, add --workspace DIR.\n`,
      );
    }
    if (fix) io.stderr(fixedNumbers ? `Fixed ${fixedNumbers} sentence number${fixedNumbers === 1 ? '' : 's'} in ${fixedFiles} file${fixedFiles === 1 ? '' : 's'}.\n` : 'Nothing to fix.\n');
    io.stderr(
      total
        ? `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info/hint${infos === 1 ? '' : 's'} in ${filesWithFindings} file${filesWithFindings === 1 ? '' : 's'} (${selected.size} checked)\n`
        : `No problems in ${selected.size} file${selected.size === 1 ? '' : 's'}.\n`,
    );
  }
  return errors > 0 || warnings > maxWarnings ? 1 : 0;
}

/** A diagnostic `--fix` may fix (the service decides which exactly). */
function fixable(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'sentence-moved' || diagnostic.code === 'quote-sentence-mismatch';
}

async function sentences(args: readonly string[], io: Io): Promise<number> {
  const { positional, flags } = parseArgs(args, { withValue: ['--codebook'], boolean: ['--json', '--hard-wrapped'] });
  if (positional.length !== 1) throw new UsageError(positional.length ? 'give exactly one article' : 'which article? `standpoint sentences ARTICLE`');
  const absolute = path.resolve(io.cwd, positional[0]);
  const stat = await fs.stat(absolute).catch((error: NodeJS.ErrnoException) => error);
  if (stat instanceof Error) {
    if (stat.code === 'ELOOP') throw new UsageError(`${positional[0]} is a symbolic link loop`);
    throw new UsageError(stat.code === 'ENOENT' || stat.code === 'ENOTDIR' ? `no such file: ${positional[0]}` : `${positional[0]} cannot be read: ${stat.message}`);
  }
  if (stat.isDirectory()) throw new UsageError(`${positional[0]} is a folder, not an article`);
  if (!stat.isFile()) throw new UsageError(`${positional[0]} is not a regular file`);
  if (stat.size > DEFAULT_LIMITS.maxArticleBytes) {
    throw new UsageError(`${positional[0]} is ${formatBytes(stat.size)}, over the ${formatBytes(DEFAULT_LIMITS.maxArticleBytes)} limit for articles`);
  }
  const decoded = decodeText(await fs.readFile(absolute));
  if (decoded.kind !== 'text') throw new UsageError(`${positional[0]} cannot be read as an article: ${decoded.reason}`);

  const options = await sentenceOptionsFor(absolute, io.cwd, {
    hardWrapped: flags.has('--hard-wrapped') ? true : undefined,
    codebook: flags.get('--codebook') as string | undefined,
  });
  const text = decoded.text;
  const lineMap = new LineMap(text);
  const spans = segmentSentences(text, options.segmentation);
  if (flags.has('--json')) {
    const json = spans.map((s) => ({ n: s.n, start: lineMap.positionAt(s.start), end: lineMap.positionAt(s.end), text: text.slice(s.start, s.end) }));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    const width = String(spans.length).length;
    for (const s of spans) {
      const start = lineMap.positionAt(s.start);
      io.stdout(`${String(s.n).padStart(width)}  ${start.line + 1}:${start.character + 1}  ${text.slice(s.start, s.end).replace(/\s*(\r\n|\r|\n)\s*/g, ' ')}\n`);
    }
    io.stderr(`${spans.length} sentence${spans.length === 1 ? '' : 's'}${options.source ? ` (options from ${options.source})` : ''}\n`);
  }
  return 0;
}
