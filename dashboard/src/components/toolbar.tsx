import { useState } from 'preact/hooks';
import { VIEW_FILTERS } from '../context';
import { downloadCsv, downloadVerbatimsCsv, safeName } from '../download';
import { useI18n } from '../i18n';
import type { Filters, View } from '../route';
import { useTouchpointName } from '../touchpoint-name';
import type { Survey } from '../types';
import { languageName } from './filter-bar';
import './toolbar.css';

/**
 * Export of what the view shows, as CSV, and the printable one-page report (overview). Each export
 * applies exactly the filters its view applies (`VIEW_FILTERS`), and says so beside the button with
 * their values: the verbatims view exports its answers (search and sentiment included), the other
 * views the responses. Both report the rows read so far while a big export streams.
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
  const tpName = useTouchpointName();
  const [status, setStatus] = useState<{ busy: boolean; text: string; error?: boolean }>({ busy: false, text: '' });
  const applies = VIEW_FILTERS[view];
  const touchpoint = applies.includes('touchpoint') ? filters.touchpoint : undefined;
  const segment = applies.includes('segment') ? filters.segment : undefined;
  const locale = applies.includes('language') ? filters.language : undefined;
  const channel = applies.includes('channel') ? filters.channel : undefined;
  const verbatims = view === 'verbatims';
  const q = verbatims ? filters.q : undefined;
  const sentiment = verbatims ? filters.sentiment : undefined;

  // What the file holds, in words: the dates, then every filter applied with its value.
  const applied = [
    t('rangeSummary', { from: i18n.day(dates.from), to: i18n.day(dates.to) }),
    ...(touchpoint ? [t('exportFilter', { name: t('touchpoint'), value: tpName(touchpoint) })] : []),
    ...(segment ? [t('exportFilter', { name: t('segment'), value: segment.replace(':', ': ') })] : []),
    ...(locale ? [t('exportFilter', { name: t('respondentLanguage'), value: languageName(i18n.locale, locale) })] : []),
    ...(channel ? [t('exportFilter', { name: t('channel'), value: t(`channel.${channel}`) })] : []),
    // Right-to-left text quotes with «…» (as the set-up screens do), the search isolated inside them.
    ...(q
      ? [t('exportFilter', { name: t('search'), value: i18n.dir === 'rtl' ? `«${i18n.isolate(q)}»` : `“${q}”` })]
      : []),
    ...(sentiment ? [t('exportFilter', { name: t('sentiment'), value: t(`sentiment.${sentiment}`) })] : []),
  ];
  const note = t(verbatims ? 'exportNoteVerbatims' : 'exportNote', {
    survey: i18n.nameOf(survey),
    filters: i18n.list(applied),
  });

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
            ...(channel ? { channel } : {}),
            ...(q ? { q } : {}),
            ...(sentiment ? { sentiment } : {}),
          },
          file,
          (n) => setStatus({ busy: true, text: t('exportingRows', { n: i18n.int(n) }) }),
        );
        setStatus({
          busy: false,
          text: t(truncated ? 'exportDoneCut' : 'exportDoneRows', { file, n: i18n.int(rows) }),
        });
      } else {
        const rows = await downloadCsv(
          survey.id,
          { from: dates.from, to: dates.to, touchpoint, segment, locale, channel },
          file,
          (n) => setStatus({ busy: true, text: t('exportingResponses', { n: i18n.int(n) }) }),
        );
        setStatus({ busy: false, text: t('exportDoneResponses', { file, n: i18n.int(rows) }) });
      }
    } catch (e) {
      setStatus({ busy: false, text: t('exportFailed', { message: (e as Error).message }), error: true });
    }
  };
  return (
    <div class="toolbar">
      <div class="toolbar-actions">
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
      </div>
      <p id="export-note" class="toolbar-note" data-testid="export-note">
        {note}
      </p>
      <p class={`toolbar-status${status.error ? ' error' : ''}`} role="status">
        {status.text}
      </p>
    </div>
  );
}
