/** Turning file bytes into article or YAML text, refusing what is not text. */

export type DecodeResult = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary'; readonly reason: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8, dropping a leading BOM; NUL bytes or invalid UTF-8 mean "not a text file". */
export function decodeText(bytes: Uint8Array): DecodeResult {
  if (bytes.indexOf(0) !== -1) return { kind: 'binary', reason: 'it contains NUL bytes, so it is not a text file' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { kind: 'binary', reason: 'it is not valid UTF-8 text' };
  }
  return { kind: 'text', text: stripBom(text) };
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function formatBytes(size: number): string {
  if (size >= 1024 * 1024) return `${(size / (1024 * 1024)).toFixed(1)} MB`;
  if (size >= 1024) return `${Math.round(size / 1024)} KB`;
  return `${size} bytes`;
}
