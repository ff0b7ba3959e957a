import { Field } from '../form';
import { type SetupKey, useSetupT } from '../i18n';
import { type Loose, numOrRaw, put } from './draft';

const aria = (a: { invalid: boolean; describedBy: string | undefined }) => ({
  'aria-invalid': a.invalid ? ('true' as const) : undefined,
  'aria-describedby': a.describedBy,
});

const deep = (errors: Map<string, string>, path: string) => {
  const own = errors.get(path);
  if (own) return own;
  for (const [k, v] of errors) if (k.startsWith(`${path}.`)) return v;
  return undefined;
};

/** Targeting: touchpoints, URL rules, trigger, sampling, recontact. */
export function TargetingEditor({
  targeting,
  touchpoints,
  errors,
  update,
}: {
  targeting: Loose;
  touchpoints: { key: string; name: string }[];
  errors: Map<string, string>;
  update: (fn: (t: Loose) => void) => void;
}) {
  const { st } = useSetupT();
  const t = targeting ?? {};
  const trig = t.trigger?.type ?? '';
  const lines = (k: 'include' | 'exclude') => (t.urls?.[k] ?? []).join('\n');
  const setLines = (k: 'include' | 'exclude', text: string) =>
    update((x) => {
      const v = text
        .split('\n')
        .map((s) => s.trim())
        .filter(Boolean);
      x.urls = x.urls ?? {};
      put(x.urls, k, v.length ? v : undefined);
    });
  const chosen: string[] = t.touchpoints ?? [];
  const known = [...touchpoints.map((x) => x.key), ...chosen.filter((k) => !touchpoints.some((x) => x.key === k))];
  return (
    <section class="card" aria-labelledby="tg-h">
      <h2 id="tg-h" class="card-title">
        {st('targetingTitle')}
      </h2>
      <fieldset class="checks">
        <legend>{st('targetTouchpoints')}</legend>
        {known.map((k) => (
          <label key={k} class="check">
            <input
              type="checkbox"
              value={k}
              data-tp={k}
              checked={chosen.includes(k)}
              onChange={(e) =>
                update((x) => {
                  const set = new Set<string>(x.touchpoints ?? []);
                  if (e.currentTarget.checked) set.add(k);
                  else set.delete(k);
                  put(x, 'touchpoints', set.size ? [...set] : undefined);
                })
              }
            />{' '}
            {touchpoints.find((x) => x.key === k)?.name ?? k} <code dir="ltr">{k}</code>
          </label>
        ))}
        {deep(errors, 'targeting.touchpoints') && (
          <span class="field-error">{deep(errors, 'targeting.touchpoints')}</span>
        )}
      </fieldset>
      <div class="form-row">
        {(['include', 'exclude'] as const).map((k) => (
          <Field
            key={k}
            class="field-grow"
            path={`targeting.urls.${k}`}
            label={st(k === 'include' ? 'urlInclude' : 'urlExclude')}
            hint={st('urlHint')}
            error={deep(errors, `targeting.urls.${k}`)}
          >
            {(a) => (
              <textarea
                id={a.id}
                {...aria(a)}
                dir="ltr"
                rows={3}
                spellcheck={false}
                value={lines(k)}
                onChange={(e) => setLines(k, e.currentTarget.value)}
              />
            )}
          </Field>
        ))}
      </div>
      <div class="form-row">
        <Field
          path="targeting.trigger.type"
          label={st('trigger')}
          error={errors.get('targeting.trigger.type') ?? errors.get('targeting.trigger')}
        >
          {(a) => (
            <select
              id={a.id}
              {...aria(a)}
              value={trig}
              onChange={(e) =>
                update((x) => {
                  const v = e.currentTarget.value;
                  put(
                    x,
                    'trigger',
                    v === ''
                      ? undefined
                      : v === 'scroll'
                        ? { type: v, percent: 50 }
                        : v === 'event'
                          ? { type: v, name: '' }
                          : v === 'pageview'
                            ? { type: v, delayMs: 3000 }
                            : { type: v },
                  );
                })
              }
            >
              {['', 'pageview', 'scroll', 'exit', 'event'].map((v) => (
                <option key={v} value={v}>
                  {st(`trigger.${v || 'none'}` as SetupKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        {trig === 'pageview' && (
          <Field path="targeting.trigger.delayMs" label={st('delayMs')} error={errors.get('targeting.trigger.delayMs')}>
            {(a) => (
              <input
                id={a.id}
                {...aria(a)}
                inputMode="numeric"
                dir="ltr"
                size={8}
                value={t.trigger.delayMs ?? ''}
                onInput={(e) => update((x) => put(x.trigger, 'delayMs', numOrRaw(e.currentTarget.value)))}
              />
            )}
          </Field>
        )}
        {trig === 'scroll' && (
          <Field
            path="targeting.trigger.percent"
            label={st('scrollPercent')}
            error={errors.get('targeting.trigger.percent')}
          >
            {(a) => (
              <input
                id={a.id}
                {...aria(a)}
                inputMode="numeric"
                dir="ltr"
                size={5}
                value={t.trigger.percent ?? ''}
                onInput={(e) => update((x) => put(x.trigger, 'percent', numOrRaw(e.currentTarget.value)))}
              />
            )}
          </Field>
        )}
        {trig === 'event' && (
          <Field path="targeting.trigger.name" label={st('eventName')} error={errors.get('targeting.trigger.name')}>
            {(a) => (
              <input
                id={a.id}
                {...aria(a)}
                dir="ltr"
                value={t.trigger.name ?? ''}
                onInput={(e) => update((x) => (x.trigger.name = e.currentTarget.value))}
              />
            )}
          </Field>
        )}
      </div>
      <div class="form-row">
        <Field path="targeting.samplePercent" label={st('samplePercent')} error={errors.get('targeting.samplePercent')}>
          {(a) => (
            <input
              id={a.id}
              {...aria(a)}
              inputMode="decimal"
              dir="ltr"
              size={5}
              value={t.samplePercent ?? ''}
              onInput={(e) => update((x) => put(x, 'samplePercent', numOrRaw(e.currentTarget.value)))}
            />
          )}
        </Field>
        <Field path="targeting.recontactDays" label={st('recontactDays')} error={errors.get('targeting.recontactDays')}>
          {(a) => (
            <input
              id={a.id}
              {...aria(a)}
              inputMode="numeric"
              dir="ltr"
              size={5}
              value={t.recontactDays ?? ''}
              onInput={(e) => update((x) => put(x, 'recontactDays', numOrRaw(e.currentTarget.value)))}
            />
          )}
        </Field>
      </div>
    </section>
  );
}

/** Theme: brand colour, position, light/dark. */
export function ThemeEditor({
  theme,
  errors,
  update,
}: {
  theme: Loose;
  errors: Map<string, string>;
  update: (fn: (t: Loose) => void) => void;
}) {
  const { st } = useSetupT();
  const th = theme ?? {};
  const valid = /^#[0-9a-fA-F]{6}$/.test(th.color ?? '');
  return (
    <section class="card" aria-labelledby="th-h">
      <h2 id="th-h" class="card-title">
        {st('themeTitle')}
      </h2>
      <div class="form-row">
        <Field path="theme.color" label={st('color')} error={errors.get('theme.color')}>
          {(a) => (
            <span class="color-pair">
              <input
                id={a.id}
                {...aria(a)}
                dir="ltr"
                size={9}
                placeholder="#4f46e5"
                value={th.color ?? ''}
                onInput={(e) => update((x) => put(x, 'color', e.currentTarget.value.trim() || undefined))}
              />
              <input
                type="color"
                aria-label={st('color')}
                tabIndex={-1}
                value={valid ? th.color : '#4f46e5'}
                onInput={(e) => update((x) => put(x, 'color', e.currentTarget.value))}
              />
            </span>
          )}
        </Field>
        <Field path="theme.position" label={st('position')} error={errors.get('theme.position')}>
          {(a) => (
            <select
              id={a.id}
              {...aria(a)}
              value={th.position ?? 'bottom-right'}
              onChange={(e) => update((x) => put(x, 'position', e.currentTarget.value))}
            >
              {['bottom-right', 'bottom-left', 'center'].map((v) => (
                <option key={v} value={v}>
                  {st(`position.${v}` as SetupKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field path="theme.mode" label={st('mode')} error={errors.get('theme.mode')}>
          {(a) => (
            <select
              id={a.id}
              {...aria(a)}
              value={th.mode ?? 'auto'}
              onChange={(e) => update((x) => put(x, 'mode', e.currentTarget.value))}
            >
              {['auto', 'light', 'dark'].map((v) => (
                <option key={v} value={v}>
                  {st(`mode.${v}` as SetupKey)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
    </section>
  );
}
