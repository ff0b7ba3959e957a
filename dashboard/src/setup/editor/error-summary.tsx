import { useLayoutEffect, useState } from 'preact/hooks';
import { fieldId } from '../form';
import { useSetupT } from '../i18n';

type Issue = { path: readonly PropertyKey[]; message: string };

/**
 * The control an issue is about: the one its error describes (a field, or the first field of a
 * group such as a prompt in every language), else the element with the path's own id.
 */
function controlFor(path: string): HTMLElement | null {
  const id = fieldId(path);
  return document.querySelector<HTMLElement>(`[aria-describedby~="${id}-err"]`) ?? document.getElementById(id);
}

/**
 * What a person calls the field: its question's heading (if it is in one) and its label, read from
 * the form as drawn. A group's error names the group, so its first field's language is left off.
 */
function nameOf(path: string): string[] | undefined {
  const c = controlFor(path);
  const label = (c as HTMLInputElement | null)?.labels?.[0]?.textContent?.trim();
  if (!c || !label) return undefined;
  const own = c.id === fieldId(path) ? label : label.replace(/\s*\([^()]*\)$/, '');
  const question = c.closest('fieldset[aria-labelledby]')?.querySelector('h3')?.textContent?.trim();
  return question ? [question, own] : [own];
}

/** One refusal in the summary: a link that names the field in words and moves focus to it. */
function Item({ path, message }: { path: string; message: string }) {
  const [name, setName] = useState<string[]>();
  // after the fields (and their errors) are in the DOM, before paint
  useLayoutEffect(() => setName(nameOf(path)), [path, message]);
  return (
    <li>
      <a
        href={`#${fieldId(path)}`}
        onClick={(e) => {
          e.preventDefault();
          controlFor(path)?.focus();
        }}
      >
        {/* each part isolated: in right-to-left text "NPS (0–10)" or a Latin prompt keeps its order */}
        {name?.flatMap((part, i) => [i > 0 ? ' › ' : '', <bdi key={part}>{part}</bdi>]) ?? (
          <code dir="ltr">{path}</code>
        )}
      </a>
      : {message}
    </li>
  );
}

/** The list of what stops a save, at the top of the form; the first eight, each linked to its field. */
export function ErrorSummary({ issues }: { issues: readonly Issue[] }) {
  const { st } = useSetupT();
  if (!issues.length) return null;
  return (
    <div class="notice notice-error error-summary" role="alert" data-testid="error-summary">
      <p>{st('errorSummary', { n: issues.length })}</p>
      <ul>
        {issues.slice(0, 8).map((i) => {
          const path = i.path.map(String).join('.');
          return <Item key={path} path={path} message={i.message} />;
        })}
      </ul>
    </div>
  );
}
