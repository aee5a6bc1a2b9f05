/**
 * Round 68 (68a-8): one word between the quotation marks of a language, as the prose password readers read a quoted
 * value (labelled-password-values.ts, foreign-prose-passwords.ts): Japanese and Chinese corner brackets `「…」`, `『…』`,
 * Chinese `“…”` and title marks `《…》`, `〈…〉`, French guillemets with the blanks French typography puts inside them
 * (`« … »`, a no-break or thin space too), German `»…«` and `„…“`, Polish `„…”`, single marks `‘…’`, `‚…‘`, `‹…›`, and
 * ASCII `'…'`, `"…"` (a Korean particle glued after them: `'…'입니다`). Each mark closes only its own opening.
 */

/** A blank French typography puts inside guillemets: a space, a no-break space, a narrow no-break space. */
const GUILLEMET_BLANK = '[ \\t\\u00a0\\u202f]?';
/** What no quoted word holds: a blank or any of the marks. */
const NOT_IN_WORD = `[^\\s「」『』《》〈〉“”„‚‘’‹›«»"']`;

/**
 * A quoted word as a regular expression's source, with groups `open`, `q` (the word) and `close`; quotesPair tells
 * whether the marks pair. One word of up to 64 characters.
 */
export const QUOTED_WORD = `(?<open>[「『《〈“„‚‘‹»'"]|«${GUILLEMET_BLANK})(?<q>${NOT_IN_WORD}{1,64})(?<close>[」』》〉”“’‘›«'"]|${GUILLEMET_BLANK}»)`;

/** The closing marks of each opening one. */
const CLOSES: Readonly<Record<string, string>> = {
  '「': '」',
  '『': '』',
  '《': '》',
  '〈': '〉',
  '“': '”',
  '„': '”“',
  '‚': '’‘',
  '‘': '’',
  '‹': '›',
  '»': '«',
  '«': '»',
  "'": "'",
  '"': '"',
};

/** Whether `close` (a QUOTED_WORD's group, its blank too) closes `open`. */
export const quotesPair = (open: string, close: string): boolean => (CLOSES[open.trim()] ?? '').includes(close.trim());

/**
 * For a `replace` of a word's last quote (and the `,` or `)` after it): empty where the quote opens nowhere in the word,
 * so it closes the enclosing text (`"password=x", y`: 68a-21), else the tail as it is (`os.environ["PW"])`).
 */
export const unpairedQuote = (tail: string, quote: string, _at: number, word: string): string =>
  word.split(quote).length % 2 === 0 ? '' : tail;
