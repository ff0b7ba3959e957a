/**
 * Digest & sharing: when the weekly leadership digest goes out (and a preview of the last one, the
 * same JSON the webhooks get), and the read-only share links of the overview (create, copy, revoke).
 * Loaded only when opened (setup/view.tsx imports it on demand).
 */
import { useState } from 'preact/hooks';
import type { ShareLink } from '../../../shared/contract/digest';
import { createShareLink, getDigest, listShareLinks, revokeShareLink } from '../../../shared/contract/digest';
import { getSiteSettings, patchSiteSettings } from '../../../shared/contract/sites';
import { DigestSchedule, ShareLinkInput, WEEKDAYS, type Weekday } from '../../../shared/schemas/api';
import { call, useEndpoint } from '../api';
import { ListCard } from '../components/list-card';
import { ListTable } from '../components/list-table';
import { MetricCell } from '../components/metric-cell';
import { Status } from '../components/status';
import { formatDelta } from '../metric';
import { validate } from '../validate';
import { CopyBox } from './copy-box';
import {
  asIssuesOf,
  type Errors,
  FormActions,
  focusFirstError,
  issueMap,
  type Note,
  NumberField,
  SelectField,
  TextField,
} from './form';
import { type SetupKey, useSetupT } from './i18n';
import './digest.css';

const METRICS = ['nps', 'csat', 'ces'] as const;
const HOURS = Array.from({ length: 24 }, (_, h) => String(h));
const browserZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

function Schedule() {
  const ui = useSetupT();
  const { st } = ui;
  const q = useEndpoint(getSiteSettings, {});
  const saved = q.data?.settings.digest;
  const [draft, setDraft] = useState<{
    schedule: 'off' | 'weekly';
    weekday: Weekday;
    hour: string;
    timeZone: string;
  }>();
  const d = draft ?? {
    schedule: saved?.schedule ?? 'off',
    weekday: saved?.weekday ?? 'monday',
    hour: String(saved?.hour ?? 9),
    timeZone: saved?.timeZone ?? browserZone(),
  };
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof d>) => setDraft({ ...d, ...patch });

  const save = async (e: Event) => {
    e.preventDefault();
    const body =
      d.schedule === 'off'
        ? { schedule: 'off' as const }
        : { schedule: 'weekly' as const, weekday: d.weekday, hour: Number(d.hour), timeZone: d.timeZone.trim() };
    const checked = validate(DigestSchedule, body, ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: st('errorSummary', { n: checked.error.issues.length }), error: true });
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      await call(patchSiteSettings, { body: { digest: checked.data } });
      setErrors(new Map());
      setNote({ text: st('saved') });
      setDraft(undefined);
      q.reload();
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale).map((i) => ({ ...i, path: i.path.slice(1) }))));
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="card" aria-labelledby="digest-h" onSubmit={save} noValidate data-testid="digest-schedule">
      <h2 id="digest-h" class="card-title">
        {st('digestTitle')}
      </h2>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        <div class="form-row">
          <SelectField
            path="schedule"
            label={st('digestSchedule')}
            value={d.schedule}
            options={['off', 'weekly'] as const}
            optionLabel={(v) => st(`digest.${v}`)}
            onValue={(schedule) => set({ schedule })}
          />
          {d.schedule === 'weekly' && (
            <>
              <SelectField
                path="weekday"
                label={st('digestWeekday')}
                error={errors.get('weekday')}
                value={d.weekday}
                options={WEEKDAYS}
                optionLabel={(v) => st(`weekday.${v}` as SetupKey)}
                onValue={(weekday) => set({ weekday })}
              />
              <SelectField
                path="hour"
                label={st('digestHour')}
                error={errors.get('hour')}
                value={d.hour}
                options={HOURS}
                optionLabel={(h) => `${ui.int(Number(h))}:${ui.int(0)}${ui.int(0)}`}
                onValue={(hour) => set({ hour })}
              />
              <TextField
                path="timeZone"
                label={st('digestTimeZone')}
                hint={st('digestTimeZoneHint')}
                error={errors.get('timeZone')}
                value={d.timeZone}
                onValue={(timeZone) => set({ timeZone })}
              />
            </>
          )}
        </div>
        {saved && (
          <p class="muted" data-testid="digest-status">
            {saved.nextAt && `${st('digestNext', { date: ui.dateTime(saved.nextAt) })} `}
            {saved.webhooks > 0 ? st('digestHooks', { n: ui.int(saved.webhooks) }) : st('digestNoHooks')}
          </p>
        )}
        <FormActions action="save-digest" busy={busy} note={note}>
          {st('digestSave')}
        </FormActions>
      </Status>
    </form>
  );
}

function Preview() {
  const ui = useSetupT();
  const { st, t } = ui;
  const q = useEndpoint(getDigest, {});
  const d = q.data;
  return (
    <section class="card digest-preview" aria-labelledby="preview-h" data-testid="digest-preview">
      <h2 id="preview-h" class="card-title">
        {d ? st('digestPreviewTitle', { from: ui.day(d.range.from), to: ui.day(d.range.to) }) : st('digestTitle')}
      </h2>
      <Status loading={q.loading} error={q.error} retry={q.reload}>
        {d && (
          <>
            <p class="muted">{st('digestPreviewNote')}</p>
            {d.surveys.length === 0 ? (
              <p>{st('previewNoSurveys')}</p>
            ) : (
              <ListTable
                testid="digest-surveys"
                columns={[
                  st('previewSurvey'),
                  st('previewResponses'),
                  ...METRICS.map((m) => t(`metric.${m}`)),
                  st('previewChanges'),
                ]}
              >
                {d.surveys.map((s) => (
                  <tr key={s.id}>
                    <td>{s.name}</td>
                    <td>{ui.int(s.responses)}</td>
                    {METRICS.map((m) => (
                      <MetricCell key={m} metric={m} m={s.metrics[m]} />
                    ))}
                    <td>
                      {s.changes.length
                        ? ui.list(
                            s.changes.map(
                              (c) =>
                                `${t(`metric.${c.metric}`)} ${formatDelta(ui, c.metric, c.delta)} (p = ${ui.pValue(c.p)})`,
                            ),
                          )
                        : st('previewNoChanges')}
                    </td>
                  </tr>
                ))}
              </ListTable>
            )}
            {d.surveys.map((s) =>
              s.drivers?.items.length || s.topicsRising.length ? (
                <div key={s.id} class="digest-extra">
                  <h3>{s.name}</h3>
                  {s.drivers && s.drivers.items.length > 0 && (
                    <p>
                      <strong>{st('previewDrivers', { metric: t(`metric.${s.drivers.target}`) })}</strong>:{' '}
                      {ui.list(
                        s.drivers.items.map(
                          (x) =>
                            // isolated: in right-to-left text an interval keeps its low bound first
                            `${ui.isolate(x.key)} ${ui.pct(x.importance * 100, 1)} ${ui.isolate(`[${ui.num(x.ci95[0] * 100)}–${ui.num(x.ci95[1] * 100)}]`)}`,
                        ),
                      )}
                    </p>
                  )}
                  {s.topicsRising.length > 0 && (
                    <p>
                      <strong>{st('previewTopics')}</strong>:{' '}
                      {ui.list(
                        s.topicsRising.map((x) =>
                          st('previewTopic', { topic: ui.pick(x.label) || x.key, n: x.n, previous: x.previous }),
                        ),
                      )}
                    </p>
                  )}
                </div>
              ) : null,
            )}
            <dl class="digest-facts">
              <div>
                <dt>{st('previewAtRisk')}</dt>
                <dd>
                  {ui.int(d.atRisk.count)}
                  {d.atRisk.capped ? '+' : ''}
                </dd>
              </div>
              <div>
                <dt>{st('previewCases')}</dt>
                <dd>
                  {ui.int(d.cases.opened)} / {ui.int(d.cases.resolved)}
                </dd>
              </div>
              <div>
                <dt>{st('previewRecovery')}</dt>
                <dd>
                  {d.recovery
                    ? `${ui.pct(d.recovery.rate * 100)} ${ui.isolate(`[${ui.pct(d.recovery.ci95[0] * 100)}–${ui.pct(d.recovery.ci95[1] * 100)}]`)}${ui.sep}${t('nEquals', { n: ui.int(d.recovery.n) })}`
                    : st('previewRecoveryNone')}
                </dd>
              </div>
            </dl>
          </>
        )}
      </Status>
    </section>
  );
}

function ShareLinks() {
  const ui = useSetupT();
  const { st, dateTime } = ui;
  const q = useEndpoint(listShareLinks, {});
  const [label, setLabel] = useState('');
  const [days, setDays] = useState<number | string | undefined>();
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<Note>();
  const [created, setCreated] = useState<{ label: string; url: string }>();
  const [busy, setBusy] = useState(false);
  const nameOf = (l: Pick<ShareLink, 'label'>) => l.label ?? st('shareUnnamed');

  const create = async (e: Event) => {
    e.preventDefault();
    const body = {
      ...(label.trim() ? { label } : {}),
      ...(days !== undefined && days !== '' ? { expiresInDays: days } : {}),
    };
    const checked = validate(ShareLinkInput, body, ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: st('errorSummary', { n: checked.error.issues.length }), error: true });
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const r = await call(createShareLink, { body: checked.data });
      setCreated({ label: nameOf(r), url: r.url });
      setErrors(new Map());
      setNote(undefined);
      setLabel('');
      setDays(undefined);
      q.reload();
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (l: ShareLink) => {
    if (!confirm(st('confirmShareRevoke', { name: nameOf(l) }))) return;
    try {
      await call(revokeShareLink, { params: { id: l.id } });
      setNote({ text: `${st('shareRevokedNote')}: ${nameOf(l)}` });
    } catch (err) {
      setNote({ text: st('saveFailed', { message: (err as Error).message }), error: true });
    }
    q.reload();
  };

  return (
    <>
      <form class="card" aria-labelledby="share-h" onSubmit={create} noValidate data-testid="share-form">
        <h2 id="share-h" class="card-title">
          {st('shareTitle')}
        </h2>
        <p class="muted">{st('shareIntro')}</p>
        <div class="form-row">
          <TextField
            path="label"
            label={st('shareLabel')}
            error={errors.get('label')}
            value={label}
            onValue={setLabel}
          />
          <NumberField
            path="expiresInDays"
            label={st('shareExpires')}
            error={errors.get('expiresInDays')}
            value={days}
            onValue={setDays}
            size={4}
          />
        </div>
        <FormActions action="create-share-link" busy={busy} note={note}>
          {st('shareCreate')}
        </FormActions>
        {created && (
          <div class="notice new-key" data-testid="new-share-link">
            <p>
              <strong>{st('shareNewTitle')}</strong> ({created.label}) — {st('shareNewNote')}
            </p>
            <CopyBox id="new-share-link" label={st('shareNewTitle')} text={created.url} />
          </div>
        )}
      </form>
      <ListCard
        headingId="share-list-h"
        title={st('shareListTitle')}
        q={q}
        items={q.data?.items}
        empty={st('shareEmpty')}
        emptyClass="muted"
        testid="share-links"
        columns={[st('shareName'), st('shareCreated'), st('shareExpiresAt'), st('shareLastUsed')]}
        row={(l) => (
          <tr key={l.id} class={l.revokedAt ? 'revoked' : undefined} data-link={l.id}>
            <td>{nameOf(l)}</td>
            <td>{dateTime(l.createdAt)}</td>
            <td>{l.expiresAt ? dateTime(l.expiresAt) : '–'}</td>
            <td>{l.lastUsedAt ? dateTime(l.lastUsedAt) : st('shareNever')}</td>
            <td>
              {l.revokedAt ? (
                <span class="muted">{st('shareRevoked')}</span>
              ) : (
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  aria-label={st('shareRevokeLabel', { name: nameOf(l) })}
                  onClick={() => revoke(l)}
                >
                  {st('revoke')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </>
  );
}

export function DigestScreen() {
  const { st } = useSetupT();
  return (
    <div class="setup-grid">
      <p class="intro">{st('digestIntro')}</p>
      <Schedule />
      <Preview />
      <ShareLinks />
    </div>
  );
}
