import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';

const ROOT = path.resolve(__dirname, '..', '..');
const ajv = new Ajv({ allErrors: true, strict: false });
const annotations = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'standpoint-annotations.schema.json'), 'utf8')));
const codebook = ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', 'standpoint-codebook.schema.json'), 'utf8')));
const read = (...parts: string[]) => parse(readFileSync(path.join(ROOT, ...parts), 'utf8'));

describe('JSON Schemas for other editors', () => {
  it('accept the valid example annotation files and codebook', () => {
    for (const file of readdirSync(path.join(ROOT, 'example', 'annotations'))) {
      expect(annotations(read('example', 'annotations', file)), `${file}: ${ajv.errorsText(annotations.errors)}`).toBe(true);
    }
    expect(codebook(read('example', 'codebook.yaml')), ajv.errorsText(codebook.errors)).toBe(true);
    expect(codebook(read('example', 'broken', 'codebook.yaml'))).toBe(true); // its problems are cross-references, not shape
  });

  it('accept coder and document, with the dates Standpoint accepts', () => {
    for (const date of ['2025-02-19', '2025-02-19T14:30', '2025-02-19 14:30:05.5', '2025-02-19T14:30Z', '2025-02-19T14:30:00-05:00', '2025-02-19T14:30+0100']) {
      const file = {
        article: 'a.txt',
        coder: 'ana-2',
        document: { title: 'Talks', date, source: 'Example Herald', author: 'Mara Lindqvist', url: 'https://example.org/a', section: 'World' },
        annotations: [],
      };
      expect(annotations(file), `${date}: ${ajv.errorsText(annotations.errors)}`).toBe(true);
    }
    // yaml (YAML 1.2, core schema) reads an unquoted date as text.
    expect(annotations(parse('article: a.txt\ndocument:\n  date: 2025-02-19\nannotations: []\n'))).toBe(true);
  });

  it('reject shapes that are wrong', () => {
    expect(annotations({ article: 'a.txt', annotations: [{ actors: ['us'] }] })).toBe(false); // neither sentence nor quote
    expect(annotations({ article: 'a.txt', annotations: [{ sentence: '3' }] })).toBe(false);
    expect(annotations({ article: 'a.txt', annotations: [{ sentence: 3, stances: [{ actor: 'us', toward: 't' }] }] })).toBe(false);
    expect(annotations(read('example', 'broken', 'riyadh-talks.stance.yaml'))).toBe(false); // a stance without `stance`
    expect(codebook({ actors: { Russia: { name: 'Russia' } } })).toBe(false);
    expect(annotations({ article: 'a.txt', coder: 'Ana', annotations: [] })).toBe(false);
    expect(annotations({ article: 'a.txt', document: { date: '19 Feb 2025' }, annotations: [] })).toBe(false);
    expect(annotations({ article: 'a.txt', document: { date: '2025-13-01' }, annotations: [] })).toBe(false);
    expect(annotations({ article: 'a.txt', document: { date: '2025-02' }, annotations: [] })).toBe(false);
    expect(annotations({ article: 'a.txt', document: { url: 'example.org/a' }, annotations: [] })).toBe(false);
    expect(annotations({ article: 'a.txt', document: { titel: 'A' }, annotations: [] })).toBe(false);
    expect(codebook({ actors: { us: { name: 'US', type: 'country' } } })).toBe(false);
  });
});
