import type { z } from 'zod';
import { MESSAGES, type MessageKey } from '../../shared/schemas/messages';
import type { I18n } from './i18n';

/**
 * The dashboard's forms are checked with the API's own zod schemas (shared/), so a form refuses
 * exactly what the API would. The refusals are written for people, in the dashboard's language:
 * zod's built-in ones (lengths, types, formats) through an error map, the schemas' own ones
 * (shared/schemas/messages.ts) through a translation per key.
 */

/** LTR examples (URLs, codes) inside Persian and Arabic sentences are isolated so they keep their order. */
const ltr = (s: string) => `\u2066${s}\u2069`;

const FA: Record<MessageKey, string> = {
  origin: `یک مبدأ وارد کنید، مانند ${ltr('https://shop.example')}`,
  rangeOrder: '«از» نباید بعد از «تا» باشد',
  timeZone: `نام منطقهٔ زمانی IANA نیست (مانند ${ltr('Asia/Tehran')} یا ${ltr('UTC')})`,
  segment: `به شکل ویژگی:مقدار، مانند ${ltr('plan:pro')}`,
  eventsOnce: 'هر رویداد فقط یک بار',
  alertNeedsBound: 'هشدار به کمینه، بیشینه یا احساس نیاز دارد',
  minNotOverMax: 'کمینه نباید از بیشینه بیشتر باشد',
  scopesOnce: 'هر دسترسی فقط یک بار',
  localeCode: `یک کد زبان وارد کنید، مانند ${ltr('fa')} یا ${ltr('en')}`,
  slug: 'فقط حروف و رقم‌های لاتین، «-» و «_»',
  someLanguage: 'متن را دست‌کم به یک زبان بنویسید',
  isoDay: `به شکل ${ltr('YYYY-MM-DD')}`,
  realDay: 'چنین روزی در تقویم نیست',
  ruleNeedsBound: 'قاعده به کمینه، بیشینه یا گزینه نیاز دارد',
  optionIdsUnique: 'شناسهٔ گزینه‌ها باید یکتا باشد',
  pathPattern: 'الگوی مسیر با «/» شروع می‌شود',
  colour: `یک رنگ وارد کنید، مانند ${ltr('#4f46e5')}`,
  questionIdsUnique: 'شناسهٔ پرسش‌ها باید یکتا باشد',
  followUpEarlier: 'قاعدهٔ پیگیری باید به پرسشی پیش از این اشاره کند',
  anyOfChoice: 'این قاعده فقط برای پرسش چندگزینه‌ای است',
  attributeName: 'نام ویژگی فقط حروف و رقم‌های لاتین، «_»، «.» و «-»',
  respondentsOnce: 'هر پاسخ‌دهنده فقط یک بار در هر درخواست',
  everyLanguage: 'این متن را به همهٔ زبان‌های نظرسنجی بنویسید',
  tooManyLanguages: 'هر متن حداکثر به ۲۰ زبان',
  surveyTooLarge: 'این نظرسنجی برای ابزارک بیش از حد بزرگ است (روی هم حداکثر ۶۴ کیلوبایت)',
};

const AR: Record<MessageKey, string> = {
  origin: `أدخل أصلًا (origin)، مثل ${ltr('https://shop.example')}`,
  rangeOrder: 'يجب ألا يكون «من» بعد «إلى»',
  timeZone: `ليس اسم منطقة زمنية من IANA (مثل ${ltr('Asia/Riyadh')} أو ${ltr('UTC')})`,
  segment: `بالصيغة سمة:قيمة، مثل ${ltr('plan:pro')}`,
  eventsOnce: 'كل حدث مرة واحدة فقط',
  alertNeedsBound: 'يحتاج التنبيه إلى حد أدنى أو حد أعلى أو مشاعر',
  minNotOverMax: 'يجب ألا يتجاوز الحد الأدنى الحد الأعلى',
  scopesOnce: 'كل صلاحية مرة واحدة فقط',
  localeCode: `أدخل رمز لغة، مثل ${ltr('ar')} أو ${ltr('en')}`,
  slug: 'أحرف وأرقام لاتينية فقط، و«-» و«_»',
  someLanguage: 'اكتب النص بلغة واحدة على الأقل',
  isoDay: `بالصيغة ${ltr('YYYY-MM-DD')}`,
  realDay: 'لا يوجد هذا اليوم في التقويم',
  ruleNeedsBound: 'تحتاج القاعدة إلى حد أدنى أو حد أعلى أو خيار',
  optionIdsUnique: 'يجب أن يكون معرّف كل خيار فريدًا',
  pathPattern: 'يبدأ نمط المسار بـ«/»',
  colour: `أدخل لونًا، مثل ${ltr('#4f46e5')}`,
  questionIdsUnique: 'يجب أن يكون معرّف كل سؤال فريدًا',
  followUpEarlier: 'يجب أن تشير قاعدة المتابعة إلى سؤال يسبق هذا السؤال',
  anyOfChoice: 'هذه القاعدة لأسئلة الاختيار فقط',
  attributeName: 'اسم السمة: أحرف وأرقام لاتينية فقط، و«_» و«.» و«-»',
  respondentsOnce: 'كل مستجيب مرة واحدة فقط في كل طلب',
  everyLanguage: 'اكتب هذا النص بكل لغات الاستبيان',
  tooManyLanguages: 'لكل نص 20 لغة على الأكثر',
  surveyTooLarge: 'هذا الاستبيان أكبر مما تحتمله الأداة (64 كيلوبايت على الأكثر إجمالًا)',
};

/** The schemas' own refusals in each language that is not English. */
export const SCHEMA_WORDS: Record<Exclude<I18n['locale'], 'en'>, Record<MessageKey, string>> = { fa: FA, ar: AR };

const BY_TEXT = new Map(Object.entries(MESSAGES).map(([k, v]) => [v as string, k as MessageKey]));

/** zod's built-in refusals, by issue code: `{n}` is the bound, in the locale's digits. */
export const WORDS = {
  en: {
    required: 'Required',
    minChars: 'At least {n} characters',
    maxChars: 'At most {n} characters',
    minItems: 'At least {n}',
    maxItems: 'At most {n}',
    min: 'At least {n}',
    above: 'More than {n}',
    max: 'At most {n}',
    below: 'Less than {n}',
    number: 'Enter a number',
    whole: 'Enter a whole number',
    url: 'Enter a web address (https://…)',
    choose: 'Choose one of the options',
    invalid: 'Not valid',
  },
  fa: {
    required: 'لازم است',
    minChars: 'دست‌کم {n} نویسه',
    maxChars: 'حداکثر {n} نویسه',
    minItems: 'دست‌کم {n} مورد',
    maxItems: 'حداکثر {n} مورد',
    min: 'دست‌کم {n}',
    above: 'بیشتر از {n}',
    max: 'حداکثر {n}',
    below: 'کمتر از {n}',
    number: 'یک عدد وارد کنید',
    whole: 'یک عدد صحیح وارد کنید',
    url: `یک نشانی وب وارد کنید (${ltr('https://…')})`,
    choose: 'یکی از گزینه‌ها را انتخاب کنید',
    invalid: 'درست نیست',
  },
  ar: {
    required: 'مطلوب',
    minChars: 'عدد الأحرف {n} على الأقل',
    maxChars: 'عدد الأحرف {n} على الأكثر',
    minItems: '{n} على الأقل',
    maxItems: '{n} على الأكثر',
    min: '{n} على الأقل',
    above: 'أكثر من {n}',
    max: '{n} على الأكثر',
    below: 'أقل من {n}',
    number: 'أدخل رقمًا',
    whole: 'أدخل عددًا صحيحًا',
    url: `أدخل عنوان ويب (${ltr('https://…')})`,
    choose: 'اختر أحد الخيارات',
    invalid: 'غير صالح',
  },
} as const;

type Word = keyof (typeof WORDS)['en'];

function builtIn(iss: z.core.$ZodRawIssue, i18n: Pick<I18n, 'locale' | 'int'>): string {
  const say = (w: Word, n?: number | bigint) => WORDS[i18n.locale][w].replace('{n}', i18n.int(Number(n)));
  const text = iss.origin === 'string';
  const many = iss.origin === 'array' || iss.origin === 'set';
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null || iss.input === '') return say('required');
      return iss.expected === 'int' ? say('whole') : iss.expected === 'number' ? say('number') : say('invalid');
    case 'too_small':
      if (text) return Number(iss.minimum) === 1 ? say('required') : say('minChars', iss.minimum);
      if (many) return say('minItems', iss.minimum);
      return say(iss.inclusive === false ? 'above' : 'min', iss.minimum);
    case 'too_big':
      if (text) return say('maxChars', iss.maximum);
      if (many) return say('maxItems', iss.maximum);
      return say(iss.inclusive === false ? 'below' : 'max', iss.maximum);
    case 'invalid_format':
      return iss.format === 'url' ? say('url') : say('invalid');
    case 'invalid_value':
      return say('choose');
    default:
      return say('invalid');
  }
}

/** A schema message (English, from the API or a shared schema) in the dashboard's language. */
function messageIn(locale: I18n['locale'], message: string): string {
  const key = BY_TEXT.get(message);
  return locale !== 'en' && key ? SCHEMA_WORDS[locale][key] : message;
}

/** Issues the API sent back (400), their schema messages in the dashboard's language. */
export const issuesIn = <I extends { message: string }>(locale: I18n['locale'], issues: readonly I[]): I[] =>
  issues.map((i) => ({ ...i, message: messageIn(locale, i.message) }));

/** `schema.safeParse(value)`, with every refusal worded for the dashboard's user. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  i18n: Pick<I18n, 'locale' | 'int'>,
): { success: true; data: z.output<S> } | { success: false; error: { issues: z.core.$ZodIssue[] } } {
  const r = schema.safeParse(value, { error: (iss) => builtIn(iss, i18n) });
  return r.success ? r : { success: false, error: { issues: issuesIn(i18n.locale, r.error.issues) } };
}
