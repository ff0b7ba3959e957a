/**
 * Key drivers of a score, explainable on one screen: every candidate (other scored questions, choice
 * options, touchpoints, declared attribute values) is a column; the target score is regressed on all
 * of them at once (standardized, a small ridge), and each column's importance is Pratt's measure —
 * standardized coefficient × correlation — so importances add up to the R² and share it out. A
 * seeded bootstrap (200 resamples) gives each a 95% interval; an interval containing 0 is "no evidence".
 */
import type { Driver, Drivers } from '../../shared/contract/why';
import { MIN_ANSWERS } from '../../shared/metrics';
import { optionsOf, scaleOf as registryScale } from '../../shared/questions/registry';
import type { Question } from '../../shared/schemas/survey';
import { prattBootstrap } from '../lib/stats';
import { siteRange } from '../sites/time';
import { type DriverRow, driverRows } from './sql';

/** Attribute values kept per attribute, and attributes kept, as columns (most frequent first). */
const VALUES_PER_ATTRIBUTE = 5;
const MAX_ATTRIBUTES = 5;
/** A dummy column needs this many responses with it (and without it) to be estimated at all. */
const MIN_PRESENT = 5;

/** Responses read per request (the latest in the range): bounded work at any volume. */
const DRIVER_RESPONSES_CAP = 5000;

/** Key drivers of a survey's score over a range (default the last 30 days): the drivers API and the digest. */
export async function surveyDrivers(
  db: D1Database,
  siteId: string,
  survey: { id: string; questions: readonly Question[] },
  target: Drivers['target'],
  from?: string,
  to?: string,
): Promise<Drivers> {
  const range = await siteRange(db, siteId, from, to);
  const rows = await driverRows(db, {
    siteId,
    surveyId: survey.id,
    from: range.from,
    to: range.to,
    cap: DRIVER_RESPONSES_CAP,
  });
  return keyDrivers(survey.questions, target, rows);
}

type Column = Omit<Driver, 'importance' | 'ci95' | 'evidence'> & { values: number[] };

/** A scored question's scale as [min, max], from the registry; null for choice and text. */
const scaleOf = (q: Question): [number, number] | null => {
  const s = registryScale(q);
  return s ? [s.min, s.max] : null;
};

type Resp = {
  touchpoint: string;
  attributes: Record<string, unknown>;
  num: Map<string, number>;
  choices: Map<string, string[]>;
};

function group(rows: DriverRow[]): Resp[] {
  const by = new Map<string, Resp>();
  for (const r of rows) {
    let x = by.get(r.id);
    if (!x) {
      let attributes: Record<string, unknown> = {};
      try {
        attributes = r.attributes ? (JSON.parse(r.attributes) as Record<string, unknown>) : {};
      } catch {}
      x = { touchpoint: r.touchpoint, attributes, num: new Map(), choices: new Map() };
      by.set(r.id, x);
    }
    if (r.question_id && r.num !== null) x.num.set(r.question_id, r.num);
    if (r.question_id && r.choices) {
      try {
        const c = JSON.parse(r.choices);
        if (Array.isArray(c)) x.choices.set(r.question_id, c.map(String));
      } catch {}
    }
  }
  return [...by.values()];
}

export function keyDrivers(questions: readonly Question[], target: 'nps' | 'csat' | 'ces', rows: DriverRow[]): Drivers {
  const method =
    "Pratt's relative importance (standardized coefficient × correlation, ridge 0.01) from one regression of the target on all drivers; 95% intervals from 200 seeded bootstrap resamples";
  const tq = questions.find((q) => q.type === target);
  const all = group(rows);
  const resps = tq ? all.filter((r) => r.num.has(tq.id)) : [];
  const y = resps.map((r) => r.num.get(tq?.id ?? '')!);
  const n = y.length;
  if (!tq || n < MIN_ANSWERS) return { target, n, enough: false, method, drivers: [] };

  const cols: Column[] = [];
  const dummy = (kind: Driver['kind'], key: string, values: number[]) => {
    const present = values.reduce((s, v) => s + v, 0);
    if (present >= MIN_PRESENT && n - present >= MIN_PRESENT)
      cols.push({ kind, key, n: present, performance: present / n, values });
  };
  for (const q of questions) {
    if (q.id === tq.id) continue;
    const scale = scaleOf(q);
    if (scale) {
      const answered = resps.filter((r) => r.num.has(q.id)).map((r) => r.num.get(q.id)!);
      if (answered.length < MIN_ANSWERS) continue;
      const m = answered.reduce((s, v) => s + v, 0) / answered.length;
      // Unanswered: the question's mean, so a skip neither helps nor hurts the column's slope.
      const values = resps.map((r) => r.num.get(q.id) ?? m);
      cols.push({
        kind: 'question',
        key: q.id,
        n: answered.length,
        performance: (m - scale[0]) / (scale[1] - scale[0]),
        values,
      });
    } else if (optionsOf(q)) {
      for (const o of optionsOf(q) ?? [])
        dummy(
          'option',
          `${q.id}:${o.id}`,
          resps.map((r) => (r.choices.get(q.id)?.includes(o.id) ? 1 : 0)),
        );
    }
  }
  const touchpoints = [...new Set(resps.map((r) => r.touchpoint))];
  if (touchpoints.length > 1)
    for (const t of touchpoints)
      dummy(
        'touchpoint',
        t || '(none)',
        resps.map((r) => (r.touchpoint === t ? 1 : 0)),
      );
  const attrCounts = new Map<string, Map<string, number>>();
  for (const r of resps)
    for (const [k, v] of Object.entries(r.attributes)) {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') continue;
      const m = attrCounts.get(k) ?? new Map<string, number>();
      m.set(String(v), (m.get(String(v)) ?? 0) + 1);
      attrCounts.set(k, m);
    }
  const attrs = [...attrCounts]
    .sort((a, b) => [...b[1].values()].reduce((s, v) => s + v, 0) - [...a[1].values()].reduce((s, v) => s + v, 0))
    .slice(0, MAX_ATTRIBUTES);
  for (const [name, values] of attrs) {
    const top = [...values].sort((a, b) => b[1] - a[1]).slice(0, VALUES_PER_ATTRIBUTE);
    for (const [value] of top)
      dummy(
        'attribute',
        `${name}=${value}`,
        resps.map((r) => (String(r.attributes[name] ?? '') === value ? 1 : 0)),
      );
  }
  if (!cols.length) return { target, n, enough: true, method, drivers: [] };

  const x = resps.map((_, i) => cols.map((c) => c.values[i]!));
  const fit = prattBootstrap(x, y, 200, 1);
  const round = (v: number) => Math.round(v * 10000) / 10000;
  const drivers: Driver[] = cols
    .map(({ values: _, ...c }, j) => {
      const ci95: [number, number] = [round(fit.ci95[j]![0]), round(fit.ci95[j]![1])];
      return { ...c, importance: round(fit.importance[j]!), ci95, evidence: !(ci95[0] <= 0 && ci95[1] >= 0) };
    })
    .sort((a, b) => Math.abs(b.importance) - Math.abs(a.importance));
  return { target, n, r2: round(fit.r2), enough: true, method, drivers };
}
