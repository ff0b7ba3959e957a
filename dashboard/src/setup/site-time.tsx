import { useMemo, useState } from 'preact/hooks';
import { patchSite } from '../../../shared/contract/sites';
import { type Calendar, localDay } from '../../../shared/dates';
import { SitePatch } from '../../../shared/schemas/api';
import { call } from '../api';
import { setSiteTime } from '../site-time';
import type { Site } from '../types';
import { validate } from '../validate';
import { asIssuesOf, type Errors, Field, focusFirstError, issueMap } from './form';
import { useSetupT } from './i18n';

/** Every zone the browser knows (the Worker checks with the same Intl data), UTC first. */
function zoneNames(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? [];
  return ['UTC', ...all.filter((z) => z !== 'UTC')];
}

/**
 * The site's time zone (a searchable list: typing filters the zones) and calendar. Results,
 * trends, the journey and exports cut days in the zone; the Persian calendar gives Jalali months
 * and Saturday weeks. A new zone restamps stored days in the background (`rezoning`).
 */
export function SiteTimeForm({
  site,
  rezoning,
  onSaved,
}: {
  site: Site;
  rezoning: boolean;
  onSaved: (s: Site) => void;
}) {
  const ui = useSetupT();
  const { st } = ui;
  const zones = useMemo(zoneNames, []);
  const [zone, setZone] = useState(site.timeZone);
  const [calendar, setCalendar] = useState<Calendar>(site.calendar);
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<{ text: string; error?: boolean }>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const body = { timeZone: zone.trim(), calendar };
    const checked = validate(SitePatch, body, ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: st('errorSummary', { n: checked.error.issues.length }), error: true });
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const r = await call(patchSite, { body });
      setErrors(new Map());
      setNote({ text: r.site.timeZone !== site.timeZone ? st('timeZoneRebuilding') : st('saved') });
      setSiteTime({ timeZone: r.site.timeZone, calendar: r.site.calendar });
      onSaved(r.site);
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  let today = '';
  try {
    today = ui.day(localDay(Date.now(), zone.trim() || 'UTC'));
  } catch {
    /* not a zone yet: the field's error says so on save */
  }

  return (
    <form class="card" aria-labelledby="time-h" onSubmit={submit} noValidate data-testid="site-time">
      <h2 id="time-h" class="card-title">
        {st('timeTitle')}
      </h2>
      <p>{st('timeIntro')}</p>
      <div class="form-row">
        <Field path="timeZone" label={st('timeZone')} error={errors.get('timeZone')} class="field-grow">
          {(a) => (
            <>
              <input
                id={a.id}
                dir="ltr"
                list="seda-zones"
                autocomplete="off"
                spellcheck={false}
                value={zone}
                placeholder="Asia/Tehran"
                aria-invalid={a.invalid ? 'true' : undefined}
                aria-describedby={a.describedBy}
                onInput={(e) => setZone(e.currentTarget.value)}
              />
              <datalist id="seda-zones">
                {zones.map((z) => (
                  <option key={z} value={z} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field path="calendar" label={st('calendar')} error={errors.get('calendar')}>
          {(a) => (
            <select
              id={a.id}
              value={calendar}
              aria-describedby={a.describedBy}
              onChange={(e) => setCalendar(e.currentTarget.value as Calendar)}
            >
              <option value="gregorian">{st('calendar.gregorian')}</option>
              <option value="persian">{st('calendar.persian')}</option>
            </select>
          )}
        </Field>
      </div>
      {today && <p class="small muted">{st('timeToday', { day: today })}</p>}
      {rezoning && (
        <p class="small" role="status" data-testid="rezoning">
          {st('timeZoneRebuilding')}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={busy} data-action="save-time">
          {busy ? st('saving') : st('save')}
        </button>
        <span role="status" class={note?.error ? 'form-status error' : 'form-status'}>
          {note?.text}
        </span>
      </div>
    </form>
  );
}
