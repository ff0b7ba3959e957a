import { useState } from 'preact/hooks';
import { VIEW_FILTERS } from '../context';
import { downloadCsv, downloadVerbatimsCsv, safeName } from '../download';
import { useI18n } from '../i18n';
import type { Filters, View } from '../route';
import type { Survey } from '../types';
import './toolbar.css';

/**
 * Export of what the view shows, as CSV, and the printable one-page report (overview). Each export
 * applies exactly the filters its view applies, and says which: the verbatims view exports its
 * answers (search and sentiment included); the other views export the responses.
 */
export function Toolbar({
  view,
  survey,
  dates,
  filters,
}: {
  view: View;
  survey: Survey;
  dates: { from: string; to: string };
  filters: Filters;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const [status, setStatus] = useState<{ busy: boolean; text: string; error?: boolean }>({ busy: false, text: '' });
  const applies = VIEW_FILTERS[view];
  const touchpoint = applies.includes('touchpoint') ? filters.touchpoint : undefined;
  const segment = applies.includes('segment') ? filters.segment : undefined;
  const locale = applies.includes('language') ? filters.language : undefined;
  const verbatims = view === 'verbatims';

  const onExport = async () => {
    setStatus({ busy: true, text: t('exporting') });
    const base = `seda-${safeName(survey.name)}${verbatims ? '-verbatims' : ''}-${dates.from}-${dates.to}`;
    const file = `${base}${touchpoint ? `-${safeName(touchpoint)}` : ''}.csv`;
    try {
      if (verbatims) {
        const { rows, truncated } = await downloadVerbatimsCsv(
          survey.id,
          {
            from: dates.from,
            to: dates.to,
            ...(touchpoint ? { touchpoint } : {}),
            ...(filters.q ? { q: filters.q } : {}),
            ...(filters.sentiment ? { sentiment: filters.sentiment } : {}),
          },
          file,
          (n) => setStatus({ busy: true, text: t('exportingRows', { n: i18n.int(n) }) }),
        );
        setStatus({
          busy: false,
          text: t(truncated ? 'exportDoneCut' : 'exportDoneRows', { file, n: i18n.int(rows) }),
        });
      } else {
        await downloadCsv(survey.id, { from: dates.from, to: dates.to, touchpoint, segment, locale }, file);
        setStatus({ busy: false, text: t('exportDone', { file }) });
      }
    } catch (e) {
      setStatus({ busy: false, text: t('exportFailed', { message: (e as Error).message }), error: true });
    }
  };
  return (
    <div class="toolbar">
      <button
        type="button"
        class="btn"
        onClick={onExport}
        disabled={status.busy}
        aria-describedby="export-note"
        data-action="export"
      >
        {status.busy ? t('exporting') : t(verbatims ? 'exportVerbatims' : 'exportCsv')}
      </button>
      {view === 'overview' && (
        <button type="button" class="btn" onClick={() => print()} data-action="print">
          {t('printReport')}
        </button>
      )}
      <span id="export-note" class="sr-only">
        {t(verbatims ? 'exportNoteVerbatims' : applies.includes('segment') ? 'exportNote' : 'exportNoteNoSegment')}
      </span>
      <span class={`toolbar-status${status.error ? ' error' : ''}`} role="status">
        {status.text}
      </span>
    </div>
  );
}
