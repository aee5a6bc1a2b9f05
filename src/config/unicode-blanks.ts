import type { At, InputProblem } from './yaml-problem';

/**
 * Blanks that look like a space but are not one to YAML, which separates tokens and indents with U+0020 (and tab) only
 * (YAML 1.2.2 §5.5 s-white, https://yaml.org/spec/1.2.2/#55-white-space-characters). Pasted from a web page or typed
 * with a non-Latin keyboard, one after `key:` or in the indentation turns the line into text the parser stumbles on.
 */
const BLANK_NAMES: Record<number, string> = {
  0x00a0: 'NO-BREAK SPACE',
  0x1680: 'OGHAM SPACE MARK',
  0x2007: 'FIGURE SPACE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x3000: 'IDEOGRAPHIC SPACE',
};
const BLANK = '[\\u00a0\\u1680\\u2000-\\u200a\\u202f\\u205f\\u3000]';
/** A key as written before its colon: plain, or quoted (`"password"`, `'password'`: 70a-17, the quotes' escapes read once). */
const KEY = `(?:[A-Za-z_][\\w.-]*|"[^"\\\\\\n]*(?:\\\\.[^"\\\\\\n]*)*"|'[^'\\n]*(?:''[^'\\n]*)*')`;
/**
 * In the indentation (after a list's `-` too), or right after a key's colon: where YAML needs its own space.
 * `listItem` is set when the key starts a list item (`- password:<blank>x`), which is also a valid text of its own.
 */
const MISPLACED = new RegExp(`^(?:[ -]*|[ ]*(?<listItem>- +)?${KEY}:)(?<blank>${BLANK})`, 'gm');

/** `U+00A0 NO-BREAK SPACE` */
function describeBlank(char: string): string {
  const code = char.charCodeAt(0);
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} ${BLANK_NAMES[code] ?? 'SPACE'}`;
}

/**
 * Each line whose indentation or `key:` is followed by such a blank, at that blank, once per line. A list item of free
 * text (`freeText`: Traefik's chart values, where `- password:<blank>x` is one string, and the parser reads its line) is
 * left to the rules that judge its value, such as the secret rule, which then names its key path.
 */
export function misplacedBlanks(
  text: string,
  at: At,
  blockText: (offset: number) => boolean,
  freeText: (offset: number) => boolean,
): InputProblem[] {
  const problems: InputProblem[] = [];
  for (const match of text.matchAll(MISPLACED)) {
    const offset = match.index! + match[0].length - 1;
    if (blockText(offset) || (match.groups!.listItem && freeText(offset))) continue;
    const message = `holds the invisible blank ${describeBlank(match.groups!.blank)}, which YAML does not read as a space: write a plain space instead`;
    problems.push({ ...at(offset), path: [], message });
  }
  return problems;
}
