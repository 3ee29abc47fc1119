import { describe, expect, it } from 'vitest';
import { readClientCommands, readDelay, readInlayOptions, workspaceFolderUris } from '../src/lsp/settings';

describe('reading the client settings', () => {
  it('takes diagnostics.delayMs from 0 to 10,000 ms, and ignores what is not a usable number', () => {
    expect(readDelay({ diagnostics: { delayMs: 0 } })).toBe(0);
    expect(readDelay({ diagnostics: { delayMs: 1200 } })).toBe(1200);
    expect(readDelay({ diagnostics: { delayMs: 60_000 } })).toBe(10_000);
    for (const delayMs of [-1, Number.NaN, Number.POSITIVE_INFINITY, '100', null, true]) expect(readDelay({ diagnostics: { delayMs } }), String(delayMs)).toBeUndefined();
    expect(readDelay({})).toBeUndefined();
    expect(readDelay(null)).toBeUndefined();
  });

  it('shows sentence previews unless turned off, and sentence numbers only when turned on', () => {
    expect(readInlayOptions(undefined)).toEqual({ sentencePreviews: true, sentenceNumbers: false });
    expect(readInlayOptions({ inlayHints: { sentencePreviews: false, sentenceNumbers: true } })).toEqual({ sentencePreviews: false, sentenceNumbers: true });
    expect(readInlayOptions({ inlayHints: { sentencePreviews: 'no', sentenceNumbers: 'yes' } })).toEqual({ sentencePreviews: true, sentenceNumbers: false });
  });

  it('reads the commands a client implements itself, and the workspace folders (or the root of an older client)', () => {
    expect(readClientCommands({ clientCommands: ['standpoint.annotateSentence'] })).toEqual(['standpoint.annotateSentence']);
    expect(readClientCommands({ clientCommands: 'standpoint.annotateSentence' as unknown as string[] })).toEqual([]);
    expect(readClientCommands(undefined)).toEqual([]);
    expect(workspaceFolderUris({ workspaceFolders: [{ uri: 'file:///a', name: 'a' }], rootUri: 'file:///b', processId: null, capabilities: {} })).toEqual(['file:///a']);
    expect(workspaceFolderUris({ workspaceFolders: null, rootUri: 'file:///b', processId: null, capabilities: {} })).toEqual(['file:///b']);
    expect(workspaceFolderUris({ rootUri: null, rootPath: '/c', processId: null, capabilities: {} })).toEqual(['file:///c']);
  });
});
