import { closeSync, openSync, unlinkSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { UsageError } from './args';

/** Where an export goes: stdout (with back-pressure), or a file written atomically. */
export interface OutputIo {
  readonly cwd: string;
  /** Returns false when the stream wants the writer to wait for `drain`. */
  stdout(text: string): void | boolean;
  /** Resolves when stdout can take more (after stdout returned false). */
  drain?(): Promise<void>;
}

/** Writes are gathered into pieces of about this many characters. */
const PIECE = 1 << 16;

export interface Output {
  /** Writes the chunks as they come. */
  write(chunks: Iterable<string> | AsyncIterable<string>): Promise<void>;
  /** Puts the file in place (a file output); nothing for stdout. */
  commit(): Promise<void>;
  /** Takes the temporary file away (a failed run); nothing for stdout. */
  abort(): Promise<void>;
}

/**
 * The export's destination. `--output FILE` is written atomically: into a
 * temporary file in the same folder, renamed over FILE once everything is
 * written. A run that fails (or is interrupted) removes the temporary file,
 * so FILE is either the old one or the complete new one, never a part. The
 * temporary file is created at once, so an unwritable place is reported
 * before any work is done. Without `output`, chunks go to stdout as they come.
 */
export async function openOutput(output: string | undefined, io: OutputIo): Promise<Output> {
  if (output === undefined) {
    return {
      async write(chunks) {
        for await (const chunk of chunks) if (io.stdout(chunk) === false) await io.drain?.();
      },
      commit: async () => undefined,
      abort: async () => undefined,
    };
  }
  const target = path.resolve(io.cwd, output);
  const temporary = await createTemporary(output, target);
  // Interrupted (Ctrl-C, kill): take the temporary file away before going.
  const onSignal = (signal: NodeJS.Signals) => {
    removeQuietly(temporary);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const done = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  let handle: fs.FileHandle | undefined;
  return {
    async write(chunks) {
      handle ??= await fs.open(temporary, 'w').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot write --output ${output}: ${describe(error)}`);
      });
      let piece = '';
      for await (const chunk of chunks) {
        piece += chunk;
        if (piece.length >= PIECE) {
          await handle.write(piece);
          piece = '';
        }
      }
      if (piece) await handle.write(piece);
    },
    async commit() {
      try {
        await handle?.close();
        handle = undefined;
        await fs.rename(temporary, target).catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`cannot write --output ${output}: ${describe(error)}`);
        });
      } catch (error) {
        removeQuietly(temporary);
        throw error;
      } finally {
        done();
      }
    },
    async abort() {
      await handle?.close().catch(() => undefined);
      handle = undefined;
      removeQuietly(temporary);
      done();
    },
  };
}

/** Checks where FILE goes and creates the temporary file beside it; what the user can fix is a usage error. */
async function createTemporary(output: string, target: string): Promise<string> {
  const folder = path.dirname(target);
  const targetStat = await fs.stat(target).catch(() => undefined);
  if (targetStat?.isDirectory()) throw new UsageError(`--output ${output} is a folder; give a file name`);
  const folderStat = await fs.stat(folder).catch(() => undefined);
  if (!folderStat) throw new UsageError(`cannot write --output ${output}: the folder ${path.dirname(output) || '.'} does not exist (create it first)`);
  if (!folderStat.isDirectory()) throw new UsageError(`cannot write --output ${output}: ${path.dirname(output)} is not a folder`);
  const temporary = path.join(folder, `.${path.basename(target)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    closeSync(openSync(temporary, 'wx', 0o666));
  } catch (error) {
    throw new UsageError(`cannot write --output ${output}: ${describe(error as NodeJS.ErrnoException)}`);
  }
  return temporary;
}

function describe(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (the folder is not writable)';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'the disk is full';
    case 'ENOENT':
      return 'the folder does not exist';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return error.message;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
