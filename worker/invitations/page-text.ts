/** What the hosted page says itself (the survey's own words come from the survey), in en, fa and ar. */
export type PageKind = 'notFound' | 'expired' | 'closed' | 'done' | 'skipped';

type Words = Record<PageKind, [title: string, text: string]> & { survey: string; noscript: string };

export const PAGE_TEXT: Record<'en' | 'fa' | 'ar', Words> = {
  en: {
    survey: 'Quick question',
    noscript: 'This survey needs JavaScript to send your answers.',
    notFound: ['Link not found', 'This survey link is not valid. Please check that you have all of it.'],
    expired: ['This link has expired', 'This survey link no longer takes answers. Thank you for your time.'],
    closed: ['This survey is closed', 'This survey no longer takes answers. Thank you.'],
    done: ['Already answered', 'You have already answered this survey. Thank you!'],
    skipped: ['Nothing to answer', 'There is nothing to answer right now. Thank you!'],
  },
  fa: {
    survey: 'یک پرسش کوتاه',
    noscript: 'برای فرستادن پاسخ‌ها، جاوااسکریپت مرورگر را روشن کنید.',
    notFound: ['پیوند پیدا نشد', 'این پیوند نظرسنجی معتبر نیست. لطفاً بررسی کنید که آن را کامل دارید.'],
    expired: ['مهلت این پیوند تمام شده است', 'این پیوند دیگر پاسخ نمی‌پذیرد. از وقتی که گذاشتید سپاسگزاریم.'],
    closed: ['این نظرسنجی بسته است', 'این نظرسنجی دیگر پاسخ نمی‌پذیرد. سپاسگزاریم.'],
    done: ['پیش‌تر پاسخ داده‌اید', 'شما به این نظرسنجی پاسخ داده‌اید. سپاسگزاریم!'],
    skipped: ['پرسشی نیست', 'اکنون پرسشی برای پاسخ دادن نیست. سپاسگزاریم!'],
  },
  ar: {
    survey: 'سؤال سريع',
    noscript: 'يحتاج هذا الاستبيان إلى تفعيل JavaScript لإرسال إجاباتك.',
    notFound: ['الرابط غير موجود', 'رابط الاستبيان هذا غير صالح. يرجى التأكد من أنه كامل.'],
    expired: ['انتهت صلاحية هذا الرابط', 'لم يعد هذا الرابط يقبل الإجابات. شكرًا لوقتك.'],
    closed: ['هذا الاستبيان مغلق', 'لم يعد هذا الاستبيان يقبل الإجابات. شكرًا لك.'],
    done: ['لقد أجبت من قبل', 'لقد أجبت على هذا الاستبيان من قبل. شكرًا لك!'],
    skipped: ['لا يوجد ما تجيب عنه', 'لا يوجد ما تجيب عنه الآن. شكرًا لك!'],
  },
};

export type PageLanguage = keyof typeof PAGE_TEXT;
