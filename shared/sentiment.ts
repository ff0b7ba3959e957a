// PLACEHOLDER until the lexicon scorer lands: every text is neutral.
export type SentimentLabel = 'positive' | 'neutral' | 'negative';
export function analyzeSentiment(_text: string, _locale?: string): { label: SentimentLabel; score: number } {
  return { label: 'neutral', score: 0 };
}
