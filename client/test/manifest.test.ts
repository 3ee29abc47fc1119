import { describe, expect, it, vi } from 'vitest';

vi.mock('vscode', () => import('./views/vscodeMock'));

import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as protocol from '../../protocol/protocol';
import * as agreementProtocol from '../../protocol/agreement';
import { CODEBOOK_VIEW, VIEW_COMMANDS } from '../src/views/register';
import { VIEW_TYPES } from '../src/views/analysisView';
import { AGREEMENT_VIEW_TYPE } from '../src/views/agreementView';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const clientSource = ['extension.ts', 'commands.ts'].map((f) => readFileSync(path.join(ROOT, 'client', 'src', f), 'utf8')).join('\n');

describe('extension manifest', () => {
  it('registers a handler for every contributed command, and contributes every command it registers', () => {
    const contributed = contributes.commands.map((c: { command: string }) => c.command).sort();
    const registered = [...clientSource.matchAll(/register\('([\w.]+)'/g)].map((m) => m[1]);
    registered.push(protocol.ANNOTATE_COMMAND, protocol.SHOW_REFERENCES_COMMAND, protocol.IMPORT_DNA_COMMAND, agreementProtocol.SHOW_OTHER_CODINGS_COMMAND, ...Object.values(VIEW_COMMANDS));
    expect([...new Set(registered)].sort()).toEqual(contributed);
    for (const command of contributes.commands) expect(command.title, command.command).toBeTruthy();
  });

  it('binds keys and menus only to contributed commands', () => {
    const commands = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const binding of contributes.keybindings) expect(commands.has(binding.command), binding.command).toBe(true);
    for (const items of Object.values(contributes.menus) as { command: string }[][]) for (const item of items) expect(commands.has(item.command), item.command).toBe(true);
  });

  it('contributes the codebook view, and activates to restore the view panels after a reload', () => {
    expect(contributes.views.explorer.map((v: { id: string }) => v.id)).toEqual([CODEBOOK_VIEW]);
    for (const viewType of [...Object.values(VIEW_TYPES), AGREEMENT_VIEW_TYPE]) expect(manifest.activationEvents).toContain(`onWebviewPanel:${viewType}`);
    const titleCommands = contributes.menus['editor/title'].map((m: { command: string }) => m.command);
    expect(titleCommands).toContain(VIEW_COMMANDS.showNetwork);
    const itemCommands = contributes.menus['view/item/context'].map((m: { command: string }) => m.command).sort();
    expect(itemCommands).toEqual([VIEW_COMMANDS.findReferences, VIEW_COMMANDS.rename, VIEW_COMMANDS.reveal, VIEW_COMMANDS.showInNetwork].sort());
  });

  it('declares both languages with existing configuration and grammar files', () => {
    expect(contributes.languages.map((l: { id: string }) => l.id)).toEqual(['standpoint-annotations', 'standpoint-codebook']);
    for (const language of contributes.languages) expect(existsSync(path.join(ROOT, language.configuration))).toBe(true);
    for (const grammar of contributes.grammars) {
      const file = JSON.parse(readFileSync(path.join(ROOT, grammar.path), 'utf8'));
      expect(file.scopeName).toBe(grammar.scopeName);
      expect(JSON.stringify(file)).toContain('"include":"source.yaml"');
    }
    for (const validation of contributes.yamlValidation) expect(existsSync(path.join(ROOT, validation.url))).toBe(true);
  });

  it('describes every setting and names the trace setting after the client id', () => {
    const properties = contributes.configuration.properties;
    for (const [key, value] of Object.entries(properties) as [string, { markdownDescription?: string; description?: string }][]) {
      expect(value.markdownDescription ?? value.description, key).toBeTruthy();
    }
    expect(Object.keys(properties)).toEqual(
      expect.arrayContaining([
        'standpoint.trace.server',
        'standpoint.diagnostics.delayMs',
        'standpoint.inlayHints.sentencePreviews',
        'standpoint.inlayHints.sentenceNumbers',
        'standpoint.decorations.enabled',
        'standpoint.index.persist',
        'standpoint.sentences.followEdits',
      ]),
    );
    // The server reads the same three values (protocol's FOLLOW_EDITS_MODES), prompt by default.
    expect(properties['standpoint.sentences.followEdits'].enum).toEqual([...protocol.FOLLOW_EDITS_MODES]);
    expect(properties['standpoint.sentences.followEdits'].default).toBe('prompt');
    // The client id ('standpoint') is what makes `standpoint.trace.server` work.
    expect(clientSource).toMatch(/new (?:LanguageClient|StandpointClient)\('standpoint'/);
    if (clientSource.includes('new StandpointClient(')) expect(clientSource).toContain('class StandpointClient extends LanguageClient');
  });

  it('declares workspace trust and virtual workspace support, and engines that match @types/vscode', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(manifest.capabilities.virtualWorkspaces.supported).toBe(false);
    expect(manifest.engines.vscode).toBe('^1.91.0');
    expect(manifest.devDependencies['@types/vscode']).toBe('1.91.0');
  });

  it('packages from an allow-list: .vscodeignore excludes everything, then names what ships', () => {
    const lines = readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toBe('**');
    expect(lines.slice(1).every((l) => l.startsWith('!'))).toBe(true);
    expect(lines).toContain('!dist/server.js');
    expect(lines).toEqual(expect.arrayContaining(['!dist/views/*.js', '!dist/views/*.css']));
    expect(lines).not.toContain('!node_modules/**');
  });

  // The client and the server both import protocol/protocol.ts (typed, so a changed shape fails to compile on either
  // side; lint forbids the client any other server import). What is left to check is the wire names other clients use.
  it('names its own messages as other clients call them', () => {
    expect(protocol.ANNOTATE_REQUEST.method).toBe('standpoint/annotate');
    expect(protocol.RELATED_FILES_REQUEST.method).toBe('standpoint/relatedFiles');
    expect(protocol.SENTENCES_REQUEST.method).toBe('standpoint/sentences');
    expect(protocol.SENTENCE_MARKS_REQUEST.method).toBe('standpoint/sentenceMarks');
    expect(protocol.STATUS_NOTIFICATION.method).toBe('standpoint/status');
    expect(protocol.ANNOTATE_COMMAND).toBe('standpoint.annotateSentence');
    expect(protocol.SHOW_REFERENCES_COMMAND).toBe('standpoint.showReferences');
    expect(protocol.IMPORT_DNA_REQUEST.method).toBe('standpoint/importDna');
    expect(protocol.IMPORT_DNA_COMMAND).toBe('standpoint.importDna');
    expect(agreementProtocol.AGREEMENT_REQUEST.method).toBe('standpoint/agreement');
    expect(agreementProtocol.SHOW_OTHER_CODINGS_COMMAND).toBe('standpoint.showOtherCodings');
    expect(protocol.SENTENCE_NUMBERS_MOVED_NOTIFICATION.method).toBe('standpoint/sentenceNumbersMoved');
    expect(protocol.WORKSPACE_TRUSTED_NOTIFICATION.method).toBe('standpoint/workspaceTrusted');
    expect(protocol.UPDATE_SENTENCE_NUMBERS_COMMAND).toBe('standpoint.updateSentenceNumbers');
  });

  it('contributes the theme colours the decorations use, and their gutter icons exist', () => {
    const colors = new Set(contributes.colors.map((c: { id: string }) => c.id));
    for (const kind of ['supports', 'opposes', 'mixed', 'tagged']) {
      expect(colors.has(`standpoint.${kind}Background`)).toBe(true);
      expect(colors.has(`standpoint.${kind}Ruler`)).toBe(true);
      expect(existsSync(path.join(ROOT, 'media', `gutter-${kind}.svg`))).toBe(true);
    }
  });
});
