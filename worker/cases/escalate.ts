/**
 * Escalation (the cron, every few minutes): a case past its due date and not resolved is marked
 * escalated once, gets an `escalated` entry on its timeline, and a `case.escalated` event goes out:
 * to the rule's webhook (JSON or Slack) when an alert rule opened it and that webhook still takes
 * alerts; otherwise (opened by hand, or its rule or webhook deleted since) to every webhook of the
 * site that takes alerts, so an overdue case is never escalated in silence.
 */
import type { SedaEvent } from '../../shared/contract/events';
import type { Env } from '../env';
import { randomId } from '../lib/crypto';
import { enqueueDeliveries } from '../webhooks/enqueue';
import { renderPayload } from '../webhooks/payload';
import { listWebhooks, type WebhookFormat } from '../webhooks/sql';

type Overdue = {
  response_id: string;
  site_id: string;
  status: 'open' | 'contacted' | 'resolved';
  assignee: string | null;
  created_at: number;
  due_at: number;
  alert_id: string | null;
  survey_id: string;
  survey_name: string;
  webhook_id: string | null;
  format: WebhookFormat | null;
  events: string | null;
};

const BATCH = 100;

export async function escalateOverdue(env: Env, now = Date.now()): Promise<number> {
  const { results } = await env.DB.prepare(
    `SELECT c.response_id, c.site_id, c.status, c.assignee, c.created_at, c.due_at, c.alert_id,
            r.survey_id, s.name AS survey_name, w.id AS webhook_id, w.format, w.events
     FROM cases c JOIN responses r ON r.id = c.response_id JOIN surveys s ON s.id = r.survey_id
     LEFT JOIN alerts a ON a.id = c.alert_id LEFT JOIN webhooks w ON w.id = a.webhook_id
     WHERE c.due_at < ? AND c.escalated_at IS NULL AND c.status <> 'resolved'
     ORDER BY c.due_at LIMIT ?`,
  )
    .bind(now, BATCH)
    .all<Overdue>();
  if (!results.length) return 0;
  const marks = results.flatMap((c) => [
    env.DB.prepare(
      'UPDATE cases SET escalated_at = ?, updated_at = ? WHERE response_id = ? AND escalated_at IS NULL',
    ).bind(now, now, c.response_id),
    env.DB.prepare(
      "INSERT INTO case_events (id, response_id, at, actor_type, actor_id, kind, value) VALUES (?, ?, ?, 'system', NULL, 'escalated', ?)",
    ).bind(`ce_${randomId(16)}`, c.response_id, now, new Date(c.due_at).toISOString()),
  ]);
  const createdAt = new Date(now).toISOString();
  const takesAlerts = (events: string | null) => (JSON.parse(events ?? '[]') as string[]).includes('alert');
  // The site-wide fallback, read once per site that needs it.
  const siteHooks = new Map<string, Promise<{ id: string; format: WebhookFormat }[]>>();
  const hooksOfSite = (siteId: string) => {
    let p = siteHooks.get(siteId);
    if (!p) {
      p = listWebhooks(env.DB, siteId).then((ws) => ws.filter((w) => w.events.includes('alert')));
      siteHooks.set(siteId, p);
    }
    return p;
  };
  const targets = async (c: Overdue) =>
    c.webhook_id && c.format && takesAlerts(c.events)
      ? [{ id: c.webhook_id, format: c.format }]
      : await hooksOfSite(c.site_id);
  const deliveries = (
    await Promise.all(
      results.map(async (c) =>
        (
          await targets(c)
        ).map((hook) => {
          const id = `dlv_${randomId(16)}`;
          const event: SedaEvent = {
            deliveryId: id,
            createdAt,
            site: { id: c.site_id },
            survey: { id: c.survey_id, name: c.survey_name },
            event: 'case.escalated',
            case: {
              responseId: c.response_id,
              status: c.status,
              assignee: c.assignee,
              openedAt: new Date(c.created_at).toISOString(),
              dueAt: new Date(c.due_at).toISOString(),
            },
            ...(c.alert_id ? { alert: { id: c.alert_id } } : {}),
          };
          return {
            id,
            webhookId: hook.id,
            event: 'case.escalated',
            dedupKey: `escalated:${c.response_id}:${c.due_at}`,
            payload: renderPayload(hook.format, event),
          };
        }),
      ),
    )
  ).flat();
  await enqueueDeliveries(env, deliveries, marks, now);
  return results.length;
}
