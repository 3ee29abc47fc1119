/**
 * Cancellation for long service operations (references, rename, workspace
 * symbols, code lenses). The service does not depend on vscode-languageserver:
 * an LSP CancellationToken fits this interface as it is.
 */
export interface CancellationSignal {
  readonly isCancellationRequested: boolean;
}

/** Thrown by a service operation that stopped early because its signal was cancelled. */
export class OperationCancelled extends Error {
  constructor() {
    super('The operation was cancelled.');
    this.name = 'OperationCancelled';
  }
}

export function isOperationCancelled(error: unknown): error is OperationCancelled {
  return error instanceof OperationCancelled;
}

/** Stops the operation (throws OperationCancelled) once the signal is cancelled. */
export function throwIfCancelled(signal: CancellationSignal | undefined): void {
  if (signal?.isCancellationRequested) throw new OperationCancelled();
}
