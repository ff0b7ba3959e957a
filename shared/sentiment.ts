/**
 * Lexicon-based sentiment for open-text survey answers (English, Persian, some Arabic).
 * Deterministic and dependency-free: the Worker scores answers at write time and the same code runs in browsers.
 *
 * How a text is scored:
 * 1. `normalizeText` folds Arabic-keyboard letters, diacritics, digits and ZWNJ spellings into one form.
 * 2. The text is split into words, emoji and punctuation; known phrases ("never again", "فوق العاده") are matched first.
 *    Lexicons are keyed by script, so mixed Persian/English answers use both. Arabic words are added where they
 *    differ from Persian; words that mean something else in Persian (e.g. the negator "ما" = "we") only count
 *    when `locale` is `ar`. Without a locale the language is detected from the script.
 * 3. Each sentiment word gets its valence (about ±0.5…±3), scaled by intensifiers ("very", "خیلی") just before it
 *    and flipped (×−0.74) by a negator in scope: up to three words after "not"/"never"/"n't"/"نه"/"هیچ"/"بدون"/"لا",
 *    one word after "بی"/"غیر"/"نمی‌", and — Persian puts negation on the verb at the end — up to three words before
 *    a negated verb ("راضی نیستم", "بد نبود", "خوب کار نمی‌کند"). Double negation in one clause counts once
 *    ("هیچ مشکلی نداشتم" = no problem at all).
 * 4. After "but"/"ولی"/"اما" the clause weighs ×1.5 and what came before ×0.5; a concessive clause ("although",
 *    "هرچند") weighs ×0.5. Problem words ("bug", "مشکل") are ignored in a clause that says they were fixed;
 *    "buy"/"order"/"خرید" count only in a clause about coming back: "won't order again", "دیگه خرید نمی‌کنم".
 * 5. Each "!" (up to 3) adds 0.3 in the direction of the sum S; score = S / √(S² + 15), in (−1, 1).
 *
 * Labels: score ≥ 0.15 → positive, score ≤ −0.15 → negative, otherwise neutral. A single mild word such as
 * "decent" (±1) gives ±0.25; "ok"/"معمولی" stay neutral.
 */
export type SentimentLabel = 'positive' | 'neutral' | 'negative';

const POSITIVE_AT = 0.15;
const NEGATIVE_AT = -0.15;
const NEGATION = -0.74;
const ALPHA = 15;

type Lang = 'en' | 'fa' | 'ar';
type Entry = {
  /** Valence as written and when negated. */
  v?: [number, number];
  boost?: number;
  /** Negates sentiment in the next `neg` words. */
  neg?: number;
  /** Persian negated verb: negates sentiment in the three words before it. */
  post?: boolean;
  contrast?: boolean;
  concede?: boolean;
  /** Clause boundary for the backward scope of a Persian negated verb. */
  copula?: boolean;
  /** "and", "or", "و": a negator reaches past a sentiment word only through these ("no bugs or crashes"). */
  conj?: boolean;
  /** "bug", "مشکل": neutral in a clause with a `fix` word ("the bug was fixed"). */
  problem?: boolean;
  fix?: boolean;
  /** A verb whose ن- form is its negation ("رسید" → "نرسید"). */
  verb?: boolean;
  /** "buy", "خرید": scored only in a clause about coming back ("again", "دیگه", "never"), not about problems. */
  repeat?: boolean;
  again?: boolean;
};

const ARABIC_LETTER = /[\u0620-\u064A\u066E-\u06D5\u06FA-\u06FF]/;

/**
 * Lowercase; Arabic-keyboard ي ى → ی, ك → ک, ة ۀ → ه, أ إ ٱ → ا (آ is kept); no tatweel or diacritics;
 * Persian and Arabic-Indic digits → ASCII; curly apostrophes → '; a ZWNJ only between two letters; the negative
 * prefix نمی written joined, with a space or with a ZWNJ always becomes "نمی‌" + ZWNJ; letters repeated 3+ times
 * collapse (to one in Arabic script, to two in Latin: "خیلیییی" → "خیلی", "soooo" → "soo"); whitespace collapsed.
 */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[يى]/g, 'ی')
    .replace(/ك/g, 'ک')
    .replace(/[ةۀ]/g, 'ه')
    .replace(/[أإٱ]/g, 'ا')
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, '')
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u2018\u2019\u0060\u00B4]/g, "'")
    .replace(/\u200B|\u200D|\u2060|\uFEFF|\u00AD/g, '')
    .replace(/\u200C+/g, '\u200C')
    .replace(/(?<![\p{L}\p{M}])\u200C|\u200C(?![\p{L}\p{M}])/gu, '')
    .replace(/(?<![\p{L}\p{M}\p{N}])نمی(?:\u200C|[^\S\n]+)?(?=[\u0620-\u064A\u066E-\u06D5])/gu, 'نمی\u200C')
    .replace(/(\p{L})\1{2,}/gu, (_, c: string) => (ARABIC_LETTER.test(c) ? c : c + c))
    .replace(/[^\S\n]+/g, ' ')
    .trim();
}

type Token = { text: string; kind: 'word' | 'emoji' | 'punct' };

const TOKEN =
  /(:-?\)+|:-?\(+|:'\(|:-?d\b|;-?\)|<3)|([\p{L}\p{M}\p{N}]+(?:'[\p{L}\p{M}\p{N}]+)*)|(\p{Extended_Pictographic})|([.!?,;:\n\u060C\u061B\u061F\u2026])/gu;

/** Words (ZWNJ splits a Persian word into its parts), emoji/emoticons and clause punctuation of normalised text. */
function lex(norm: string): Token[] {
  const out: Token[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    if (m[2]) {
      // Keep "n't" (a negator); drop other clitics so "service's" counts as "service".
      const w = m[2].endsWith("n't") ? m[2] : m[2].replace(/'(?:s|ll|re|ve|m|d)$/, '');
      out.push({ text: w, kind: 'word' });
    } else if (m[4]) out.push({ text: m[4], kind: 'punct' });
    else out.push({ text: (m[1] ?? m[3] ?? '').replace(/([()])\1+$/, '$1'), kind: 'emoji' });
  }
  return out;
}

/** Normalised word tokens, stopwords kept. A ZWNJ separates tokens: "پشتیبانی‌ها" → ["پشتیبانی", "ها"]. */
export function tokenize(text: string): string[] {
  return lex(normalizeText(text))
    .filter((t) => t.kind === 'word')
    .map((t) => t.text);
}

// ---------------------------------------------------------------------------------------------------------------
// Lexicons. Words are separated by spaces; "_" joins the words of a phrase. Entries are normalised when loaded.

const EN: Record<string, string> = {
  3: `excellent amazing awesome fantastic perfect outstanding superb wonderful brilliant love loved loves loving
    incredible exceptional phenomenal flawless best fabulous delighted finest`,
  2.5: 'great lovely impressed impressive user_friendly well_done',
  2: `good nice happy pleased satisfied glad helpful friendly easy easier intuitive reliable recommend recommended
    polite courteous responsive professional knowledgeable beautiful useful appreciate appreciated grateful enjoy
    enjoyed favorite favourite pleasant seamless welcoming attentive excited wow thank_you good_job`,
  1.5: `fast faster quick quicker quickly smooth smoothly convenient handy efficient accurate affordable thank thanks
    free_shipping fun cool improved resolved solved helped kind patient worth on_time cheaper painless`,
  1: 'cheap decent solid simple clear fair better stable secure clean modern fortunately luckily like likes liked',
  0.8: 'fine as_expected as_described as_advertised',
  0.3: 'ok okay',
  '-0.3': 'average so_so',
  '-1': 'meh cold wait waiting waited cancel cancelled canceled outdated pricey could_be_better could_be_improved hidden',
  '-1.5': `slow slowly mediocre mismatch problem problems issue issues bug bugs error errors glitch wrong incorrect inaccurate late delay delayed delays
    missing lost too_long difficult hard tedious clunky complicated cumbersome confused unclear lacking lacks lack stuck
    expensive inconvenient unfortunately sadly flimsy spam hassle joke lag complaint`,
  '-2': `bad poor poorly confusing rude unhelpful unfriendly annoying annoyed frustrating frustrated upset unhappy
    buggy crash crashes crashed crashing fail failed fails failure damaged faulty worse ugly unreliable unstable
    laggy freeze freezes frozen waste wasted mess messy painful overpriced dislike ignored unanswered unresponsive
    sloppy careless misleading unfair unpleasant don't_bother dont_bother looks_cheap feels_cheap cheap_quality
    cheaply 1_star one_star`,
  '-2.5': `disappointed disappointing disappointment broken defective useless worthless dissatisfied unsatisfied
    incompetent unprofessional angry ridiculous rubbish sucks suck sucked lousy shoddy overcharged`,
  '-3': `terrible horrible awful worst hate hated hates disgusting pathetic scam fraud unacceptable garbage trash
    nightmare disaster appalling atrocious furious horrendous dreadful took_forever never_again rip_off ripoff stay_away
    thanks_for_nothing`,
};
// Neutral as written, negative when negated: "it works" / "it doesn't work", "nobody answered".
const EN_NEGATABLE = `work works worked working respond responds responded response reply replied answer answered
  arrive arrived deliver delivered load loads loaded help open opens log_in sign_in login connect receive received
  ship shipped send sent solution understand understood listen listened care cared match matches`;
// Words that stay negative under negation ("no refund" is not good news).
const EN_STICKY = 'refund refunds';
const EN_ZERO = 'goods likely lately kindly would_like would_love pretty_much';
const EN_NEG = `not no never without hardly barely scarcely nothing nobody none neither nor cannot cant dont doesnt
  didnt isnt wasnt arent werent wont wouldnt couldnt shouldnt havent hasnt hadnt aint nowhere`;
const EN_BOOST: Record<string, string> = {
  1.7: 'extremely incredibly insanely ridiculously absolutely',
  1.5: 'very really so totally completely highly truly way_too',
  1.3: 'too much most',
  1.1: 'quite',
  0.7: 'slightly somewhat a_bit a_little kinda kind_of sort_of fairly rather',
  0.8: 'mostly partly',
};
// Intensifier before a sentiment word, a sentiment word on its own: "super slow" / "it's super".
const EN_DUAL: [string, number, number][] = [
  ['super', 1.5, 2.5],
  ['pretty', 1.1, 1],
  ['terribly', 1.5, -2.5],
  ['awfully', 1.5, -2.5],
];

const FA: Record<string, string> = {
  3: `عالی محشر معرکه بهترین ممتاز شاهکار فوق_العاده فوقالعاده بی_نظیر بینظیر شگفت_انگیز عاشق خفن
    دستتون_درد_نکنه دستت_درد_نکنه`,
  2.5: 'ایول آفرین دمتون_گرم دمت_گرم رضایت_بخش رضایتبخش',
  2: `خوب راضی ممنون مرسی متشکر متشکرم سپاس سپاسگزار سپاسگزارم تشکر مفید آسان آسون حرفه_ای مودب مؤدب باحال
    خوشحال قشنگ زیبا شیک لذت لذتبخش لذت_بخش خوشایند دلپذیر دلنشین کاربرپسند خوش_برخورد مهربان مهربون
    خوشمزه پسندیدم مودبانه با_کیفیت باکیفیت دوست_دارم دوست_داشتم خوشم_اومد خوشم_آمد پیشنهاد_می_کنم پیشنهاد_میکنم
    توصیه_می_کنم توصیه_میکنم`,
  1.5: `سریع سریعا راحت دقیق پاسخگو رضایت روان منظم تمیز مناسب صبور کارآمد کاربردی بهتر به_موقع بموقع خوش
    ارسال_رایگان پسند ارزه ارزد ارزید میارزه حل برطرف رفع منصف محترم`,
  1: 'قیمت_پایین ارزان ارزون ارزش درست کامل بهبود ساده سالم امن قابل_قبول خسته_نباشید',
  0.3: 'اوکی',
  '-0.3': 'معمولی متوسط',
  '-1': 'لغو کنسل منتظر انتظار خسته',
  '-1.5': `کند دیر دیرتر تاخیر معطل معطلی مشکل مشکلات ایراد خطا ارور باگ اشکال شکایت گران گرون گرانی سخت پیچیده
    گیج زشت پایین اشغال دردسر مغایرت متاسفانه افسوس طول_کشید طول_کشیده طول_میکشه طول_می_کشه لگ قطع قطعی گم ضعف کمبود سردرگم آسیب`,
  '-2': `کیفیت_پایین بد ضعیف پاره ناراحت ناقص ناامید گیج_کننده اذیت کثیف نامناسب ضرر دروغ هنگ کرش پشیمان پشیمون کلافه عصبی شکسته
    بی_فایده بیفایده بی_کیفیت بیکیفیت بی_توجهی بیخود بی_دقت نخرید نخرین نپسندیدم نگران`,
  '-2.5': `خراب ناراضی نارضایتی داغون عصبانی بی_ادب بیادب بی_ادبانه بی_احترامی بی_مسئولیت دروغگو ناامید_کننده معیوب
    غیر_حرفه_ای غیرحرفه_ای`,
  '-3': `افتضاح وحشتناک مزخرف آشغال کلاهبرداری کلاهبردار دزد دزدی فاجعه گند بی_شعور بیشعور غیر_قابل_قبول
    غیرقابل_قبول`,
};
const FA_NEGATABLE = 'کار جواب پاسخ رسید کیفیت پیشنهاد توصیه دوست کمک باز ارسال انجام دریافت تحویل متوجه شبیه مطابق';
const REPEAT = 'buy buying purchase order ordering use using shop come_back خرید سفارش استفاده خرم بخرم';
const AGAIN = 'again anymore never دیگه دیگر دوباره مجدد مجددا هیچوقت هرگز';
const FA_STICKY = 'مرجوع استرداد';
// Negative as written, nothing when negated: "فرق داشت" (it was different) / "فرقی نمی‌کند" (it doesn't matter).
const FA_ONE_WAY = 'فرق';
const FA_ZERO = 'بدید بدین بدهید بدن هزینه_ارسال';
const FA_NEG3 = 'نه هیچ هیچوقت هرگز بدون';
const FA_NEG1 = 'بی غیر';
const FA_BOOST: Record<string, string> = {
  1.6: 'شدیدا بی_نهایت فوق_العاده_زیاد',
  1.5: 'خیلی بسیار انقدر اینقدر آنقدر اونقدر',
  1.4: 'واقعا جدا چقدر',
  1.3: 'کاملا اصلا حسابی زیاد',
  0.8: 'نسبتا تقریبا',
  0.7: 'کمی یکم یکمی یه_کم یه_کمی یک_کم چندان',
};
const FA_CONTRAST = 'ولی اما لیکن ولیکن منتها';
const FA_CONCEDE = 'هرچند هر_چند اگرچه اگر_چه با_اینکه با_این_که با_وجود باوجود علیرغم علی_رغم';
const FA_COPULA = 'است بود هست بودم بودیم بودند هستم هستیم هستند بوده باشه باشد هستش';
/** Persian negated verb forms: ن + stem + person ending ("نیستم", "نبود", "نداره", "نکردند", "نشد"…). */
const FA_NEG_VERB =
  /^ن(?:یست|بود|دار|داشت|کرد|کن|شد|شود|شده|خواه|خواست|داد|ده|دهد|گرفت|گیر|رسید|رسه|رسد|آمد|اومد|یومد|یامد|آید|یاد|زد|زن|باش|تونست|توانست|تون|توان|دید|بین|گذاشت|ذاشت|ساخت|خورد|شنید|فرستاد|رفت)(?:م|ی|د|یم|ید|ند|ه|ن|ین|ست|ش|تش)*$/;
const FA_SUFFIXES = 'هایی های ها ترین تر انه اند ایم اید است ام ای ات یم ید ند ست ش م ه ی'.split(' ');
/** Before these, "کند" is the verb "does", not "slow". */
const FA_KONAD_VERB = new Set(['می', 'نمی', 'باید', 'نباید', 'تا', 'که', 'کار', 'اگر']);

// Arabic, added only where Persian has no entry.
const AR: Record<string, string> = {
  3: 'ممتاز ممتازة رائع رائعة',
  2: 'جيد جيدة جيدا جميل جميلة ممتع سهل مفيد أفضل أحسن أحسنت سعيد يعجبني أعجبني أحب أنصح لطيف متعاون',
  1.5: 'شكرا مريح محترم',
  '-1.5': 'غالي متأخر',
  '-2': 'بطيء بطيئة بطئ مزعج محبط سوء مخيب',
  '-2.5': 'سيء سيئ سيئة رديء فاشل غاضب زفت',
  '-3': 'أسوأ كارثة',
};
const AR_NEG3 = 'لا ولا ليس لم لن';
const AR_BOOST: Record<string, string> = { 1.6: 'للغاية', 1.3: 'كثيرا' };
const AR_CONTRAST = 'لكن ولكن';
const AR_CONCEDE = 'رغم بالرغم';
// Only with locale "ar": these mean something else in Persian ("ما" = we, "لیست" = list, "مکلف" = obliged).
const AR_ONLY_NEG3 = 'ما مش ليست';

const EMOJI: Record<string, string> = {
  2: '😀 😃 😄 😁 😊 🙂 😍 🥰 😘 🤩 😎 👍 👌 👏 🙏 ❤ 💖 💕 💗 💙 💚 💜 🧡 💛 😇 🎉 🥳 ⭐ 🌟 ✨ 💯 ✅ 🌹 💐 🤗 ☺ 😋 :) :-) :d :-d ;) <3',
  1: '😆 😂 🔥',
  '-0.5': '😐 😑',
  '-1': '😱 ⚠',
  '-2': "😡 😠 👎 😞 😢 😭 😤 😒 🙄 😫 😩 😖 😣 💔 😕 🙁 ☹ ❌ 😔 😟 😰 🤦 :( :-( :'(",
  '-2.5': '🤬 🤮 🤢 💩',
};

const keyOf = (phrase: string) =>
  lex(normalizeText(phrase.replaceAll('_', ' ')))
    .map((t) => t.text)
    .join(' ');
const words = (list: string) => list.trim().split(/\s+/).map(keyOf).filter(Boolean);

function build(): { dict: Map<string, Entry>; arOnly: Map<string, Entry> } {
  const dict = new Map<string, Entry>();
  const arOnly = new Map<string, Entry>();
  const add = (list: string, e: Entry, into = dict, onlyIfNew = false) => {
    for (const w of words(list)) if (!onlyIfNew || !into.has(w)) into.set(w, { ...into.get(w), ...e });
  };
  const valences = (table: Record<string, string>, onlyIfNew = false) => {
    for (const [v, list] of Object.entries(table)) add(list, { v: [Number(v), Number(v) * NEGATION] }, dict, onlyIfNew);
  };
  const boosts = (table: Record<string, string>) => {
    for (const [b, list] of Object.entries(table)) add(list, { boost: Number(b) });
  };
  valences(EN);
  valences(FA);
  valences(EMOJI);
  valences(AR, true);
  for (const [w, b, v] of EN_DUAL) add(w, { boost: b, v: [v, v * NEGATION] });
  add(EN_NEGATABLE, { v: [0, -1.5], verb: true });
  add(FA_NEGATABLE, { v: [0, -1.5], verb: true });
  add('پسندیدم پسند ارزه ارزد ارزید', { verb: true });
  add('works', { v: [0.5, -1.5] });
  add(REPEAT, { repeat: true });
  add(AGAIN, { again: true });
  add(EN_STICKY, { v: [-1, -1.5] });
  add(FA_STICKY, { v: [-1, -1.5] });
  add(FA_ONE_WAY, { v: [-1, 0] });
  add(`${EN_ZERO} ${FA_ZERO}`, { v: [0, 0] });
  add('problem problems issue issues bug bugs error errors glitch مشکل مشکلات ایراد خطا ارور باگ اشکال', {
    problem: true,
  });
  add('fixed resolved solved sorted حل برطرف رفع', { fix: true });
  add('fixed sorted', { v: [1.5, -1.5] });
  add('حل برطرف رفع resolved solved', { v: [2, -1.5] });
  add(EN_NEG, { neg: 3 });
  add(`${FA_NEG3} ${AR_NEG3}`, { neg: 3 });
  add(FA_NEG1, { neg: 1 });
  add('نمی', { neg: 1, post: true });
  boosts(EN_BOOST);
  boosts(FA_BOOST);
  boosts(AR_BOOST);
  add(`but however ${FA_CONTRAST} ${AR_CONTRAST}`, { contrast: true });
  add(`although despite even_though in_spite ${FA_CONCEDE} ${AR_CONCEDE}`, { concede: true });
  add(FA_COPULA, { copula: true });
  add('and or nor & و یا', { conj: true });
  add(AR_ONLY_NEG3, { neg: 3 }, arOnly);
  add('بس', { contrast: true }, arOnly);
  add('مكلف', { v: [-1.5, 1.1] }, arOnly);
  return { dict, arOnly };
}

const { dict: DICT, arOnly: AR_ONLY } = build();
/** First words of the phrases, so only those tokens are tried as the start of a phrase. */
const PHRASE_HEADS = new Set(
  [...DICT.keys(), ...AR_ONLY.keys()].filter((k) => k.includes(' ')).map((k) => k.split(' ')[0]),
);

/** Meaning of a single word: exact entry, else stems and affixes (Persian suffixes, بی/نا/غیر, ن-verbs, "-ing"). */
function lookupWord(w: string, get: (k: string) => Entry | undefined): Entry | undefined {
  const exact = get(w);
  if (exact) return exact;
  const withV = (k: string) => {
    const e = k.length >= 2 ? get(k) : undefined;
    return e?.v ? e : undefined;
  };
  if (!ARABIC_LETTER.test(w)) {
    if (w.endsWith("n't")) return { neg: 3 };
    // "sooo" → "soo" (normalizeText) → "so"; then inflections: "crashes", "hated", "loving", "slower".
    const single = w.replace(/(\p{L})\1+/gu, '$1');
    if (single !== w && get(single)) return get(single);
    const cands = [w.replace(/ing$/, 'e')];
    for (const s of ['s', 'es', 'd', 'ed', 'ly', 'r', 'er', 'st', 'est', 'ing'])
      if (w.endsWith(s)) cands.push(w.slice(0, -s.length));
    return cands
      .filter((c) => c !== w)
      .map(withV)
      .find(Boolean);
  }
  // Up to two suffixes: "ارزونتره" → "ارزون", "راضیم" → "راضی".
  const strip = (x: string) => FA_SUFFIXES.filter((s) => x.endsWith(s)).map((s) => x.slice(0, -s.length));
  const stems = (x: string) => [x, ...strip(x), ...strip(x).flatMap(strip)];
  for (const s of stems(w).slice(1)) if (withV(s)) return withV(s);
  if (FA_NEG_VERB.test(w)) {
    // "نرسید" (did not arrive) is itself negative and also negates what precedes it.
    const verb = stems(w.slice(1))
      .map(get)
      .find((e) => e?.verb && e.v);
    return verb?.v ? { v: [verb.v[1], verb.v[0]], post: true } : { post: true };
  }
  for (const p of ['بی', 'نا', 'غیر', 'ن']) {
    if (!w.startsWith(p)) continue;
    const e = stems(w.slice(p.length)).map(withV).find(Boolean);
    if (e?.v && (p !== 'ن' || e.verb)) return { v: [e.v[1], e.v[0]] };
  }
  for (const p of ['می', 'ال', 'و']) {
    if (!w.startsWith(p)) continue;
    const e = stems(w.slice(p.length)).map(withV).find(Boolean);
    if (e) return e;
  }
  return undefined;
}

type Unit = Entry & { text: string; punct?: boolean; bang?: boolean; arabic?: boolean };

/** Every unit gets the same fields in the same order (one object shape keeps the scoring loop fast). */
const unit = (text: string, e: Entry | undefined, punct = false): Unit => ({
  text,
  punct,
  bang: text === '!',
  arabic: ARABIC_LETTER.test(text),
  v: e?.v,
  boost: e?.boost,
  neg: e?.neg,
  post: e?.post,
  contrast: e?.contrast,
  concede: e?.concede,
  copula: e?.copula,
  conj: e?.conj,
  problem: e?.problem,
  fix: e?.fix,
  verb: e?.verb,
  repeat: e?.repeat,
  again: e?.again,
});

function resolveLanguage(norm: string, locale?: string): Lang {
  const l = locale?.toLowerCase().slice(0, 2);
  if (l === 'en' || l === 'fa' || l === 'ar') return l;
  let balance = 0; // Arabic-script letters minus Latin letters
  for (const ch of norm) {
    if (ARABIC_LETTER.test(ch)) balance++;
    else if (ch >= 'a' && ch <= 'z') balance--;
  }
  return balance > 0 ? 'fa' : 'en';
}

// Word meanings are pure functions of (language, word): cache them, bounded.
const memo = new Map<string, Entry | undefined>();
function meaning(w: string, lang: Lang, get: (k: string) => Entry | undefined): Entry | undefined {
  const key = `${lang} ${w}`;
  if (memo.has(key)) return memo.get(key);
  if (memo.size >= 20_000) memo.clear();
  const e = lookupWord(w, get);
  memo.set(key, e);
  return e;
}

/** Groups tokens into units: phrases of up to 3 words, single words with their meaning, punctuation. */
function units(tokens: Token[], lang: Lang): Unit[] {
  const get = (k: string) => (lang === 'ar' ? (AR_ONLY.get(k) ?? DICT.get(k)) : DICT.get(k));
  const out: Unit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    if (t.kind === 'punct') {
      out.push(unit(t.text, undefined, true));
      i++;
      continue;
    }
    let n = PHRASE_HEADS.has(t.text) ? 3 : 1;
    for (; n >= 2; n--) {
      const span = tokens.slice(i, i + n);
      if (span.length < n || span.some((s) => s.kind === 'punct')) continue;
      const text = span.map((s) => s.text).join(' ');
      const e = get(text);
      if (e) {
        out.push(unit(text, e));
        break;
      }
    }
    if (n >= 2) {
      i += n;
      continue;
    }
    let e = t.kind === 'word' ? meaning(t.text, lang, get) : get(t.text);
    if (t.text === 'کند' && FA_KONAD_VERB.has(tokens[i - 1]?.text ?? '')) e = undefined;
    out.push(unit(t.text, e));
    i++;
  }
  // An intensifier that is also a sentiment word ("super", "فوق العاده") intensifies when a sentiment word follows.
  out.forEach((u, i) => {
    if (u.boost && u.v) {
      if (out[i + 1]?.v) u.v = undefined;
      else u.boost = undefined;
    }
  });
  return out;
}

const isBoundary = (u: Unit) => u.punct || u.contrast || u.concede;

export function analyzeSentiment(text: string, locale?: string): { label: SentimentLabel; score: number } {
  const norm = normalizeText(text);
  const us = units(lex(norm), resolveLanguage(norm, locale));
  const lastContrast = us.findLastIndex((u) => u.contrast);

  // Per clause (between punctuation and "but"): does it report a fix, a problem, a return ("again")?
  const fixed = new Set<number>();
  const problem = new Set<number>();
  const again = new Set<number>();
  let clause = 0;
  const clauseOf = us.map((u) => {
    if (u.punct || u.contrast) clause++;
    if (u.fix) fixed.add(clause);
    if (u.problem) problem.add(clause);
    if (u.again) again.add(clause);
    return clause;
  });
  const valence = (u: Unit, c: number): [number, number] | undefined => {
    if (u.problem && fixed.has(c)) return undefined;
    if (u.repeat && again.has(c) && !problem.has(c)) return [1.5, -2];
    return u.v;
  };

  let sum = 0;
  let conceding = false;
  us.forEach((u, i) => {
    if (u.concede) conceding = true;
    if (u.punct) conceding = false;
    const v = valence(u, clauseOf[i]!);
    if (!v) return;
    let boost = 1;
    let negated = false;
    for (let d = 1; d <= 3; d++) {
      const p = us[i - d];
      if (!p || isBoundary(p)) break;
      if (d <= 2 && p.boost) boost *= p.boost;
      if (p.neg && p.neg >= d) negated = true;
      // "بدون مشکل رسید": the negator is used up by "مشکل" and does not reach "رسید".
      if (p.v && !us[i - d + 1]?.conj) break;
    }
    if (u.arabic) {
      for (let d = 1; d <= 3; d++) {
        const q = us[i + d];
        if (!q || isBoundary(q) || q.copula) break;
        if (q.post) negated = true;
        // "خوب کار نمی‌کند" reaches "خوب" through the verb; another sentiment word stops the scope.
        if (q.v && !q.verb && !us[i + d - 1]?.conj) break;
      }
    }
    let value = (negated ? v[1] : v[0]) * Math.min(boost, 2.5);
    if (lastContrast >= 0) value *= i < lastContrast ? 0.5 : 1.5;
    if (conceding) value *= 0.5;
    sum += value;
  });

  const bangs = Math.min(3, us.filter((u) => u.bang).length);
  sum += Math.sign(sum) * 0.3 * bangs;
  const score = Math.round((sum / Math.sqrt(sum * sum + ALPHA)) * 1000) / 1000 || 0;
  const label: SentimentLabel = score >= POSITIVE_AT ? 'positive' : score <= NEGATIVE_AT ? 'negative' : 'neutral';
  return { label, score };
}

const STOPWORDS = new Set(
  words(`a about above after again against all also am an and any are as at be because been before being below
  between both but by can could did do does doing don't down during each even ever few for from further get got
  had has have having he her here hers herself him himself his how i if in into is it its itself just let me
  more most much my myself no nor not of off on once one only or other our ours ourselves out over own really
  same she should so some such than that the their theirs them themselves then there these they this those
  through to too under until up us very was we were what when where which while who whom why will with would
  you your yours yourself yourselves can't won't isn't wasn't didn't doesn't cant dont wont isnt wasnt didnt
  doesnt im ive still yet may might must please hi hello
  و در به از که این آن اون را رو با برای بر تا هم یا اما ولی اگر چون پس نیز یعنی مثل مانند درباره بین روی زیر
  پیش بعد قبل همه هر هیچ چند چه چی چرا کجا کی کدام چطور چگونه آیا من تو او ما شما ایشان آنها اونها خود خودم
  خودش ام ای اش ات مان تان شان شون یم ید ند است هست هستم هستیم هستند نیست نیستم بود بودم بودند بوده باشد باشه
  شد شده شدم شود میشه شه کرد کردم کردند کردن کند کنم کنید کنه کنن میکنم میکنه کنیم دارد داره دارم داریم دارند
  داشت داشتم داشتیم ندارد نداره ندارم نداشت نداشتم خواهد خواهم میخواهم خواستم باید نباید شاید می نمی بی تر ترین
  ها های هایی یک یه خیلی بسیار واقعا کاملا فقط هنوز الان حالا دیگر دیگه باز حتی همین همان اینکه وقتی اینجا
  آنجا اونجا کسی چیزی البته اصلا کمی یکم نه آره بله خب لطفا سلام
  في من على إلى عن مع هذا هذه ذلك تلك التي الذي هو هي هم أنا نحن أنت كان كانت لا ما لم لن ليس قد ثم أو أن كل
  بعض جدا أيضا عند حتى إذا لقد`),
);

/**
 * The most frequent content terms across answers, for "what are people talking about": each term counts once per
 * text; English, Persian and Arabic stopwords, tokens shorter than 2 characters and pure numbers are left out.
 * Ties are broken alphabetically (by code unit) so the result is stable.
 */
export function topTerms(texts: string[], limit = 10): { term: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set(tokenize(text).filter((t) => t.length >= 2 && !/^\d+$/.test(t) && !STOPWORDS.has(t)));
    for (const t of seen) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return [...counts]
    .map(([term, count]) => ({ term, count }))
    .sort((a, b) => b.count - a.count || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0))
    .slice(0, Math.max(0, limit));
}
