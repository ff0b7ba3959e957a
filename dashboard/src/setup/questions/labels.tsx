import { put } from '../editor/draft';
import { LocalizedFields } from '../editor/localized';
import { useSetupT } from '../i18n';
import type { FieldsProps } from './props';

/** nps and ces: the words under the scale's two ends, per language (the widget's own when left empty). */
export function EndLabels({ q, p, langs, errors, update }: FieldsProps) {
  const { st } = useSetupT();
  return (
    <details class="more">
      <summary>
        {st('lowLabel', { lang: '…' })} / {st('highLabel', { lang: '…' })}
      </summary>
      <LocalizedFields
        path={`${p}.lowLabel`}
        label={(lang) => st('lowLabel', { lang })}
        langs={langs}
        value={q.lowLabel}
        errors={errors}
        optional
        onChange={(v) => update((x) => put(x, 'lowLabel', v))}
      />
      <LocalizedFields
        path={`${p}.highLabel`}
        label={(lang) => st('highLabel', { lang })}
        langs={langs}
        value={q.highLabel}
        errors={errors}
        optional
        onChange={(v) => update((x) => put(x, 'highLabel', v))}
      />
    </details>
  );
}
