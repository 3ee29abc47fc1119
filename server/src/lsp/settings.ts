import type { InitializeParams } from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { FOLLOW_EDITS_MODES, type FollowEditsMode, type InitializationOptions, type Settings } from '../../../protocol/protocol';
import type { InlayHintOptions } from '../service/index';
import { buildIdentity, cacheDisabledByEnvironment, defaultCacheDirectory, type PersistenceOptions } from '../node/indexStore';
import { gitDisabledByEnvironment } from '../node/articleHistory';

/**
 * Reading the client's settings (the `standpoint` section, pulled with
 * workspace/configuration or pushed with didChangeConfiguration) and its
 * initialization options. Values come from the user: each is checked, and a
 * value that is not usable leaves the default.
 */

export const DEFAULT_DELAY_MS = 100;
export const MAX_DELAY_MS = 10_000;

/** `diagnostics.delayMs`: a number of milliseconds from 0 (at once) to MAX_DELAY_MS; undefined if not set or not usable. */
export function readDelay(settings: Settings | null | undefined): number | undefined {
  const value = settings?.diagnostics?.delayMs;
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(value, MAX_DELAY_MS) : undefined;
}

/** `inlayHints.*`: sentence previews unless turned off, sentence numbers only when turned on. */
export function readInlayOptions(settings: Settings | null | undefined): InlayHintOptions {
  return {
    sentencePreviews: settings?.inlayHints?.sentencePreviews !== false,
    sentenceNumbers: settings?.inlayHints?.sentenceNumbers === true,
  };
}

/** Commands the client implements itself (VS Code): the server does not advertise them, or the client would register them twice. */
export function readClientCommands(options: InitializationOptions | undefined): readonly string[] {
  const commands: unknown = options?.clientCommands;
  return Array.isArray(commands) ? commands.filter((command): command is string => typeof command === 'string') : [];
}

/**
 * Where the index is persisted between sessions: `cacheDirectory` from the
 * client (VS Code passes the workspace's storage folder), else the user's
 * cache folder; off with `persistIndex: false` or STANDPOINT_NO_CACHE=1.
 */
export function readPersistence(options: InitializationOptions | undefined, version: string, workerScript: string | undefined): PersistenceOptions | undefined {
  const settings = options ?? {};
  if (settings.persistIndex === false || cacheDisabledByEnvironment()) return undefined;
  const directory = typeof settings.cacheDirectory === 'string' && settings.cacheDirectory ? settings.cacheDirectory : defaultCacheDirectory();
  return { directory, build: buildIdentity(version, workerScript) };
}

/** The workspace folders as the client names them (older clients send only a root). */
export function workspaceFolderUris(params: InitializeParams): string[] {
  if (params.workspaceFolders?.length) return params.workspaceFolders.map((folder) => folder.uri);
  if (params.rootUri) return [params.rootUri];
  if (params.rootPath) return [URI.file(params.rootPath).toString()];
  return [];
}

/** `sentences.followEdits`: prompt, always or off; undefined if not set or not one of them (then: prompt). */
export function readFollowEdits(settings: Settings | null | undefined): FollowEditsMode | undefined {
  const value = settings?.sentences?.followEdits;
  return FOLLOW_EDITS_MODES.find((mode) => mode === value);
}

/**
 * Whether git may be run: the workspace is trusted (the client says
 * `trusted: false` otherwise; clients without the notion of trust are
 * trusted, as the CLI is), and neither `git: false` nor STANDPOINT_NO_GIT=1.
 */
export function readGit(options: InitializationOptions | undefined, env: NodeJS.ProcessEnv = process.env): { trusted: boolean; allowed: boolean } {
  return { trusted: options?.trusted !== false, allowed: options?.git !== false && !gitDisabledByEnvironment(env) };
}

/**
 * Where the record of clean checks is kept: beside the persisted index (the
 * client's `cacheDirectory`, else the user's cache folder). With the index
 * not persisted (`persistIndex: false`, STANDPOINT_NO_CACHE=1), nothing is
 * written: the record lives in memory for the session.
 */
export function readRecordDirectory(options: InitializationOptions | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (options?.persistIndex === false || cacheDisabledByEnvironment(env)) return undefined;
  return typeof options?.cacheDirectory === 'string' && options.cacheDirectory ? options.cacheDirectory : defaultCacheDirectory(env);
}
