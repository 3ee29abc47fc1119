import { startServer } from './server';
import { isIndexWorker, runIndexWorker } from '../node/workerIndexer';

// Entry point of dist/server.js, which the VS Code client starts (transport chosen on the command line).
// The same file runs the indexing worker threads the server starts.
if (isIndexWorker()) runIndexWorker();
else startServer(undefined, { workerScript: __filename });
