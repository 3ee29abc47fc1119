import { isPlainSafe } from '../service/text/yamlText';

/**
 * YAML written by hand, the way the example corpus is written (block style,
 * plain scalars where safe), so the files read like a person's and the
 * server's fast line parser takes them.
 */

/** Characters a plain scalar may hold (printable, no surrogate halves alone). */
const PRINTABLE = /^(?:[\u0020-\u007e\u00a0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*$/;

/** A YAML scalar that reads back as exactly `text`. */
export function scalar(text: string): string {
  if (isPlainSafe(text) && PRINTABLE.test(text)) return text;
  // JSON strings are YAML double-quoted scalars; escape what YAML does not allow unescaped.
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A flow list of ids: `[a, b]`. */
export function idList(ids: readonly string[]): string {
  return `[${ids.map(scalar).join(', ')}]`;
}

/** `key: value` lines of a mapping at `indent` spaces, skipping undefined and empty values. */
export function fields(indent: number, entries: readonly (readonly [string, string | number | undefined])[]): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const [key, value] of entries) {
    if (value === undefined || value === '') continue;
    out += `${pad}${key}: ${typeof value === 'number' ? formatNumber(value) : scalar(value)}\n`;
  }
  return out;
}

/** Numbers as YAML reads them back: integers plainly, fractions with up to 6 decimals. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toFixed(6)));
}
