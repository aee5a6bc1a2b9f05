/** Scripts whose letters pass for Latin ones on screen (Unicode property escapes: the tables are the engine's own). */
const SCRIPTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
];

const ordinal = (n: number): string => `${n}${(n % 100 >= 11 && n % 100 <= 13 ? undefined : ['th', 'st', 'nd', 'rd'][n % 10]) ?? 'th'}`;

/**
 * 79b-20: a key that differs from its ASCII suggestion by a non-ASCII letter (`tr\u0430efik`, a Cyrillic "а" pasted
 * from a chat) reads the same as it on screen: the letter named, with its code point and place, or undefined.
 */
export function lookAlikeLetter(key: string, guess: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex -- the ASCII range
  if (!guess || !/^[\x00-\x7f]*$/.test(guess)) return undefined;
  const chars = [...key];
  // eslint-disable-next-line no-control-regex -- as above
  const index = chars.findIndex((char) => !/^[\x00-\x7f]$/.test(char));
  if (index < 0 || !/\p{L}/u.test(chars[index])) return undefined;
  const char = chars[index];
  const script = SCRIPTS.find(([, pattern]) => pattern.test(char))?.[0];
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return `its ${ordinal(index + 1)} character is the non-ASCII letter "${char}" (${code}${script ? `, ${script}` : ''}), which looks like a Latin one`;
}

/** The key with every non-ASCII character escaped (`tr\u0430efik`), so the message shows what differs. */
export const escapedKey = (key: string): string =>
  // eslint-disable-next-line no-control-regex -- as above
  JSON.stringify(key).replace(/[^\x00-\x7f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Cyrillic and Greek letters drawn like a Latin one (Unicode's confusables.txt, the common ones), by that Latin letter. */
const LATIN_LOOK_ALIKES: Readonly<Record<string, string>> = {
  a: 'а\u03b1',
  c: 'с',
  d: 'ԁ',
  e: 'е',
  h: 'һ',
  i: 'і\u03b9',
  j: 'ј',
  o: 'о\u03bf',
  p: 'р\u03c1',
  s: 'ѕ',
  v: '\u03bd',
  x: 'х\u03c7',
  y: 'у',
  A: 'А\u0391',
  B: 'В\u0392',
  C: 'С',
  E: 'Е\u0395',
  H: 'Н\u0397',
  I: 'І\u0399',
  K: 'К\u039a',
  M: 'М\u039c',
  O: 'О\u039f',
  P: 'Р\u03a1',
  T: 'Т\u03a4',
  X: 'Х\u03a7',
};
const LATIN_OF = new Map(Object.entries(LATIN_LOOK_ALIKES).flatMap(([latin, others]) => [...others].map((other) => [other, latin])));

/** A text's Latin spelling when every non-ASCII letter in it is drawn like a Latin one (80a-9: `\u0435th0`), else undefined. */
export function latinSpelling(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- the ASCII range
  if (/^[\x00-\x7f]*$/.test(text)) return undefined;
  const latin = [...text].map((char) => (char.charCodeAt(0) < 0x80 ? char : LATIN_OF.get(char)));
  return latin.every((char) => char !== undefined) ? latin.join('') : undefined;
}

/** "its 1st character is the non-ASCII letter … which looks like a Latin one: did you mean "eth0"?", or undefined. */
export function lookAlikeAdvice(text: string): string | undefined {
  const latin = latinSpelling(text);
  const letter = lookAlikeLetter(text, latin);
  return letter && latin ? `${letter}: did you mean ${JSON.stringify(latin)}?` : undefined;
}
