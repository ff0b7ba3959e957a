/**
 * The one HTML document shell of the pages the Worker writes itself (the hosted survey page of
 * invitation links, the read-only share page): doctype, language and direction, viewport, noindex,
 * no referrer, one inline stylesheet allowed by its hash, and a Content-Security-Policy that allows
 * nothing else unless the page names it. The answer is never cached, framed or indexed: both pages
 * carry a token in their URL.
 */

/** Text for HTML element content and attribute values (double-quoted). */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Headers of every such page (and of the share link's JSON): not indexed, not cached, not framed, no referrer. */
export const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;

// The CSP pins the inline stylesheet by its SHA-256; each page's CSS is a constant, hashed once.
const styleHashes = new Map<string, Promise<string>>();
const styleHash = (css: string) => {
  let h = styleHashes.get(css);
  if (!h) {
    h = crypto.subtle
      .digest('SHA-256', new TextEncoder().encode(css))
      .then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`);
    styleHashes.set(css, h);
  }
  return h;
};

export type HtmlPage = {
  status: number;
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  /** The inline stylesheet (a constant: it is hashed into the CSP). */
  css: string;
  /** The body's HTML, already escaped by the caller. */
  body: string;
  /** `script-src`: `'none'` for a page without script. */
  scriptSrc: string;
  /** Further CSP directives after `style-src`, e.g. `connect-src 'self'` (the rest stays `'none'`). */
  directives?: readonly string[];
};

export async function htmlPage(p: HtmlPage): Promise<Response> {
  const csp = [
    "default-src 'none'",
    `script-src ${p.scriptSrc}`,
    `style-src ${await styleHash(p.css)}`,
    ...(p.directives ?? []),
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="${escapeHtml(p.lang)}" dir="${escapeHtml(p.dir)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(p.title)}</title>
<style>${p.css}</style>
</head>
<body>
${p.body}
</body>
</html>
`;
  return new Response(html, {
    status: p.status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, ...PAGE_HEADERS },
  });
}
