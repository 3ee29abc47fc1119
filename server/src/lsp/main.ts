import { startServer } from './server';
import { isIndexWorker, runIndexWorker } from '../node/workerIndexer';
import { isParseWorker, runParseWorker } from '../node/parseWorker';

// Entry point of dist/server.js, which the VS Code client starts (transport chosen on the command line).
// The same file runs the indexing and parsing worker threads the server starts.
if (isIndexWorker()) runIndexWorker();
else if (isParseWorker()) runParseWorker();
else startServer(undefined, { workerScript: __filename });
