import type { WebhookEvent } from '../../shared/schemas/api';
import type { WebhookFormat } from '../webhooks/sql';
import { type AlertRow, siteRuleRows } from './sql';

export type Hook = { id: string; format: WebhookFormat; events: WebhookEvent[] };
export type SiteRules = { hooks: Map<string, Hook>; alerts: AlertRow[] };

/**
 * Rules change rarely and are read on every post, so each isolate keeps a site's rules for a few
 * seconds (one D1 round trip per site per TTL instead of one per post). Changes made through this
 * isolate apply at once; other isolates pick them up within RULES_TTL_MS.
 */
export const RULES_TTL_MS = 5_000;
const MAX_SITES = 1_000;
const cache = new Map<string, { at: number; rules: SiteRules }>();

export function forgetRules(siteId: string): void {
  cache.delete(siteId);
}

export async function siteRules(db: D1Database, siteId: string, now = Date.now()): Promise<SiteRules> {
  const hit = cache.get(siteId);
  if (hit && now - hit.at < RULES_TTL_MS) return hit.rules;
  const rows = await siteRuleRows(db, siteId);
  const rules: SiteRules = {
    hooks: new Map(
      rows.hooks.map((h) => [h.id, { id: h.id, format: h.format, events: JSON.parse(h.events) as WebhookEvent[] }]),
    ),
    alerts: rows.alerts,
  };
  if (cache.size >= MAX_SITES) cache.clear();
  cache.set(siteId, { at: now, rules });
  return rules;
}
