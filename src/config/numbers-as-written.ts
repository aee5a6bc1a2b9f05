import type { Document } from 'yaml';
import { isScalar } from '../core/yaml';
import type { Path } from '../core/problem';

/**
 * `message` with the number at `path` printed as the file writes it, where the rules printed the parsed number
 * (61a-16): "quote it" must keep the value, and `"3364915637137014000"` is not the PGP key id `0x2EB294F1A2B57C14`,
 * nor `"1.1"` the version `1.10`. Only a plain (unquoted) number scalar is rewritten: its source is what YAML read.
 */
export function numberAsWritten(doc: Document, path: Path, message: string): string {
  const node = doc.getIn(path, true);
  if (!isScalar(node) || (typeof node.value !== 'number' && typeof node.value !== 'bigint')) return message;
  const source = node.source;
  const parsed = String(node.value);
  if (typeof source !== 'string' || source === parsed || !/^[\w.+-]{1,64}$/.test(source)) return message;
  const quoted = (text: string) => `"${text}"`;
  // 79b-12: a message about this number (`1000 is a number: write it as text: "1000"`, `is a number, 3.1, not a text`)
  // says it as written (`1e3`, `3.10`, `0o17`) where it names it, and in every quoted form, the fix included.
  const phrases = (n: string) => [
    `${n} is a number`,
    `is a number, ${n},`,
    `is ${n}, a number`,
    `quote it, ${quoted(n)}`,
    `quote it (${quoted(n)})`,
  ];
  const said = phrases(parsed);
  if (!said.some((phrase) => message.includes(phrase))) return message;
  const written = phrases(source);
  const named = said.reduce((text, phrase, i) => text.split(phrase).join(written[i]), message);
  return named.split(quoted(parsed)).join(quoted(source));
}
