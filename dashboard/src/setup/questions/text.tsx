import { put } from '../editor/draft';
import { LocalizedFields } from '../editor/localized';
import { NumberField } from '../form';
import { useSetupT } from '../i18n';
import type { FieldsProps } from './props';

/** text: the length limit and the placeholder per language. */
export function TextFields({ q, p, langs, errors, update }: FieldsProps) {
  const { st } = useSetupT();
  return (
    <>
      <NumberField
        path={`${p}.maxLength`}
        label={st('maxLength')}
        error={errors.get(`${p}.maxLength`)}
        size={6}
        value={q.maxLength}
        onValue={(v) => update((x) => put(x, 'maxLength', v))}
      />
      <LocalizedFields
        path={`${p}.placeholder`}
        label={(lang) => st('placeholder', { lang })}
        langs={langs}
        value={q.placeholder}
        errors={errors}
        optional
        onChange={(v) => update((x) => put(x, 'placeholder', v))}
      />
    </>
  );
}
