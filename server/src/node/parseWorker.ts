import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { modelFromPieces, modelHead, parseAnnotationFile, type Annotation, type ModelHead } from '../service/model/annotationFile';
import type { ParseElsewhere } from '../service/index';

const WORKER_FLAG = 'standpointParseWorker';
/** Annotations per message: reading one on the main thread takes a few milliseconds. */
const BATCH = 2000;
/** How often a parse checks that its text is still wanted. */
const WANTED_POLL_MS = 200;

type Piece =
  { readonly kind: 'head'; readonly head: ModelHead } | { readonly kind: 'annotations'; readonly annotations: readonly Annotation[] } | { readonly kind: 'done' } | { readonly kind: 'failed' };
type Request = { readonly text: string } | { readonly next: true };

/** Whether this thread is a parse worker started by workerParser (the bundle then runs runParseWorker). */
export function isParseWorker(): boolean {
  return !isMainThread && Boolean((workerData as Record<string, unknown> | null)?.[WORKER_FLAG]);
}

/**
 * Parses whole annotation files in worker threads running `script` (the
 * bundle that is running), for the language server: `yaml` parses a file it
 * cannot take in steps (one with a syntax error) in one go, 20–40 s for 7 MB,
 * and the server's thread must keep answering meanwhile. One worker per
 * parse, ended when it is done or its text is no longer wanted. The model
 * comes back in pieces, each asked for once the main thread has run its
 * queued events, so reading it never holds the thread for long. Undefined
 * when the worker fails or the text is no longer wanted.
 */
export function workerParser(script: string): ParseElsewhere {
  return (text, wanted) =>
    new Promise((resolve) => {
      const worker = new Worker(script, { workerData: { [WORKER_FLAG]: true }, stdout: true, stderr: true });
      let head: ModelHead | undefined;
      const annotations: Annotation[] = [];
      let settled = false;
      const poll = setInterval(() => {
        if (!wanted()) finish(undefined);
      }, WANTED_POLL_MS);
      const finish = (result: ReturnType<typeof modelFromPieces> | undefined) => {
        if (settled) return;
        settled = true;
        clearInterval(poll);
        void worker.terminate();
        resolve(result);
      };
      worker.on('message', (piece: Piece) => {
        if (piece.kind === 'head') head = piece.head;
        else if (piece.kind === 'annotations') for (const annotation of piece.annotations) annotations.push(annotation);
        else return finish(piece.kind === 'done' && head ? modelFromPieces(head, annotations) : undefined);
        setImmediate(() => {
          if (!settled) worker.postMessage({ next: true } satisfies Request);
        });
      });
      worker.once('error', () => finish(undefined));
      worker.once('exit', () => finish(undefined));
      worker.postMessage({ text } satisfies Request);
    });
}

/** The body of a parse worker: parse the text it is sent, then send the model piece by piece as asked. */
export function runParseWorker(): void {
  const port = parentPort!;
  const pieces: Piece[] = [];
  const send = () => {
    const piece = pieces.shift();
    if (!piece) return;
    try {
      port.postMessage(piece);
    } catch {
      // A value that cannot be cloned (an alias node resolves through a function): parsed on the main thread.
      port.postMessage({ kind: 'failed' } satisfies Piece);
    }
  };
  port.on('message', (request: Request) => {
    if ('next' in request) return send();
    const model = parseAnnotationFile(request.text);
    pieces.push({ kind: 'head', head: modelHead(model) });
    for (let i = 0; i < model.annotations.length; i += BATCH) pieces.push({ kind: 'annotations', annotations: model.annotations.slice(i, i + BATCH) });
    pieces.push({ kind: 'done' });
    send();
  });
}
