/**
 * The HTML shell of a view page: a strict Content-Security-Policy, the page's
 * stylesheet from the extension, its script by nonce. Everything the page
 * shows is built by that script with text nodes; nothing else is inline.
 */
import type { ViewKind } from './options';

export interface PageResources {
  /** The page's name (`data-view` of its body): a network or matrix view, or Compare Coders. */
  readonly kind: ViewKind | 'agreement';
  /** `webview.cspSource`: where the extension's own files are served from. */
  readonly cspSource: string;
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  readonly title: string;
}

/**
 * No default sources at all; scripts only with this page's nonce; styles only
 * from the extension (style attributes set from script, as sigma.js does for
 * its canvases, are CSSOM and allowed); no images, fonts, frames or
 * connections. The page needs nothing more.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `script-src 'nonce-${nonce}'`, `base-uri 'none'`, `form-action 'none'`].join('; ');
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };
/** For a double-quoted attribute value (single quotes, as in the policy, stay as they are). */
export const escapeAttribute = (text: string): string => text.replace(/[&"<>]/g, (ch) => ATTRIBUTE_ESCAPES[ch]);

export function pageHtml(page: PageResources): string {
  const attr = escapeAttribute;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(page.cspSource, page.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${attr(page.title)}</title>
<link rel="stylesheet" href="${attr(page.styleUri)}">
</head>
<body data-view="${attr(page.kind)}">
<script nonce="${attr(page.nonce)}" src="${attr(page.scriptUri)}"></script>
</body>
</html>
`;
}

/** A nonce for one page load: 128 random bits, base64. */
export function makeNonce(random: (bytes: Uint8Array) => Uint8Array): string {
  return Buffer.from(random(new Uint8Array(16))).toString('base64');
}
