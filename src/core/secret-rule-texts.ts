import { holdsNonLatinSecretWord, namesForeignSecret } from './foreign-secret-words';
import { atFirstUse } from './lazy-regexp';
import { looksGenerated } from './generated-runs';

/**
 * Round 78 (78a-8): a message catalogue's text that states a rule or an error about the password, in any language and
 * script (`Пароль має містити щонайменше 12 символів`, `הסיסמה שגויה`, `पासवर्ड गलत है`, `パスワードは8文字以上必要です`,
 * `Hasło zostało zmienione`, `Şifre en az 8 karakter olmalıdır`): it names the secret, says something about it, and
 * holds no value. The README's English `Password: at least 12 characters, one digit.` in the languages software is
 * translated to. A text of words only (letters, signs, punctuation, blanks) and counts of one or two digits (`8文字`,
 * `12 символів`); a digit glued to a Latin letter, a longer number or a generated-looking word stays a value, so does a
 * passphrase (it names no password: `wrong horse battery`).
 */

/**
 * Words of a rule (at least, characters, required, must) or an error (wrong, invalid, changed, expired), as stems read
 * after no letter (a word's start), in the languages world-password-words.ts's table and foreign-secret-words.ts's lists
 * cover most (the author's knowledge of the languages; common translations of a password form's messages).
 */
const SPACED_STEMS = [
  // English, German, French, Spanish, Portuguese, Italian, Dutch.
  'wrong|incorrect|invalid|required|changed|expired|at least|characters|falsch|ungültig|erforderlich|geändert|mindestens|zeichen|incorrecte?|invalide|obligatoire|modifié|au moins|caractères|incorrecta|inválid|obligatori|cambiad|al menos|caracteres|obrigatóri|alterad|pelo menos|errat|obbligatori|modificat|almeno|caratteri|onjuist|ongeldig|verplicht|gewijzigd|minstens|tekens',
  // Polish, Czech, Slovak, Turkish, Vietnamese, Indonesian, Romanian, Hungarian.
  'błędn|nieprawidłow|wymagan|zmienion|zmieniono|co najmniej|znak|špatn|nesprávn|neplatn|povinn|změněn|zmenen|alespoň|aspoň|znaků|yanlış|hatalı|geçersiz|gerekli|zorunlu|değiştirildi|en az|karakter|olmalı|sai|không đúng|bắt buộc|đã thay đổi|ít nhất|ký tự|phải|salah|wajib|minimal|paling sedikit|greșit|obligatori|cel puțin|caractere|hibás|érvénytelen|kötelező|legalább|karakter',
  // Russian, Ukrainian, Bulgarian, Serbian, Kazakh, Greek, Georgian, Armenian.
  'неверн|неправильн|обязател|изменён|изменен|не менее|минимум|символ|должен|содерж|невірн|обов|змінено|змінен|щонайменше|має|повинен|грешн|невалидн|задължителн|промен|поне|знака|погрешн|обавезн|најмање|қате|міндетті|кемінде|таңба|λάθος|λανθασμέν|άκυρ|υποχρεωτικ|άλλαξε|τουλάχιστον|χαρακτήρ|არასწორ|სავალდებულო|შეიცვალა|მინიმუმ|სიმბოლო|սխալ|պարտադիր',
  // Hebrew, Arabic, Persian, Urdu (their words may carry a prefix: `ה`, `ال`).
  'שגוי|לא נכונ|חובה|שונתה|לפחות|תווים|غير صحيح|خاطئ|مطلوب|تم تغيير|على الأقل|أحرف|حروف|نادرست|اشتباه|الزامی|حداقل|کاراکتر|غلط|ضروری|کم از کم',
  // Hindi, Marathi, Bengali, Tamil, Telugu, Kannada, Malayalam, Sinhala, Gujarati, Punjabi.
  'गलत|ग़लत|आवश्यक|अमान्य|बदल|कम से कम|अक्षर|वर्ण|ভুল|আবশ্যক|কমপক্ষে|அக்ஷர|தவறான|தவறு|கட்டாய|குறைந்தது|తప్పు|తప్పనిసరి|కనీసం|అక్షరాల|ತಪ್ಪು|ಕಡ್ಡಾಯ|ಕನಿಷ್ಠ|തെറ്റ|നിർബന്ധ|കുറഞ്ഞത്|වැරදි|අවශ්‍ය|අවම|ખોટ|ફરજિયાત|ઓછામાં ઓછા|ਗਲਤ|ਲਾਜ਼ਮੀ',
].join('|');
/** The same in scripts written without blanks (Japanese, Chinese, Korean's glued endings, Thai): read anywhere. */
const UNSPACED_STEMS =
  '間違|正しくありません|無効|必須|必要|変更され|以上|文字|错误|錯誤|不正确|不正確|无效|無效|必填|必须|必須|已更改|已修改|至少|字符|字元|틀렸|잘못|올바르지|필수|변경되었|이상|ไม่ถูกต้อง|ผิด|จำเป็น|เปลี่ยนแล้ว|อย่างน้อย|ตัวอักษร|อักขระ';
const RULE_WORD = atFirstUse(() => new RegExp(`(?<![\\p{L}\\p{M}])(?:${SPACED_STEMS})|${UNSPACED_STEMS}`, 'iu'));

/** A text of words and short counts: letters, marks, punctuation, blanks, numbers of one or two digits. */
const WORDS_AND_COUNTS = atFirstUse(() => /^[\p{L}\p{M}\p{P}\p{Zs}\p{Cf}\d]{2,200}$/u);

/** Whether `value` states a rule or an error about the password in words (see above), no value in it. */
export function statesSecretRule(value: string): boolean {
  const text = value.trim().normalize('NFKC');
  if (!WORDS_AND_COUNTS().test(text) || /\d{3}|[A-Za-z]\d|\d[A-Za-z]/.test(text)) return false;
  // The one costly test last but this cheap one first: most labelled values state no rule.
  if (!RULE_WORD().test(text.toLowerCase())) return false;
  const words = text.split(/[\s\p{P}]+/u).filter((word) => word !== '');
  if (words.length < 2 && !/[^\t-\u024f]/.test(text)) return false;
  if (words.some((word) => word.length >= 8 && looksGenerated(word))) return false;
  const namesSecret =
    holdsNonLatinSecretWord(text) ||
    words.some((word, i) => namesForeignSecret(word) || namesForeignSecret(`${word} ${words[i + 1] ?? ''}`));
  return namesSecret;
}
