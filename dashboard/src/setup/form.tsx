import type { ComponentChildren, InputHTMLAttributes, Ref } from 'preact';
import type { Issue } from '../api';
import type { Locale } from '../i18n';
import { issuesIn } from '../validate';

/** Issue paths as dotted keys (`questions.0.prompt.fa`); the first message per path wins. */
export function issueMap(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const i of issues) {
    const k = i.path.map(String).join('.');
    if (!m.has(k)) m.set(k, i.message);
  }
  return m;
}

export type Errors = Map<string, string>;

/** The message for a field: its own path, or (with `deep`) the first issue under it. */
export function errorAt(errors: Errors, path: string, deep = false): string | undefined {
  const own = errors.get(path);
  if (own || !deep) return own;
  for (const [k, v] of errors) if (k.startsWith(`${path}.`)) return v;
  return undefined;
}

/** A DOM id for a field path (`f-questions-0-prompt-fa`), so errors and labels can point at it. */
export const fieldId = (path: string) => `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** The field issues of an API refusal, their messages in the dashboard's language. */
export const asIssuesOf = (e: unknown, locale: Locale): Issue[] =>
  issuesIn(locale, (e as { issues?: Issue[] }).issues ?? []);

type FieldAria = { id: string; invalid: boolean; describedBy: string | undefined };

/** What a Field hands its control: marked invalid, and described by its error and hint. */
export const ariaOf = (a: FieldAria) => ({
  'aria-invalid': a.invalid ? ('true' as const) : undefined,
  'aria-describedby': a.describedBy,
});

/** A labelled control with its error (and hint) under it, tied by aria-describedby. */
export function Field({
  path,
  label,
  error,
  hint,
  children,
  class: cls,
}: {
  path: string;
  label: ComponentChildren;
  error?: string | undefined;
  hint?: ComponentChildren;
  children: (a: FieldAria) => ComponentChildren;
  class?: string;
}) {
  const id = fieldId(path);
  const describedBy = [error ? `${id}-err` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field sf${cls ? ` ${cls}` : ''}${error ? ' has-error' : ''}`}>
      <label for={id}>{label}</label>
      {children({ id, invalid: !!error, describedBy })}
      {hint && (
        <span id={`${id}-hint`} class="field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={`${id}-err`} class="field-error" data-error-for={path}>
          {error}
        </span>
      )}
    </div>
  );
}

/** A Field's own props: the path (its id and the key of its error), label, error, hint, wrapper class. */
type FieldProps = {
  path: string;
  label: ComponentChildren;
  error?: string | undefined;
  hint?: ComponentChildren;
  class?: string;
};

/**
 * A one-line text input in a Field. Further input attributes (dir, size, spellcheck…) go on the
 * input as given; `inputRef` reaches the input (a `ref` would stop at this component).
 */
export function TextField({
  path,
  label,
  error,
  hint,
  class: cls,
  value,
  onValue,
  inputRef,
  ...input
}: FieldProps & {
  value: string | undefined;
  onValue: (v: string) => void;
  inputRef?: Ref<HTMLInputElement>;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'class' | 'label' | 'value' | 'ref'>) {
  return (
    <Field path={path} label={label} error={error} hint={hint} class={cls}>
      {(a) => (
        <input
          ref={inputRef}
          id={a.id}
          {...ariaOf(a)}
          {...input}
          value={value ?? ''}
          onInput={(e) => onValue(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** The typed text of a number field: a number when it reads as one, else the raw text (reported by zod). */
function numOrRaw(s: string): number | string | undefined {
  const v = s.trim();
  if (v === '') return undefined;
  return /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v;
}

/**
 * A number typed as text, left to right. What the owner types stays as typed ("12a"), and is handed
 * on as a number once it reads as one, so the schema can name anything else next to the field.
 */
export function NumberField({
  value,
  onValue,
  size,
  decimal = false,
  ...field
}: FieldProps & {
  value: number | string | undefined;
  onValue: (v: number | string | undefined) => void;
  size: number;
  /** decimals allowed (a percentage): the phone keyboard offers the decimal point */
  decimal?: boolean;
}) {
  return (
    <Field {...field}>
      {(a) => (
        <input
          id={a.id}
          {...ariaOf(a)}
          inputMode={decimal ? 'decimal' : 'numeric'}
          dir="ltr"
          size={size}
          value={value ?? ''}
          onInput={(e) => onValue(numOrRaw(e.currentTarget.value))}
        />
      )}
    </Field>
  );
}

/** A select in a Field: one option per value, named by `optionLabel`. */
export function SelectField<T extends string>({
  value,
  options,
  optionLabel,
  onValue,
  ...field
}: FieldProps & {
  /** not used to infer T (a draft's value is loosely typed): the options are */
  value: NoInfer<T>;
  options: readonly T[];
  optionLabel: (v: T) => ComponentChildren;
  onValue: (v: T) => void;
}) {
  return (
    <Field {...field}>
      {(a) => (
        <select id={a.id} {...ariaOf(a)} value={value} onChange={(e) => onValue(e.currentTarget.value as T)}>
          {options.map((v) => (
            <option key={v} value={v}>
              {optionLabel(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export type Note = { text: string; error?: boolean };

/** A form's submit button, and beside it the line (read out as a status) that says how saving went. */
export function FormActions({
  action,
  busy,
  note,
  children,
}: {
  /** data-action of the button */
  action: string;
  busy: boolean;
  note: Note | undefined;
  /** the button's text */
  children: ComponentChildren;
}) {
  return (
    <div class="form-actions">
      <button type="submit" class="btn btn-primary" disabled={busy} data-action={action}>
        {children}
      </button>
      <span role="status" class={note?.error ? 'form-status error' : 'form-status'}>
        {note?.text}
      </span>
    </div>
  );
}

/** Focus the first field that has an error (after a refused save). */
export function focusFirstError(): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  });
}
