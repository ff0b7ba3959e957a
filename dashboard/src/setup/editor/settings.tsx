import { useTouchpointName } from '../../touchpoint-name';
import { ariaOf, errorAt, Field, NumberField, SelectField, TextField } from '../form';
import { type SetupKey, useSetupT } from '../i18n';
import { type Loose, put } from './draft';

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
  const tpName = useTouchpointName();
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
            {tpName(k)} <code dir="ltr">{k}</code>
          </label>
        ))}
        {errorAt(errors, 'targeting.touchpoints', true) && (
          <span class="field-error">{errorAt(errors, 'targeting.touchpoints', true)}</span>
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
            error={errorAt(errors, `targeting.urls.${k}`, true)}
          >
            {(a) => (
              <textarea
                id={a.id}
                {...ariaOf(a)}
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
        <SelectField
          path="targeting.trigger.type"
          label={st('trigger')}
          error={errors.get('targeting.trigger.type') ?? errors.get('targeting.trigger')}
          value={trig}
          options={['', 'pageview', 'scroll', 'exit', 'event']}
          optionLabel={(v) => st(`trigger.${v || 'none'}` as SetupKey)}
          onValue={(v) =>
            update((x) =>
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
              ),
            )
          }
        />
        {trig === 'pageview' && (
          <NumberField
            path="targeting.trigger.delayMs"
            label={st('delayMs')}
            error={errors.get('targeting.trigger.delayMs')}
            size={8}
            value={t.trigger.delayMs}
            onValue={(v) => update((x) => put(x.trigger, 'delayMs', v))}
          />
        )}
        {trig === 'scroll' && (
          <NumberField
            path="targeting.trigger.percent"
            label={st('scrollPercent')}
            error={errors.get('targeting.trigger.percent')}
            size={5}
            value={t.trigger.percent}
            onValue={(v) => update((x) => put(x.trigger, 'percent', v))}
          />
        )}
        {trig === 'event' && (
          <TextField
            path="targeting.trigger.name"
            label={st('eventName')}
            error={errors.get('targeting.trigger.name')}
            dir="ltr"
            value={t.trigger.name}
            onValue={(v) => update((x) => (x.trigger.name = v))}
          />
        )}
      </div>
      <div class="form-row">
        <NumberField
          path="targeting.samplePercent"
          label={st('samplePercent')}
          error={errors.get('targeting.samplePercent')}
          size={5}
          decimal
          value={t.samplePercent}
          onValue={(v) => update((x) => put(x, 'samplePercent', v))}
        />
        <NumberField
          path="targeting.recontactDays"
          label={st('recontactDays')}
          error={errors.get('targeting.recontactDays')}
          size={5}
          value={t.recontactDays}
          onValue={(v) => update((x) => put(x, 'recontactDays', v))}
        />
        <NumberField
          path="targeting.repeatEveryDays"
          label={st('repeatEveryDays')}
          hint={st('repeatEveryDaysHint')}
          error={errors.get('targeting.repeatEveryDays')}
          size={5}
          value={t.repeatEveryDays}
          onValue={(v) => update((x) => put(x, 'repeatEveryDays', v))}
        />
      </div>
      <AttributeRules rules={t.attributes ?? []} errors={errors} update={update} />
    </section>
  );
}

const OPS = ['eq', 'neq', 'in', 'gt', 'lt'] as const;
type Op = (typeof OPS)[number];

/** The value as the schema wants it for its operator: a list for `in`, a number for gt/lt. */
function ruleValue(op: Op, text: string): unknown {
  if (op === 'in')
    return text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (op === 'gt' || op === 'lt') return text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text);
  return text;
}
const valueText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v));

/**
 * Attribute rules (`targeting.attributes`): who may be asked, from what `identify` or an invitation
 * says of them (plan = pro). All must hold; the widget and the invitations apply the same rules.
 */
function AttributeRules({
  rules,
  errors,
  update,
}: {
  rules: Loose[];
  errors: Map<string, string>;
  update: (fn: (t: Loose) => void) => void;
}) {
  const { st } = useSetupT();
  const edit = (i: number, fn: (r: Loose) => void) =>
    update((x) => {
      const r = x.attributes[i];
      fn(r);
    });
  return (
    <fieldset class="attr-rules" data-testid="attr-rules">
      <legend>{st('attributeRules')}</legend>
      <p class="small muted">{st('attributeRulesHint')}</p>
      {rules.map((r, i) => {
        const base = `targeting.attributes.${i}`;
        return (
          <div class="rule form-row" key={i}>
            <TextField
              path={`${base}.key`}
              label={st('attributeName')}
              error={errors.get(`${base}.key`)}
              dir="ltr"
              size={14}
              value={r.key ?? ''}
              onValue={(v) => edit(i, (x) => (x.key = v.trim()))}
            />
            <SelectField<Op>
              path={`${base}.op`}
              label={st('attributeOp')}
              value={r.op ?? 'eq'}
              options={OPS}
              optionLabel={(o) => st(`op.${o}` as SetupKey)}
              onValue={(op) =>
                edit(i, (x) => {
                  x.value = ruleValue(op, valueText(x.value));
                  x.op = op;
                })
              }
            />
            <TextField
              path={`${base}.value`}
              label={st('attributeValue')}
              hint={r.op === 'in' ? st('attributeValueList') : undefined}
              error={errorAt(errors, `${base}.value`, true)}
              size={14}
              value={valueText(r.value)}
              onValue={(v) => edit(i, (x) => (x.value = ruleValue(x.op ?? 'eq', v)))}
            />
            <button
              type="button"
              class="btn btn-small btn-quiet"
              onClick={() =>
                update((x) => {
                  x.attributes.splice(i, 1);
                  if (!x.attributes.length) put(x, 'attributes', undefined);
                })
              }
            >
              {st('remove')}
              <span class="sr-only"> {st('attributeRule', { n: i + 1 })}</span>
            </button>
          </div>
        );
      })}
      {errorAt(errors, 'targeting.attributes') && <p class="field-error">{errorAt(errors, 'targeting.attributes')}</p>}
      <button
        type="button"
        class="btn btn-small"
        data-action="add-attr-rule"
        disabled={rules.length >= 20}
        onClick={() =>
          update((x) => {
            x.attributes = [...(x.attributes ?? []), { key: '', op: 'eq', value: '' }];
          })
        }
      >
        {st('addAttributeRule')}
      </button>
    </fieldset>
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
                {...ariaOf(a)}
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
        <SelectField
          path="theme.position"
          label={st('position')}
          error={errors.get('theme.position')}
          value={th.position ?? 'bottom-right'}
          options={['bottom-right', 'bottom-left', 'center']}
          optionLabel={(v) => st(`position.${v}`)}
          onValue={(v) => update((x) => put(x, 'position', v))}
        />
        <SelectField
          path="theme.mode"
          label={st('mode')}
          error={errors.get('theme.mode')}
          value={th.mode ?? 'auto'}
          options={['auto', 'light', 'dark']}
          optionLabel={(v) => st(`mode.${v}`)}
          onValue={(v) => update((x) => put(x, 'mode', v))}
        />
      </div>
    </section>
  );
}
