import type { ComponentChildren } from 'preact';
import type { Issue } from './http';

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

export const asIssuesOf = (e: unknown): Issue[] => (e as { issues?: Issue[] }).issues ?? [];

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
  children: (a: { id: string; invalid: boolean; describedBy: string | undefined }) => ComponentChildren;
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

/** Focus the first field that has an error (after a refused save). */
export function focusFirstError(): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  });
}
