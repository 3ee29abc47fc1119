import { main } from './main';

// Entry point of dist/cli.js: run a command and exit with its status.
main(process.argv.slice(2), {
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
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
