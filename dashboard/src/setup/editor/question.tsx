import { QUESTION_TYPES } from '../../../../shared/schemas/survey';
import { fieldId, NumberField, SelectField, TextField } from '../form';
import { type SetupKey, useSetupT } from '../i18n';
import { type Loose, put, retype } from './draft';
import { LocalizedFields } from './localized';

type Props = {
  q: Loose;
  index: number;
  count: number;
  earlier: Loose[];
  langs: string[];
  errors: Map<string, string>;
  update: (fn: (q: Loose) => void) => void;
  replace: (q: Loose) => void;
  move: (by: -1 | 1) => void;
  remove: () => void;
};

/** One question: id, type, prompts in every language, type options, follow-up rule; move and remove. */
export function QuestionEditor({ q, index, count, earlier, langs, errors, update, replace, move, remove }: Props) {
  const { st } = useSetupT();
  const p = `questions.${index}`;
  const n = index + 1;
  const e = (k: string) => errors.get(`${p}.${k}`);
  const ruleTarget = earlier.find((x) => x.id === q.showIf?.questionId);
  const headingId = `${fieldId(p)}-h`;

  return (
    <fieldset class="question card-inner" aria-labelledby={headingId} data-question={index}>
      <div class="q-head">
        <h3 id={headingId}>
          {st('questionN', { n })} · <span class="muted">{st(`type.${q.type}` as SetupKey)}</span>
        </h3>
        <div class="q-tools">
          <button
            type="button"
            class="btn btn-small"
            disabled={index === 0}
            aria-label={st('moveUp', { n })}
            onClick={() => move(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            class="btn btn-small"
            disabled={index === count - 1}
            aria-label={st('moveDown', { n })}
            onClick={() => move(1)}
          >
            ↓
          </button>
          <button
            type="button"
            class="btn btn-small btn-danger"
            disabled={count === 1}
            aria-label={st('removeQuestion', { n })}
            onClick={remove}
          >
            {st('remove')}
          </button>
        </div>
      </div>
      {errors.get(p) && <p class="field-error">{errors.get(p)}</p>}
      <div class="form-row">
        <SelectField
          path={`${p}.type`}
          label={st('qType')}
          error={e('type')}
          value={q.type}
          options={QUESTION_TYPES}
          optionLabel={(t) => st(`type.${t}`)}
          onValue={(t) => replace(retype(q, t))}
        />
        <TextField
          path={`${p}.id`}
          label={st('qId')}
          error={e('id')}
          dir="ltr"
          size={14}
          spellcheck={false}
          value={q.id}
          onValue={(v) => update((x) => (x.id = v))}
        />
        <label class="check check-inline">
          <input
            type="checkbox"
            checked={!!q.required}
            onChange={(ev) => update((x) => put(x, 'required', ev.currentTarget.checked || undefined))}
          />{' '}
          {st('required')}
        </label>
      </div>
      <LocalizedFields
        path={`${p}.prompt`}
        label={(lang) => st('promptIn', { lang })}
        langs={langs}
        value={q.prompt}
        errors={errors}
        multiline
        onChange={(v) => update((x) => (x.prompt = v ?? {}))}
      />

      {(q.type === 'nps' || q.type === 'ces') && (
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
      )}

      {(q.type === 'csat' || q.type === 'rating') && (
        <div class="form-row">
          <SelectField
            path={`${p}.style`}
            label={st('style')}
            error={e('style')}
            value={q.style ?? ''}
            options={q.type === 'csat' ? ['', 'stars', 'faces', 'numbers'] : ['', 'stars', 'numbers']}
            optionLabel={(s) => (s ? st(`style.${s}` as SetupKey) : '—')}
            onValue={(s) => update((x) => put(x, 'style', s || undefined))}
          />
          {q.type === 'rating' && (
            <NumberField
              path={`${p}.scale`}
              label={st('scale')}
              error={e('scale')}
              size={4}
              value={q.scale}
              onValue={(v) => update((x) => put(x, 'scale', v))}
            />
          )}
        </div>
      )}

      {q.type === 'choice' && (
        <div class="options">
          <h4>{st('options')}</h4>
          <label class="check">
            <input
              type="checkbox"
              checked={!!q.multiple}
              onChange={(ev) => update((x) => put(x, 'multiple', ev.currentTarget.checked || undefined))}
            />{' '}
            {st('multiple')}
          </label>
          {errors.get(`${p}.options`) && <p class="field-error">{errors.get(`${p}.options`)}</p>}
          <ol class="option-list">
            {(q.options ?? []).map((o: Loose, j: number) => (
              <li key={j} class="option">
                <TextField
                  path={`${p}.options.${j}.id`}
                  label={st('optionId', { n: j + 1 })}
                  error={e(`options.${j}.id`)}
                  dir="ltr"
                  size={10}
                  value={o.id}
                  onValue={(v) => update((x) => (x.options[j].id = v))}
                />
                <LocalizedFields
                  path={`${p}.options.${j}.label`}
                  label={(lang) => st('optionLabel', { n: j + 1, lang })}
                  langs={langs}
                  value={o.label}
                  errors={errors}
                  onChange={(v) => update((x) => (x.options[j].label = v ?? {}))}
                />
                <button
                  type="button"
                  class="btn btn-small"
                  aria-label={st('removeOption', { n: j + 1 })}
                  onClick={() => update((x) => x.options.splice(j, 1))}
                >
                  {st('remove')}
                </button>
              </li>
            ))}
          </ol>
          <button
            type="button"
            class="btn btn-small"
            onClick={() =>
              update((x) => {
                x.options = x.options ?? [];
                let k = x.options.length + 1;
                while (x.options.some((o: Loose) => o.id === `opt-${k}`)) k++;
                x.options.push({ id: `opt-${k}`, label: {} });
              })
            }
          >
            {st('addOption')}
          </button>
        </div>
      )}

      {q.type === 'text' && (
        <>
          <NumberField
            path={`${p}.maxLength`}
            label={st('maxLength')}
            error={e('maxLength')}
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
      )}

      {index > 0 && (
        <div class="rule">
          <SelectField
            path={`${p}.showIf.questionId`}
            label={st('followUp')}
            error={e('showIf.questionId') ?? e('showIf')}
            value={q.showIf?.questionId ?? ''}
            options={['', ...earlier.map((x): string => x.id)]}
            optionLabel={(id) => (id ? st('whenAnswerTo', { id }) : st('always'))}
            onValue={(id) =>
              update((x) => {
                if (!id) delete x.showIf;
                else {
                  const target = earlier.find((y) => y.id === id);
                  x.showIf =
                    target?.type === 'choice'
                      ? { questionId: id, anyOf: [target.options?.[0]?.id].filter(Boolean) }
                      : { questionId: id, max: target?.type === 'nps' ? 6 : 3 };
                }
              })
            }
          />
          {q.showIf && ruleTarget?.type !== 'choice' && (
            <>
              <NumberField
                path={`${p}.showIf.min`}
                label={st('ruleMin')}
                error={e('showIf.min')}
                size={4}
                value={q.showIf.min}
                onValue={(v) => update((x) => put(x.showIf, 'min', v))}
              />
              <NumberField
                path={`${p}.showIf.max`}
                label={st('ruleMax')}
                error={e('showIf.max')}
                size={4}
                value={q.showIf.max}
                onValue={(v) => update((x) => put(x.showIf, 'max', v))}
              />
            </>
          )}
          {q.showIf && ruleTarget?.type === 'choice' && (
            <fieldset class="checks">
              <legend>{st('ruleAnyOf')}</legend>
              {(ruleTarget.options ?? []).map((o: Loose) => (
                <label key={o.id} class="check">
                  <input
                    type="checkbox"
                    checked={(q.showIf.anyOf ?? []).includes(o.id)}
                    onChange={(ev) =>
                      update((x) => {
                        const set = new Set<string>(x.showIf.anyOf ?? []);
                        if (ev.currentTarget.checked) set.add(o.id);
                        else set.delete(o.id);
                        put(x.showIf, 'anyOf', set.size ? [...set] : undefined);
                      })
                    }
                  />{' '}
                  <span dir="ltr">{o.id}</span>
                </label>
              ))}
              {e('showIf.anyOf') && <span class="field-error">{e('showIf.anyOf')}</span>}
            </fieldset>
          )}
        </div>
      )}
    </fieldset>
  );
}
