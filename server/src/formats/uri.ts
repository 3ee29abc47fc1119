/**
 * Relative paths as URI references (SARIF `artifactLocation.uri`) and IRI
 * references (W3C annotation ids and targets): each segment keeps its
 * unreserved characters and percent-encodes the rest as UTF-8, so a space,
 * `#`, `?` or `%` in a file name cannot change what the reference means.
 */

const URI_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@]/;
// IRIs (RFC 3987) may also carry non-ASCII characters as they are; controls, spaces and specials are still encoded.
const IRI_SAFE = /[A-Za-z0-9\-._~!$&'()*+,;=:@\u00A0-\uD7FF\uF900-\uFDCF\uFDF0-\uFFEF\u{10000}-\u{EFFFD}]/u;

const ENCODER = new TextEncoder();

function encodeSegment(segment: string, safe: RegExp): string {
  let out = '';
  for (const char of segment) {
    if (safe.test(char)) out += char;
    else for (const byte of ENCODER.encode(char)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A `/`-separated relative path as a URI reference (ASCII only). */
export function pathToUriReference(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeSegment(segment, URI_SAFE))
    .join('/');
}

/** A `/`-separated relative path as an IRI reference (non-ASCII letters kept readable). */
export function pathToIriReference(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeSegment(segment, IRI_SAFE))
    .join('/');
}

/** A fragment (after `#`) as an IRI fragment: `/` and `?` are allowed there too. */
export function toIriFragment(text: string): string {
  return text
    .split('/')
    .map((segment) => encodeSegment(segment, IRI_SAFE))
    .join('/');
}
