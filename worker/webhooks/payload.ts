import type { EventAnswer, EventResponse, SedaEvent } from '../../shared/contract/events';
import type { WebhookFormat } from './sql';

export type { EventAnswer, EventResponse, SedaEvent };

/** Slack mrkdwn treats &, < and > as markup: escape anything a respondent wrote. */
const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const valueText = (v: EventAnswer['value']) => (Array.isArray(v) ? v.join(', ') : v === null ? '–' : String(v));
const clip = (s: string, n = 500) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

function answerLines(answers: EventAnswer[]): string {
  return answers.map((a) => `• *${esc(a.questionId)}*: ${esc(clip(valueText(a.value)))}`).join('\n');
}

function slackText(e: SedaEvent): string {
  const survey = `"${esc(e.survey.name)}"`;
  if (e.event === 'ping') return `Seda test delivery for ${survey}: this webhook works.`;
  if (e.event === 'response.completed') {
    const where = e.response.touchpoint ? ` at *${esc(e.response.touchpoint)}*` : '';
    return `:speech_balloon: New completed response to ${survey}${where}\n${answerLines(e.response.answers)}`;
  }
  if (e.alert.kind === 'drop' && 'score' in e) {
    const where = e.alert.touchpoint ? ` at *${esc(e.alert.touchpoint)}*` : '';
    return (
      `:chart_with_downwards_trend: *Score drop*: ${e.alert.metric.toUpperCase()} of *${esc(e.alert.questionId)}* ` +
      `on ${survey}${where} is *${e.score.value}* over the last ${e.alert.windowDays} days ` +
      `(${e.score.n} answers), below ${e.alert.threshold}`
    );
  }
  if ('trigger' in e) {
    const who = e.response.respondentId ? ` from *${esc(e.response.respondentId)}*` : '';
    const where = e.response.touchpoint ? ` at *${esc(e.response.touchpoint)}*` : '';
    return (
      `:rotating_light: *Alert*: *${esc(e.trigger.questionId)}* = *${esc(clip(valueText(e.trigger.value), 200))}*` +
      ` on ${survey}${where}${who}\n${answerLines(e.response.answers)}`
    );
  }
  return `Seda event ${e.event}`;
}

/** A Slack incoming-webhook message: `text` (notifications, fallback) and `blocks` (the layout). */
export function slackMessage(e: SedaEvent) {
  const text = slackText(e);
  return {
    text: clip(text, 3000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } },
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Seda · ${e.event}${'response' in e ? ` · response ${esc(e.response.id)}` : ''} · ${e.createdAt}`,
          },
        ],
      },
    ],
  };
}

/** The exact body that is signed and sent, in the webhook's format. */
export function renderPayload(format: WebhookFormat, e: SedaEvent): string {
  return JSON.stringify(format === 'slack' ? slackMessage(e) : e);
}
