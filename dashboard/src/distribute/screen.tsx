import { useEffect, useMemo, useState } from 'preact/hooks';
import { createInvitations, listInvitations } from '../../../shared/contract/invitations';
import { getSurvey } from '../../../shared/contract/surveys';
import { listTouchpoints } from '../../../shared/contract/touchpoints';
import type { InvitationChannel } from '../../../shared/schemas/invitation';
import { smsLength } from '../../../shared/sms';
import { call, useEndpoint } from '../api';
import { Status } from '../components/status';
import { safeName, saveFile } from '../download';
import { CopyBox } from '../setup/copy-box';
import type { Survey, TouchpointDef } from '../types';
import { answerUrl, emailSnippet } from './email-snippet';
import { type DistributeKey, useDistributeT } from './i18n';
import { loadPapa, loadQr } from './libs';
import { batches, type InputRow, type Link, linksCsv, prepareRespondents, type RowProblem } from './mail-merge';
import { qrMatrix, qrPng, qrSvg } from './qr';
import './distribute.css';

type Made = { url: string; expiresAt: string };
type Options = { days: number; touchpoint: string };

/**
 * Distribution of one survey beyond the web page: an anonymous link and its QR code, an email
 * snippet, SMS texts, and personal links for a mail merge. Each channel gets its own anonymous link
 * (so results can be broken down by channel); a link made earlier and still valid is shown again.
 */
export function Distribute({ id }: { id: string }) {
  const { dt } = useDistributeT();
  const surveyQ = useEndpoint(getSurvey, { params: { id } });
  const tpQ = useEndpoint(listTouchpoints, {}, 'low');
  const invQ = useEndpoint(listInvitations, { params: { id }, query: { kind: 'anonymous', limit: 100 } }, 'low');
  const [opts, setOpts] = useState<Options>({ days: 90, touchpoint: '' });
  const [made, setMade] = useState<Partial<Record<InvitationChannel, Made>>>({});

  // The newest anonymous, still valid link of each channel, from earlier visits.
  const existing = useMemo(() => {
    const out: Partial<Record<InvitationChannel, Made>> = {};
    const now = new Date().toISOString();
    for (const i of invQ.data?.items ?? []) {
      if (i.status !== 'pending' || i.expiresAt <= now || out[i.channel]) continue;
      out[i.channel] = { url: i.url, expiresAt: i.expiresAt };
    }
    return out;
  }, [invQ.data]);
  const link = (c: InvitationChannel) => made[c] ?? existing[c];

  const survey = surveyQ.data?.survey;
  return (
    <Status loading={surveyQ.loading} error={surveyQ.error} retry={surveyQ.reload}>
      {survey && (
        <div class="distribute" data-state={invQ.loading ? 'loading' : 'ready'}>
          <p class="intro">
            <strong>{survey.name}</strong> · {dt('intro')}
          </p>
          {survey.status !== 'active' && <p class="notice">{dt('notActive')}</p>}
          <LinkOptions opts={opts} setOpts={setOpts} touchpoints={tpQ.data?.items ?? []} />
          <QrSection
            survey={survey}
            link={link('qr')}
            make={() => make(id, 'qr', opts).then((m) => setMade((x) => ({ ...x, qr: m })))}
          />
          <EmailSection
            survey={survey}
            link={link('email')}
            make={() => make(id, 'email', opts).then((m) => setMade((x) => ({ ...x, email: m })))}
          />
          <SmsSection
            survey={survey}
            link={link('sms')}
            make={() => make(id, 'sms', opts).then((m) => setMade((x) => ({ ...x, sms: m })))}
          />
          <MailMergeSection survey={survey} opts={opts} />
        </div>
      )}
    </Status>
  );
}

async function make(surveyId: string, channel: InvitationChannel, o: Options): Promise<Made> {
  const r = await call(createInvitations, {
    params: { id: surveyId },
    body: { channel, expiresInDays: o.days, ...(o.touchpoint ? { touchpoint: o.touchpoint } : {}) },
  });
  const inv = r.invitations[0];
  if (!inv) throw new Error('no link');
  return { url: inv.url, expiresAt: inv.expiresAt };
}

function LinkOptions({
  opts,
  setOpts,
  touchpoints,
}: {
  opts: Options;
  setOpts: (o: Options) => void;
  touchpoints: TouchpointDef[];
}) {
  const { dt, locale, nameOf } = useDistributeT();
  return (
    <div class="form-row link-options">
      <label>
        {dt('validDays')}
        <input
          type="number"
          id="d-days"
          min={1}
          max={365}
          value={opts.days}
          onInput={(e) => {
            const n = Math.round(Number((e.target as HTMLInputElement).value));
            if (n >= 1 && n <= 365) setOpts({ ...opts, days: n });
          }}
        />
      </label>
      <label>
        {dt('touchpoint')}
        <select
          id="d-touchpoint"
          value={opts.touchpoint}
          onChange={(e) => setOpts({ ...opts, touchpoint: (e.target as HTMLSelectElement).value })}
        >
          <option value="">{dt('noTouchpoint')}</option>
          {touchpoints
            .filter((t) => !t.archived)
            .map((t) => (
              <option key={t.key} value={t.key}>
                {nameOf(t)}
              </option>
            ))}
        </select>
      </label>
    </div>
  );
}

/** A card of one channel: its anonymous link once made, else a button that makes it. */
function ChannelCard({
  name,
  title,
  intro,
  link,
  make,
  children,
}: {
  name: string;
  title: DistributeKey;
  intro: DistributeKey;
  link: Made | undefined;
  make: () => Promise<void>;
  children?: preact.ComponentChildren;
}) {
  const { dt, day } = useDistributeT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const go = async () => {
    setBusy(true);
    setError('');
    try {
      await make();
    } catch (e) {
      setError(dt('failed', { message: (e as Error).message }));
    }
    setBusy(false);
  };
  return (
    <section class={`card distribute-${name}`} aria-labelledby={`d-${name}-h`} data-channel={name}>
      <h2 id={`d-${name}-h`} class="card-title">
        {dt(title)}
      </h2>
      <p class="small muted">{dt(intro)}</p>
      {link && children}
      <div class="copy-row">
        <button
          type="button"
          class={link ? 'btn btn-quiet' : 'btn'}
          disabled={busy}
          onClick={go}
          data-action={`make-${name}`}
        >
          {busy ? dt('making') : link ? dt('makeNew') : dt('make')}
        </button>
        {link && <span class="small muted">{dt('expires', { date: day(link.expiresAt) })}</span>}
      </div>
      <p role="status" class="form-status error">
        {error}
      </p>
    </section>
  );
}

function QrSection({ survey, link, make }: { survey: Survey; link?: Made; make: () => Promise<void> }) {
  const { dt } = useDistributeT();
  const [qr, setQr] = useState<{ svg: string; png: () => Promise<Blob> }>();
  useEffect(() => {
    if (!link) return;
    let live = true;
    // The encoder loads only here, on this screen: the dashboard's first load never carries it.
    loadQr().then((qrcode) => {
      if (!live) return;
      const m = qrMatrix(link.url, qrcode);
      setQr({ svg: qrSvg(m, dt('qr.alt')), png: () => qrPng(m) });
    });
    return () => {
      live = false;
    };
  }, [link?.url]);
  const file = safeName(survey.name);
  const print = () => {
    document.body.dataset.print = 'qr';
    addEventListener('afterprint', () => delete document.body.dataset.print, { once: true });
    print_();
  };
  return (
    <ChannelCard name="qr" title="qr.title" intro="qr.intro" link={link} make={make}>
      {link && (
        <div class="qr-sheet">
          <CopyBox id="d-link" label={dt('qr.link')} text={link.url} />
          {qr ? (
            <img
              class="qr-code"
              data-testid="qr"
              src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qr.svg)}`}
              alt={dt('qr.alt')}
              width={240}
              height={240}
            />
          ) : (
            <p role="status">{dt('qr.loading')}</p>
          )}
          <p class="qr-url print-only" dir="ltr">
            {link.url}
          </p>
          <div class="copy-row no-print">
            <button
              type="button"
              class="btn"
              disabled={!qr}
              data-action="qr-svg"
              onClick={() => qr && saveFile(new Blob([qr.svg], { type: 'image/svg+xml' }), `${file}-qr.svg`)}
            >
              {dt('qr.svg')}
            </button>
            <button
              type="button"
              class="btn"
              disabled={!qr}
              data-action="qr-png"
              onClick={async () => qr && saveFile(await qr.png(), `${file}-qr.png`)}
            >
              {dt('qr.png')}
            </button>
            <button type="button" class="btn btn-quiet" disabled={!qr} onClick={print}>
              {dt('qr.print')}
            </button>
          </div>
        </div>
      )}
    </ChannelCard>
  );
}
const print_ = () => window.print();

/** The survey's languages, the dashboard's own first when the survey has it. */
function useSurveyLocales(survey: Survey): string[] {
  const { locale } = useDistributeT();
  const all = survey.locales?.length ? survey.locales : Object.keys(survey.questions[0]?.prompt ?? { en: '' });
  return all.includes(locale) ? [locale, ...all.filter((l) => l !== locale)] : all;
}

const LANGUAGE_NAMES: Record<string, string> = { en: 'English', fa: 'فارسی', ar: 'العربية' };
const languageName = (l: string) => LANGUAGE_NAMES[l] ?? l;

function EmailSection({ survey, link, make }: { survey: Survey; link?: Made; make: () => Promise<void> }) {
  const { dt } = useDistributeT();
  const locales = useSurveyLocales(survey);
  const [lang, setLang] = useState(locales[0] ?? 'en');
  const html = link ? emailSnippet({ survey, url: link.url, locale: lang }) : '';
  return (
    <ChannelCard name="email" title="email.title" intro="email.intro" link={link} make={make}>
      <label class="field-label">
        {dt('email.language')}
        <select id="d-email-lang" value={lang} onChange={(e) => setLang((e.target as HTMLSelectElement).value)}>
          {locales.map((l) => (
            <option key={l} value={l}>
              {languageName(l)}
            </option>
          ))}
        </select>
      </label>
      <CopyBox id="d-email" label={dt('email.code')} text={html} />
      <button
        type="button"
        class="btn btn-quiet"
        onClick={() =>
          saveFile(
            new Blob([`<!doctype html><meta charset="utf-8">\n${html}`], { type: 'text/html' }),
            `${safeName(survey.name)}-email-${lang}.html`,
          )
        }
      >
        {dt('email.download')}
      </button>
    </ChannelCard>
  );
}

const LINK = '{link}';

function SmsSection({ survey, link, make }: { survey: Survey; link?: Made; make: () => Promise<void> }) {
  const { dt } = useDistributeT();
  const locales = useSurveyLocales(survey);
  const prompt = (l: string) => survey.questions[0]?.prompt[l] ?? '';
  const [texts, setTexts] = useState<Record<string, string>>({});
  return (
    <ChannelCard name="sms" title="sms.title" intro="sms.intro" link={link} make={make}>
      <p class="small muted">{dt('sms.linkHint', { link: LINK })}</p>
      {link &&
        locales.map((l) => {
          const text = texts[l] ?? `${prompt(l)} ${LINK}`;
          // The link as sent: the language pinned, so the page opens in the text's language.
          const sent = text.replaceAll(LINK, answerUrl(link.url, l));
          const len = smsLength(sent);
          return (
            <div class="sms-lang" key={l}>
              <label for={`d-sms-${l}`}>{dt('sms.text', { lang: languageName(l) })}</label>
              <textarea
                id={`d-sms-${l}`}
                dir={l === 'fa' || l === 'ar' ? 'rtl' : 'ltr'}
                lang={l}
                rows={3}
                value={text}
                onInput={(e) => setTexts({ ...texts, [l]: (e.target as HTMLTextAreaElement).value })}
              />
              <p class="small sms-count" aria-live="polite" data-sms-count={l} data-segments={len.segments}>
                {dt('sms.count', { chars: len.characters, segments: len.segments, encoding: len.encoding })} ·{' '}
                {dt('sms.left', { n: len.remaining })}
              </p>
              <CopyBox id={`d-sms-out-${l}`} label={languageName(l)} text={sent} />
            </div>
          );
        })}
    </ChannelCard>
  );
}

type Outcome = { rows: InputRow[]; links: Link[]; problems: RowProblem[]; failed?: string; total: number };

function MailMergeSection({ survey, opts }: { survey: Survey; opts: Options }) {
  const { dt, locale } = useDistributeT();
  // Line numbers as an editor shows them: no thousands separator (in the dashboard's digits).
  const lineNo = new Intl.NumberFormat(locale, { useGrouping: false });
  const [channel, setChannel] = useState<InvitationChannel>('email');
  const [progress, setProgress] = useState<{ label: string; value: number; max: number }>();
  const [outcome, setOutcome] = useState<Outcome>();

  const upload = async (file: File) => {
    setOutcome(undefined);
    setProgress({ label: dt('csv.reading'), value: 0, max: file.size || 1 });
    // The parser loads only when a file is chosen, and reads it in chunks (a progress bar for big files).
    const Papa = await loadPapa();
    const rows = await new Promise<InputRow[]>((resolve, reject) => {
      const all: InputRow[] = [];
      Papa.parse<InputRow>(file, {
        header: true,
        skipEmptyLines: 'greedy',
        chunkSize: 256 * 1024,
        chunk: (r) => {
          all.push(...r.data);
          setProgress({ label: dt('csv.reading'), value: r.meta.cursor, max: file.size || 1 });
        },
        complete: () => resolve(all),
        error: reject,
      });
    });
    const p = prepareRespondents(rows);
    const out: Outcome = { rows: [], links: [], problems: p.problems, total: p.respondents.length };
    const parts = batches(p.respondents);
    const rowParts = batches(p.rows);
    for (let i = 0; i < parts.length; i++) {
      setProgress({
        label: dt('csv.progress', { done: out.links.length, total: out.total }),
        value: out.links.length,
        max: out.total,
      });
      try {
        const r = await call(createInvitations, {
          params: { id: survey.id },
          body: {
            channel,
            expiresInDays: opts.days,
            ...(opts.touchpoint ? { touchpoint: opts.touchpoint } : {}),
            respondents: parts[i],
          },
        });
        out.rows.push(...(rowParts[i] ?? []));
        out.links.push(...r.invitations);
      } catch (e) {
        out.failed = (e as Error).message;
        break;
      }
    }
    setProgress(undefined);
    setOutcome(out);
  };

  const skipped = outcome?.links.filter((l) => l.status === 'skipped') ?? [];
  const problemText = (m: string) =>
    m === 'id' ? dt('csv.noId') : m.startsWith('duplicate:') ? dt('csv.duplicate', { id: m.slice(10) }) : m;
  return (
    <section class="card distribute-csv" aria-labelledby="d-csv-h">
      <h2 id="d-csv-h" class="card-title">
        {dt('csv.title')}
      </h2>
      <p class="small muted">{dt('csv.intro')}</p>
      <pre class="code small" dir="ltr">
        id,email,locale,attributes.plan{'\n'}c-1001,maryam@example.com,fa,pro
      </pre>
      <div class="form-row">
        <label>
          {dt('csv.channel')}
          <select
            id="d-csv-channel"
            value={channel}
            onChange={(e) => setChannel((e.target as HTMLSelectElement).value as InvitationChannel)}
          >
            {(['email', 'sms', 'link'] as const).map((c) => (
              <option key={c} value={c}>
                {dt(`channel.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {dt('csv.file')}
          <input
            type="file"
            id="d-csv-file"
            accept=".csv,text/csv"
            disabled={!!progress}
            onChange={(e) => {
              const f = (e.target as HTMLInputElement).files?.[0];
              if (f)
                upload(f).catch((err: Error) => {
                  setProgress(undefined);
                  setOutcome({ rows: [], links: [], problems: [], total: 0, failed: err.message });
                });
            }}
          />
        </label>
      </div>
      {progress && (
        <p role="status" class="csv-progress">
          <label for="d-csv-progress">{progress.label}</label>
          <progress id="d-csv-progress" value={progress.value} max={progress.max} />
        </p>
      )}
      {outcome && (
        <div class="csv-outcome" data-testid="csv-outcome">
          <p role="status">
            {outcome.failed
              ? dt('csv.failed', { done: outcome.links.length, total: outcome.total, message: outcome.failed })
              : outcome.total === 0 && !outcome.problems.length
                ? dt('csv.empty')
                : dt('csv.done', { created: outcome.links.length - skipped.length, skipped: skipped.length })}
          </p>
          {outcome.links.length > 0 && (
            <button
              type="button"
              class="btn"
              data-action="download-links"
              onClick={() =>
                saveFile(
                  new Blob([linksCsv(outcome.rows, outcome.links)], { type: 'text/csv;charset=utf-8' }),
                  `${safeName(survey.name)}-links.csv`,
                )
              }
            >
              {dt('csv.download')}
            </button>
          )}
          {skipped.length > 0 && (
            <table class="data small" data-testid="skipped">
              <caption>{dt('csv.skippedTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{dt('csv.respondent')}</th>
                  <th scope="col">{dt('csv.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {skipped.slice(0, 200).map((l) => (
                  <tr key={l.respondentId}>
                    <td dir="ltr">{l.respondentId}</td>
                    <td>{l.reason ? dt(`reason.${l.reason}`) : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {outcome.problems.length > 0 && (
            <div class="notice" data-testid="problems">
              <p>{dt('csv.problems', { n: outcome.problems.length })}</p>
              <ul>
                {outcome.problems.slice(0, 50).map((p) => (
                  <li key={p.line}>
                    {dt('csv.lineProblem', { line: lineNo.format(p.line), message: problemText(p.message) })}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
