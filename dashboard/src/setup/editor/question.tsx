import { followUpOf, QUESTION_TYPES, type QuestionType } from '../../../../shared/questions/registry';
import { fieldId, NumberField, SelectField, TextField } from '../form';
import { useSetupT } from '../i18n';
import { FIELDS, typeName } from '../questions';
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
  // a rule on a question with options picks options; on the others it is a range
  const byOptions = ruleTarget !== undefined && 'anyOf' in followUpOf(ruleTarget);
  const Fields = FIELDS[q.type as QuestionType];
  const headingId = `${fieldId(p)}-h`;

  return (
    <fieldset class="question card-inner" aria-labelledby={headingId} data-question={index}>
      <div class="q-head">
        <h3 id={headingId}>
          {st('questionN', { n })} · <span class="muted">{typeName(st, q.type)}</span>
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
          optionLabel={(t) => typeName(st, t)}
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

      {Fields && <Fields q={q} p={p} langs={langs} errors={errors} update={update} />}

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
                  x.showIf = { questionId: id, ...(target && followUpOf(target)) };
                }
              })
            }
          />
          {q.showIf && !byOptions && (
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
          {q.showIf && byOptions && (
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
