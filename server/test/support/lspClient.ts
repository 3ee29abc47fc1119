import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type InitializeResult,
  type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

let testCache: string | undefined;
/** Spawned servers and CLIs keep their persisted index in a folder of this test process, not the user's cache. */
export function testEnvironment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  if (!testCache) {
    const folder = mkdtempSync(path.join(tmpdir(), 'standpoint-test-cache-'));
    testCache = folder;
    process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
  }
  return { ...process.env, STANDPOINT_CACHE_DIR: testCache, ...extra };
}

export interface ClientOptions {
  /** Workspace folder (absolute path). */
  readonly root: string;
  /** Declare pull-diagnostics support, as VS Code does (Neovim and Emacs do not). */
  readonly pull?: boolean;
  readonly initializationOptions?: unknown;
  /** What `workspace/configuration` answers for section `standpoint`. */
  readonly settings?: unknown;
  readonly workDoneProgress?: boolean;
  /** The server to run (default: this repository's `standpoint lsp --stdio`). */
  readonly command?: readonly string[];
  /** The server's environment (default: this process's, with a test cache folder). */
  readonly env?: NodeJS.ProcessEnv;
  /** Declare `workspace/codeLens/refresh` support, as VS Code does. */
  readonly codeLensRefresh?: boolean;
  /** Declare that publishDiagnostics' version is read (default true; VS Code's client declares false). */
  readonly versionSupport?: boolean;
}

/**
 * A plain LSP client for tests and benchmarks: it starts `standpoint lsp
 * --stdio` as a child process and speaks JSON-RPC to it, as any editor would.
 */
export class LspTestClient {
  readonly connection: ProtocolConnection;
  readonly published = new Map<string, PublishDiagnosticsParams[]>();
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  readonly registrations: unknown[] = [];
  stderr = '';
  private listeners: (() => void)[] = [];
  refreshRequests = 0;
  /** Number of `workspace/codeLens/refresh` requests received. */
  codeLensRefreshes = 0;
  /** Number of `standpoint/status` notifications (the server sends one after each re-check). */
  statusCount = 0;
  /** Versions of the `standpoint/analysisChanged` notifications received. */
  analysisVersions: number[] = [];
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly process: ChildProcess,
    readonly options: ClientOptions,
  ) {
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    process.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      const list = this.published.get(params.uri) ?? [];
      list.push(params);
      this.published.set(params.uri, list);
      this.notify();
    });
    this.connection.onNotification('$/progress', (params) => {
      this.progress.push(params);
      this.notify();
    });
    this.connection.onNotification('standpoint/status', () => {
      this.statusCount++;
      this.notify();
    });
    this.connection.onNotification('standpoint/analysisChanged', (params: { version: number }) => {
      this.analysisVersions.push(params.version);
      this.notify();
    });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      this.notify();
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => options.settings ?? null) as unknown as null);
    this.connection.onRequest('client/registerCapability', (params: { registrations: unknown[] }) => {
      this.registrations.push(...params.registrations);
      return null;
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => {
      this.codeLensRefreshes++;
      this.notify();
      return null;
    });
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      this.notify();
      return null;
    });
    this.connection.listen();
  }

  static async start(options: ClientOptions): Promise<LspTestClient> {
    const [command, ...args] = options.command ?? [process.execPath, CLI, 'lsp', '--stdio'];
    const child = spawn(command, args, { cwd: options.root, stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? testEnvironment() });
    const client = new LspTestClient(child, options);
    await client.initialize();
    return client;
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private async initialize(): Promise<void> {
    const rootUri = fileUri(this.options.root);
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: true,
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        workspaceEdit: { documentChanges: true, resourceOperations: ['create'] },
        ...(this.options.pull ? { diagnostics: { refreshSupport: true } } : {}),
        ...(this.options.codeLensRefresh ? { codeLens: { refreshSupport: true } } : {}),
      },
      textDocument: {
        hover: { contentFormat: ['markdown', 'plaintext'] },
        definition: {},
        publishDiagnostics: { relatedInformation: true, versionSupport: this.options.versionSupport ?? true },
        ...(this.options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
      },
      window: { workDoneProgress: this.options.workDoneProgress ?? true },
    };
    this.initializeResult = await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      capabilities,
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.options.root) }],
      initializationOptions: this.options.initializationOptions,
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Resolves when `predicate` holds, re-testing after each message; rejects after `timeoutMs`. */
  waitFor<T>(predicate: () => T | undefined | false, timeoutMs = 10_000, what = 'condition'): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        let value: T | undefined | false;
        try {
          value = predicate();
        } catch (error) {
          cleanup();
          reject(error);
          return;
        }
        if (value !== undefined && value !== false) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; stderr: ${this.stderr.slice(-2000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== check);
      };
      this.listeners.push(check);
      check();
    });
  }

  /** The latest diagnostics published for a file. */
  latest(uri: string): PublishDiagnosticsParams | undefined {
    const list = this.published.get(uri);
    return list?.[list.length - 1];
  }

  /** Waits for a publication for `uri` (after `after` earlier ones) that satisfies `predicate`. */
  waitForDiagnostics(uri: string, predicate: (params: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(
      () => {
        const latest = this.latest(uri);
        return latest && predicate(latest) ? latest : undefined;
      },
      timeoutMs,
      `diagnostics for ${uri}`,
    );
  }

  open(uri: string, text: string, languageId = 'plaintext', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  changeFull(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  watched(changes: { uri: string; type: 1 | 2 | 3 }[]): Promise<void> {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((resolve) => setTimeout(resolve, 2000))]);
      await this.connection.sendNotification('exit');
    } catch {
      // already gone
    }
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    setTimeout(() => this.process.kill('SIGKILL'), 2000).unref();
    if (this.process.exitCode === null) await exited;
    this.connection.dispose();
  }
}

export function fileUri(fsPath: string): string {
  return URI.file(fsPath).toString();
}
