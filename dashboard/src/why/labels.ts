import type { Driver } from '../../../shared/contract/why';
import { optionsOf } from '../../../shared/questions/registry';
import type { I18n } from '../i18n';
import type { Survey, TouchpointDef } from '../types';

/** A driver in words: a question's prompt, "prompt: option", a touchpoint's name, or `attribute = value`. */
export function driverLabel(
  i18n: I18n,
  d: Pick<Driver, 'kind' | 'key'>,
  survey: Survey | undefined,
  touchpoints: TouchpointDef[],
): string {
  const question = (id: string) => survey?.questions.find((q) => q.id === id);
  if (d.kind === 'question') {
    const q = question(d.key);
    return q ? i18n.pick(q.prompt) || d.key : d.key;
  }
  if (d.kind === 'option') {
    const [qid = '', oid = ''] = d.key.split(':');
    const q = question(qid);
    const o = q ? optionsOf(q)?.find((x) => x.id === oid) : undefined;
    return `${q ? i18n.pick(q.prompt) : qid}: ${o ? i18n.pick(o.label) : oid}`;
  }
  if (d.kind === 'touchpoint') {
    const tp = touchpoints.find((t) => t.key === d.key);
    return tp ? i18n.nameOf(tp) : d.key;
  }
  return d.key.replace('=', ' = ');
}
