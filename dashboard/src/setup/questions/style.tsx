import { put } from '../editor/draft';
import { SelectField } from '../form';
import { type SetupKey, useSetupT } from '../i18n';
import type { FieldsProps } from './props';

/** How a scale looks (csat: stars, faces or numbers; '' is the type's default). */
export function StyleField({ q, p, errors, update, styles }: FieldsProps & { styles: readonly string[] }) {
  const { st } = useSetupT();
  return (
    <SelectField
      path={`${p}.style`}
      label={st('style')}
      error={errors.get(`${p}.style`)}
      value={q.style ?? ''}
      options={['', ...styles]}
      optionLabel={(s) => (s ? st(`style.${s}` as SetupKey) : '—')}
      onValue={(s) => update((x) => put(x, 'style', s || undefined))}
    />
  );
}

export const CsatFields = (props: FieldsProps) => (
  <div class="form-row">
    <StyleField {...props} styles={['stars', 'faces', 'numbers']} />
  </div>
);
