/**
 * The widget's own words, one line per language in the order of KEYS in strings.ts, then the five
 * CSAT labels ("|" separated: smaller to ship). The script-tag build makes one UI bundle per language
 * holding that language only (English words are in en.js, which also serves languages without words
 * of their own), so adding a language costs no visitor anything.
 */
export const TEXT: Record<string, string> = {
  en: 'Quick question|Close|Next|Send|Skip|Thank you!|{a} of {b}|Not at all likely|Extremely likely|Strongly disagree|Strongly agree|Type your answer|Very dissatisfied|Dissatisfied|Neutral|Satisfied|Very satisfied',
  fa: 'یک پرسش کوتاه|بستن|بعدی|ارسال|رد شدن|سپاسگزاریم!|{a} از {b}|اصلاً محتمل نیست|کاملاً محتمل است|کاملاً مخالفم|کاملاً موافقم|پاسخ خود را بنویسید|خیلی ناراضی|ناراضی|معمولی|راضی|خیلی راضی',
  ar: 'سؤال سريع|إغلاق|التالي|إرسال|تخطٍّ|شكرًا لك!|{a} من {b}|غير محتمل إطلاقًا|محتمل جدًا|أعارض بشدة|أوافق بشدة|اكتب إجابتك|غير راضٍ إطلاقًا|غير راضٍ|محايد|راضٍ|راضٍ جدًا',
};
