import type { SurveyInput } from '../../../shared/schemas/survey';

export const TEMPLATE_IDS = ['nps', 'csat', 'ces', 'onboarding', 'exit'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** Starting points, in English and Persian. Each is a valid SurveyInput, saved as a draft. */
export const TEMPLATES: Record<TemplateId, SurveyInput> = {
  nps: {
    name: 'NPS with follow-up',
    status: 'draft',
    locales: ['en', 'fa'],
    questions: [
      {
        id: 'nps',
        type: 'nps',
        required: true,
        prompt: {
          en: 'How likely are you to recommend us to a friend?',
          fa: 'چقدر احتمال دارد ما را به یک دوست توصیه کنید؟',
        },
      },
      {
        id: 'why-low',
        type: 'text',
        prompt: { en: 'Why? What should we improve?', fa: 'چرا؟ چه چیزی را باید بهتر کنیم؟' },
        showIf: { questionId: 'nps', max: 6 },
      },
      {
        id: 'why-high',
        type: 'text',
        prompt: { en: 'What do you like most?', fa: 'چه چیزی را بیشتر از همه دوست دارید؟' },
        showIf: { questionId: 'nps', min: 7 },
      },
    ],
    targeting: { trigger: { type: 'pageview', delayMs: 5000 }, samplePercent: 100, recontactDays: 90 },
  },
  csat: {
    name: 'Post-purchase CSAT',
    status: 'draft',
    locales: ['en', 'fa'],
    questions: [
      {
        id: 'csat',
        type: 'csat',
        required: true,
        style: 'faces',
        prompt: { en: 'How satisfied are you with your purchase?', fa: 'چقدر از خرید خود راضی هستید؟' },
      },
      {
        id: 'improve',
        type: 'text',
        prompt: { en: 'What could have been better?', fa: 'چه چیزی می‌توانست بهتر باشد؟' },
        showIf: { questionId: 'csat', max: 3 },
      },
    ],
    targeting: { touchpoints: ['order-status'], trigger: { type: 'event', name: 'order_completed' } },
  },
  ces: {
    name: 'Support effort (CES)',
    status: 'draft',
    locales: ['en', 'fa'],
    questions: [
      {
        id: 'ces',
        type: 'ces',
        required: true,
        prompt: {
          en: 'How easy was it to get your issue resolved?',
          fa: 'حل شدن مشکل‌تان چقدر آسان بود؟',
        },
      },
      {
        id: 'hard',
        type: 'text',
        prompt: { en: 'What made it hard?', fa: 'چه چیزی آن را سخت کرد؟' },
        showIf: { questionId: 'ces', max: 3 },
      },
    ],
    targeting: { touchpoints: ['help'], urls: { include: ['/help/**'] }, trigger: { type: 'scroll', percent: 50 } },
  },
  onboarding: {
    name: 'Onboarding effort',
    status: 'draft',
    locales: ['en', 'fa'],
    questions: [
      {
        id: 'effort',
        type: 'ces',
        prompt: { en: 'How easy was it to get started?', fa: 'شروع کار چقدر آسان بود؟' },
      },
      {
        id: 'blocker',
        type: 'choice',
        prompt: { en: 'What slowed you down?', fa: 'چه چیزی سرعت شما را کم کرد؟' },
        multiple: true,
        options: [
          { id: 'setup', label: { en: 'Setting up my account', fa: 'راه‌اندازی حساب' } },
          { id: 'docs', label: { en: 'Finding help', fa: 'پیدا کردن راهنما' } },
          { id: 'nothing', label: { en: 'Nothing', fa: 'هیچ چیز' } },
        ],
      },
    ],
    targeting: { trigger: { type: 'pageview', delayMs: 10000 }, recontactDays: 30 },
  },
  exit: {
    name: 'Exit intent',
    status: 'draft',
    locales: ['en', 'fa'],
    questions: [
      {
        id: 'stopped',
        type: 'choice',
        prompt: { en: 'What stopped you from buying today?', fa: 'چه چیزی مانع خرید امروز شما شد؟' },
        options: [
          { id: 'price', label: { en: 'The price', fa: 'قیمت' } },
          { id: 'shipping', label: { en: 'Shipping cost or time', fa: 'هزینه یا زمان ارسال' } },
          { id: 'info', label: { en: 'Not enough information', fa: 'اطلاعات کافی نبود' } },
          { id: 'other', label: { en: 'Something else', fa: 'چیز دیگری' } },
        ],
      },
      {
        id: 'other-text',
        type: 'text',
        prompt: { en: 'Tell us more', fa: 'بیشتر بگویید' },
        showIf: { questionId: 'stopped', anyOf: ['other'] },
      },
    ],
    targeting: { urls: { include: ['/checkout/**', '/cart'] }, trigger: { type: 'exit' }, samplePercent: 50 },
  },
};

/** Suggested touchpoints for a shop. */
export const SHOP_TOUCHPOINTS = [
  { key: 'home', name: { en: 'Home page', fa: 'صفحه اصلی', ar: 'الصفحة الرئيسية' }, stage: 'awareness' },
  { key: 'product', name: { en: 'Product page', fa: 'صفحه محصول', ar: 'صفحة المنتج' }, stage: 'consideration' },
  { key: 'pricing', name: { en: 'Pricing', fa: 'قیمت‌ها', ar: 'الأسعار' }, stage: 'consideration' },
  { key: 'checkout', name: { en: 'Checkout', fa: 'پرداخت', ar: 'إتمام الشراء' }, stage: 'purchase' },
  { key: 'order-status', name: { en: 'Order status', fa: 'وضعیت سفارش', ar: 'حالة الطلب' }, stage: 'onboarding' },
  { key: 'help', name: { en: 'Help centre', fa: 'مرکز راهنما', ar: 'مركز المساعدة' }, stage: 'support' },
  {
    key: 'post-purchase-email',
    name: { en: 'Post-purchase email', fa: 'ایمیل پس از خرید', ar: 'رسالة ما بعد الشراء' },
    stage: 'loyalty',
  },
] as const;
