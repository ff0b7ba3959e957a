import { useState } from 'preact/hooks';
import { useSetupT } from './i18n';

/** A read-only code block with a copy button and a polite status line. */
export function CopyBox({ id, label, text }: { id: string; label: string; text: string }) {
  const { st } = useSetupT();
  const [note, setNote] = useState('');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setNote(st('copied'));
    } catch {
      const el = document.getElementById(id) as HTMLTextAreaElement | null;
      el?.select();
      setNote(st('copyFailed'));
    }
  };
  return (
    <div class="copy-box">
      <label for={id}>{label}</label>
      <textarea
        id={id}
        class="code"
        readOnly
        dir="ltr"
        spellcheck={false}
        rows={Math.min(12, text.split('\n').length)}
        value={text}
      />
      <div class="copy-row">
        <button type="button" class="btn" onClick={copy} data-action={`copy-${id}`}>
          {st('copy')}
        </button>
        <span role="status" class="small muted">
          {note}
        </span>
      </div>
    </div>
  );
}
