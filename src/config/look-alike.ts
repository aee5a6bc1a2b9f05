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
