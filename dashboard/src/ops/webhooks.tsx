import { useState } from 'preact/hooks';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  pingWebhook,
  redeliver,
  rotateWebhookSecret,
} from '../../../shared/contract/webhooks';
import { WebhookInput } from '../../../shared/schemas/api';
import { announce } from '../announce';
import { call, useEndpoint } from '../api';
import { ListBody, ListCard } from '../components/list-card';
import { CopyBox } from '../setup/copy-box';
import {
  asIssuesOf,
  type Errors,
  FormActions,
  focusFirstError,
  issueMap,
  type Note,
  SelectField,
  TextField,
} from '../setup/form';
import { validate } from '../validate';
import { useOpsT } from './i18n';

const EVENTS = ['response.completed', 'alert'] as const;
type Hook = NonNullable<ReturnType<typeof useEndpoint<typeof listWebhooks>>['data']>['items'][number];

/** Webhooks: create (the secret shown once), test with a ping, rotate the secret, the delivery log. */
export function Webhooks() {
  const ui = useOpsT();
  const { ot } = ui;
  const q = useEndpoint(listWebhooks, {});
  const [url, setUrl] = useState('');
  const [format, setFormat] = useState<'json' | 'slack'>('json');
  const [events, setEvents] = useState<string[]>(['alert']);
  const [errors, setErrors] = useState<Errors>(new Map());
  const [note, setNote] = useState<Note>();
  const [busy, setBusy] = useState(false);
  const [secret, setSecret] = useState<{ url: string; secret: string; note?: string }>();

  const create = async (e: Event) => {
    e.preventDefault();
    const checked = validate(WebhookInput, { url: url.trim(), format, events }, ui);
    if (!checked.success) {
      setErrors(issueMap(checked.error.issues));
      setNote({ text: ot('failed', { message: checked.error.issues[0]?.message ?? '' }), error: true });
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      const r = await call(createWebhook, { body: checked.data });
      setSecret({ url: r.url, secret: r.secret });
      setErrors(new Map());
      setNote(undefined);
      setUrl('');
      q.reload();
    } catch (err) {
      setErrors(issueMap(asIssuesOf(err, ui.locale)));
      setNote({ text: ot('failed', { message: (err as Error).message }), error: true });
    } finally {
      setBusy(false);
    }
  };

  const eventsError = errors.get('events');
  return (
    <div class="setup-grid ops-webhooks">
      <p class="intro">{ot('hooksIntro')}</p>
      <form class="card" aria-labelledby="hook-form-h" onSubmit={create} noValidate data-testid="hook-form">
        <h2 id="hook-form-h" class="card-title">
          {ot('newHook')}
        </h2>
        <div class="form-row">
          <TextField
            path="url"
            label={ot('hookUrl')}
            error={errors.get('url')}
            value={url}
            onValue={setUrl}
            dir="ltr"
            type="url"
            size={40}
            spellcheck={false}
          />
          <SelectField
            path="format"
            label={ot('hookFormat')}
            value={format}
            options={['json', 'slack'] as const}
            optionLabel={(f) => ot(`format.${f}`)}
            onValue={setFormat}
          />
          <fieldset class="checks" aria-describedby={eventsError ? 'f-events-err' : undefined}>
            <legend>{ot('hookEvents')}</legend>
            {EVENTS.map((ev) => (
              <label key={ev} class="check">
                <input
                  type="checkbox"
                  name="event"
                  value={ev}
                  checked={events.includes(ev)}
                  aria-invalid={eventsError ? 'true' : undefined}
                  onChange={(e) =>
                    setEvents(e.currentTarget.checked ? [...events, ev] : events.filter((x) => x !== ev))
                  }
                />{' '}
                {ot(`event.${ev}`)}
              </label>
            ))}
            {eventsError && (
              <span id="f-events-err" class="field-error">
                {eventsError}
              </span>
            )}
          </fieldset>
        </div>
        <FormActions action="create-hook" busy={busy} note={note}>
          {ot('createHook')}
        </FormActions>
        {secret && <SecretNotice {...secret} />}
      </form>
      <ListCard
        headingId="hooks-h"
        title={ot('hooksTitle')}
        q={q}
        items={q.data?.items}
        empty={ot('noHooksYet')}
        list={(items) => (
          <ul class="hook-list">
            {items.map((h) => (
              <HookRow key={h.id} hook={h} onChanged={q.reload} onSecret={setSecret} />
            ))}
          </ul>
        )}
      />
    </div>
  );
}

function SecretNotice({ url, secret, note }: { url: string; secret: string; note?: string | undefined }) {
  const { ot } = useOpsT();
  return (
    <div class="notice new-key" data-testid="hook-secret">
      <p>
        <strong>{ot('secretTitle')}</strong> (<bdi dir="ltr">{url}</bdi>) — {note ?? ot('secretNote')}
      </p>
      <CopyBox id="hook-secret" label={ot('secretTitle')} text={secret} />
    </div>
  );
}

function HookRow({
  hook,
  onChanged,
  onSecret,
}: {
  hook: Hook;
  onChanged: () => void;
  onSecret: (s: { url: string; secret: string; note?: string }) => void;
}) {
  const ui = useOpsT();
  const { ot } = ui;
  const [open, setOpen] = useState(false);
  const [msg, setMsg] = useState<Note>();
  const [nonce, setNonce] = useState(0);
  const act = async (fn: () => Promise<string>) => {
    try {
      const text = await fn();
      setMsg({ text });
      announce(text);
    } catch (err) {
      setMsg({ text: ot('failed', { message: (err as Error).message }), error: true });
    }
  };
  return (
    <li class="hook" data-hook={hook.id}>
      <p class="hook-head">
        <span class="badge">{ot(`format.${hook.format}`)}</span>{' '}
        <code dir="ltr" class="ops-url">
          {hook.url}
        </code>
      </p>
      <p class="small muted">
        {hook.events.map((e) => ot(`event.${e}`)).join(ui.sep)}
        {ui.sep}
        {ui.dateTime(hook.createdAt)}
      </p>
      <div class="row-actions">
        <button
          type="button"
          class="btn btn-small"
          data-action="ping"
          onClick={() =>
            act(async () => {
              await call(pingWebhook, { params: { id: hook.id } });
              setOpen(true);
              setNonce((n) => n + 1);
              return ot('pinged');
            })
          }
        >
          {ot('ping')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          data-action="deliveries"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
        >
          {open ? ot('hideDeliveries') : ot('deliveries')}
        </button>
        <button
          type="button"
          class="btn btn-small"
          data-action="rotate"
          onClick={() =>
            confirm(ot('confirmRotate')) &&
            act(async () => {
              const r = await call(rotateWebhookSecret, { params: { id: hook.id }, query: { graceHours: 24 } });
              const text = ot('rotated', {
                date: r.previousSecretExpiresAt ? ui.dateTime(r.previousSecretExpiresAt) : '—',
              });
              onSecret({ url: hook.url, secret: r.secret, note: text });
              onChanged();
              return text;
            })
          }
        >
          {ot('rotate')}
        </button>
        <button
          type="button"
          class="btn btn-small btn-danger"
          onClick={() =>
            confirm(ot('confirmDeleteHook')) &&
            act(async () => {
              await call(deleteWebhook, { params: { id: hook.id } });
              onChanged();
              return ot('hookDeleted');
            })
          }
        >
          {ot('delete')}
        </button>
        <span role="status" class={msg?.error ? 'form-status error' : 'form-status'}>
          {msg?.text}
        </span>
      </div>
      {open && <Deliveries key={nonce} hookId={hook.id} />}
    </li>
  );
}

function Deliveries({ hookId }: { hookId: string }) {
  const ui = useOpsT();
  const { ot } = ui;
  const q = useEndpoint(listDeliveries, { params: { id: hookId }, query: { limit: 20 } });
  const [msg, setMsg] = useState<Note>();
  return (
    <div class="deliveries" data-testid="deliveries">
      <button type="button" class="btn btn-small btn-quiet" data-action="refresh-deliveries" onClick={q.reload}>
        {ot('refresh')}
      </button>{' '}
      <span role="status" class={msg?.error ? 'form-status error' : 'form-status'}>
        {msg?.text}
      </span>
      <ListBody
        q={q}
        items={q.data?.items}
        empty={ot('noDeliveries')}
        emptyClass="muted small"
        testid="delivery-log"
        columns={[ot('dAt'), ot('dEvent'), ot('dStatus'), ot('dAttempts'), ot('dLast')]}
        row={(d) => (
          <tr key={d.id} data-delivery={d.id} data-status={d.status}>
            <td>{ui.dateTime(d.createdAt)}</td>
            <td>
              <code dir="ltr">{d.event}</code>
            </td>
            <td>
              <span class={`badge delivery-${d.status}`}>{ot(`dstatus.${d.status}`)}</span>
            </td>
            <td>{ui.int(d.attempts)}</td>
            <td dir="ltr">{d.lastStatusCode ?? d.lastError ?? '—'}</td>
            <td>
              {(d.status === 'delivered' || d.status === 'dead') && (
                <button
                  type="button"
                  class="btn btn-small"
                  data-action="redeliver"
                  onClick={async () => {
                    try {
                      await call(redeliver, { params: { id: hookId, deliveryId: d.id } });
                      setMsg({ text: ot('redelivered') });
                      announce(ot('redelivered'));
                      q.reload();
                    } catch (err) {
                      setMsg({ text: ot('failed', { message: (err as Error).message }), error: true });
                    }
                  }}
                >
                  {ot('redeliver')}
                </button>
              )}
            </td>
          </tr>
        )}
      />
    </div>
  );
}
