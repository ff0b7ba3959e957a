import { type Loose, put } from '../editor/draft';
import { LocalizedFields } from '../editor/localized';
import { TextField } from '../form';
import { useSetupT } from '../i18n';
import type { FieldsProps } from './props';

/** choice: one or several answers, and the options (id and label per language), added and removed. */
export function ChoiceFields({ q, p, langs, errors, update }: FieldsProps) {
  const { st } = useSetupT();
  return (
    <div class="options">
      <h4>{st('options')}</h4>
      <label class="check">
        <input
          type="checkbox"
          checked={!!q.multiple}
          onChange={(ev) => update((x) => put(x, 'multiple', ev.currentTarget.checked || undefined))}
        />{' '}
        {st('multiple')}
      </label>
      {errors.get(`${p}.options`) && <p class="field-error">{errors.get(`${p}.options`)}</p>}
      <ol class="option-list">
        {(q.options ?? []).map((o: Loose, j: number) => (
          <li key={j} class="option">
            <TextField
              path={`${p}.options.${j}.id`}
              label={st('optionId', { n: j + 1 })}
              error={errors.get(`${p}.options.${j}.id`)}
              dir="ltr"
              size={10}
              value={o.id}
              onValue={(v) => update((x) => (x.options[j].id = v))}
            />
            <LocalizedFields
              path={`${p}.options.${j}.label`}
              label={(lang) => st('optionLabel', { n: j + 1, lang })}
              langs={langs}
              value={o.label}
              errors={errors}
              onChange={(v) => update((x) => (x.options[j].label = v ?? {}))}
            />
            <button
              type="button"
              class="btn btn-small"
              aria-label={st('removeOption', { n: j + 1 })}
              onClick={() => update((x) => x.options.splice(j, 1))}
            >
              {st('remove')}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        class="btn btn-small"
        onClick={() =>
          update((x) => {
            x.options = x.options ?? [];
            let k = x.options.length + 1;
            while (x.options.some((o: Loose) => o.id === `opt-${k}`)) k++;
            x.options.push({ id: `opt-${k}`, label: {} });
          })
        }
      >
        {st('addOption')}
      </button>
    </div>
  );
}
