import { Worker } from 'node:worker_threads';

/**
 * A hang detector for synchronous test cases: a thread that kills the test
 * process if one case runs longer than `limitMs` (a timer in the test's own
 * thread cannot fire while a synchronous loop holds it). The fuzz suite and
 * the sentence-map property tests share it.
 */
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { writeSync } = require('node:fs');
const state = new Int32Array(workerData.buffer);
let label = '';
let seen = -1;
let since = Date.now();
parentPort.on('message', (message) => { label = message; });
setInterval(() => {
  const now = Atomics.load(state, 0);
  if (now !== seen) { seen = now; since = Date.now(); return; }
  if (now % 2 === 1 && Date.now() - since > workerData.limit) {
    writeSync(2, '\\n[watchdog] a case ran for more than ' + workerData.limit + ' ms; killing the test process. The case: ' + label + '\\n');
    process.kill(process.pid, 'SIGKILL');
  }
}, 200);
`;

export class Watchdog {
  private readonly state = new Int32Array(new SharedArrayBuffer(4));
  private worker: Worker | undefined;

  constructor(readonly limitMs: number) {}

  async start(): Promise<void> {
    this.worker = new Worker(SOURCE, { eval: true, workerData: { buffer: this.state.buffer, limit: this.limitMs } });
    this.worker.unref();
    await new Promise<void>((resolve) => this.worker!.once('online', () => resolve()));
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Runs a synchronous case under the watchdog; throws if it ended but took longer than the limit. */
  guard<T>(label: () => string, body: () => T): T {
    this.worker?.postMessage(label().slice(0, 4000));
    Atomics.add(this.state, 0, 1); // odd: a case is running
    const started = performance.now();
    try {
      return body();
    } finally {
      Atomics.add(this.state, 0, 1);
      const elapsed = performance.now() - started;
      // eslint-disable-next-line no-unsafe-finally -- a case that took too long fails even if it returned
      if (elapsed > this.limitMs) throw new Error(`a case ran for ${Math.round(elapsed)} ms (limit ${this.limitMs} ms): ${label().slice(0, 2000)}`);
    }
  }

  /** Runs an asynchronous case under the watchdog; throws if it ended but took longer than the limit. */
  async run<T>(label: () => string, body: () => Promise<T>): Promise<T> {
    this.worker?.postMessage(label().slice(0, 4000));
    Atomics.add(this.state, 0, 1);
    const started = performance.now();
    try {
      return await body();
    } finally {
      Atomics.add(this.state, 0, 1);
      const elapsed = performance.now() - started;
      // eslint-disable-next-line no-unsafe-finally -- a case that took too long fails even if it returned
      if (elapsed > this.limitMs) throw new Error(`a case ran for ${Math.round(elapsed)} ms (limit ${this.limitMs} ms): ${label().slice(0, 2000)}`);
    }
  }
}
