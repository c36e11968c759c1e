// The languages a user can speak or learn: ISO 639-1 codes ordered by total speakers (first and second language,
// rounded estimates), so the position in LANGUAGE_CODES is the popularity rank. Any pair of them can form a tandem.
// Language names live here (native, English, and Russian in russianNames.ts) rather than in the message catalog:
// a language is shown by its own name whatever the interface language, next to a name the reader knows.
import { RUSSIAN_NAMES } from './russianNames.js';

export const LANGUAGE_CODES = [
  'en', 'zh', 'hi', 'es', 'ar', 'fr', 'bn', 'pt', 'ru', 'id',
  'ur', 'de', 'ja', 'mr', 'vi', 'te', 'ha', 'tr', 'sw', 'tl',
  'ta', 'fa', 'ko', 'th', 'jv', 'it', 'gu', 'am', 'kn', 'pa',
  'pl', 'yo', 'ml', 'uk', 'ms', 'or', 'my', 'uz', 'ig', 'om',
  'ps', 'su', 'ro', 'nl', 'ku', 'az', 'ne', 'sd', 'si', 'km',
  'so', 'zu', 'mg', 'as', 'el', 'cs', 'hu', 'rw', 'sv', 'kk',
  'ny', 'xh', 'sn', 'he', 'sr', 'be', 'bg', 'ht', 'ti', 'af',
  'da', 'fi', 'sk', 'no', 'hr', 'ka', 'hy', 'sq', 'bs', 'mn',
  'lt', 'ky', 'tg', 'tk', 'lo', 'mk', 'sl', 'lv', 'et', 'ca',
  'eu', 'gl', 'ga', 'cy', 'is', 'mt', 'lb', 'eo', 'la',
] as const;

export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export interface LanguageInfo {
  readonly code: LanguageCode;
  readonly englishName: string;
  readonly nativeName: string;
  /** A flag of a country where the language is at home, or a fitting emoji where no single flag fits. */
  readonly flag: string;
  /** 1 = most spoken. */
  readonly rank: number;
  /** Other names people search for (Mandarin, Farsi, Filipino). */
  readonly aliases: readonly string[];
}

type LanguageData = Omit<LanguageInfo, 'code' | 'rank' | 'aliases'> & { readonly aliases?: readonly string[] };

// A Record keyed by LanguageCode makes the compiler reject a missing or an extra language.
const DATA: Readonly<Record<LanguageCode, LanguageData>> = {
  en: { englishName: 'English', nativeName: 'English', flag: '🇬🇧' },
  zh: { englishName: 'Chinese', nativeName: '中文', flag: '🇨🇳', aliases: ['Mandarin', 'Putonghua'] },
  hi: { englishName: 'Hindi', nativeName: 'हिन्दी', flag: '🇮🇳' },
  es: { englishName: 'Spanish', nativeName: 'Español', flag: '🇪🇸', aliases: ['Castilian'] },
  ar: { englishName: 'Arabic', nativeName: 'العربية', flag: '🇸🇦' },
  fr: { englishName: 'French', nativeName: 'Français', flag: '🇫🇷' },
  bn: { englishName: 'Bengali', nativeName: 'বাংলা', flag: '🇧🇩', aliases: ['Bangla'] },
  pt: { englishName: 'Portuguese', nativeName: 'Português', flag: '🇵🇹' },
  ru: { englishName: 'Russian', nativeName: 'Русский', flag: '🇷🇺' },
  id: { englishName: 'Indonesian', nativeName: 'Bahasa Indonesia', flag: '🇮🇩' },
  ur: { englishName: 'Urdu', nativeName: 'اردو', flag: '🇵🇰' },
  de: { englishName: 'German', nativeName: 'Deutsch', flag: '🇩🇪' },
  ja: { englishName: 'Japanese', nativeName: '日本語', flag: '🇯🇵' },
  mr: { englishName: 'Marathi', nativeName: 'मराठी', flag: '🇮🇳' },
  vi: { englishName: 'Vietnamese', nativeName: 'Tiếng Việt', flag: '🇻🇳' },
  te: { englishName: 'Telugu', nativeName: 'తెలుగు', flag: '🇮🇳' },
  ha: { englishName: 'Hausa', nativeName: 'Hausa', flag: '🇳🇬' },
  tr: { englishName: 'Turkish', nativeName: 'Türkçe', flag: '🇹🇷' },
  sw: { englishName: 'Swahili', nativeName: 'Kiswahili', flag: '🇹🇿' },
  tl: { englishName: 'Tagalog', nativeName: 'Tagalog', flag: '🇵🇭', aliases: ['Filipino'] },
  ta: { englishName: 'Tamil', nativeName: 'தமிழ்', flag: '🇮🇳' },
  fa: { englishName: 'Persian', nativeName: 'فارسی', flag: '🇮🇷', aliases: ['Farsi', 'Dari'] },
  ko: { englishName: 'Korean', nativeName: '한국어', flag: '🇰🇷' },
  th: { englishName: 'Thai', nativeName: 'ไทย', flag: '🇹🇭' },
  jv: { englishName: 'Javanese', nativeName: 'Basa Jawa', flag: '🇮🇩' },
  it: { englishName: 'Italian', nativeName: 'Italiano', flag: '🇮🇹' },
  gu: { englishName: 'Gujarati', nativeName: 'ગુજરાતી', flag: '🇮🇳' },
  am: { englishName: 'Amharic', nativeName: 'አማርኛ', flag: '🇪🇹' },
  kn: { englishName: 'Kannada', nativeName: 'ಕನ್ನಡ', flag: '🇮🇳' },
  pa: { englishName: 'Punjabi', nativeName: 'ਪੰਜਾਬੀ', flag: '🇮🇳', aliases: ['Panjabi'] },
  pl: { englishName: 'Polish', nativeName: 'Polski', flag: '🇵🇱' },
  yo: { englishName: 'Yoruba', nativeName: 'Yorùbá', flag: '🇳🇬' },
  ml: { englishName: 'Malayalam', nativeName: 'മലയാളം', flag: '🇮🇳' },
  uk: { englishName: 'Ukrainian', nativeName: 'Українська', flag: '🇺🇦' },
  ms: { englishName: 'Malay', nativeName: 'Bahasa Melayu', flag: '🇲🇾' },
  or: { englishName: 'Odia', nativeName: 'ଓଡ଼ିଆ', flag: '🇮🇳', aliases: ['Oriya'] },
  my: { englishName: 'Burmese', nativeName: 'မြန်မာ', flag: '🇲🇲', aliases: ['Myanmar'] },
  uz: { englishName: 'Uzbek', nativeName: 'Oʻzbekcha', flag: '🇺🇿' },
  ig: { englishName: 'Igbo', nativeName: 'Asụsụ Igbo', flag: '🇳🇬' },
  om: { englishName: 'Oromo', nativeName: 'Afaan Oromoo', flag: '🇪🇹' },
  ps: { englishName: 'Pashto', nativeName: 'پښتو', flag: '🇦🇫' },
  su: { englishName: 'Sundanese', nativeName: 'Basa Sunda', flag: '🇮🇩' },
  ro: { englishName: 'Romanian', nativeName: 'Română', flag: '🇷🇴', aliases: ['Moldovan'] },
  nl: { englishName: 'Dutch', nativeName: 'Nederlands', flag: '🇳🇱', aliases: ['Flemish'] },
  // Kurdish is spoken across four states and no single national flag fits it.
  ku: { englishName: 'Kurdish', nativeName: 'Kurdî', flag: '🗣️' },
  az: { englishName: 'Azerbaijani', nativeName: 'Azərbaycanca', flag: '🇦🇿', aliases: ['Azeri'] },
  ne: { englishName: 'Nepali', nativeName: 'नेपाली', flag: '🇳🇵' },
  sd: { englishName: 'Sindhi', nativeName: 'سنڌي', flag: '🇵🇰' },
  si: { englishName: 'Sinhala', nativeName: 'සිංහල', flag: '🇱🇰', aliases: ['Sinhalese'] },
  km: { englishName: 'Khmer', nativeName: 'ខ្មែរ', flag: '🇰🇭', aliases: ['Cambodian'] },
  so: { englishName: 'Somali', nativeName: 'Soomaali', flag: '🇸🇴' },
  zu: { englishName: 'Zulu', nativeName: 'isiZulu', flag: '🇿🇦' },
  mg: { englishName: 'Malagasy', nativeName: 'Malagasy', flag: '🇲🇬' },
  as: { englishName: 'Assamese', nativeName: 'অসমীয়া', flag: '🇮🇳' },
  el: { englishName: 'Greek', nativeName: 'Ελληνικά', flag: '🇬🇷' },
  cs: { englishName: 'Czech', nativeName: 'Čeština', flag: '🇨🇿' },
  hu: { englishName: 'Hungarian', nativeName: 'Magyar', flag: '🇭🇺' },
  rw: { englishName: 'Kinyarwanda', nativeName: 'Ikinyarwanda', flag: '🇷🇼' },
  sv: { englishName: 'Swedish', nativeName: 'Svenska', flag: '🇸🇪' },
  kk: { englishName: 'Kazakh', nativeName: 'Қазақ тілі', flag: '🇰🇿' },
  ny: { englishName: 'Chichewa', nativeName: 'Chichewa', flag: '🇲🇼', aliases: ['Nyanja'] },
  xh: { englishName: 'Xhosa', nativeName: 'isiXhosa', flag: '🇿🇦' },
  sn: { englishName: 'Shona', nativeName: 'chiShona', flag: '🇿🇼' },
  he: { englishName: 'Hebrew', nativeName: 'עברית', flag: '🇮🇱' },
  sr: { englishName: 'Serbian', nativeName: 'Српски', flag: '🇷🇸' },
  be: { englishName: 'Belarusian', nativeName: 'Беларуская', flag: '🇧🇾' },
  bg: { englishName: 'Bulgarian', nativeName: 'Български', flag: '🇧🇬' },
  ht: { englishName: 'Haitian Creole', nativeName: 'Kreyòl ayisyen', flag: '🇭🇹' },
  ti: { englishName: 'Tigrinya', nativeName: 'ትግርኛ', flag: '🇪🇷' },
  af: { englishName: 'Afrikaans', nativeName: 'Afrikaans', flag: '🇿🇦' },
  da: { englishName: 'Danish', nativeName: 'Dansk', flag: '🇩🇰' },
  fi: { englishName: 'Finnish', nativeName: 'Suomi', flag: '🇫🇮' },
  sk: { englishName: 'Slovak', nativeName: 'Slovenčina', flag: '🇸🇰' },
  no: { englishName: 'Norwegian', nativeName: 'Norsk', flag: '🇳🇴', aliases: ['Bokmål', 'Nynorsk'] },
  hr: { englishName: 'Croatian', nativeName: 'Hrvatski', flag: '🇭🇷' },
  ka: { englishName: 'Georgian', nativeName: 'ქართული', flag: '🇬🇪' },
  hy: { englishName: 'Armenian', nativeName: 'Հայերեն', flag: '🇦🇲' },
  sq: { englishName: 'Albanian', nativeName: 'Shqip', flag: '🇦🇱' },
  bs: { englishName: 'Bosnian', nativeName: 'Bosanski', flag: '🇧🇦' },
  mn: { englishName: 'Mongolian', nativeName: 'Монгол', flag: '🇲🇳' },
  lt: { englishName: 'Lithuanian', nativeName: 'Lietuvių', flag: '🇱🇹' },
  ky: { englishName: 'Kyrgyz', nativeName: 'Кыргызча', flag: '🇰🇬', aliases: ['Kirghiz'] },
  tg: { englishName: 'Tajik', nativeName: 'Тоҷикӣ', flag: '🇹🇯' },
  tk: { englishName: 'Turkmen', nativeName: 'Türkmençe', flag: '🇹🇲' },
  lo: { englishName: 'Lao', nativeName: 'ລາວ', flag: '🇱🇦', aliases: ['Laotian'] },
  mk: { englishName: 'Macedonian', nativeName: 'Македонски', flag: '🇲🇰' },
  sl: { englishName: 'Slovenian', nativeName: 'Slovenščina', flag: '🇸🇮', aliases: ['Slovene'] },
  lv: { englishName: 'Latvian', nativeName: 'Latviešu', flag: '🇱🇻' },
  et: { englishName: 'Estonian', nativeName: 'Eesti', flag: '🇪🇪' },
  // Andorra is the one state whose sole official language is Catalan.
  ca: { englishName: 'Catalan', nativeName: 'Català', flag: '🇦🇩', aliases: ['Valencian'] },
  eu: { englishName: 'Basque', nativeName: 'Euskara', flag: '🇪🇸' },
  gl: { englishName: 'Galician', nativeName: 'Galego', flag: '🇪🇸' },
  ga: { englishName: 'Irish', nativeName: 'Gaeilge', flag: '🇮🇪', aliases: ['Gaelic'] },
  cy: { englishName: 'Welsh', nativeName: 'Cymraeg', flag: '🏴󠁧󠁢󠁷󠁬󠁳󠁿' },
  is: { englishName: 'Icelandic', nativeName: 'Íslenska', flag: '🇮🇸' },
  mt: { englishName: 'Maltese', nativeName: 'Malti', flag: '🇲🇹' },
  lb: { englishName: 'Luxembourgish', nativeName: 'Lëtzebuergesch', flag: '🇱🇺' },
  eo: { englishName: 'Esperanto', nativeName: 'Esperanto', flag: '🌍' },
  la: { englishName: 'Latin', nativeName: 'Latina', flag: '🏛️' },
};

export const LANGUAGES: readonly LanguageInfo[] = LANGUAGE_CODES.map((code, index) => {
  const { aliases = [], ...rest } = DATA[code];
  return Object.freeze({ code, rank: index + 1, aliases, ...rest });
});

const BY_CODE: ReadonlyMap<string, LanguageInfo> = new Map(LANGUAGES.map((info) => [info.code, info]));

export const isLanguageCode = (value: string): value is LanguageCode => BY_CODE.has(value);

export const languageInfo = (code: LanguageCode): LanguageInfo => {
  const info = BY_CODE.get(code);
  // Unreachable for a LanguageCode; guards callers that cast unchecked input.
  if (info === undefined) throw new RangeError(`unknown language code: ${code}`);
  return info;
};

/**
 * The name of a language in an interface language: the Russian name in the Russian interface, the English name in
 * any other. Callers usually show the native name beside it.
 */
export const languageName = (code: LanguageCode, locale: string): string =>
  locale === 'ru' ? RUSSIAN_NAMES[code] : languageInfo(code).englishName;

/**
 * The languages offered as buttons before the user searches: the most studied ones on language-learning
 * platforms, which for a tandem bot matters more than the raw speaker count behind `rank`.
 */
export const POPULAR_LANGUAGES: readonly LanguageCode[] = [
  'en', 'es', 'fr', 'de', 'ja', 'it', 'ko', 'zh', 'ru', 'pt', 'ar', 'hi',
];
