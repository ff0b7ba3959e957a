/**
 * Recovery after a follow-up: of the unhappy customers whose case was followed up with a survey link
 * and who answered it, the share that came back passive/promoter (NPS 7–10) or satisfied (CSAT 4–5),
 * overall, per owner (assignee) and per touchpoint, with a Wilson 95% interval and n. Under the
 * dashboard's floor (MIN_ANSWERS) a group is marked `enough: false` ("too few answers").
 */
import type { CaseRecovery, RecoveryGroup } from '../../shared/contract/cases';
import { MIN_ANSWERS, wilson } from '../../shared/metrics';
import { metricFedBy } from '../../shared/questions/registry';
import type { Question } from '../../shared/schemas/survey';
import type { FollowedUpRow, ScoredAnswerRow } from './sql';

/** A response's mood from its first NPS answer (else its first CSAT answer), in question order. */
type Mood = 'unhappy' | 'recovered' | null;

function moodOf(answers: readonly ScoredAnswerRow[], questions: readonly Question[] | undefined): Mood {
  if (!questions) return null;
  for (const metric of ['nps', 'csat'] as const) {
    for (const q of questions) {
      if (metricFedBy(q.type) !== metric) continue;
      const a = answers.find((x) => x.question_id === q.id);
      if (!a) continue;
      if (metric === 'nps') return a.num >= 7 ? 'recovered' : 'unhappy';
      return a.num >= 4 ? 'recovered' : 'unhappy';
    }
  }
  return null;
}

const group = (n: number, recovered: number): RecoveryGroup => ({
  n,
  recovered,
  rate: n ? recovered / n : null,
  ci95: n ? wilson(recovered, n) : null,
  enough: n >= MIN_ANSWERS,
});

export function recovery(data: {
  cases: readonly FollowedUpRow[];
  answers: readonly ScoredAnswerRow[];
  surveys: readonly { id: string; definition: string }[];
}): CaseRecovery {
  const questions = new Map(
    data.surveys.map((s) => [s.id, (JSON.parse(s.definition) as { questions: Question[] }).questions]),
  );
  const byResponse = new Map<string, ScoredAnswerRow[]>();
  for (const a of data.answers) {
    const list = byResponse.get(a.response_id) ?? [];
    list.push(a);
    byResponse.set(a.response_id, list);
  }
  const tally = new Map<string, { n: number; k: number }>();
  const count = (key: string, ok: boolean) => {
    const t = tally.get(key) ?? { n: 0, k: 0 };
    t.n++;
    if (ok) t.k++;
    tally.set(key, t);
  };
  const owners = new Map<string | null, string | null>();
  const touchpoints = new Set<string | null>();
  let sent = 0;
  for (const c of data.cases) {
    if (moodOf(byResponse.get(c.response_id) ?? [], questions.get(c.survey_id)) !== 'unhappy') continue;
    sent++;
    const after = c.followup_response_id
      ? moodOf(byResponse.get(c.followup_response_id) ?? [], questions.get(c.followup_survey_id))
      : null;
    if (after === null) continue; // not answered (yet), or answered without an NPS or CSAT answer
    const ok = after === 'recovered';
    const tp = c.touchpoint || null;
    owners.set(c.assignee, c.email);
    touchpoints.add(tp);
    count('all', ok);
    count(`o:${c.assignee ?? ''}`, ok);
    count(`t:${tp ?? ''}`, ok);
  }
  const of = (key: string) => {
    const t = tally.get(key) ?? { n: 0, k: 0 };
    return group(t.n, t.k);
  };
  const byN = (a: RecoveryGroup, b: RecoveryGroup) => b.n - a.n;
  return {
    overall: of('all'),
    sent,
    byOwner: [...owners].map(([assignee, email]) => ({ assignee, email, ...of(`o:${assignee ?? ''}`) })).sort(byN),
    byTouchpoint: [...touchpoints].map((touchpoint) => ({ touchpoint, ...of(`t:${touchpoint ?? ''}`) })).sort(byN),
  };
}
