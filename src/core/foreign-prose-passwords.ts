import { foldLetters } from './folded-letters';
import { namesForeignSecret } from './foreign-secret-words';
import { MORE_NAMES, isSentenceWord, sentenceWordCount } from './labelled-password-values';
import { isPlaceholder } from './placeholders';
import { isProseValue } from './prose-values';
import { isProseWordAfterLabel } from './prose-after-label-words';
import { QUOTED_WORD, quotesPair } from './quoted-words';
import { namesSecretAsLabel } from './secret-word-labels';

/**
 * Round 66 (attack 66a-5): a password given in a sentence after its label in languages whose sentence the label readers
 * (labelled-password-values.ts) do not read: Polish `Hasło to rekin`, Russian `пароль от вайфая — акула`, `пароль акула`,
 * `Пароль от wifi: акула`, Japanese `パスワードは sakana です`, `パスワード: hunter2`, Chinese `密码是 shayu`, Korean
 * `비밀번호는 sangeo 입니다`, Hebrew `הסיסמה היא karish`, Thai `รหัสผ่านคือ chalam`, Turkish without a colon `Şifre
 * kopekbaligi`. The copulas are the languages' own (`to`, `это`, `は … です`, `是`, `는 … 입니다`, `היא`, `คือ`; the
 * author's knowledge of the languages). The word after the label is the password when it ends its clause and is no
 * sentence's word: in Latin letters the sentence-word verdict (prose-after-label-words.ts), in Cyrillic the stems below.
 * Languages written without blanks (Japanese, Chinese, Korean, Thai) and Hebrew were read only for a value in ASCII
 * (`パスワードは8文字以上です` says a rule); round 76 (76a-1) reads a short run of their own script too, unless it holds
 * a sentence's word (NATIVE_PROSE).
 * Round 68 (68a-8): a word in the languages' quotation marks (quoted-words.ts: `「…」`, `“…”`, `《…》`, `„…”`, `« … »`,
 * `'…'입니다`) is the value in any script, the marks saying so (`비밀번호는 '스워드피시'입니다`); a sentence's word
 * quoted (`пароль «от» …`), a placeholder or a mask is none. And French's label with a colon, as French typography
 * spaces it (`Mot de passe : …`, a no-break space too).
 */
export const FOREIGN_PROSE_PASSWORD =
  'a password in prose after its label in another language, or on the line below it (`Hasło to …`, `пароль — …`, `パスワードは …`, `密码是 …`, `비밀번호는 …`, `הסיסמה היא …`, `รหัสผ่านคือ …`, `Şifre …`)';

/** The longest text read, as the data reader reads (text-data.ts): linear, 0.4 s for 1 MiB of `пароль ` (the worst case tried). */
const MAX_TEXT = 1024 * 1024;
/**
 * A value: letters, digits and a password's signs, no blank, or a word in quotation marks (QUOTED_WORD, in any script);
 * what follows must end its clause (ENDS).
 */
const VALUE = String.raw`[ \t]*(?:${QUOTED_WORD}|["'«„“*]?(?<v>[\p{L}\p{N}][\p{L}\p{N}\p{M}_.@#$%&*+!?=~^-]{0,63}))`;
/**
 * An ASCII value, for the languages read only so (see above), or a quoted word; or (76a-1) a short run of the label's own
 * script (`パスワードは ひまわり`, `密码是向日葵`, `비밀번호는 해바라기`, `הסיסמה היא חמנייה`, `รหัสผ่านคือ ทานตะวัน`),
 * which isNativePassword judges. Its length is bounded: a longer run is a sentence written without blanks.
 */
const ASCII_VALUE = String.raw`[ \t]*(?:${QUOTED_WORD}|["'«„“*]?(?<v>[A-Za-z0-9][\x21-\x7e]{0,63})|(?<n>[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー\p{Script=Hangul}\p{Script=Hebrew}\p{Script=Thai}]{2,16}))`;
/** The clause ends after the value: the text's or line's end, punctuation, or a copula that closes (`です`, `입니다`, `。`). */
const ENDS = String.raw`(?=[ \t]*(?:$|[\r\n。．、，,;；!！?？)）"'»”’」』》〉]|\.(?:\s|$)|です|だ|입니다|이다|예요|이에요|ครับ|ค่ะ))`;
/** A dash, a colon (full-width too) or (76a-15: `密码=…`, `пароль = …`) an equals sign, with blanks: what separates a label from its value. */
const SEPARATOR = String.raw`[ \t]*(?:[—–:：]|-{1,2}|->|=>|[=＝](?!=))`;
/**
 * 76a-21: a passphrase of two to six lower-case words after a colon label (`Mot de passe : cheval correct agrafe
 * batterie`, `Пароль: правильная лошадь`), to the clause's end: isPassphraseAfterLabel judges it.
 */
const PHRASE = String.raw`[ \t]*(?<p>\p{L}[\p{L}\p{M}'-]{0,19}(?:[ \t]+\p{L}[\p{L}\p{M}'-]{0,19}){1,5})`;

/**
 * The forms, each label then what stands before the value: a sentence's copula or a separator. Russian may name what
 * the password is for first (`от вайфая`, `для root`, `к базе`: one or two words before a separator).
 */
/**
 * 73b-3: the owner in the genitive with no preposition, Russian and Ukrainian (`Пароль администратора: X`, `Пароль
 * адміністратора: X`), maybe then its name (`Пароль пользователя admin: X`).
 */
const CYRILLIC_OWNER = String.raw`[ \t]+(?:администратора|админа|пользователя|адміністратора|користувача|root)(?:[ \t]+[\w.@-]{1,32})?`;

type Form = { form: RegExp; ascii: boolean; bare?: boolean; short?: boolean };
/**
 * Built at the first text that may hold one (foreignProsePasswordSpans), not when this module loads: their `\p{L}`s
 * cost V8 about 0.3 M instructions each to parse, and most synths read no such text.
 */
let forms: ReadonlyArray<Form> | undefined;
const FORMS = (): ReadonlyArray<Form> =>
  (forms ??= [
    // 69a-6: the owner in the genitive, maybe then its name (`Hasło administratora to X`, `Hasło użytkownika admin to X`).
    {
      form: new RegExp(
        String.raw`(?<!\p{L})has[łl]o(?:[ \t]+(?:administratora|admina|roota|u[żz]ytkownika|konta)(?:[ \t]+(?!to\b|jest\b)[\w.@-]{1,32})?)?[ \t]+(?:to|jest|brzmi)${VALUE}${ENDS}`,
        'giu',
      ),
      ascii: false,
    },
    {
      form: new RegExp(
        String.raw`(?<!\p{L})парол[ьи](?:[ \t]+(?:от|для|к|на)[ \t]+[^\s:—–-](?:[^\s:—–]{0,30}[^\s:—–-])?(?:[ \t]+[^\s:—–-]{1,32})?|${CYRILLIC_OWNER})?(?:${SEPARATOR}|[ \t]+(?:это|—[ \t]*это))${VALUE}${ENDS}`,
        'giu',
      ),
      ascii: false,
    },
    // A blank, then VALUE's blanks: one run of blanks, read one way only (`[ \t]+` then `[ \t]*` split 40,000 blanks every way).
    { form: new RegExp(String.raw`(?<!\p{L})пароль(?=[ \t])${VALUE}${ENDS}`, 'giu'), ascii: false, bare: true },
    // 76a-15: an env-style name holding the label (`ПАРОЛЬ_DB=…`, `DB_ПАРОЛЬ=…`, Arabic `كلمة_المرور=…`).
    {
      form: new RegExp(
        String.raw`(?<![\p{L}\p{N}_])(?:[\p{L}\p{N}]{1,20}_парол[ьи](?:_[\p{L}\p{N}]{1,20})?|парол[ьи]_[\p{L}\p{N}]{1,20}|(?:[\p{L}\p{N}]{1,20}_)?كلمة_(?:ال)?(?:مرور|سر)(?:_[\p{L}\p{N}]{1,20})?)[ \t]*=(?!=)${VALUE}${ENDS}`,
        'giu',
      ),
      ascii: false,
    },
    {
      form: new RegExp(
        String.raw`(?<!\p{L})(?:парол[ьи]${SEPARATOR}|mot[ \t\u00a0]de[ \t\u00a0]passe[ \t\u00a0\u202f]*:)${PHRASE}${ENDS}`,
        'giu',
      ),
      ascii: false,
    },
    // 68a-8: `Mot de passe : « espadon »`, `Mot de passe : espadon` (the blank before the colon French typography's).
    { form: new RegExp(String.raw`(?<!\p{L})mot[ \t\u00a0]de[ \t\u00a0]passe[ \t\u00a0\u202f]*:${VALUE}${ENDS}`, 'giu'), ascii: false },
    { form: new RegExp(String.raw`パスワード(?:は|${SEPARATOR})${ASCII_VALUE}${ENDS}`, 'gu'), ascii: true },
    // 68a-22: `パスワードに X を入力します` (enter X as the password), `…，密码 X` (a blank alone after the label).
    { form: new RegExp(String.raw`パスワードに${ASCII_VALUE}[ \t]*を(?:入力|使)`, 'gu'), ascii: true },
    { form: new RegExp(String.raw`(?:密码|密碼|口令)(?:是|为|為|${SEPARATOR}|(?=[ \t]))${ASCII_VALUE}${ENDS}`, 'gu'), ascii: true },
    // 70a-20: Korean `비번` too, 비밀번호's everyday short form.
    { form: new RegExp(String.raw`(?:비밀번호|비번|패스워드|암호)(?:는|은|${SEPARATOR})${ASCII_VALUE}${ENDS}`, 'gu'), ascii: true },
    // 70a-20: the short forms of Dutch `wachtwoord` (`ww`) and Swedish `lösenord` (`lösen`), as `pw`: a colon, then a value of 6 or more with a digit or sign.
    { form: new RegExp(String.raw`(?<![\p{L}\p{N}_.-])(?:ww|l(?:ö|o)sen)[ \t]*:${VALUE}${ENDS}`, 'giu'), ascii: false, short: true },
    {
      // 73b-3: its owner after `של` (of: `הסיסמה של המנהל היא X`).
      form: new RegExp(
        String.raw`(?<!\p{L})ה?סיסמ[הא](?:[ \t]+של[ \t]+[^\s:]{1,32})?(?:[ \t]+(?:היא|הוא|זה)|${SEPARATOR})${ASCII_VALUE}${ENDS}`,
        'gu',
      ),
      ascii: true,
    },
    // 73b-3: its owner after `ของ` (of), written without blanks (`รหัสผ่านของผู้ดูแลคือ X`): 30 characters at most, none `ค`, so
    // `คือ` ends it (one reading).
    { form: new RegExp(String.raw`รหัสผ่าน(?:ของ[^\sค]{1,30})?(?:[ \t]*คือ|${SEPARATOR})${ASCII_VALUE}${ENDS}`, 'gu'), ascii: true },
    // 68a-3: the possessive too (`admin kullanıcısının şifresi X`, Hungarian `A root jelszava X`).
    {
      form: new RegExp(String.raw`(?<!\p{L})(?:[şs]ifre(?:si)?|parola|jelszava)(?=[ \t])${VALUE}${ENDS}`, 'giu'),
      ascii: false,
      bare: true,
    },
    // 73b-3: Hungarian with a colon or dash, the owner before it (`Az admin jelszava: X`, `Jelszó: X`).
    { form: new RegExp(String.raw`(?<!\p{L})jelsz(?:ava|ó|o)${SEPARATOR}${VALUE}${ENDS}`, 'giu'), ascii: false },
  ]);

/**
 * Cyrillic words a Russian sentence puts after `пароль` instead of the password, as stems (a word is one when it starts
 * with one and has at most four letters more): pointers and prepositions (`смотрите в Vault`, `в сейфе`), what the
 * password is like or what was done to it (`обязателен`, `неверный`, `изменён`, `хранится`), what it is for, as a
 * heading says (`пароль администратора`, `пароль пользователя`); 78a-8: Ukrainian's (`змінено`, changed; `невірний`, wrong).
 */
const RUSSIAN_PROSE =
  /^(?:смотр|см|спрос|введ|ввод|укаж|подтвер|повтор|придум|выбер|забы|слишк|очень|уже|ещ[её]|тольк|всегд|никогд|пока|ваш|сво|текущ|в|во|на|у|от|для|к|по|из|не|нет|есть|это|тот|же|так|один|обще|друг|нов|стар|времен|постоян|обязател|неверн|неправил|правил|верн|пуст|слаб|надежн|надёжн|сложн|прост|коротк|длин|скрыт|секрет|измен|сброш|сброс|истек|истёк|устарел|нужен|нужн|требует|хран|леж|указ|задан|задаёт|задает|зашифр|храни|сейф|хранилищ|менеджер|админ|администратор|пользовател|учетн|учётн|root|сервер|баз|доступ|подключ|восстанов|смен|политик|должен|должн|мин|макс|символ|знак|змін|невірн|обов|має|повин|щонайменш|необхідн)[а-яё]{0,6}$/iu;

/**
 * Turkish nouns a heading puts after `Şifre` (`Şifre sıfırlama`, `Şifre politikası`, `Şifre yöneticisi`): no password.
 * Read in ASCII (folded); a sentence's word is the verdict's (`gerekli`, `yanlış`). Italian `Parola chiave` (keyword) neither.
 */
const TURKISH_HEADING =
  /^(?:sifirla|degis|politika|yonetici|kural|uzunlu|gereksinim|hatirlat|kurtar|dogrula|olustur|belirle|guncelle|koru|giris|kasa|chiave|segret|ordine)[a-z]{0,8}$/;

/**
 * 67a-4: a line that is only a label in another language (`Passwort:`, `Пароль:`, `パスワード:`, `密码:`, `Hasło:`,
 * `Contraseña:`, `Mot de passe :`, `**Root-Kennwort**`, `## Пароль`), maybe an underline, blank lines or a code fence's
 * opening (67a-5), then the value alone on its line, as the English line-below form reads it (password-label-forms.ts
 * BELOW). One word, or a passphrase of lower-case words (isPassphraseBelow): another line of words there is a note
 * (`siehe Vault`, `смотрите в Vault`). The label words are the languages' own names of a password (the author's
 * knowledge, as FORMS'); the scripts read only in ASCII stay so.
 */
/**
 * 68a-4: the labels of labelled-password-values.ts's colon form read below too (Arabic, Vietnamese, Indonesian, Malay and
 * MORE_NAMES' languages), and a network's key (`WLAN-Schlüssel`, `Clé Wi-Fi`, `Clave WiFi`, `Chiave Wi-Fi`).
 */
const BELOW_MORE = String.raw`كلمة[ \t](?:المرور|السر)|mật[ \t]khẩu|kata[ \t](?:sandi|laluan)|(?:wi-?fi|wlan)[ \t-]?(?:schl(?:ü|ue)ssel|(?:pass|kenn)wort)|(?:cl(?:é|e)|clave|chiave)[ \t-]wi-?fi|${MORE_NAMES}`;
/**
 * 68a-3, 68a-9: what the label is for (`Passwort für root:`, `Пароль от Wi-Fi`) and its verb before a colon (`Das Passwort
 * lautet:`, `La contraseña es:`).
 */
const BELOW_FOR = String.raw`(?:[ \t]+(?:f(?:ü|ue)r|for|de|du|da|do|di|para|pour|per|от|для)[ \t]+[^\s:：]{1,32})?(?:[ \t]+(?:lautet|ist|es|est|är|is|je|jest|to|é|è)(?=[ \t]*[:：]))?`;
const BELOW_LABEL = String.raw`(?:pass|kenn)wort|contrase(?:ñ|n)a|senha|wachtwoord|mot[ \t]de[ \t]passe|has[łl]o|heslo|salasana|l(?:ö|o)senord|passord|adgangskode|jelsz(?:ó|o)|lozinka|[şs]ifre|parola|κωδικός|парол[ьи]|${BELOW_MORE}`;
const BELOW_ASCII_LABEL = String.raw`パスワード|密码|密碼|口令|비밀번호|비번|패스워드|암호|ה?סיסמ[הא]|รหัสผ่าน`;
let below: RegExp | undefined;
/** Built at first use, as FORMS. */
const BELOW = (): RegExp =>
  (below ??= new RegExp(
    String.raw`^[ \t]*(?:[-*+][ \t]+|#{1,6}[ \t]+)?[*_]{0,2}(?:[\p{L}\d]{1,20}[ \t-]){0,2}(?:(?<ascii>${BELOW_ASCII_LABEL})|(?:${BELOW_LABEL})(?!\p{L}))[*_]{0,2}(?:[ \t]*\([^()\r\n]{1,40}\))?${BELOW_FOR}[ \t]*[:：]?[ \t]*\r?\n(?:[ \t]*(?:-{3,}|={3,})[ \t]*\r?\n)?(?:[ \t]*\r?\n){0,2}(?:[ \t]*(?:${'`'}{3,}|~{3,})[\w+-]{0,20}[ \t]*\r?\n)?[ \t]*(?:["'«„“${'`'}]|\*{1,2})?(?<v>[^\s"'«»„“”*${'`'}:][^\s"'«»„“”*${'`'}]{0,63}(?:[ \t][^\s"'«»„“”*${'`'}]{1,64}){0,6})(?:["'»“”${'`'}]|\*{1,2})?[ \t]*(?=\r?$)`,
    'gimu',
  ));

/** 67a-4: the value below a label of BELOW, if it is the password (a path, an address, a key, a placeholder is none). */
function belowSpans(text: string, spans: Array<[number, number]>): void {
  for (const match of text.matchAll(BELOW())) {
    const value = match.groups!.v;
    const ascii = match.groups!.ascii !== undefined;
    if (ascii && !/^[\x21-\x7e]+$/.test(value)) continue;
    if (/:\/\/|^[~.]?\/|:$/.test(value) || isPlaceholder(value)) continue;
    // 74a-2: another secret's name below (an Android strings.xml's `Passwort` then `API-Schlüssel`, `Secreto`): a list of labels.
    if (namesForeignSecret(value) || namesSecretAsLabel(value)) continue;
    const start = match.index + match[0].lastIndexOf(value);
    // 68a-4: a word alone in another script than Latin or Cyrillic (`ξιφίας`) is the password unless a sentence's word.
    const otherScript = !ascii && /^[\p{L}\p{M}]+$/u.test(value) && !/^[\p{Script=Latin}\p{Script=Cyrillic}\p{M}]+$/u.test(value);
    const password = otherScript
      ? value.length >= 3 && !isSentenceWord(value, false)
      : /[ \t]/.test(value)
        ? isPassphraseBelow(value, ascii)
        : isPassword(value, ascii, false);
    if (password) spans.push([start, start + value.length]);
  }
}

/**
 * 67a-4: a line of words below the label, as the English form reads one (password-label-forms.ts formRulesOut): three to
 * seven lower-case words (`correct horse battery staple`, `le chat noir dort`), at most half of them a sentence's, with
 * no note's shape (prose-values.ts: `liegt im tresor`, `mindestens zwölf zeichen lang`). Half, where the English form
 * asks fewer: every language's sentence words are read, and one language's may be another's plain word (`dort`, German
 * "there", French "sleeps"). A capital, a sign or a digit makes a note (`siehe Vault`, `8 Zeichen`); the scripts read
 * only in ASCII have no lower case of their own.
 */
function isPassphraseBelow(value: string, ascii: boolean): boolean {
  if (ascii || !/^\p{Ll}[\p{Ll}\p{M}'-]{1,19}(?:[ \t]\p{Ll}[\p{Ll}\p{M}'-]{1,19}){2,6}$/u.test(value)) return false;
  const { words, prose } = sentenceWordCount(value, false);
  return words > 0 && prose * 2 <= words && !isProseValue(value);
}

/** Whether `value` (read after a label of FORMS) is the password. */
function isPassword(value: string, ascii: boolean, bare: boolean): boolean {
  const word = value.replace(/[.!?]+$/, '');
  if (word.length < 3 || /^[x*•.-]+$/i.test(word)) return false;
  // A reference or a placeholder (`$DB_PASSWORD`, `<password>`, `${X}`) is none: the value to recommend.
  if (/^[$<{%]/.test(word)) return false;
  const letters = /^[\p{L}\p{M}]+$/u.test(word);
  if (!letters) return ascii || !bare || /\p{L}/u.test(word) ? /[\p{L}\p{N}]/u.test(word) : false;
  if (/^\p{Script=Cyrillic}+$/u.test(word)) return !RUSSIAN_PROSE.test(word);
  if (!/^\p{Script=Latin}+$/u.test(word)) return false;
  if (bare && TURKISH_HEADING.test(foldLetters(word).toLowerCase())) return false;
  return !isProseWordAfterLabel(word);
}

/**
 * 76a-1: what a sentence puts after the label in its own script instead of a password, read anywhere in the run (these
 * languages write no blanks between words): grammar (Japanese particles and verb endings `を`, `ます`, `ください`;
 * Chinese `的`, `了`, `吗`; Korean `를`, `니다`, `세요`), what the password is like or what to do with it (`必須`, `必填`,
 * `错误`, `필수`, `変更`, `请输入`, `กรุณา`), the label itself; Hebrew, written with blanks, one word (with its article
 * `ה`, `ו`, `ל` and endings). The author's knowledge of the languages, as FORMS'.
 */
let nativeProse: RegExp | undefined;
const NATIVE_PROSE = (): RegExp =>
  (nativeProse ??= new RegExp(
    [
      // Japanese.
      'を|が|ます|ません|ない|した|して|され|する|でき|ください|必須|必要|以上|以下|未満|文字|桁|変更|入力|設定|正し|間違|無効|有効|不|未|忘れ|一致|空|同じ|同上|異な|保存|暗号|表示|初期|既定|管理|確認|英数|大文字|小文字|記号|数字|半角|全角|何|秘密|安全|弱|強|長|短|期限|リセット|パスワード|ユーザー|こちら|ここ|下記|上記|別途|なし|任意|ランダム|ハッシュ|自動|生成|知らせ|メール|送信|登録|ログイン',
      // Chinese, simplified and traditional.
      '的|了|吗|嗎|呢|吧|什么|什麼|多少|几|幾|必|错|錯|正确|正確|无效|無效|空|没|沒|请|請|输入|輸入|设置|設置|设定|修改|更改|重置|忘记|忘記|位|字符|字元|个|個|长度|長度|至少|最少|最多|区分|區分|大小写|大小寫|加密|存储|儲存|相同|默认|默認|預設|初始|您|你|用户|用戶|项|項|要求|需要|应|應|可以|如何|怎|哪|在|密码|密碼|口令|隐藏|隱藏|显示|顯示|强|过期|過期|数字|數字|字母|符号|符號|填|提示|登录|登錄|找回|规则|規則|策略|确认|驗證|验证|保护|保護|随机|隨機|自动|发送|發送|邮件|郵件',
      // Korean.
      '을$|를$|에서|으로$|니다|니까|세요|십시오|어요|아요|해요|했|됩|됐|되었|되어|합|한다|하다|없|있|않|못|필수|필요|변경|잘못|틀|올바|비어|설정|입력|저장|암호|동일|일치|만료|초기|무엇|뭐|몇|어떻게|안전|강력|다음|아래|관리자|사용자|비밀번호|비번|패스워드|숨김|표시|최소|최대|글자|문자|자리|이상|이하|영문|숫자|특수|확인|분실|찾기|선택|자동|생성|전송|이메일',
      // Thai.
      'อะไร|ไม่|ต้อง|กรุณา|ใส่|ป้อน|กรอก|รหัส|ความลับ|ถูกต้อง|ผิด|ว่าง|จำเป็น|อย่างน้อย|ตัวอักษร|ตัวเลข|เปลี่ยน|ตั้งค่า|ลืม|หมดอายุ|คุณ|ซ่อน|แสดง|ตรงกัน|ปลอดภัย|ใหม่|เก่า|ด้านล่าง|ข้างล่าง|ที่นี่|เดียวกัน',
      // Hebrew: the whole word; 77a-18: `ב` (in) before a store too (`בכספת` in the vault, `בקובץ` in the file, `במנהל` in the manager).
      '^[הולב]?(?:כספת|קובץ|מנהל|שגוי|חובה|סוד|ארוכ|ארוך|קצר|חזק|חלש|ריק|נדרש|לא|נכונ|נכון|תקינ|תקין|פג|זמני|חדש|ישנ|ישן|זהה|אחר|מוצפנ|מאובטח|סיסמ|כאן|שם|מה|מוסתר|חסוי|אישי|מוגנ|קבוע|שלך|שלי|הזן|הקלד|הכנס|אופציונלי|רשות|חסר|בטוח|מוצג)[הת]?(?:ים|ות)?$',
    ].join('|'),
    'u',
  ));
/** A copula that closes the clause, written on to the value (`ひまわりです`, `해바라기입니다`): not the value's. */
const NATIVE_COPULA = /(?:です|でした|だ|입니다|이다|이에요|예요|에요|ครับ|ค่ะ)$/u;
/** 76a-1: the value itself: a run of the label's script, its closing copula taken off. */
const nativeValue = (run: string): string => run.replace(NATIVE_COPULA, '');
/** 76a-1: whether such a run (nativeValue) is the password: one script, two characters or more, no sentence's word (NATIVE_PROSE). */
const isNativePassword = (word: string): boolean =>
  word.length >= 2 &&
  /^(?:[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+|\p{Script=Hangul}+|\p{Script=Hebrew}+|\p{Script=Thai}+)$/u.test(word) &&
  !NATIVE_PROSE().test(word);

/**
 * 76a-21: whether words after a colon label (PHRASE) are a passphrase: lower-case, not the label again (a prompt:
 * `пароль: введите пароль`), at most half of them a sentence's, no note's shape (`voir keepass`, `смотрите в vault`), not
 * led by a preposition or article of one or two letters (`à changer`, `в сейфе`).
 */
function isPassphraseAfterLabel(value: string): boolean {
  if (value !== value.toLowerCase() || /mot[ \t]de[ \t]passe|парол|pass|wort/iu.test(value) || isProseValue(value)) return false;
  const words = value.split(/[ \t]+/);
  if (words[0].length <= 2) return false;
  const prose = words.filter((word) => isSentenceWord(word, false) || (/^\p{Script=Cyrillic}+$/u.test(word) && RUSSIAN_PROSE.test(word)));
  return prose.length * 2 <= words.length;
}

/** 68a-8: whether a quoted word after a label is the password: in any script, unless a sentence's word, a placeholder or a mask. */
function isQuotedPassword(word: string): boolean {
  if (isPlaceholder(word)) return false;
  if (/^[\p{L}\p{M}]+$/u.test(word) && !/^(?:\p{Script=Latin}|\p{Script=Cyrillic})+$/u.test(word)) return word.length >= 2;
  return isPassword(word, true, false);
}

/** Where a text gives a password after a label in one of the languages above (FOREIGN_PROSE_PASSWORD), as [start, end]. */
export function foreignProsePasswordSpans(text: string): Array<[number, number]> {
  // A text in ASCII is read only for Turkish's labels (`sifre`, `parola`: ASCII spellings of `şifre`).
  if (
    text.length > MAX_TEXT ||
    !/[^\t-~]|sifre|parola|wort|contrasena|senha|wachtwoord|passe|haslo|heslo|salasana|senord|passord|adgangskode|jelszo|jelszava|lozinka|wlan|wi-?fi|kata|parole|pasahitza|contrasinal|nenosiri|ww|losen/i.test(
      text,
    )
  )
    return [];
  const spans: Array<[number, number]> = [];
  if (/\n/.test(text)) belowSpans(text, spans);
  for (const { form, ascii, bare, short } of FORMS()) {
    form.lastIndex = 0;
    for (let match = form.exec(text); match; match = form.exec(text)) {
      const { v, q, open, close, n, p } = match.groups!;
      const run = v ?? q ?? n ?? p;
      const start = match.index + match[0].length - run.length - (q === undefined ? 0 : close.length);
      const value = n === undefined ? run : nativeValue(n);
      const password =
        p !== undefined
          ? isPassphraseAfterLabel(p)
          : n !== undefined
            ? isNativePassword(value)
            : q === undefined
              ? isPassword(value, ascii, bare ?? false) &&
                (!short || (value.length >= 6 && /[\p{N}\p{P}\p{S}]/u.test(value) && /\p{L}/u.test(value)))
              : quotesPair(open, close) && isQuotedPassword(q);
      if (password) spans.push([start, start + value.length]);
    }
  }
  return spans;
}
