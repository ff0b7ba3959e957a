import type { EventAnswer, EventResponse, SedaEvent } from '../../shared/contract/events';
import type { WebhookFormat } from './sql';

export type { EventAnswer, EventResponse, SedaEvent };

/** Slack mrkdwn treats &, < and > as markup: escape anything a respondent wrote. */
export const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
export const valueText = (v: EventAnswer['value']) => (Array.isArray(v) ? v.join(', ') : v === null ? '–' : String(v));
export const clip = (s: string, n = 500) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
export const surveyName = (e: Pick<SedaEvent, 'survey'>) => `"${esc(e.survey.name)}"`;

export function answerLines(answers: EventAnswer[]): string {
  return answers.map((a) => `• *${esc(a.questionId)}*: ${esc(clip(valueText(a.value)))}`).join('\n');
}

/** Slack text of the events that are not alerts (each alert kind writes its own: alerts/kinds). */
function slackText(e: SedaEvent): string {
  if (e.event === 'ping') return `Seda test delivery for ${surveyName(e)}: this webhook works.`;
  if (e.event === 'response.completed') {
    const where = e.response.touchpoint ? ` at *${esc(e.response.touchpoint)}*` : '';
    return `:speech_balloon: New completed response to ${surveyName(e)}${where}\n${answerLines(e.response.answers)}`;
  }
  if (e.event === 'case.escalated') {
    const who = e.case.assignee ? ` (assigned to ${esc(e.case.assignee)})` : ' (no one is assigned)';
    return `:alarm_clock: A follow-up case on ${surveyName(e)} is overdue since ${e.case.dueAt}${who}: response ${esc(e.case.responseId)}`;
  }
  return `Seda event ${e.event}`;
}

/** A Slack incoming-webhook message: `text` (notifications, fallback) and `blocks` (the layout). */
export function slackMessage(e: SedaEvent, text = slackText(e)) {
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

/** The exact body that is signed and sent, in the webhook's format; `slack` is the text of a Slack message. */
export function renderPayload(format: WebhookFormat, e: SedaEvent, slack?: string): string {
  return JSON.stringify(format === 'slack' ? slackMessage(e, slack) : e);
}
