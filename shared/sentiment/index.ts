/** Sentiment and recurring terms of open-text answers: the engine, its lexicons and the shared normalisation. */
export { analyzeSentiment, type SentimentLabel } from './engine';
export { keyOf, normalizeText, tokenize } from './normalize';
export { SEARCH_FOLDS, searchFold, searchFoldSelect, searchQuery } from './search';
export { contentTerms, STOPWORDS, topTerms } from './terms';
