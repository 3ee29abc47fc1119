import { main } from './main';
import { isIndexWorker, runIndexWorker } from '../node/workerIndexer';
import { isParseWorker, runParseWorker } from '../node/parseWorker';

// Entry point of dist/cli.js: run a command and exit with its status.

if (isIndexWorker()) runIndexWorker();
else if (isParseWorker()) runParseWorker();
else run();

function run(): void {
  // `standpoint sentences a.txt | head` closes the pipe early: that is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }

  main(process.argv.slice(2), {
    cwd: process.cwd(),
    workerScript: __filename,
    stdout: (text) => process.stdout.write(text),
    drain: () => new Promise((resolve) => process.stdout.once('drain', resolve)),
    stderr: (text) => process.stderr.write(text),
  }).then(
    (status) => {
      if (status >= 0) process.exitCode = status;
    },
    (error: unknown) => {
      process.stderr.write(`standpoint: internal error: ${String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
