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

  it('reject shapes that are wrong', () => {
    expect(annotations({ article: 'a.txt', annotations: [{ actors: ['us'] }] })).toBe(false); // neither sentence nor quote
    expect(annotations({ article: 'a.txt', annotations: [{ sentence: '3' }] })).toBe(false);
    expect(annotations({ article: 'a.txt', annotations: [{ sentence: 3, stances: [{ actor: 'us', toward: 't' }] }] })).toBe(false);
    expect(annotations(read('example', 'broken', 'riyadh-talks.stance.yaml'))).toBe(false); // a stance without `stance`
    expect(codebook({ actors: { Russia: { name: 'Russia' } } })).toBe(false);
    expect(codebook({ actors: { us: { name: 'US', type: 'country' } } })).toBe(false);
  });
});
