import { isPlaceholder } from './placeholders';
import { isSecretKey } from './secrets-keys';
import { isReference } from './secrets-text';

/**
 * 81a-14: the values Terraform's `helm_release` gives a chart by name (registry.terraform.io/providers/hashicorp/helm/
 * latest/docs/resources/release, "set", "set_sensitive"): a block per value in provider 2 (`set_sensitive { name = …
 * value = … }`), a list of objects in provider 3 (`set_sensitive = [{ name = …, value = … }]`). `set_sensitive` is the
 * provider's own mark that its value is a secret: every literal there is one; under `set`, a literal is one where its
 * name's last member is named like a secret (`auth.password`), as the same pair in YAML is (`{name, value}`).
 * A reference (`var.x`, unquoted), an interpolation (`"${var.x}"`), a placeholder and an empty value are none.
 * Line by line, each line's patterns anchored and bounded: linear.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const HELM_SET_SECRET = "a value a Terraform helm_release sets by name (`set_sensitive`, or `set` of a name like a secret's)";

/** A block or list that opens a set: group 2 the kind, group 3 the rest of the line after `{` or `= [`. */
const OPENER = /^([ \t]*)(set_sensitive|set)[ \t]*(?:\{|=[ \t]*\[)([^\n]{0,4096})$/;
/** A `name = "…"` or `value = "…"` attribute (group 2 the text inside the quotes). */
const ATTRIBUTE = /(?<![\w.-])(name|value)[ \t]*=[ \t]*"((?:[^"\\\n]|\\.){0,4096})"/dg;
/** A line that closes the opener: `}` or `]` at its indent. */
const CLOSER = /^[ \t]*[}\]]/;

/** A Helm value's name's last member: `a.b\.c[0]` is `b.c`. */
const lastMember = (name: string): string =>
  name
    .split(/(?<!\\)\./)
    .pop()!
    .replace(/\\\./g, '.')
    .replace(/\[\d+\]$/, '');

const isLiteral = (value: string): boolean =>
  value.trim() !== '' && !value.includes('${') && !isReference(value.trim()) && !isPlaceholder(value.trim());

/** Where a text sets such values: each literal value's span. */
export function helmSetSpans(text: string): Array<[number, number]> {
  if (!text.includes('set')) return [];
  const spans: Array<[number, number]> = [];
  let open: { indent: number; sensitive: boolean } | undefined;
  let name: string | undefined;
  let value: [number, number] | undefined;
  const pair = () => {
    if (name === undefined || value === undefined) return;
    if (isLiteral(text.slice(...value)) && (open!.sensitive || isSecretKey(lastMember(name)))) spans.push(value);
    [name, value] = [undefined, undefined];
  };
  const read = (line: string, start: number) => {
    for (const match of line.matchAll(ATTRIBUTE)) {
      if (match[1] === 'name') name = match[2];
      else value = [start + match.indices![2][0], start + match.indices![2][1]];
      pair();
    }
  };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 8192));
    const lead = /^[ \t]*/.exec(line)![0].length;
    const opener = OPENER.exec(line);
    if (opener) {
      open = { indent: opener[1].length, sensitive: opener[2] === 'set_sensitive' };
      [name, value] = [undefined, undefined];
      read(opener[3], start + line.length - opener[3].length);
      if (/[}\]][ \t]*\r?$/.test(opener[3]) && !/^[ \t]*$/.test(opener[3])) open = undefined;
    } else if (open && CLOSER.test(line) && lead <= open.indent) open = undefined;
    else if (open) read(line, start);
    start = end + 1;
  }
  return spans;
}
