import { fieldId } from '../form';
import { useSetupT } from '../i18n';
import { dirOf, type Loose } from './draft';

/**
 * One text in every language of the survey, side by side; RTL languages get RTL fields. Empty
 * fields are left out of the record. A warning names the languages missing a translation.
 */
export function LocalizedFields({
  path,
  label,
  langs,
  value,
  onChange,
  errors,
  multiline,
  optional,
}: {
  path: string;
  label: (lang: string) => string;
  langs: string[];
  value: Record<string, string> | undefined;
  onChange: (v: Record<string, string> | undefined) => void;
  errors: Map<string, string>;
  multiline?: boolean;
  optional?: boolean;
}) {
  const { st } = useSetupT();
  const v = value ?? {};
  const groupError = errors.get(path);
  const filled = langs.filter((l) => v[l]?.trim());
  const missing = filled.length > 0 ? langs.filter((l) => !v[l]?.trim()) : optional ? [] : [];
  const warnId = `${fieldId(path)}-warn`;
  const groupErrId = `${fieldId(path)}-err`;
  return (
    <div class={`loc-group${groupError ? ' has-error' : ''}`}>
      <div class="loc-fields">
        {langs.map((lang) => {
          const p = `${path}.${lang}`;
          const id = fieldId(p);
          const err = errors.get(p);
          const describedBy =
            [err ? `${id}-err` : '', groupError ? groupErrId : '', missing.includes(lang) ? warnId : '']
              .filter(Boolean)
              .join(' ') || undefined;
          const props = {
            id,
            lang,
            dir: dirOf(lang),
            value: v[lang] ?? '',
            'aria-invalid': err || groupError ? ('true' as const) : undefined,
            'aria-describedby': describedBy,
            onInput: (e: Event) => {
              const text = (e.currentTarget as HTMLInputElement).value;
              const next: Loose = { ...v };
              if (text === '') delete next[lang];
              else next[lang] = text;
              onChange(Object.keys(next).length || !optional ? next : undefined);
            },
          };
          return (
            <div class={`field sf${err ? ' has-error' : ''}`} key={lang}>
              <label for={id}>{label(lang)}</label>
              {multiline ? <textarea rows={2} {...props} /> : <input {...props} />}
              {err && (
                <span id={`${id}-err`} class="field-error" data-error-for={p}>
                  {err}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {groupError && (
        <span id={groupErrId} class="field-error" data-error-for={path}>
          {groupError}
        </span>
      )}
      {missing.length > 0 && (
        <span id={warnId} class="field-warn" data-warn-for={path}>
          {st('missingTranslation', { langs: missing.join(', ') })}
        </span>
      )}
    </div>
  );
}
