import type { EventAnswer, EventResponse, SedaEvent } from '../../shared/contract/events';
import type { WebhookFormat } from './sql';

export type { EventAnswer, EventResponse, SedaEvent };

/**
 * Anything a respondent wrote, made inert for Slack mrkdwn: &, < and > escaped (links, mentions),
 * line breaks and other control characters flattened to spaces (no forged lines), and the
 * formatting marks * _ ~ ` removed (no forged bold "Alert" lines or struck-out text).
 */
export const esc = (s: string) =>
  s
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[*_~`]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
export const valueText = (v: EventAnswer['value']) => (Array.isArray(v) ? v.join(', ') : v === null ? '–' : String(v));
/**
 * At most `n` UTF-16 units, ending in … when cut. The cut never splits a surrogate pair (no lone
 * half of an emoji) nor an escaped entity (`&amp;`, `&lt;`, `&gt;` are kept whole or dropped).
 */
export function clip(s: string, n = 500): string {
  if (s.length <= n) return s;
  let cut = s.slice(0, n - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/&[a-z]{0,3}$/, '');
  return `${cut}…`;
}
export const surveyName = (e: { survey: { name: string } }) => `"${esc(e.survey.name)}"`;

export function answerLines(answers: EventAnswer[]): string {
  return answers.map((a) => `• *${esc(a.questionId)}*: ${esc(clip(valueText(a.value)))}`).join('\n');
}

/** Slack text of the events that are not alerts (each alert kind writes its own: alerts/kinds; the digest: digest/slack.ts). */
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
