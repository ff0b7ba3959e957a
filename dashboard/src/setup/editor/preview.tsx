import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicSurvey } from '../../../../shared/schemas/survey';
import { renderPreview } from '../../../../widget/ui/index';
import { type SetupKey, useSetupT } from '../i18n';

/**
 * The real widget (widget/ui: same components and styles as on a site) drawn in the editor with
 * the last valid version of the survey. Nothing is posted. Language, scheme and width switch here.
 */
export function Preview({
  survey,
  langs,
  stale,
}: {
  survey: PublicSurvey | undefined;
  langs: string[];
  stale: boolean;
}) {
  const { st } = useSetupT();
  const box = useRef<HTMLDivElement>(null);
  const [lang, setLang] = useState(langs[0] ?? 'en');
  const [mode, setMode] = useState<'light' | 'dark'>('light');
  const [width, setWidth] = useState<'desktop' | 'phone'>('desktop');
  const locale = langs.includes(lang) ? lang : (langs[0] ?? 'en');
  const json = survey ? JSON.stringify(survey) : '';
  const stop = useRef<() => void>();

  // The widget draws itself with its own render() (the same Preact), which must never run inside
  // one of ours: when this component renders again before its effect has run (two quick clicks on
  // the controls), Preact runs the effect in the middle of that render, and a render() there breaks
  // it (preact/debug throws "Hook can only be invoked from render methods"; the editor then stays on
  // screen whatever the route says). So drawing and removing happen in a task of their own.
  useEffect(() => {
    const el = box.current;
    if (!el || !survey) return;
    const timer = setTimeout(() => {
      try {
        stop.current = renderPreview(el, survey, { locale, mode });
      } catch {
        /* a preview must never take the editor down */
      }
    });
    return () => clearTimeout(timer);
  }, [json, locale, mode]);
  useEffect(
    () => () => {
      const remove = stop.current;
      setTimeout(() => remove?.());
    },
    [],
  );

  const seg = <T extends string>(
    name: string,
    legend: string,
    values: readonly T[],
    cur: T,
    set: (v: T) => void,
    label: (v: T) => string,
  ) => (
    <fieldset class="segmented">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v}>
          <input type="radio" name={name} value={v} checked={cur === v} onChange={() => set(v)} />
          <span lang={name === 'pv-lang' ? v : undefined}>{label(v)}</span>
        </label>
      ))}
    </fieldset>
  );

  return (
    <section class="card preview" aria-labelledby="pv-h">
      <h2 id="pv-h" class="card-title">
        {st('previewTitle')}
      </h2>
      <p class="small muted">{st('previewNote')}</p>
      <div class="preview-controls">
        {seg('pv-lang', st('previewLang'), langs, locale, setLang, (v) => v)}
        {seg('pv-mode', st('previewMode'), ['light', 'dark'] as const, mode, setMode, (v) =>
          st(`mode.${v}` as SetupKey),
        )}
        {seg('pv-width', st('previewWidth'), ['desktop', 'phone'] as const, width, setWidth, (v) =>
          st(`width.${v}` as SetupKey),
        )}
      </div>
      {stale && (
        <p class="field-warn" role="status">
          {st('previewInvalid')}
        </p>
      )}
      <div class={`preview-stage ${width} ${mode}`}>
        <div class="preview-frame" ref={box} data-testid="preview" />
      </div>
    </section>
  );
}
