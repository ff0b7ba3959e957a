/**
 * The hosted survey page's HTML. No inline script: the survey config travels as JSON in a
 * `<script type="application/json">` element (data, never executed) and the page script is the file
 * `../s.js` (widget/page/); the one inline `<style>` is allowed by its hash. Nothing on the page comes
 * from a third party, except Cloudflare's Turnstile on anonymous links of sites that turned it on.
 */
import { PAGE_CONFIG_ID, type PageConfig } from '../../shared/page-config';
import { escapeHtml, htmlPage } from '../http/html-page';
import { isRtl } from './locale';
import { PAGE_TEXT, type PageKind, type PageLanguage } from './page-text';

/** The page itself: full height, the site's name on top, the survey or a message below. */
const CSS = `html{color-scheme:light dark}body{margin:0;min-height:100vh;background:#f4f4f7;color:#1b1b1f;
font:16px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",Vazirmatn,Tahoma,sans-serif}
header{padding:16px 20px 0;max-width:560px;margin:0 auto}h1{font-size:15px;font-weight:600;margin:0;color:#55555f}
main{max-width:560px;margin:0 auto;padding:12px 16px 32px}.m{background:#fff;border:1px solid #85858f;border-radius:12px;padding:20px}
.m h1,.m h2{font-size:20px;margin:0 0 8px;color:inherit}.m p{margin:0}
@media (prefers-color-scheme:dark){body{background:#141417;color:#f1f1f4}h1{color:#b9b9c4}.m{background:#1f1f24;border-color:#7a7a8c}}`.replace(
  /\n/g,
  '',
);

const TURNSTILE = 'https://challenges.cloudflare.com';

/** JSON inside a script data block: `<` escaped, so no text can close the element. */
const jsonBlock = (v: unknown) => JSON.stringify(v).replace(/</g, '\\u003c');

// Personal state (answered or not) and a token in the URL: never cached, never sent on (htmlPage).
function page(
  status: number,
  lang: string,
  title: string,
  body: string,
  opts: { turnstile?: boolean } = {},
): Promise<Response> {
  const ts = opts.turnstile ? ` ${TURNSTILE}` : '';
  return htmlPage({
    status,
    lang,
    dir: isRtl(lang) ? 'rtl' : 'ltr',
    title,
    css: CSS,
    body,
    scriptSrc: `'self'${ts}`,
    directives: ["connect-src 'self'", "img-src 'self' data:", ...(ts ? [`frame-src${ts}`] : [])],
  });
}

const STATUS: Record<PageKind, number> = { notFound: 404, expired: 410, closed: 410, done: 200, skipped: 200 };

const header = (siteName?: string) => (siteName ? `<header><h1>${escapeHtml(siteName)}</h1></header>\n` : '');

/** A page that only says something (404, 410, already answered, nothing to answer); no script. */
export function messagePage(kind: PageKind, lang: PageLanguage, siteName?: string): Promise<Response> {
  const [title, text] = PAGE_TEXT[lang][kind];
  const h = siteName ? 'h2' : 'h1';
  return page(
    STATUS[kind],
    lang,
    title,
    `${header(siteName)}<main><div class="m"><${h}>${escapeHtml(title)}</${h}><p>${escapeHtml(text)}</p></div></main>`,
  );
}

/** The survey page: the config as data, the page script, and a message for browsers without scripts. */
export function surveyPage(config: PageConfig, lang: PageLanguage, siteName: string): Promise<Response> {
  const words = PAGE_TEXT[lang];
  return page(
    200,
    config.locale,
    `${siteName} · ${words.survey}`,
    `${header(siteName)}<main id="seda-main"><noscript><div class="m"><p>${escapeHtml(words.noscript)}</p></div></noscript></main>
<script type="application/json" id="${PAGE_CONFIG_ID}">${jsonBlock(config)}</script>
<script src="../s.js" defer></script>`,
    { turnstile: config.turnstile !== undefined },
  );
}
