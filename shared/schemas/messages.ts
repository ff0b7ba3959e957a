/**
 * The schemas' own refusal texts, in English, the API's language. They live in one place so that the
 * dashboard, which checks its forms with these same schemas, can show each in the user's language
 * (dashboard/src/validate.ts keeps a translation per key; a new key without one fails its type
 * check). zod's built-in refusals (lengths, types, formats) are worded by the dashboard's error map.
 */
export const MESSAGES = {
  origin: 'expected an origin such as https://shop.example',
  rangeOrder: '"from" must not be after "to"',
  timeZone: 'not an IANA time zone name (e.g. Asia/Tehran, Europe/Berlin, UTC)',
  segment: 'expected attribute:value',
  eventsOnce: 'each event once',
  alertNeedsBound: 'an alert needs min, max or sentiment',
  minNotOverMax: '"min" must not exceed "max"',
  scopesOnce: 'each scope once',
  localeCode: 'expected a language code such as "en" or "fa"',
  slug: 'use letters, digits, "-" and "_" only',
  someLanguage: 'give the text in at least one language',
  isoDay: 'expected YYYY-MM-DD',
  realDay: 'not a real calendar date',
  ruleNeedsBound: 'a rule needs min, max or anyOf',
  optionIdsUnique: 'option ids must be unique',
  pathPattern: 'a path pattern starts with "/"',
  colour: 'expected a colour like #4f46e5',
  questionIdsUnique: 'question ids must be unique',
  followUpEarlier: 'a follow-up rule must refer to an earlier question',
  anyOfChoice: 'anyOf needs a choice question',
  attributeName: 'attribute names use letters, digits, "_", "." and "-"',
  respondentsOnce: 'each respondent at most once per call',
  everyLanguage: "give this text in each of the survey's languages",
  tooManyLanguages: 'at most 20 languages per text',
  surveyTooLarge: 'this survey is too large for the widget (at most 64 KB in all)',
} as const;

export type MessageKey = keyof typeof MESSAGES;
