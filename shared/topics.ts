/**
 * Topics of open-text answers: a site-editable list of {key, label, terms}, and the tagger that the
 * collector runs at write time (and the re-tag job when the list changes). Terms are matched on the
 * same normal form as sentiment (`sentiment/normalize.ts`: ي/ی, ك/ک, ZWNJ, Persian and Arabic digits),
 * word by word, so "پشتيباني" matches the term "پشتیبانی" and "deliveries" the term "delivery".
 */
import { keyOf, tokenize } from './sentiment/normalize';

export type Topic = { key: string; label: { en?: string; fa?: string; ar?: string }; terms: string[] };

const t = (key: string, en: string, fa: string, ar: string, terms: string): Topic => ({
  key,
  label: { en, fa, ar },
  terms: terms
    .trim()
    .split(/\s+/)
    .map((s) => s.replaceAll('_', ' ')),
});

/** Defaults for a site that has not set its own list: the subjects most CX answers are about. */
export const DEFAULT_TOPICS: Topic[] = [
  t(
    'delivery',
    'Delivery',
    'ارسال و تحویل',
    'التوصيل',
    `delivery deliver delivered shipping shipped courier parcel package
    tracking late arrived driver ارسال تحویل پیک بسته مرسوله رهگیری پست رسید توصیل التوصيل الشحن شحن المندوب الطرد طرد
    وصل تتبع`,
  ),
  t(
    'price',
    'Price',
    'قیمت',
    'السعر',
    `price prices pricing expensive cheap cost costs fee fees discount overpriced value_for_money
    قیمت گران گرون ارزان ارزون هزینه تخفیف سعر السعر الأسعار غالي رخيص خصم تكلفة رسوم`,
  ),
  t(
    'support',
    'Support',
    'پشتیبانی',
    'الدعم',
    `support agent customer_service helpdesk chat call phone ticket staff
    پشتیبانی اپراتور کارشناس تماس تلفن تیکت چت الدعم خدمة_العملاء الموظف موظف اتصلت الهاتف الدردشة`,
  ),
  t(
    'quality',
    'Quality',
    'کیفیت',
    'الجودة',
    `quality broken defective damaged faulty durable material fabric
    کیفیت خراب معیوب جنس پارچه دوام الجودة جودة تالف معطل مكسور القماش`,
  ),
  t(
    'website',
    'Website & app',
    'سایت و اپ',
    'الموقع والتطبيق',
    `website site app page search login checkout button
    سایت اپ اپلیکیشن صفحه جستجو ورود دکمه الموقع موقع التطبيق تطبيق الصفحة البحث الدخول زر`,
  ),
  t(
    'payment',
    'Payment',
    'پرداخت',
    'الدفع',
    `payment pay paid card refund invoice charged checkout_failed
    پرداخت کارت درگاه استرداد فاکتور بازگشت_وجه الدفع دفع البطاقة استرجاع الفاتورة المبلغ`,
  ),
  t(
    'returns',
    'Returns',
    'مرجوعی',
    'الإرجاع',
    `return returns exchange replacement مرجوع مرجوعی تعویض پس_دادن الإرجاع إرجاع
    استبدال`,
  ),
  t(
    'stock',
    'Availability',
    'موجودی',
    'التوفر',
    `stock out_of_stock available availability موجودی موجود ناموجود متوفر
    غير_متوفر المخزون`,
  ),
];

/** Endings a term may carry and still match (plurals, Persian suffixes, the Arabic article is a prefix). */
const SUFFIXES = ['s', 'es', 'ed', 'ing', 'ها', 'های', 'ی', 'ای', 'ه', 'م', 'ت', 'ش', 'ات', 'ة', 'ين', 'ون'];
const PREFIXES = ['ال', 'و', 'ب', 'وال', 'بال', 'لل'];

export type CompiledTopics = { key: string; terms: string[][] }[];

/** Terms in normal form, split into words once (the tagger runs per answer). */
export function compileTopics(topics: Topic[]): CompiledTopics {
  return topics.map((tp) => ({
    key: tp.key,
    terms: tp.terms.map((term) => keyOf(term.replaceAll(' ', '_')).split(' ')).filter((w) => w[0]),
  }));
}

const wordMatches = (word: string, term: string): boolean => {
  if (word === term) return true;
  for (const p of ['', ...PREFIXES]) {
    if (!word.startsWith(p)) continue;
    const rest = word.slice(p.length);
    if (rest === term) return true;
    if (term.length >= 3 && rest.startsWith(term) && SUFFIXES.includes(rest.slice(term.length))) return true;
  }
  return false;
};

/** The keys of the topics a text mentions, in list order. */
export function tagTopics(text: string, topics: CompiledTopics): string[] {
  const words = tokenize(text);
  const found: string[] = [];
  for (const tp of topics) {
    const hit = tp.terms.some((term) =>
      words.some((_, i) => term.every((w, j) => words[i + j] !== undefined && wordMatches(words[i + j]!, w))),
    );
    if (hit) found.push(tp.key);
  }
  return found;
}
