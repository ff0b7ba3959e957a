/**
 * The share link's page: HTML written on the server from SharedOverview, with no script at all
 * (`script-src 'none'`), no cookie, no third party, `noindex`, never cached and never framed. Every
 * value is escaped; numbers are in the page's language (Persian digits in fa) and each number,
 * interval or signed change is isolated so right-to-left text never reorders it.
 */

import { isolate, itemSeparator, numberFormatters } from '../../shared/bidi';
import type { SharedOverview } from '../../shared/contract/digest';
import type { Comparison, Metrics } from '../../shared/schemas/metrics';
import { escapeHtml, htmlPage, PAGE_HEADERS } from '../http/html-page';
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

/** Headers of the share page and of its API: not indexed, not cached, not framed, no referrer. */
export const SHARE_HEADERS = PAGE_HEADERS;

const page = (status: number, lang: ShareLanguage, title: string, body: string) =>
  htmlPage({
    status,
    lang,
    dir: isRtl(lang) ? 'rtl' : 'ltr',
    title,
    css: CSS,
    body,
    scriptSrc: "'none'",
    directives: ["img-src 'none'"],
  });

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

/**
 * The page's numbers, written as the dashboard writes them (shared/bidi.ts): Persian digits in fa,
 * CLDR's signs, a signed number LTR-isolated and every inserted value first-strong isolated, so
 * "−۱۲" never reads "۱۲−" in right-to-left text. Each returns escaped HTML.
 */
function formatters(lang: ShareLanguage) {
  const rtl = isRtl(lang);
  // Arabic with Western digits, as the dashboard writes it.
  const n = numberFormatters(lang === 'ar' ? 'ar-u-nu-latn' : lang, rtl);
  const df = new Intl.DateTimeFormat(lang === 'fa' ? 'fa-IR-u-ca-persian' : lang === 'ar' ? 'ar-u-nu-latn' : lang, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
  });
  const iso = (s: string) => escapeHtml(isolate(s, rtl));
  return {
    sep: itemSeparator(rtl),
    int: (v: number) => iso(n.int(v)),
    /** A metric's value: NPS signed whole points, CSAT a percentage, CES two decimals (the dashboard's). */
    value: (key: MetricKey, v: number) =>
      iso(key === 'nps' ? n.signed(v, 0) : key === 'csat' ? n.pct(v) : n.fixed(v, 2)),
    /** A 95% interval "[lo–hi]", its bounds like the value (NPS bounds without a plus sign). */
    interval: (key: MetricKey, lo: number, hi: number) => {
      const b = (v: number) => (key === 'nps' ? n.num(v, 0) : key === 'csat' ? n.pct(v) : n.fixed(v, 2));
      return iso(`[${b(lo)}–${b(hi)}]`);
    },
    /** A change between periods: points with one decimal (CES two), with its sign. */
    delta: (key: MetricKey, v: number) => iso(n.signed(v, key === 'ces' ? 2 : 1)),
    /** `n = 40` / `n = ۴۰`, kept together. */
    count: (v: number) => iso(`n = ${n.int(v)}`),
    date: (day: string) => iso(df.format(new Date(`${day}T00:00:00Z`))),
  };
}

type Fmt = ReturnType<typeof formatters>;
type MetricKey = keyof Metrics;
const LABEL: Record<MetricKey, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** A metric's headline value as shown: NPS a whole number, CSAT a percentage, CES a mean with one decimal. */
function headline(key: MetricKey, m: NonNullable<Metrics[MetricKey]>, f: Fmt): string {
  const v = 'mean' in m ? m.mean : m.score;
  return `${f.value(key, v)} ${f.interval(key, m.ci95[0], m.ci95[1])}`;
}

function kpi(key: MetricKey, m: Metrics[MetricKey], c: Comparison | null, lang: ShareLanguage, f: Fmt): string {
  const w = SHARE_TEXT[lang];
  if (!m) return '';
  const value = m.enough
    ? `<div class="v">${headline(key, m, f)}</div>`
    : `<div class="v">${escapeHtml(w.tooFew)}</div>`;
  const change = c
    ? `<div class="n ${c.delta < 0 ? 'down' : 'up'}${c.significant ? ' sig' : ''}">${escapeHtml(w.change)} ${f.delta(key, c.delta)}${f.sep}${escapeHtml(c.significant ? w.significant : w.notSignificant)}</div>`
    : '';
  return `<div class="kpi"><h3>${LABEL[key]}</h3>${value}<div class="n">${f.count(m.n)}</div>${change}</div>`;
}

const cell = (key: MetricKey, m: Metrics[MetricKey], lang: ShareLanguage, f: Fmt) =>
  !m ? '–' : m.enough ? headline(key, m, f) : `${escapeHtml(SHARE_TEXT[lang].tooFew)} (${f.count(m.n)})`;

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
  return `<section><h2>${escapeHtml(s.name)}</h2><p class="sub">${f.int(s.responses)} ${escapeHtml(w.responses)}${f.sep}${f.int(s.completed)} ${escapeHtml(w.completed)}</p><div class="kpis">${kpis}</div>${table}</section>`;
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
    `${o.site.name}${f.sep}${w.title}`,
    `<header><h1>${escapeHtml(isolate(o.site.name, isRtl(lang)))}${f.sep}${escapeHtml(w.title)}</h1><p>${escapeHtml(w.readOnly)}${f.sep}${fill(w.range, o.range.from, o.range.to)} (${fill(w.previous, o.range.previous.from, o.range.previous.to)})${f.sep}${escapeHtml(w.interval)}</p></header>
<main>${surveys}
${journeySection(o.journey, lang, f)}</main>
<footer>${escapeHtml(w.privacy)}</footer>`,
  );
}
