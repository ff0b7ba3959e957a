import { useState } from 'preact/hooks';
import { downloadCsv, safeName } from '../download';
import { useI18n } from '../i18n';
import type { View } from '../route';
import type { Survey } from '../types';
import './toolbar.css';

/** Export of the current filter as CSV, and the printable one-page report (overview). */
export function Toolbar({
  view,
  survey,
  dates,
  touchpoint,
  segment,
  language,
}: {
  view: View;
  survey: Survey;
  dates: { from: string; to: string };
  touchpoint?: string | undefined;
  segment?: string | undefined;
  language?: string | undefined;
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState<{ busy: boolean; text: string; error?: boolean }>({ busy: false, text: '' });
  const onExport = async () => {
    setStatus({ busy: true, text: t('exporting') });
    const file = `seda-${safeName(survey.name)}-${dates.from}-${dates.to}${touchpoint ? `-${safeName(touchpoint)}` : ''}.csv`;
    try {
      await downloadCsv(survey.id, { from: dates.from, to: dates.to, touchpoint, segment, locale: language }, file);
      setStatus({ busy: false, text: t('exportDone', { file }) });
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
        {status.busy ? t('exporting') : t('exportCsv')}
      </button>
      {view === 'overview' && (
        <button type="button" class="btn" onClick={() => print()} data-action="print">
          {t('printReport')}
        </button>
      )}
      <span id="export-note" class="sr-only">
        {t('exportNote')}
      </span>
      <span class={`toolbar-status${status.error ? ' error' : ''}`} role="status">
        {status.text}
      </span>
    </div>
  );
}
