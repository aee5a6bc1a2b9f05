/** YAML's escapes of a double-quoted scalar (YAML 1.2.2 section 5.7); JSON's are a subset of them. */
const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};

/** `text` with every YAML (and so JSON) escape decoded: `\u0040`, `\x40`, `\U00000040`, `\n`; an unknown one is kept. */
export function decodeEscapes(text: string): string {
  if (!text.includes('\\')) return text;
  return text.replace(
    /\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([\s\S]))/g,
    (escape, x, u, U, char: string | undefined) => {
      const hex = (x ?? u ?? U) as string | undefined;
      if (hex === undefined) return ESCAPES[char!] ?? escape;
      const code = parseInt(hex, 16);
      return code <= 0x10ffff ? String.fromCodePoint(code) : escape;
    },
  );
}
