import { setsSecret } from './secrets-text';
import { columnKey, headerName, holdsNoSecretUnder, namesSecretColumn } from './table-column-names';

/**
 * Attack round 52a-11: HTML that gives a value with its label outside a table (html.spec.whatwg.org "forms",
 * "the dl element", "the meta element"): a description list's `<dt>Password</dt><dd>…</dd>`, a form's
 * `<label>Password</label><input value="…">` (or the input inside its label), an input whose own type, name, id or
 * aria-label names a secret (`<input type="password" value="…">`), and `<meta name="api-key" content="…">`. The label is
 * judged as a table's column name is (table-column-names.ts), the value as under that name (setsSecret: a reference, a
 * placeholder, a date or a yes/no word is none). Each pattern is bounded, so a text is read in linear time.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const HTML_LABELLED_SECRET =
  'a value in HTML labelled like a secret (<dt>Password</dt><dd>…</dd>, <label>Password</label><input value="…">, <meta name="api-key" content="…">)';

/** A description term and its description, maybe in one inline element (the `</dd>` may be left out: the next tag ends it). */
const DT_DD =
  /<dt\b[^<>]{0,256}>[ \t\r\n]{0,64}([^<>]{1,256}?)[ \t\r\n]{0,64}<\/dt[ \t]*>[ \t\r\n]{0,256}<dd\b[^<>]{0,256}>(?:<(?:code|kbd|samp|tt|b|strong|em|i|span)\b[^<>]{0,256}>)?([^<>]{1,4096})/gi;
/** A label's text, then an input (after `</label>`, or inside the label). */
const LABEL_INPUT = /<label\b[^<>]{0,256}>([^<>]{1,256})(?:<\/label[ \t]*>[ \t\r\n]{0,256})?<input\b([^<>]{0,1024})>/gi;
/** Any input, and any meta element: their attributes. */
const INPUT = /<input\b([^<>]{0,1024})>/gi;
const META = /<meta\b([^<>]{0,1024})>/gi;
/** An attribute: quoted or bare (html.spec.whatwg.org "attributes"). */
const ATTRIBUTE = /([^\s"'<>/=]{1,64})[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/dg;

/** An element's attributes by lower-case name, each value's span in the text (`at`: where the attributes start). */
function attributesOf(written: string, at: number): Map<string, { value: string; start: number }> {
  const attributes = new Map<string, { value: string; start: number }>();
  for (const match of written.matchAll(ATTRIBUTE)) {
    const group = [2, 3, 4].find((n) => match[n] !== undefined)!;
    attributes.set(match[1].toLowerCase(), { value: match[group], start: at + match.indices![group][0] });
  }
  return attributes;
}

/** A label's text as a column name: trimmed, its `:` or `*` after it dropped (`Password:`, `API key *`). */
const labelOf = (text: string): string => headerName(text.trim().replace(/[ \t]*[:*]+$/, ''));

/** Whether `value` under a label `label` is a secret. */
function isSecretUnder(label: string, value: string): boolean {
  const name = labelOf(label);
  if (name === '' || name.length > 64 || !namesSecretColumn(name)) return false;
  const key = columnKey(name);
  const text = value.trim().replace(/\s+/g, ' '); // HTML collapses blanks and line breaks
  return text !== '' && !holdsNoSecretUnder(key, text) && setsSecret(key, text);
}

/** Where a text holds a value in HTML labelled like a secret: the value's span. */
export function htmlLabelledSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/<(?:dt|label|input|meta)\b/i.test(text)) return spans;
  const push = (start: number, value: string): void => {
    const lead = value.length - value.trimStart().length;
    spans.push([start + lead, start + lead + value.trim().length]);
  };
  for (const match of text.matchAll(DT_DD)) {
    if (isSecretUnder(match[1], match[2])) push(match.index! + match[0].length - match[2].length, match[2]);
  }
  const labelled = new Set<number>();
  for (const match of text.matchAll(LABEL_INPUT)) {
    const at = match.index! + match[0].length - 1 - match[2].length;
    const value = attributesOf(match[2], at).get('value');
    labelled.add(at);
    if (value && isSecretUnder(match[1], value.value)) push(value.start, value.value);
  }
  for (const match of text.matchAll(INPUT)) {
    const attributes = attributesOf(match[1], match.index! + match[0].length - 1 - match[1].length);
    const value = attributes.get('value');
    if (!value || labelled.has(match.index! + match[0].length - 1 - match[1].length)) continue;
    const type = attributes.get('type')?.value.toLowerCase();
    if (type === 'hidden' && !attributes.has('name')) continue;
    const names = ['name', 'id', 'aria-label'].flatMap((name) => attributes.get(name)?.value ?? []);
    if (type === 'password') names.push('password');
    if (names.some((name) => isSecretUnder(name, value.value))) push(value.start, value.value);
  }
  for (const match of text.matchAll(META)) {
    const attributes = attributesOf(match[1], match.index! + match[0].length - 1 - match[1].length);
    const content = attributes.get('content');
    const names = ['name', 'property', 'itemprop', 'http-equiv'].flatMap((name) => attributes.get(name)?.value ?? []);
    if (content && names.some((name) => isSecretUnder(name, content.value))) push(content.start, content.value);
  }
  return spans;
}
