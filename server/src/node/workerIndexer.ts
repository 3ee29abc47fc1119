import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import * as os from 'node:os';
import { createLanguageService, indexFile, type BulkIndexer, type IndexedFile } from '../service/index';
import { DiskWorkspace } from './diskWorkspace';

/** Marks the worker threads Standpoint starts from its own bundle (dist/server.js, dist/cli.js). */
const WORKER_FLAG = 'standpointIndexWorker';
/**
 * Files handed to a worker at a time: a share of what is left (large while
 * much is left, to amortise messages), down to a few at the end so that no
 * worker finishes long after the others.
 */
const MIN_BATCH = 4;
const MAX_BATCH = 64;

export function batchSize(remaining: number, workers: number): number {
  return Math.max(MIN_BATCH, Math.min(MAX_BATCH, Math.ceil(remaining / (4 * workers))));
}

export function isIndexWorker(): boolean {
  return !isMainThread && Boolean((workerData as Record<string, unknown> | null)?.[WORKER_FLAG]);
}

export function defaultWorkerCount(): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 8));
}

/**
 * Indexes annotation files in worker threads running the same service code
 * (`script`: the bundle that is running, which starts as a worker when
 * `isIndexWorker()`). A worker that fails leaves its files unindexed; the
 * main thread then checks them itself.
 */
export function workerIndexer(script: string, workers = defaultWorkerCount()): BulkIndexer {
  return async function* index(uris, folders) {
    const queue = [...uris];
    const ready: (readonly IndexedFile[])[] = [];
    let wake: (() => void) | undefined;
    let running = 0;
    const signal = () => {
      wake?.();
      wake = undefined;
    };
    const count = Math.min(workers, Math.ceil(queue.length / MIN_BATCH));
    const pool: Worker[] = [];
    for (let i = 0; i < count; i++) {
      const worker = new Worker(script, { workerData: { [WORKER_FLAG]: true, folders }, stdout: true, stderr: true });
      pool.push(worker);
      running++;
      const next = () => {
        const batch = queue.splice(0, batchSize(queue.length, count));
        if (batch.length) worker.postMessage(batch);
        else void worker.terminate();
      };
      worker.on('message', (results: readonly IndexedFile[]) => {
        ready.push(results);
        signal();
        next();
      });
      const finished = () => {
        running--;
        signal();
      };
      worker.once('exit', finished);
      worker.once('error', () => undefined); // 'exit' follows; its files are checked on the main thread
      next();
    }
    try {
      while (running > 0 || ready.length) {
        if (!ready.length) await new Promise<void>((resolve) => (wake = resolve));
        while (ready.length) yield ready.shift()!;
      }
    } finally {
      await Promise.all(pool.map((worker) => worker.terminate()));
    }
  };
}

/** The body of a worker thread: check the files it is sent, return diagnostics and summaries. */
export function runIndexWorker(): void {
  const { folders } = workerData as { folders: string[] };
  const port = parentPort!;
  port.on('message', async (uris: string[]) => {
    // A fresh service per batch keeps a worker's memory bounded by one batch (a larger young generation or one
    // service for several batches measured no faster).
    const service = createLanguageService({ workspace: new DiskWorkspace(folders, undefined, { synchronous: true }) });
    const results: IndexedFile[] = [];
    for (const uri of uris) {
      try {
        results.push(await indexFile(service, uri));
      } catch {
        // left to the main thread
      }
    }
    port.postMessage(results);
  });
}
