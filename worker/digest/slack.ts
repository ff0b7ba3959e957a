/**
 * The digest as Slack text. Every name in it (site, survey, topic label, driver key) is set by the
 * site's team, yet escaped like a respondent's text (webhooks/payload.ts `esc`): nothing can forge
 * a link, a mention or a formatted line.
 */
import type { Digest, DigestSurvey } from '../../shared/contract/digest';
import { clip, esc } from '../webhooks/payload';

const NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' } as const;
const r1 = (x: number) => String(Math.round(x * 10) / 10);
const signed = (x: number) => (x > 0 ? `+${r1(x)}` : r1(x));

function kpiLines(s: DigestSurvey): string[] {
  const lines: string[] = [];
  for (const m of ['nps', 'csat', 'ces'] as const) {
    const v = s.metrics[m];
    if (!v) continue;
    const value = 'score' in v ? v.score : v.mean;
    const unit = m === 'csat' ? '%' : '';
    const head = `• ${NAMES[m]} ${r1(value)}${unit} [${r1(v.ci95[0])}–${r1(v.ci95[1])}] (n ${v.n})`;
    const change = s.changes.find((c) => c.metric === m);
    const tail = !v.enough
      ? ' · too few answers to read'
      : change
        ? ` · ${signed(change.delta)} vs the week before (significant, p ${change.p < 0.001 ? '< 0.001' : `= ${change.p.toFixed(3)}`})`
        : '';
    lines.push(head + tail);
  }
  return lines;
}

function surveyBlock(s: DigestSurvey): string {
  const lines = [`*${esc(s.name)}*: ${s.responses} responses (${s.previous.responses} the week before)`];
  lines.push(...kpiLines(s));
  if (s.drivers?.items.length) {
    const items = s.drivers.items.map(
      (d) => `${esc(d.key)} ${r1(d.importance * 100)}% [${r1(d.ci95[0] * 100)}–${r1(d.ci95[1] * 100)}]`,
    );
    lines.push(`• Top drivers of ${NAMES[s.drivers.target]}: ${items.join('; ')}`);
  }
  if (s.topicsRising.length) {
    const items = s.topicsRising.map((t) => `${esc(t.label.en ?? t.key)} ${t.n} (was ${t.previous})`);
    lines.push(`• Topics rising: ${items.join('; ')}`);
  }
  return lines.join('\n');
}

export function digestSlackText(d: Digest): string {
  const head = `:bar_chart: *Weekly digest of ${esc(d.site.name)}*, ${d.range.from} to ${d.range.to}`;
  const surveys = d.surveys.length ? d.surveys.map(surveyBlock) : ['No responses this week or the week before.'];
  const recovery = d.recovery
    ? ` · Recovered after a case: ${r1(d.recovery.rate * 100)}% [${r1(d.recovery.ci95[0] * 100)}–${r1(d.recovery.ci95[1] * 100)}] (n ${d.recovery.n})`
    : '';
  const foot = `At risk: ${d.atRisk.count}${d.atRisk.capped ? '+' : ''} respondents · Cases: ${d.cases.opened} opened, ${d.cases.resolved} resolved${recovery}`;
  return clip([head, ...surveys, foot].join('\n\n'), 3000);
}
