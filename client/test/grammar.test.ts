import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { createOnigScanner, createOnigString, loadWASM } from 'vscode-oniguruma';

const ROOT = path.resolve(__dirname, '..', '..');
let annotations: IGrammar;
let codebook: IGrammar;

beforeAll(async () => {
  await loadWASM(readFileSync(path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm')).buffer as ArrayBuffer);
  const files: Record<string, string> = {
    'source.standpoint-annotations': 'syntaxes/standpoint-annotations.tmLanguage.json',
    'source.standpoint-codebook': 'syntaxes/standpoint-codebook.tmLanguage.json',
  };
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner, createOnigString }),
    loadGrammar: async (scope) => {
      // VS Code provides source.yaml; a minimal stand-in is enough to test our own scopes.
      if (scope === 'source.yaml') return parseRawGrammar(JSON.stringify({ scopeName: 'source.yaml', patterns: [{ match: '#.*$', name: 'comment.line.number-sign.yaml' }] }), 'yaml.json');
      const file = files[scope];
      return file ? parseRawGrammar(readFileSync(path.join(ROOT, file), 'utf8'), path.join(ROOT, file)) : null;
    },
  });
  annotations = (await registry.loadGrammar('source.standpoint-annotations'))!;
  codebook = (await registry.loadGrammar('source.standpoint-codebook'))!;
});

/** The scopes of the token covering `needle` on a line. */
function scopesOf(grammar: IGrammar, lines: string[], lineIndex: number, needle: string): string[] {
  let state = INITIAL;
  for (let i = 0; i < lines.length; i++) {
    const result = grammar.tokenizeLine(lines[i], state);
    if (i === lineIndex) {
      const at = lines[i].indexOf(needle);
      const token = result.tokens.find((t) => t.startIndex <= at && at < t.endIndex);
      return token ? token.scopes : [];
    }
    state = result.ruleStack;
  }
  return [];
}

const FILE = [
  'article: ../articles/a.txt',
  'annotations:',
  '  - sentence: 12',
  '    quote: "held a high-level meeting"',
  '    actors: [us, russia]',
  '    stances:',
  '      - { actor: rubio, toward: us-russia-dialogue, stance: supports }',
  '      - actor: russia',
  '        toward: ukraine-nato-membership',
  '        stance: opposes',
  '      - { actor: eu, toward: ceasefire, stance: mixed }',
];

describe('the annotation grammar', () => {
  it('scopes sentence numbers and quotes', () => {
    expect(scopesOf(annotations, FILE, 2, '12')).toContain('constant.numeric.sentence.standpoint');
    expect(scopesOf(annotations, FILE, 3, 'held')).toContain('string.quoted.quote.standpoint');
  });

  it('scopes actor ids in lists and stances, and targets', () => {
    expect(scopesOf(annotations, FILE, 4, 'russia')).toContain('variable.other.actor.standpoint');
    expect(scopesOf(annotations, FILE, 6, 'rubio')).toContain('variable.other.actor.standpoint');
    expect(scopesOf(annotations, FILE, 6, 'us-russia-dialogue')).toContain('entity.name.type.target.standpoint');
    expect(scopesOf(annotations, FILE, 8, 'ukraine-nato')).toContain('entity.name.type.target.standpoint');
  });

  it('gives supports, opposes, neutral and mixed distinguishable scopes, in flow and block style', () => {
    const supports = scopesOf(annotations, FILE, 6, 'supports').join(' ');
    const opposes = scopesOf(annotations, FILE, 9, 'opposes').join(' ');
    const mixed = scopesOf(annotations, FILE, 10, 'mixed').join(' ');
    expect(supports).toContain('constant.language.stance.supports.standpoint markup.inserted.standpoint');
    expect(opposes).toContain('constant.language.stance.opposes.standpoint markup.deleted.standpoint');
    expect(mixed).toContain('constant.language.stance.mixed.standpoint');
    expect(new Set([supports, opposes, mixed]).size).toBe(3);
  });
});

describe('the annotation grammar: coder and document', () => {
  const HEAD = [
    'article: ../articles/a.txt',
    'coder: ana-2',
    'document:',
    '  title: Talks',
    '  date: 2025-02-19T14:30+01:00  # web edition',
    "  date: '2025-02-19'",
    '  author: coder: no',
    'annotations: []',
  ];
  it('scopes the coder id and document dates (quoted or not), and nothing else', () => {
    expect(scopesOf(annotations, HEAD, 1, 'ana-2')).toContain('variable.other.coder.standpoint');
    expect(scopesOf(annotations, HEAD, 4, '2025')).toContain('constant.numeric.date.standpoint');
    expect(scopesOf(annotations, HEAD, 4, 'web')).toContain('comment.line.number-sign.yaml');
    expect(scopesOf(annotations, HEAD, 5, '2025')).toContain('constant.numeric.date.standpoint');
    expect(scopesOf(annotations, HEAD, 3, 'Talks')).not.toContain('constant.numeric.date.standpoint');
    expect(scopesOf(annotations, HEAD, 6, 'no')).not.toContain('variable.other.coder.standpoint');
  });
});

describe('the codebook grammar', () => {
  const CODEBOOK = [
    'actors:',
    '  us:',
    '    name: United States',
    '    type: state',
    '  rubio:',
    '    affiliation: us',
    'topics:',
    '  ceasefire:',
    '    label: A ceasefire',
    'stances:',
    '  supports: { label: Supports, polarity: 1 }',
  ];
  it('scopes actor and topic ids where they are defined, affiliations and actor types', () => {
    expect(scopesOf(codebook, CODEBOOK, 1, 'us')).toContain('entity.name.type.actor.standpoint');
    expect(scopesOf(codebook, CODEBOOK, 3, 'state')).toContain('support.constant.actor-type.standpoint');
    expect(scopesOf(codebook, CODEBOOK, 5, 'us')).toContain('variable.other.actor.standpoint');
    expect(scopesOf(codebook, CODEBOOK, 7, 'ceasefire')).toContain('entity.name.type.topic.standpoint');
    expect(scopesOf(codebook, CODEBOOK, 10, 'supports')).toContain('constant.language.stance.supports.standpoint');
  });
});
