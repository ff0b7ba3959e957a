/** Net Promoter Score: "How likely are you to recommend us?", 0 (not at all) to 10 (extremely). */
import type { AnswerValue } from '../schemas/response';
import type { Blocks, QuestionData, QuestionOf, ResultStats } from './kind';
import { npsScale } from './scales';
import { checkScore, scoreParam, scoreResult } from './scored';

export const fields = ({ text }: Blocks) => ({ lowLabel: text.optional(), highLabel: text.optional() });
type Q = QuestionOf<'nps', typeof fields>;

export const scale = npsScale;
export const check = (_: Q, v: AnswerValue) => checkScore(scale(), v);
export const fromParam = scoreParam;
export const result = (_: Q, d: QuestionData, s: ResultStats) => scoreResult(scale(), d, s);
export const metric = 'nps';
export const score = 'nps';
/** the detractors (0–6) */
export const followUp = () => ({ max: 6 });
