/** What the share page says itself, in en, fa and ar (the numbers come from SharedOverview). */
export type ShareLanguage = 'en' | 'fa' | 'ar';

type Words = {
  title: string;
  readOnly: string;
  range: string;
  previous: string;
  responses: string;
  completed: string;
  tooFew: string;
  noAnswers: string;
  change: string;
  significant: string;
  notSignificant: string;
  trend: string;
  week: string;
  journey: string;
  touchpoint: string;
  stage: Record<string, string>;
  noSurveys: string;
  privacy: string;
  interval: string;
  notFound: [string, string];
  revoked: [string, string];
  limited: [string, string];
};

const STAGES_EN = {
  awareness: 'Awareness',
  consideration: 'Consideration',
  purchase: 'Purchase',
  onboarding: 'Onboarding',
  usage: 'Usage',
  support: 'Support',
  loyalty: 'Loyalty',
};

export const SHARE_TEXT: Record<ShareLanguage, Words> = {
  en: {
    title: 'Customer experience overview',
    readOnly: 'Read-only overview shared by the team',
    range: '{from} to {to}',
    previous: 'compared with {from} to {to}',
    responses: 'responses',
    completed: 'completed',
    tooFew: 'too few answers',
    noAnswers: 'no answers',
    change: 'change',
    significant: 'significant',
    notSignificant: 'not significant',
    trend: 'By week',
    week: 'Week of',
    journey: 'Journey',
    touchpoint: 'Touchpoint',
    stage: STAGES_EN,
    noSurveys: 'No active surveys.',
    privacy: 'Numbers only: no comments, answers in words or respondent details are shown on this page.',
    interval: '95% interval',
    notFound: ['Link not found', 'This share link is not valid.'],
    revoked: ['This link no longer works', 'The team revoked this share link, or it expired.'],
    limited: ['Too many requests', 'Please try again in a minute.'],
  },
  fa: {
    title: 'نمای کلی تجربهٔ مشتری',
    readOnly: 'نمای فقط‌خواندنی که تیم به اشتراک گذاشته است',
    range: '{from} تا {to}',
    previous: 'در مقایسه با {from} تا {to}',
    responses: 'پاسخ',
    completed: 'کامل',
    tooFew: 'پاسخ‌ها کم است',
    noAnswers: 'بی‌پاسخ',
    change: 'تغییر',
    significant: 'معنادار',
    notSignificant: 'نامعنادار',
    trend: 'هفته به هفته',
    week: 'هفتهٔ',
    journey: 'سفر مشتری',
    touchpoint: 'نقطهٔ تماس',
    stage: {
      awareness: 'آشنایی',
      consideration: 'بررسی',
      purchase: 'خرید',
      onboarding: 'شروع به کار',
      usage: 'استفاده',
      support: 'پشتیبانی',
      loyalty: 'وفاداری',
    },
    noSurveys: 'نظرسنجی فعالی نیست.',
    privacy: 'فقط عددها: هیچ نظر، پاسخ نوشتاری یا مشخصات پاسخ‌دهنده‌ای در این صفحه نیست.',
    interval: 'بازهٔ ۹۵٪',
    notFound: ['پیوند پیدا نشد', 'این پیوند اشتراک معتبر نیست.'],
    revoked: ['این پیوند دیگر کار نمی‌کند', 'تیم این پیوند اشتراک را لغو کرده یا مهلت آن تمام شده است.'],
    limited: ['درخواست‌ها زیاد است', 'لطفاً یک دقیقهٔ دیگر دوباره امتحان کنید.'],
  },
  ar: {
    title: 'نظرة عامة على تجربة العملاء',
    readOnly: 'نظرة للقراءة فقط شاركها الفريق',
    range: 'من {from} إلى {to}',
    previous: 'مقارنةً بالفترة من {from} إلى {to}',
    responses: 'رد',
    completed: 'مكتمل',
    tooFew: 'الإجابات قليلة',
    noAnswers: 'لا إجابات',
    change: 'التغيّر',
    significant: 'دال إحصائيًا',
    notSignificant: 'غير دال',
    trend: 'أسبوعيًا',
    week: 'أسبوع',
    journey: 'رحلة العميل',
    touchpoint: 'نقطة الاتصال',
    stage: {
      awareness: 'الوعي',
      consideration: 'الدراسة',
      purchase: 'الشراء',
      onboarding: 'البدء',
      usage: 'الاستخدام',
      support: 'الدعم',
      loyalty: 'الولاء',
    },
    noSurveys: 'لا توجد استبيانات نشطة.',
    privacy: 'أرقام فقط: لا تعرض هذه الصفحة أي تعليقات أو إجابات نصية أو بيانات عن المجيبين.',
    interval: 'فترة ثقة ٩٥٪',
    notFound: ['الرابط غير موجود', 'رابط المشاركة هذا غير صالح.'],
    revoked: ['لم يعد هذا الرابط يعمل', 'ألغى الفريق رابط المشاركة هذا أو انتهت صلاحيته.'],
    limited: ['طلبات كثيرة', 'يرجى المحاولة بعد دقيقة.'],
  },
};
