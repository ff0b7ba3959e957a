import './why.css';
import { useEffect, useState } from 'preact/hooks';
import { getOutcomes, type OutcomeRates, postOutcomes } from '../../../shared/contract/why';
import { OutcomeKind } from '../../../shared/schemas/api';
import { announce } from '../announce';
import { call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { TableWrap } from '../components/table-wrap';
import type { ViewProps } from '../context';
import { loadPapa } from '../distribute/libs';
import { useWhyT, type WhyKey } from './i18n';
import {
  addCounts,
  type ImportCounts,
  importSummary,
  missingColumns,
  NO_COUNTS,
  OUTCOME_BATCH,
  type OutcomeItem,
  prepareOutcomes,
  type RowProblem,
} from './outcomes-csv';

const SHOWN_PROBLEMS = 20;

/**
 * Outcomes and churn risk: rates of an outcome by NPS group with Wilson intervals, the value at risk,
 * the churn model's measured discrimination (or "not enough outcomes yet"), and a CSV import.
 */
export function Outcomes(props: ViewProps) {
  const w = useWhyT();
  const { wt, t } = w;
  const { dates, filters, setFilters } = props;
  const kind = filters.kind ?? 'churned';
  const q = useEndpoint(getOutcomes, { query: { kind, from: dates.from, to: dates.to } });
  useEffect(() => {
    if (q.data) announce(t('announceCount', { count: w.int(q.data.groups.length) }));
  }, [q.data]);
  const kindName = wt(`kind.${kind}`);
  const groups = q.data?.groups ?? [];
  const any = groups.some((g) => g.n > 0);
  const money = (v: number) => w.num(v, 0);

  return (
    <div class="why outcomes" data-state={q.loading ? 'loading' : q.data ? 'ready' : 'empty'} aria-busy={q.loading}>
      <p class="muted">{wt('outcomes.intro')}</p>
      <div class="view-controls">
        <div class="field">
          <label for="outcome-kind">{wt('outcomes.kind')}</label>
          <select
            id="outcome-kind"
            value={kind}
            onChange={(e) => setFilters({ kind: e.currentTarget.value as OutcomeRates['kind'] }, true)}
          >
            {OutcomeKind.options.map((k) => (
              <option key={k} value={k}>
                {wt(`kind.${k}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {q.data && (
          <>
            {!any ? (
              <p class="notice">{wt('outcomes.none')}</p>
            ) : (
              <>
                <ul class="rate-sentences">
                  {groups.map((g) => (
                    <li key={g.group} data-group={g.group}>
                      {g.rate !== null && g.ci95
                        ? wt('outcomes.sentence', {
                            group: wt(`group.${g.group}`),
                            rate: w.pct(g.rate * 100),
                            lo: w.pct(g.ci95[0] * 100),
                            hi: w.pct(g.ci95[1] * 100),
                          })
                        : `${wt(`group.${g.group}`)}: ${wt('outcomes.noRate')}`}
                    </li>
                  ))}
                </ul>
                <TableWrap label={wt('outcomes.caption', { kind: kindName })}>
                  <table class="data outcomes-table">
                    <caption>{wt('outcomes.caption', { kind: kindName })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{wt('outcomes.col.group')}</th>
                        <th scope="col" class="num">
                          {wt('outcomes.col.n')}
                        </th>
                        <th scope="col" class="num">
                          {wt('outcomes.col.events', { kind: kindName })}
                        </th>
                        <th scope="col" class="num">
                          {wt('outcomes.col.rate')}
                        </th>
                        <th scope="col">{wt('drivers.col.ci')}</th>
                        <th scope="col" class="num">
                          {wt('outcomes.col.value')}
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {groups.map((g) => (
                        <tr key={g.group}>
                          <th scope="row">{wt(`group.${g.group}`)}</th>
                          <td class="num">{w.int(g.n)}</td>
                          <td class="num">{w.int(g.events)}</td>
                          <td class="num">{g.rate === null ? t('none') : w.pct(g.rate * 100)}</td>
                          <td class="nowrap">
                            {g.ci95
                              ? wt('drivers.range', { lo: w.pct(g.ci95[0] * 100), hi: w.pct(g.ci95[1] * 100) })
                              : t('none')}
                          </td>
                          <td class="num">{typeof g.valueAtRisk === 'number' ? money(g.valueAtRisk) : t('none')}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableWrap>
                <p class="small muted">{wt('outcomes.valueNote')}</p>
              </>
            )}
            <Model model={q.data.model} />
          </>
        )}
      </Status>
      <Import onDone={q.reload} />
    </div>
  );
}

function Model({ model }: { model: OutcomeRates['model'] }) {
  const w = useWhyT();
  const { wt } = w;
  return (
    <section class="card model" aria-labelledby="model-title">
      <h2 id="model-title" class="card-title">
        {wt('model.title')}
      </h2>
      <p class="small muted">{wt('model.explain')}</p>
      {!model.enough ? (
        <p class="notice" data-not-enough>
          {wt('model.notEnough', { min: model.minimum, churned: model.churned, retained: model.retained })}
        </p>
      ) : (
        <>
          {typeof model.auc === 'number' && model.aucCi95 && (
            <p data-auc>
              {wt('model.auc', {
                auc: w.fixed(model.auc, 2),
                lo: w.fixed(model.aucCi95[0], 2),
                hi: w.fixed(model.aucCi95[1], 2),
                n: model.heldOut ?? 0,
              })}
            </p>
          )}
          {model.aucCi95 && model.aucCi95[0] <= 0.5 && <p class="notice">{wt('model.weak')}</p>}
          {model.weights && (
            <>
              <h3 class="small">{wt('model.weights')}</h3>
              <ul class="weights">
                {model.weights.map((x) => (
                  <li key={x.feature}>
                    {wt(`feature.${x.feature}` as WhyKey)}: {w.signed(x.weight, 2)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

type ImportState =
  | { step: 'idle' }
  | { step: 'reading' }
  | { step: 'checked'; items: OutcomeItem[]; problems: RowProblem[]; missing: string[] }
  | { step: 'sending'; done: number; total: number }
  | { step: 'done'; counts: ImportCounts }
  | { step: 'failed'; items: OutcomeItem[]; done: number; total: number; counts: ImportCounts; message: string };

/** CSV import: parsed in the browser, every row checked first, then sent 1,000 at a time with progress. */
function Import({ onDone }: { onDone: () => void }) {
  const w = useWhyT();
  const { wt } = w;
  const [s, setS] = useState<ImportState>({ step: 'idle' });

  const read = async (file: File) => {
    setS({ step: 'reading' });
    const Papa = await loadPapa();
    Papa.parse<Record<string, string>>(file, {
      header: true,
      skipEmptyLines: 'greedy',
      transformHeader: (h) => h.trim(),
      complete: (r) => {
        const missing = missingColumns(r.meta.fields);
        const { items, problems } = missing.length ? { items: [], problems: [] } : prepareOutcomes(r.data);
        setS({ step: 'checked', items, problems, missing });
      },
      error: (e) => setS({ step: 'failed', items: [], done: 0, total: 0, counts: NO_COUNTS, message: e.message }),
    });
  };

  const summary = (c: ImportCounts) => {
    const x = importSummary(c);
    return [wt(x.key, x.params), x.updated ? wt('import.updated', { updated: x.updated }) : ''].join(' ').trim();
  };

  // Batches the API answered are not sent again on resuming; sending the failed one again is safe
  // (the API stores an outcome once), so a lost answer never doubles anything.
  const send = async (items: OutcomeItem[], from = 0, before: ImportCounts = NO_COUNTS) => {
    let done = from;
    let counts = before;
    setS({ step: 'sending', done, total: items.length });
    try {
      for (let i = from; i < items.length; i += OUTCOME_BATCH) {
        const batch = items.slice(i, i + OUTCOME_BATCH);
        counts = addCounts(counts, await call(postOutcomes, { body: { items: batch } }));
        done += batch.length;
        setS({ step: 'sending', done, total: items.length });
      }
      setS({ step: 'done', counts });
      announce(summary(counts));
      onDone();
    } catch (e) {
      setS({ step: 'failed', items, done, total: items.length, counts, message: (e as Error).message });
    }
  };

  const problemText = (p: RowProblem) =>
    wt('import.row', {
      line: p.line,
      message: wt(`err.${p.field}` as WhyKey, { value: p.value }),
    });

  return (
    <section class="card import" aria-labelledby="import-title">
      <h2 id="import-title" class="card-title">
        {wt('import.title')}
      </h2>
      <p class="small muted">{wt('import.intro')}</p>
      <div class="field">
        <label for="outcomes-file">{wt('import.file')}</label>
        <input
          id="outcomes-file"
          type="file"
          accept=".csv,text/csv"
          disabled={s.step === 'sending' || s.step === 'reading'}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) void read(f);
          }}
        />
      </div>
      <div aria-live="polite" class="import-status">
        {s.step === 'reading' && <p role="status">{wt('import.reading')}</p>}
        {s.step === 'checked' &&
          (s.missing.length ? (
            <p class="notice notice-error" role="alert">
              {s.missing.map((c) => wt('import.missingColumn', { column: c })).join(w.sep)}
            </p>
          ) : s.problems.length ? (
            <div class="notice notice-error" role="alert" data-problems={s.problems.length}>
              <p>{wt('import.problems', { n: new Set(s.problems.map((p) => p.line)).size })}</p>
              <ul class="problems">
                {s.problems.slice(0, SHOWN_PROBLEMS).map((p) => (
                  <li key={`${p.line}:${p.field}`}>{problemText(p)}</li>
                ))}
              </ul>
              {s.problems.length > SHOWN_PROBLEMS && (
                <p>{wt('import.moreProblems', { n: s.problems.length - SHOWN_PROBLEMS })}</p>
              )}
            </div>
          ) : s.items.length === 0 ? (
            <p class="notice">{wt('import.empty')}</p>
          ) : (
            <>
              <p>{wt('import.ready', { n: s.items.length })}</p>
              <button type="button" class="btn btn-primary" onClick={() => void send(s.items)}>
                {wt('import.start', { n: s.items.length })}
              </button>
            </>
          ))}
        {s.step === 'sending' && (
          <>
            <p role="status">{wt('import.progress', { done: s.done, total: s.total })}</p>
            <progress max={s.total} value={s.done} aria-label={wt('import.title')} />
          </>
        )}
        {s.step === 'done' && (
          <p
            class="notice"
            role="status"
            data-imported={s.counts.created + s.counts.existing}
            data-created={s.counts.created}
            data-existing={s.counts.existing}
          >
            {summary(s.counts)}
          </p>
        )}
        {s.step === 'failed' && (
          <div class="notice notice-error" role="alert">
            <p>{wt('import.failed', { done: s.done, total: s.total, message: s.message })}</p>
            {s.items.length > 0 && (
              <>
                <p class="small">{wt('import.resumeNote')}</p>
                <button type="button" class="btn" onClick={() => void send(s.items, s.done, s.counts)}>
                  {wt('import.resume')}
                </button>
              </>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
