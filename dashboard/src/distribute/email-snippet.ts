import { metricFedBy, optionsOf } from '../../../shared/questions/registry';
import { scaleOf } from '../../../shared/schemas/response';
import type { Question, Survey } from '../../../shared/schemas/survey';
import { TEXT } from '../../../widget/i18n/text';

/**
 * The email snippet: the survey's first question inside the email, one link per score
 * (`?a=QUESTION:VALUE`), so a reader answers with one click and lands on the survey page with that
 * answer chosen. Hand-built for the mail clients that matter: nested tables only (no flex, no grid,
 * no CSS classes: Gmail drops <style>, Outlook's Word engine ignores flex), every style inline,
 * `bgcolor` on cells (Outlook paints cells, not links), `dir` on every table for fa/ar, and system
 * fonts with Tahoma (Persian and Arabic on Windows). Texts come from the survey, in the chosen
 * language, escaped.
 */

/** The words of the email around the question, in the respondent's language. */
const WORDS: Record<string, { open: string; or: string }> = {
  en: { open: 'Open the survey', or: 'Or answer on the survey page:' },
  fa: { open: 'باز کردن نظرسنجی', or: 'یا در صفحهٔ نظرسنجی پاسخ دهید:' },
  ar: { open: 'افتح الاستبيان', or: 'أو أجب في صفحة الاستبيان:' },
};

const RTL = new Set(['fa', 'ar']);
export const isRtl = (locale: string) => RTL.has(locale.split('-')[0] ?? '');

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/** The survey link with the language and, when given, the pre-answer. */
export function answerUrl(url: string, locale: string, questionId?: string, value?: string | number): string {
  const u = new URL(url);
  u.searchParams.set('lang', locale);
  if (questionId !== undefined && value !== undefined) u.searchParams.set('a', `${questionId}:${value}`);
  return u.toString();
}

const text = (t: Partial<Record<string, string>> | undefined, locale: string, fallback = '') =>
  t?.[locale] ?? t?.en ?? Object.values(t ?? {})[0] ?? fallback;

/** The widget's own word `i` (see widget/i18n/text.ts) in the locale, else English. */
const widgetWord = (locale: string, i: number) => (TEXT[locale] ?? TEXT.en ?? '').split('|')[i] ?? '';

/** Labels under the two ends of a scale: the question's own, else the widget's defaults. */
/** The widget's default end words by the metric a question feeds (widget/i18n/text.ts indexes). */
const DEFAULT_ENDS: Partial<Record<string, [number, number]>> = { nps: [7, 8], ces: [9, 10], csat: [12, 16] };

function endLabels(q: Question, locale: string): [string, string] {
  const ends = DEFAULT_ENDS[metricFedBy(q.type) ?? ''];
  if (!ends) return ['', ''];
  const own = q as { lowLabel?: Record<string, string>; highLabel?: Record<string, string> };
  return [
    text(own.lowLabel, locale, widgetWord(locale, ends[0])),
    text(own.highLabel, locale, widgetWord(locale, ends[1])),
  ];
}

/** The options a single click can answer (a one-option choice); null otherwise. */
const singleOptions = (q: Question | undefined) => {
  const opts = q ? optionsOf(q) : undefined;
  return opts && !(q as { multiple?: boolean }).multiple ? opts : null;
};

export type SnippetOptions = { survey: Pick<Survey, 'questions' | 'theme'>; url: string; locale: string };

/** The HTML to paste into an email (an ESP's HTML block or template). */
export function emailSnippet({ survey, url, locale }: SnippetOptions): string {
  const q = survey.questions[0];
  const dir = isRtl(locale) ? 'rtl' : 'ltr';
  const start = dir === 'rtl' ? 'right' : 'left';
  const end = dir === 'rtl' ? 'left' : 'right';
  const color = survey.theme?.color ?? '#1d4ed8';
  const font = "font-family:-apple-system,'Segoe UI',Roboto,Tahoma,Arial,sans-serif";
  const words = WORDS[locale] ?? WORDS.en!;
  const digits = new Intl.NumberFormat(locale, { useGrouping: false });
  const table = (inner: string, attrs = '') =>
    `<table role="presentation" dir="${dir}" cellpadding="0" cellspacing="0" border="0"${attrs}>${inner}</table>`;
  const cell = (href: string, label: string, width: number) =>
    `<td align="center" valign="middle" bgcolor="#f3f4f6" width="${width}" style="border:1px solid ${color};border-radius:6px;${font};font-size:16px;line-height:20px;">` +
    `<a href="${esc(href)}" target="_blank" style="display:block;padding:10px 0;color:${color};text-decoration:none;font-weight:bold;${font};">${esc(label)}</a></td>`;
  const gap = '<td width="4" style="font-size:0;line-height:0;">&nbsp;</td>';

  const rows: string[] = [];
  if (q) {
    rows.push(
      `<tr><td align="${start}" dir="${dir}" style="${font};font-size:18px;line-height:26px;color:#111827;padding:0 0 14px;text-align:${start};">${esc(text(q.prompt, locale))}</td></tr>`,
    );
  }
  const scale = q ? scaleOf(q) : null;
  if (q && scale) {
    const n = scale.max - scale.min + 1;
    const w = n > 7 ? 36 : 48;
    const cells: string[] = [];
    for (let v = scale.min; v <= scale.max; v++) {
      cells.push(cell(answerUrl(url, locale, q.id, v), digits.format(v), w));
      if (v < scale.max) cells.push(gap);
    }
    rows.push(`<tr><td align="${start}">${table(`<tr>${cells.join('')}</tr>`)}</td></tr>`);
    const [lo, hi] = endLabels(q, locale);
    if (lo || hi) {
      const total = n * w + (n - 1) * 4;
      rows.push(
        `<tr><td align="${start}" style="padding:6px 0 0;">${table(
          `<tr><td align="${start}" style="${font};font-size:12px;line-height:16px;color:#4b5563;text-align:${start};">${esc(lo)}</td>` +
            `<td align="${end}" style="${font};font-size:12px;line-height:16px;color:#4b5563;text-align:${end};">${esc(hi)}</td></tr>`,
          ` width="${total}"`,
        )}</td></tr>`,
      );
    }
  } else if (q && singleOptions(q)) {
    // One option per row: a single click answers; a multiple choice is answered on the page.
    for (const o of singleOptions(q) ?? []) {
      rows.push(
        `<tr><td align="${start}" style="padding:0 0 6px;">${table(`<tr>${cell(answerUrl(url, locale, q.id, o.id), text(o.label, locale), 280)}</tr>`)}</td></tr>`,
      );
    }
  }
  const answeredHere = !!q && (!!scale || !!singleOptions(q));
  // Always a plain link too: for a question answered on the page, and for readers whose client hides the buttons.
  rows.push(
    `<tr><td align="${start}" style="${font};font-size:13px;line-height:20px;color:#4b5563;padding:14px 0 0;text-align:${start};">` +
      (answeredHere ? `${esc(words.or)} ` : '') +
      `<a href="${esc(answerUrl(url, locale))}" target="_blank" style="color:${color};text-decoration:underline;">${esc(words.open)}</a></td></tr>`,
  );
  return `<!-- Seda survey: first question as links -->\n${table(rows.join(''), ` width="100%" style="max-width:600px;"`)}\n`;
}
