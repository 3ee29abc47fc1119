import { startServer } from './server';

// Entry point of dist/server.js, which the VS Code client starts (transport chosen on the command line).
startServer();
