import type { Journey } from './contract/insights';
import type { Ces, Csat, Nps } from './metrics';
import { ALPHA, holm, poolCes, poolCsat, poolNps, testCes, testCsat, testNps } from './metrics';

const METRICS = ['nps', 'csat', 'ces'] as const;
type MetricKey = (typeof METRICS)[number];
type AnyMetric = Nps | Csat | Ces;

const headlineOf = (m: AnyMetric) => ('mean' in m ? m.mean : m.score);

/** One cell's metric against the pooled answers of every other cell of the table, same metric. */
function againstRest(metric: MetricKey, cell: AnyMetric, rest: readonly AnyMetric[]) {
  if (metric === 'nps') {
    const r = poolNps(rest as Nps[]);
    return r && { rest: r.score, p: testNps(cell as Nps, r).p };
  }
  if (metric === 'csat') {
    const r = poolCsat(rest as Csat[]);
    return r && { rest: r.score, p: testCsat(cell as Csat, r).p };
  }
  const r = poolCes(rest as Ces[]);
  return r && { rest: r.mean, p: testCes(cell as Ces, r).p };
}

export type CellTest = { id: number; metric: MetricKey; value: number; rest: number; p: number; pAdjusted: number };

/**
 * Each cell with enough answers against the rest of its table, for each metric, two-sided (NPS
 * z-test, CSAT Fisher/N−1 χ², CES Welch), with Holm's adjustment across every test of the table
 * (all cells × all metrics), so that looking at 10 touchpoints × 3 metrics keeps the chance of any
 * false call at 5%, not ~79%. `id` is the cell's index in `cells`.
 */
export function testCells(cells: readonly Partial<Record<MetricKey, AnyMetric | null>>[]): CellTest[] {
  const raw: Omit<CellTest, 'pAdjusted'>[] = [];
  for (const metric of METRICS) {
    const measured = cells.flatMap((c, id) => {
      const m = c[metric];
      return m?.enough ? [{ id, m }] : [];
    });
    if (measured.length < 2) continue;
    for (const { id, m } of measured) {
      // The rest pools every other cell's answers, also those too few to show on their own.
      const rest = cells.flatMap((c, j) => (j !== id && c[metric] ? [c[metric]!] : []));
      const r = againstRest(metric, m, rest);
      if (r) raw.push({ id, metric, value: headlineOf(m), rest: r.rest, p: r.p });
    }
  }
  const adjusted = holm(raw.map((t) => t.p));
  return raw.map((t, i) => ({ ...t, pAdjusted: adjusted[i]! }));
}

/**
 * The journey's friction points: per metric, the worst cell among those significantly worse than
 * the other touchpoints together (Holm-adjusted p < 0.05; lower NPS, lower CSAT, lower CES mean:
 * CES is asked as agreement with "it was easy", 1–7, so lower is more effort). None is called when
 * no cell is significantly worse; the dashboard then says "no significant friction".
 * The one rule: the Worker answers with it (`GET /v1/journey`), the dashboard only shows it.
 */
export function frictionOf(stages: Journey['stages']): Journey['friction'] {
  const flat = stages.flatMap(({ stage, touchpoints }) => touchpoints.map((t) => ({ stage, t })));
  const tests = testCells(flat.map(({ t }) => t));
  const out: Journey['friction'] = [];
  for (const metric of METRICS) {
    const worse = tests.filter((x) => x.metric === metric && x.pAdjusted < ALPHA && x.value < x.rest);
    if (!worse.length) continue;
    const w = worse.reduce((a, b) => (b.value < a.value ? b : a));
    const { stage, t } = flat[w.id]!;
    out.push({ key: t.key, stage, metric, value: w.value, rest: w.rest, p: w.pAdjusted });
  }
  return out;
}
