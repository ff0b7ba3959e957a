/**
 * The share link's page: HTML written on the server from SharedOverview, with no script at all
 * (`script-src 'none'`), no cookie, no third party, `noindex`, never cached and never framed. Every
 * value is escaped; numbers are in the page's language (Persian digits in fa) and each number,
 * interval or signed change is isolated so right-to-left text never reorders it.
 */
import type { SharedOverview } from '../../shared/contract/digest';
import type { Comparison, Metrics } from '../../shared/schemas/metrics';
import { isRtl } from '../invitations/locale';
import { SHARE_TEXT, type ShareLanguage } from './page-text';

const CSS = `html{color-scheme:light dark}body{margin:0;background:#f4f4f7;color:#1b1b1f;
font:15px/1.5 system-ui,"Segoe UI",Roboto,"Noto Sans",Vazirmatn,Tahoma,sans-serif}
header,main,footer{max-width:1040px;margin:0 auto;padding:16px 20px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#55555f}section{background:#fff;border:1px solid #c9c9d2;border-radius:12px;padding:16px 18px;margin:0 0 16px}
h2{font-size:18px;margin:0 0 4px}.sub{color:#55555f;margin:0 0 12px}.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:12px}
.kpi{border:1px solid #dcdce4;border-radius:10px;padding:10px 12px}.kpi h3{margin:0;font-size:13px;color:#55555f;font-weight:600}
.kpi .v{font-size:26px;font-weight:700}.kpi .ci,.kpi .n{color:#55555f;font-size:13px}.sig{color:#0b6b3a;font-weight:600}.down.sig{color:#a4262c}
.wrap{overflow-x:auto}table{border-collapse:collapse;width:100%;font-size:14px;margin-top:12px}th,td{text-align:start;padding:6px 8px;border-bottom:1px solid #e4e4ea;white-space:nowrap}
th{color:#55555f;font-weight:600}footer{color:#55555f;font-size:13px}.m{max-width:560px;margin:40px auto}
@media (prefers-color-scheme:dark){body{background:#141417;color:#f1f1f4}section{background:#1f1f24;border-color:#44444f}
header p,.sub,.kpi h3,.kpi .ci,.kpi .n,th,footer{color:#b9b9c4}.kpi{border-color:#44444f}td,th{border-color:#33333b}.sig{color:#6fd39a}.down.sig{color:#ff9a9f}}`.replace(
  /\n/g,
  '',
);

let styleHash: Promise<string> | undefined;
const cssHash = () =>
  (styleHash ??= crypto.subtle
    .digest('SHA-256', new TextEncoder().encode(CSS))
    .then((d) => `'sha256-${btoa(String.fromCharCode(...new Uint8Array(d)))}'`));

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** HTML headers of every answer of the share page and its API: not indexed, not cached, not framed, no referrer. */
export const SHARE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Robots-Tag': 'noindex, nofollow',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
} as const;

async function page(status: number, lang: ShareLanguage, title: string, body: string): Promise<Response> {
  const csp = [
    "default-src 'none'",
    "script-src 'none'",
    `style-src ${await cssHash()}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  const html = `<!doctype html>
<html lang="${lang}" dir="${isRtl(lang) ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': csp, ...SHARE_HEADERS },
  });
}

/** A page that only says something: unknown link (404), revoked or expired (410), rate limited (429). */
export function shareMessagePage(kind: 'notFound' | 'revoked' | 'limited', lang: ShareLanguage): Promise<Response> {
  const [title, text] = SHARE_TEXT[lang][kind];
  const status = kind === 'notFound' ? 404 : kind === 'revoked' ? 410 : 429;
  return page(
    status,
    lang,
    title,
    `<main class="m"><section><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p></section></main>`,
  );
}

function formatters(lang: ShareLanguage) {
  const nf1 = new Intl.NumberFormat(lang, { maximumFractionDigits: 1 });
  const nf0 = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const df = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR-u-ca-persian' : lang, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  /** A number (or "a–b") kept in its own direction inside right-to-left text. */
  const iso = (s: string) => `<bdi dir="ltr">${escapeHtml(s)}</bdi>`;
  return {
    int: (n: number) => iso(nf0.format(n)),
    one: (n: number) => iso(nf1.format(n)),
    signed: (n: number) => iso(`${n > 0 ? '+' : n < 0 ? '−' : ''}${nf1.format(Math.abs(n))}`),
    interval: (lo: number, hi: number, digits: 0 | 1) =>
      iso(`[${(digits ? nf1 : nf0).format(lo)}–${(digits ? nf1 : nf0).format(hi)}]`),
    date: (day: string) => `<bdi>${escapeHtml(df.format(new Date(`${day}T00:00:00Z`)))}</bdi>`,
  };
}

type Fmt = ReturnType<typeof formatters>;
type MetricKey = keyof Metrics;
const LABEL: Record<MetricKey, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** A metric's headline value as shown: NPS a whole number, CSAT a percentage, CES a mean with one decimal. */
function headline(key: MetricKey, m: NonNullable<Metrics[MetricKey]>, f: Fmt): string {
  if ('mean' in m) return `${f.one(m.mean)} ${f.interval(m.ci95[0], m.ci95[1], 1)}`;
  return key === 'csat'
    ? `${f.int(m.score)}% ${f.interval(m.ci95[0], m.ci95[1], 0)}`
    : `${f.int(m.score)} ${f.interval(m.ci95[0], m.ci95[1], 0)}`;
}

function kpi(key: MetricKey, m: Metrics[MetricKey], c: Comparison | null, lang: ShareLanguage, f: Fmt): string {
  const w = SHARE_TEXT[lang];
  if (!m) return '';
  const value = m.enough
    ? `<div class="v">${headline(key, m, f)}</div>`
    : `<div class="v">${escapeHtml(w.tooFew)}</div>`;
  const change = c
    ? `<div class="n ${c.delta < 0 ? 'down' : 'up'}${c.significant ? ' sig' : ''}">${escapeHtml(w.change)} ${f.signed(c.delta)} · ${escapeHtml(c.significant ? w.significant : w.notSignificant)}</div>`
    : '';
  return `<div class="kpi"><h3>${LABEL[key]}</h3>${value}<div class="n">n = ${f.int(m.n)}</div>${change}</div>`;
}

const cell = (key: MetricKey, m: Metrics[MetricKey], lang: ShareLanguage, f: Fmt) =>
  !m ? '–' : m.enough ? headline(key, m, f) : `${escapeHtml(SHARE_TEXT[lang].tooFew)} (n = ${f.int(m.n)})`;

function surveySection(s: SharedOverview['surveys'][number], lang: ShareLanguage, f: Fmt): string {
  const w = SHARE_TEXT[lang];
  const keys = (['nps', 'csat', 'ces'] as const).filter((k) => s.metrics[k] || s.trend.some((t) => t[k]));
  const kpis = keys.map((k) => kpi(k, s.metrics[k], s.comparison[k], lang, f)).join('');
  const rows = s.trend
    .map(
      (t) =>
        `<tr><td>${f.date(t.period)}</td><td>${f.int(t.responses)}</td>${keys.map((k) => `<td>${cell(k, t[k], lang, f)}</td>`).join('')}</tr>`,
    )
    .join('');
  const table = rows
    ? `<div class="wrap"><table><caption class="sub">${escapeHtml(w.trend)}</caption><thead><tr><th>${escapeHtml(w.week)}</th><th>${escapeHtml(w.responses)}</th>${keys.map((k) => `<th>${LABEL[k]}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div>`
    : '';
  return `<section><h2>${escapeHtml(s.name)}</h2><p class="sub">${f.int(s.responses)} ${escapeHtml(w.responses)} · ${f.int(s.completed)} ${escapeHtml(w.completed)}</p><div class="kpis">${kpis}</div>${table}</section>`;
}

function journeySection(j: SharedOverview['journey'], lang: ShareLanguage, f: Fmt): string {
  const w = SHARE_TEXT[lang];
  const rows = j.stages.flatMap((st) =>
    st.touchpoints.map(
      (t) =>
        `<tr><td>${escapeHtml(w.stage[st.stage] ?? st.stage)}</td><td>${escapeHtml(t.name)}</td><td>${f.int(t.n)}</td><td>${cell('nps', t.nps, lang, f)}</td><td>${cell('csat', t.csat, lang, f)}</td><td>${cell('ces', t.ces, lang, f)}</td></tr>`,
    ),
  );
  if (!rows.length) return '';
  return `<section><h2>${escapeHtml(w.journey)}</h2><div class="wrap"><table><thead><tr><th></th><th>${escapeHtml(w.touchpoint)}</th><th>${escapeHtml(w.responses)}</th><th>NPS</th><th>CSAT</th><th>CES</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

export function sharePage(o: SharedOverview, lang: ShareLanguage): Promise<Response> {
  const w = SHARE_TEXT[lang];
  const f = formatters(lang);
  const fill = (s: string, from: string, to: string) =>
    escapeHtml(s).replace('{from}', f.date(from)).replace('{to}', f.date(to));
  const surveys = o.surveys.length
    ? o.surveys.map((s) => surveySection(s, lang, f)).join('\n')
    : `<section><p>${escapeHtml(w.noSurveys)}</p></section>`;
  return page(
    200,
    lang,
    `${o.site.name} · ${w.title}`,
    `<header><h1>${escapeHtml(o.site.name)} · ${escapeHtml(w.title)}</h1><p>${escapeHtml(w.readOnly)} · ${fill(w.range, o.range.from, o.range.to)} (${fill(w.previous, o.range.previous.from, o.range.previous.to)}) · ${escapeHtml(w.interval)}</p></header>
<main>${surveys}
${journeySection(o.journey, lang, f)}</main>
<footer>${escapeHtml(w.privacy)}</footer>`,
  );
}
