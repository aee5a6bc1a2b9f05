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
  return message
    .split(`quote it, "${parsed}"`)
    .join(`quote it, "${source}"`)
    .split(`quote it ("${parsed}")`)
    .join(`quote it ("${source}")`)
    .split(`is ${parsed}, a number`)
    .join(`is ${source}, a number`);
}
