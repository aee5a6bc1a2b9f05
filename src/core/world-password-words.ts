/**
 * Round 77 (77a-5, 77a-6, 77a-15): the word for "password" (and a few for "secret") in the world's most spoken languages,
 * one row a language, beside the lists foreign-secret-words.ts grew one finding at a time. A row gives the words as the
 * language writes them and, where people commonly write them so in keys and file names, in ASCII (romanised, or folded:
 * Welsh `cyfrinair`, Japanese `pasuwado`). Each word serves both sides: as a name it makes a value that looks generated a
 * secret (`tunnussana: Zx8k…`, `கடவுச்சொல்: Rk8q…`); as a value it is a locale's label for the password field, no secret
 * (`password: Cyfrinair`, `password: 암호`). Common translations, as software localisations write them (Mozilla pdf.js's
 * catalogues, https://github.com/mozilla/pdf.js l10n/<locale>/viewer.ftl `pdfjs-password-label`, write Tamil
 * `கடவுச்சொல்`); not each checked against a catalogue. Languages of the top 60 (Ethnologue's ranking) not in a row write
 * a word the older lists know (Spanish, French, Russian, Chinese, Hindi, Arabic, Japanese, German, Turkish, Vietnamese,
 * Korean, Italian, Thai, Polish, Ukrainian, Persian, Indonesian, Malay, Dutch, Romanian, Hungarian, Czech, Greek, Hebrew,
 * Swedish, Kazakh's `құпиясөз`) or the English word (Nigerian Pidgin, Tagalog).
 */
const WORLD: ReadonlyArray<readonly [language: string, written: readonly string[], ascii: readonly string[]]> = [
  ['Bengali, Assamese', ['পাসওয়ার্ড', 'পাছৱৰ্ড'], []],
  ['Marathi, Nepali', ['संकेतशब्द', 'पासवर्ड'], []],
  ['Telugu', ['పాస్వర్డ్', 'రహస్యపదం', 'సంకేతపదం'], ['rahasyapadam']],
  ['Tamil', ['கடவுச்சொல்'], ['kadavuchol', 'kadavuchchol']],
  ['Kannada', ['ಪಾಸ್ವರ್ಡ್', 'ಗುಪ್ತಪದ'], []],
  ['Malayalam', ['പാസ്വേഡ്', 'രഹസ്യവാക്ക്'], []],
  ['Gujarati', ['પાસવર્ડ'], []],
  ['Punjabi (Gurmukhi)', ['ਪਾਸਵਰਡ'], []],
  ['Odia', ['ପାସୱାର୍ଡ'], []],
  ['Sinhala', ['මුරපදය', 'මුරපද'], ['murapadaya']],
  ['Urdu, Punjabi (Shahmukhi), Sindhi', ['پاس ورڈ', 'پاسورڈ', 'پاسورڊ'], []],
  ['Pashto', ['پټنوم'], []],
  ['Persian', ['گذرواژه'], ['ramz_obur', 'ramz_e_obur', 'gozarvazhe']],
  [
    'Arabic (romanised)',
    [],
    ['kalimat_al_murur', 'kalimat_almurur', 'kalimat_al_sir', 'kalimat_al_sirr', 'kalimat_alsir', 'kalimat_sir', 'ramz'],
  ],
  ['Kurdish (Sorani)', ['وشەی نهێنی'], []],
  ['Hebrew', [], ['sisma', 'sismah']],
  ['Burmese', ['စကားဝှက်'], []],
  ['Khmer', ['ពាក្យសម្ងាត់'], []],
  ['Lao', ['ລະຫັດຜ່ານ'], []],
  ['Thai (romanised)', [], ['rahatphan', 'rahat_phan']],
  ['Amharic', ['የይለፍ ቃል'], []],
  ['Tigrinya', ['መሕለፊ ቃል'], []],
  ['Armenian', ['գաղտնաբառ'], ['gaghtnabar']],
  ['Georgian', ['პაროლი'], ['paroli']],
  ['Korean', ['암호'], ['bimilbeonho', 'bimil_beonho', 'paeseuwodeu']],
  ['Japanese (romanised)', [], ['pasuwado', 'pasuwaado']],
  ['Greek (romanised)', [], ['kodikos', 'kodikos_prosvasis']],
  ['Kazakh, Kyrgyz', ['құпия сөз', 'сырсөз'], ['kupiya_soz', 'kupiyasoz']],
  ['Uzbek, Turkmen', [], ['maxfiy_soz', 'acarsoz']],
  ['Finnish, German, Dutch', [], ['tunnussana', 'zugangscode', 'zugangs_code', 'toegangscode']],
  ['Welsh, Basque, Irish, Latvian, Galician', [], ['cyfrinair', 'pasahitza', 'pasfhocal', 'parole', 'contrasinal']],
  ['Esperanto, Luxembourgish', [], ['pasvorto', 'passwuert']],
  ['Hausa, Yoruba, Igbo', [], ['kalmar_sirri', 'oro_igbaniwole', 'okwuntughe']],
  ['Javanese, Sundanese', [], ['tembung_sandi', 'tembung_sandhi', 'kecap_konci']],
  // Round 78 (78a-1): Tatar, West Frisian, Faroese, Maori, Haitian Creole.
  ['Tatar', ['серсүз'], []],
  ['Frisian, Faroese, Maori, Haitian Creole', [], ['wachtwurd', 'loyniord', 'kupuhipa', 'modpas']],
  ['Zulu, Xhosa', [], ['iphasiwedi', 'igama_lokugqitha']],
  ['Somali, Oromo, Malagasy', [], ['furaha_sirta', 'jecha_icciitii', 'tenimiafina']],
  // Round 79 (79a-10): German `geheim` (secret) and `Geheimzahl` (a PIN), Swedish `lösen` (lösenord cut short), Indonesian
  // `sandi` (kata sandi cut short), Russian пароля/паролю/паролем romanised, Swahili `pasikodi` (passcode).
  ['German', [], ['geheim', 'geheimzahl', 'geheimwort']],
  ['Swedish, Indonesian', [], ['losen', 'sandi']],
  ['Russian (romanised forms)', [], ['parolya', 'parolyu', 'parolem']],
  ['Swahili', [], ['pasikodi']],
];

/** Lets a zero-width joiner or non-joiner stand after a virama or another sign (Telugu `పాస్‌వర్డ్` writes one there). */
const joinerTolerant = (word: string): string => word.replace(/([\u0900-\u0dff\u1000-\u109f\u1780-\u17ff])/g, '$1[\\u200c\\u200d]?');

/**
 * The written words, for NON_LATIN_SECRET (NFKC, lower case): a blank inside one may be `_` or several blanks. Scripts
 * of India and South-East Asia glue case endings on (Tamil `கடவுச்சொல்லை`), so only the start is bounded.
 */
export const WORLD_PASSWORD_WRITTEN = WORLD.flatMap(([, written]) => written)
  .map((word) => joinerTolerant(word.normalize('NFKC').toLowerCase()).replace(/ /g, '[\\s_]{1,4}'))
  .join('|')
  // Korean `암호화` is encryption, not the password.
  .replace('암호', '암호(?!화)');

/** Words that are English words too (`parole: granted in 2019` is no setting): a label's word or a value, no key name. */
const ENGLISH_TOO = new Set(['parole']);
/** Those words as an alternation, for a name that holds one after another word (foreign-secret-words.ts, `DB_PAROLE`). */
export const ENGLISH_TOO_WORDS = [...ENGLISH_TOO].join('|');
const keyNames = [...new Set(WORLD.flatMap(([, , ascii]) => ascii))].filter((word) => !ENGLISH_TOO.has(word));

/** The ASCII words, for FOREIGN_SECRET_IN_TEXT: `_` as any separator or none (`kalimat al murur`, `bimilbeonho`). */
export const WORLD_PASSWORD_ASCII = keyNames.map((word) => word.replace(/_/g, String.raw`[\s_.-]?`)).join('|');

/** The same, each word as one, for a label's word (secret-word-labels.ts: `mot-de-passe`'s form, `-` between words). */
export const WORLD_PASSWORD_LABEL_ASCII = [...new Set(WORLD.flatMap(([, , ascii]) => ascii))]
  .map((word) => word.replace(/_/g, '-?'))
  .join('|');

/** The ASCII words with nothing between their parts, for IN_FOREIGN_SECRET's cheap test. */
export const WORLD_PASSWORD_CLUES = keyNames.map((word) => word.replace(/_/g, '')).join('|');

/**
 * Whether a text holds a letter of a script only the table's written words bring (Indic, Lao, Burmese, Ethiopic, Khmer;
 * Arabic and Hangul for Pashto `پټنوم`, Korean `암호`): a cheap test before a reader of labels looks for them.
 */
export const mayHoldWorldPasswordWord = (text: string): boolean =>
  /[\u0900-\u0dff\u0600-\u06ff\u0e80-\u0eff\u1000-\u109f\u1200-\u137f\u1780-\u17ff\uac00-\ud7af]/u.test(text);
