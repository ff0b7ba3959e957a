import { put } from '../editor/draft';
import { NumberField } from '../form';
import { useSetupT } from '../i18n';
import type { FieldsProps } from './props';
import { StyleField } from './style';

/** rating: stars or numbers, and how many (3–10). */
export function RatingFields(props: FieldsProps) {
  const { st } = useSetupT();
  const { q, p, errors, update } = props;
  return (
    <div class="form-row">
      <StyleField {...props} styles={['stars', 'numbers']} />
      <NumberField
        path={`${p}.scale`}
        label={st('scale')}
        error={errors.get(`${p}.scale`)}
        size={4}
        value={q.scale}
        onValue={(v) => update((x) => put(x, 'scale', v))}
      />
    </div>
  );
}
