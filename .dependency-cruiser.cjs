// The layering rules of DEVELOPERS.md ("Rules of the house"), checked by `npm run lint` (part of `npm test`).
// Type-only imports count too: a cycle of types is still a cycle for the reader.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      severity: 'error',
      comment: 'No import cycles, type-only ones included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'service-is-pure',
      severity: 'error',
      comment: 'The language service uses no node module and reads files only through Workspace.',
      from: { path: '^server/src/service/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'service-packages',
      severity: 'error',
      comment: 'The service imports only yaml, vscode-uri and the LSP types (never vscode or vscode-languageserver).',
      from: { path: '^server/src/service/' },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '^node_modules/(yaml|vscode-uri|vscode-languageserver-types)/',
      },
    },
    {
      name: 'service-below-adapters',
      severity: 'error',
      comment: 'The service knows nothing of the LSP adapter, the CLI, node-specific code or the output writers.',
      from: { path: '^server/src/service/' },
      to: { path: '^server/src/(lsp|cli|node|formats|dna)/' },
    },
    {
      name: 'formats-are-writers',
      severity: 'error',
      comment: 'Output writers take plain data: no LSP adapter, CLI, node-specific code, vscode or LSP library.',
      from: { path: '^server/src/formats/' },
      to: { path: ['^server/src/(lsp|cli|node)/', '^node_modules/(@types/vscode|vscode|vscode-languageserver|vscode-languageclient|vscode-jsonrpc)/'] },
    },
    {
      name: 'formats-take-plain-data',
      severity: 'error',
      comment: 'Writers get their input as the shared analysis types and the diagnostic code table; the service logic stays in the service.',
      from: { path: '^server/src/formats/' },
      to: { path: '^server/src/service/', pathNot: '^server/src/service/(analysis/types|problems)[.]ts$' },
    },
    {
      name: 'node-below-adapters',
      severity: 'error',
      comment: 'Node-specific services (disk workspace, workers, persisted index) serve the LSP adapter and the CLI, not the reverse.',
      from: { path: '^server/src/node/' },
      to: { path: '^server/src/(lsp|cli)/' },
    },
    {
      name: 'client-speaks-protocol',
      severity: 'error',
      comment: 'The VS Code client shares only protocol/ with the server.',
      from: { path: '^client/src/' },
      to: { path: '^server/' },
    },
    {
      name: 'view-pages-run-in-the-browser',
      severity: 'error',
      comment: 'Webview page code (and the messages and options it shares with the extension) is browser code: no vscode, node or LSP client.',
      from: { path: '^client/src/views/(page/|messages[.]ts$|options[.]ts$)' },
      to: {
        pathNot: ['^client/src/views/(page/|messages[.]ts$|options[.]ts$)', '^protocol/'],
        path: ['^client/src/', '^server/', '^node_modules/(@types/vscode|vscode|vscode-languageclient|vscode-languageserver|vscode-jsonrpc)/'],
      },
    },
    {
      name: 'view-pages-no-node',
      severity: 'error',
      from: { path: '^client/src/views/(page/|messages[.]ts$|options[.]ts$)' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'protocol-is-data',
      severity: 'error',
      comment: 'protocol/ is names and types: it imports only the LSP types.',
      from: { path: '^protocol/' },
      to: { pathNot: ['^protocol/', '^node_modules/vscode-languageserver-types/'] },
    },
    { name: 'not-to-unresolvable', severity: 'error', comment: 'Every import resolves.', from: {}, to: { couldNotResolve: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
