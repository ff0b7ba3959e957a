import type { Locale } from '../i18n';
import type { SetupView } from '../route';

/**
 * The set-up screens' titles. The tabs and the page title name them on every screen, so they ship in
 * the first load; the rest of the set-up text comes with the screens, loaded on first visit.
 */
export const TITLES: Record<Locale, Record<SetupView, string>> = {
  en: {
    surveys: 'Surveys',
    editor: 'Survey editor',
    distribute: 'Distribute: links, QR, email, SMS',
    touchpoints: 'Touchpoints',
    install: 'Install',
    keys: 'API keys',
    alerts: 'Alert rules',
    webhooks: 'Webhooks',
    audit: 'Audit log',
    digest: 'Digest & sharing',
    members: 'Members',
    account: 'Your account',
  },
  fa: {
    surveys: 'نظرسنجی‌ها',
    editor: 'ویرایشگر نظرسنجی',
    distribute: 'ارسال: پیوند، QR، ایمیل، پیامک',
    touchpoints: 'نقاط تماس',
    install: 'نصب',
    keys: 'کلیدهای API',
    alerts: 'قاعده‌های هشدار',
    webhooks: 'وب‌هوک‌ها',
    audit: 'گزارش تغییرات',
    digest: 'گزارش هفتگی و اشتراک',
    members: 'اعضا',
    account: 'حساب شما',
  },
  ar: {
    surveys: 'الاستبيانات',
    editor: 'محرّر الاستبيان',
    distribute: 'التوزيع: روابط، QR، بريد إلكتروني، رسائل نصية',
    touchpoints: 'نقاط التواصل',
    install: 'التثبيت',
    keys: 'مفاتيح API',
    alerts: 'قواعد التنبيه',
    webhooks: 'خطافات الويب (Webhooks)',
    audit: 'سجل التدقيق',
    digest: 'الملخص والمشاركة',
    members: 'الأعضاء',
    account: 'حسابك',
  },
};

export const setupTitle = (view: SetupView, locale: Locale): string => TITLES[locale][view];
