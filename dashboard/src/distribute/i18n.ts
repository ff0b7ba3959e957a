import { useMemo } from 'preact/hooks';
import { type Locale, useI18n } from '../i18n';

/** Words of the distribution screen (links, QR, email, SMS, mail merge), en, fa and ar. */
const en = {
  title: 'Distribute',
  open: 'Links and QR',
  intro:
    'Seda sends no mail or SMS itself: make a link here, then send it with your own email tool, SMS gateway or helpdesk.',
  validDays: 'Links stay valid for (days)',
  touchpoint: 'Touchpoint',
  noTouchpoint: '(none)',
  make: 'Make a link',
  makeNew: 'Make a new link',
  making: 'Making…',
  expires: 'Valid until {date}',
  failed: 'Could not make the link: {message}',
  notActive: 'This survey is not active: its links open a “closed” page until you activate it.',

  'qr.title': 'Link and QR code',
  'qr.intro': 'One anonymous link for posters, receipts and packaging: every scan is a new response.',
  'qr.link': 'Survey link',
  'qr.alt': 'QR code of the survey link',
  'qr.svg': 'Download SVG',
  'qr.png': 'Download PNG (print)',
  'qr.print': 'Print',
  'qr.loading': 'Drawing the QR code…',

  'email.title': 'Email snippet',
  'email.intro':
    'The first question inside the email: each score is a link, so one click answers. Paste it into an HTML block of your email tool; it works in Gmail and Outlook.',
  'email.language': 'Language of the email',
  'email.code': 'HTML of the snippet',
  'email.download': 'Download .html',

  'sms.title': 'SMS text',
  'sms.intro':
    'One text per language, with the link. Persian and Arabic texts travel as UCS-2: 70 characters a message.',
  'sms.text': 'SMS text ({lang})',
  'sms.count': '{chars} characters · {segments} SMS · {encoding}',
  'sms.left': '{n} left in this SMS',
  'sms.linkHint': '{link} is replaced by the link.',

  'csv.title': 'Personal links for a mail merge',
  'csv.intro':
    'Upload a CSV with an id column (your own customer id), optional locale and attributes.NAME columns. Other columns (email, name, phone) never leave your browser: they come back beside each link.',
  'csv.channel': 'Sent by',
  'csv.file': 'CSV file of respondents',
  'csv.reading': 'Reading the file…',
  'csv.progress': 'Making links: {done} of {total}',
  'csv.done': '{created} links made, {skipped} skipped.',
  'csv.download': 'Download the links (CSV)',
  'csv.problems': '{n} rows were not sent:',
  'csv.lineProblem': 'Line {line}: {message}',
  'csv.noId': 'no id',
  'csv.duplicate': 'id {id} appears twice',
  'csv.empty': 'The file has no respondents.',
  'csv.skippedTitle': 'Skipped by the contact policy',
  'csv.failed': 'Stopped after {done} of {total}: {message}. The links made so far are in the file.',
  'csv.respondent': 'Respondent',
  'csv.reason': 'Reason',
  'reason.recontact_gap': 'answered a survey of this site recently (recontact gap)',
  'reason.already_completed': 'already completed this survey',
  'reason.not_targeted': 'does not match the survey’s attribute rules',
  'channel.link': 'Link',
  'channel.email': 'Email',
  'channel.sms': 'SMS',
  'channel.qr': 'QR code',
};
export type DistributeKey = keyof typeof en;

const fa: Record<DistributeKey, string> = {
  title: 'ارسال',
  open: 'پیوندها و کد QR',
  intro:
    'سدا خودش ایمیل یا پیامک نمی‌فرستد: پیوند را اینجا بسازید و با ابزار ایمیل، سامانهٔ پیامک یا میز خدمت خودتان بفرستید.',
  validDays: 'اعتبار پیوندها (روز)',
  touchpoint: 'نقطهٔ تماس',
  noTouchpoint: '(هیچ)',
  make: 'ساخت پیوند',
  makeNew: 'ساخت پیوند تازه',
  making: 'در حال ساخت…',
  expires: 'معتبر تا {date}',
  failed: 'پیوند ساخته نشد: {message}',
  notActive: 'این نظرسنجی فعال نیست: پیوندهایش تا فعال شدن صفحهٔ «بسته است» را نشان می‌دهند.',

  'qr.title': 'پیوند و کد QR',
  'qr.intro': 'یک پیوند ناشناس برای پوستر، رسید و بسته‌بندی: هر اسکن یک پاسخ تازه است.',
  'qr.link': 'پیوند نظرسنجی',
  'qr.alt': 'کد QR پیوند نظرسنجی',
  'qr.svg': 'دریافت SVG',
  'qr.png': 'دریافت PNG (چاپ)',
  'qr.print': 'چاپ',
  'qr.loading': 'در حال رسم کد QR…',

  'email.title': 'قطعهٔ ایمیل',
  'email.intro':
    'نخستین پرسش درون ایمیل: هر امتیاز یک پیوند است و با یک کلیک پاسخ داده می‌شود. آن را در بخش HTML ابزار ایمیل خود بگذارید؛ در Gmail و Outlook کار می‌کند.',
  'email.language': 'زبان ایمیل',
  'email.code': 'HTML قطعه',
  'email.download': 'دریافت ‎.html',

  'sms.title': 'متن پیامک',
  'sms.intro': 'برای هر زبان یک متن، همراه پیوند. متن فارسی و عربی با UCS-2 می‌رود: ۷۰ نویسه در هر پیامک.',
  'sms.text': 'متن پیامک ({lang})',
  'sms.count': '{chars} نویسه، {segments} پیامک، {encoding}',
  'sms.left': '{n} نویسه تا پیامک بعدی',
  'sms.linkHint': '{link} با پیوند جایگزین می‌شود.',

  'csv.title': 'پیوندهای شخصی برای ادغام پستی',
  'csv.intro':
    'یک فایل CSV با ستون id (شناسهٔ مشتری نزد شما) و در صورت نیاز ستون‌های locale و attributes.NAME بارگذاری کنید. ستون‌های دیگر (ایمیل، نام، تلفن) از مرورگر شما بیرون نمی‌روند و کنار هر پیوند برمی‌گردند.',
  'csv.channel': 'روش ارسال',
  'csv.file': 'فایل CSV پاسخ‌دهندگان',
  'csv.reading': 'در حال خواندن فایل…',
  'csv.progress': 'ساخت پیوندها: {done} از {total}',
  'csv.done': '{created} پیوند ساخته شد، {skipped} کنار گذاشته شد.',
  'csv.download': 'دریافت پیوندها (CSV)',
  'csv.problems': '{n} ردیف فرستاده نشد:',
  'csv.lineProblem': 'سطر {line}: {message}',
  'csv.noId': 'بدون id',
  'csv.duplicate': 'id {id} دو بار آمده است',
  'csv.empty': 'فایل هیچ پاسخ‌دهنده‌ای ندارد.',
  'csv.skippedTitle': 'کنار گذاشته به سبب سیاست تماس',
  'csv.failed': 'پس از {done} از {total} متوقف شد: {message}. پیوندهای ساخته‌شده در فایل هستند.',
  'csv.respondent': 'پاسخ‌دهنده',
  'csv.reason': 'دلیل',
  'reason.recontact_gap': 'به‌تازگی به نظرسنجی‌ای از این سایت پاسخ داده است (فاصلهٔ تماس دوباره)',
  'reason.already_completed': 'این نظرسنجی را پیش‌تر کامل کرده است',
  'reason.not_targeted': 'با قاعده‌های ویژگی نظرسنجی جور نیست',
  'channel.link': 'پیوند',
  'channel.email': 'ایمیل',
  'channel.sms': 'پیامک',
  'channel.qr': 'کد QR',
};

const ar: Record<DistributeKey, string> = {
  title: 'التوزيع',
  open: 'الروابط ورمز QR',
  intro:
    'لا يرسل صدى بريدًا ولا رسائل نصية بنفسه: أنشئ رابطًا هنا، ثم أرسله بأداة البريد أو بوابة الرسائل النصية أو نظام الدعم الذي تستخدمه.',
  validDays: 'مدة صلاحية الروابط (بالأيام)',
  touchpoint: 'نقطة التواصل',
  noTouchpoint: '(بلا)',
  make: 'إنشاء رابط',
  makeNew: 'إنشاء رابط جديد',
  making: 'جارٍ الإنشاء…',
  expires: 'صالح حتى {date}',
  failed: 'تعذّر إنشاء الرابط: {message}',
  notActive: 'هذا الاستبيان غير نشط: تفتح روابطه صفحة «مغلق» حتى تفعّله.',

  'qr.title': 'الرابط ورمز QR',
  'qr.intro': 'رابط واحد مجهول الهوية للملصقات والإيصالات والتغليف: كل مسح استجابة جديدة.',
  'qr.link': 'رابط الاستبيان',
  'qr.alt': 'رمز QR لرابط الاستبيان',
  'qr.svg': 'تنزيل SVG',
  'qr.png': 'تنزيل PNG (للطباعة)',
  'qr.print': 'طباعة',
  'qr.loading': 'جارٍ رسم رمز QR…',

  'email.title': 'مقتطف البريد الإلكتروني',
  'email.intro':
    'السؤال الأول داخل الرسالة نفسها: كل درجة رابط، فنقرة واحدة تكفي للإجابة. الصقه في كتلة HTML في أداة البريد لديك؛ يعمل في Gmail وOutlook.',
  'email.language': 'لغة الرسالة',
  'email.code': 'شيفرة HTML للمقتطف',
  'email.download': 'تنزيل ‎.html',

  'sms.title': 'نص الرسالة النصية',
  'sms.intro': 'نص واحد لكل لغة، مع الرابط. تُرسل النصوص الفارسية والعربية بترميز UCS-2: 70 حرفًا في الرسالة الواحدة.',
  'sms.text': 'نص الرسالة ({lang})',
  'sms.count': 'الأحرف: {chars}، الرسائل: {segments}، الترميز: {encoding}',
  'sms.left': 'المتبقي في هذه الرسالة: {n}',
  'sms.linkHint': 'يُستبدل {link} بالرابط.',

  'csv.title': 'روابط شخصية لدمج المراسلات',
  'csv.intro':
    'ارفع ملف CSV فيه عمود id (معرّف العميل لديك)، وعمودا locale وattributes.NAME اختياريًا. الأعمدة الأخرى (البريد، الاسم، الهاتف) لا تغادر متصفحك أبدًا: تعود بجانب كل رابط.',
  'csv.channel': 'يُرسل عبر',
  'csv.file': 'ملف CSV بالمستجيبين',
  'csv.reading': 'جارٍ قراءة الملف…',
  'csv.progress': 'جارٍ إنشاء الروابط: {done} من {total}',
  'csv.done': 'الروابط المنشأة: {created}، والمتخطّاة: {skipped}.',
  'csv.download': 'تنزيل الروابط (CSV)',
  'csv.problems': 'صفوف لم تُرسل: {n}',
  'csv.lineProblem': 'السطر {line}: {message}',
  'csv.noId': 'بلا معرّف',
  'csv.duplicate': 'المعرّف {id} مكرّر',
  'csv.empty': 'لا مستجيبين في الملف.',
  'csv.skippedTitle': 'تخطّتها سياسة التواصل',
  'csv.failed': 'توقّف بعد {done} من {total}: {message}. الروابط المنشأة حتى الآن موجودة في الملف.',
  'csv.respondent': 'المستجيب',
  'csv.reason': 'السبب',
  'reason.recontact_gap': 'أجاب عن استبيان لهذا الموقع مؤخرًا (فاصل إعادة التواصل)',
  'reason.already_completed': 'أكمل هذا الاستبيان من قبل',
  'reason.not_targeted': 'لا يطابق قواعد السمات في الاستبيان',
  'channel.link': 'رابط',
  'channel.email': 'بريد إلكتروني',
  'channel.sms': 'رسالة نصية',
  'channel.qr': 'رمز QR',
};

export const DICTS: Record<Locale, Record<DistributeKey, string>> = { en, fa, ar };

/** `dt` for the distribution screen, with the dashboard's locale (Persian digits for `{n}`-like numbers). */
export function useDistributeT() {
  const i18n = useI18n();
  return useMemo(() => {
    const dict = DICTS[i18n.locale];
    const dt = (key: DistributeKey, params?: Record<string, string | number>): string =>
      (dict[key] ?? en[key]).replace(/\{(\w+)\}/g, (m, name: string) => {
        const v = params?.[name];
        return v === undefined ? m : typeof v === 'number' ? i18n.int(v) : v;
      });
    return { ...i18n, dt };
  }, [i18n]);
}

export const distributeTitle = (locale: Locale) => DICTS[locale].title;
