/** What the widget itself says, per language (prompts come from the survey). English is the fallback. */
export interface Strings {
  /** the dialog's accessible name */
  title: string;
  close: string;
  next: string;
  send: string;
  skip: string;
  thanks: string;
  /** "2 of 5": `{a}` and `{b}` are replaced with localised digits */
  of: string;
  npsLo: string;
  npsHi: string;
  cesLo: string;
  cesHi: string;
  /** CSAT 1..5 */
  csat: [string, string, string, string, string];
  type: string;
}

const en: Strings = {
  title: 'Quick question',
  close: 'Close',
  next: 'Next',
  send: 'Send',
  skip: 'Skip',
  thanks: 'Thank you!',
  of: '{a} of {b}',
  npsLo: 'Not at all likely',
  npsHi: 'Extremely likely',
  cesLo: 'Strongly disagree',
  cesHi: 'Strongly agree',
  csat: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  type: 'Type your answer',
};

const fa: Strings = {
  title: 'یک پرسش کوتاه',
  close: 'بستن',
  next: 'بعدی',
  send: 'ارسال',
  skip: 'رد شدن',
  thanks: 'سپاسگزاریم!',
  of: '{a} از {b}',
  npsLo: 'اصلاً محتمل نیست',
  npsHi: 'کاملاً محتمل است',
  cesLo: 'کاملاً مخالفم',
  cesHi: 'کاملاً موافقم',
  csat: ['خیلی ناراضی', 'ناراضی', 'معمولی', 'راضی', 'خیلی راضی'],
  type: 'پاسخ خود را بنویسید',
};

const ar: Strings = {
  title: 'سؤال سريع',
  close: 'إغلاق',
  next: 'التالي',
  send: 'إرسال',
  skip: 'تخطٍّ',
  thanks: 'شكرًا لك!',
  of: '{a} من {b}',
  npsLo: 'غير محتمل إطلاقًا',
  npsHi: 'محتمل جدًا',
  cesLo: 'أعارض بشدة',
  cesHi: 'أوافق بشدة',
  csat: ['غير راضٍ إطلاقًا', 'غير راضٍ', 'محايد', 'راضٍ', 'راضٍ جدًا'],
  type: 'اكتب إجابتك',
};

export const STRINGS: Record<string, Strings> = { en, fa, ar };

export const stringsFor = (locale: string): Strings => STRINGS[locale.split('-')[0]!] ?? en;
