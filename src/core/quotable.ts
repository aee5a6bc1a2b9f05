import { mayBeEncodedKey } from './secret-shapes';
import { REDACTED, secretsInData, secretsInLines, secretValues } from './secrets';
import { mayHoldSecretKey } from './secrets-keys';
import { yaml } from './yaml';
import { decodeEscapes } from './yaml-escapes';
import { TOO_DEEP_YAML } from './yaml-depth';

/**
 * Whether raw text of a file (a source line, a parser's words, a tag, anchor or alias name) may be quoted in a
 * message. Raw text is not yet data: a secret in it may be written with YAML escapes (`Hunter\u0032`,
 * `\x40`), glued to an indicator (`|db_password=abc` read as a block scalar header, `*abc` as an alias), or be
 * the value of a `key: value` line. So it is judged paranoidly, in every view a reader may take of it: as it is,
 * decoded (its escapes resolved, or read as YAML), and with the leading YAML indicators of its words stripped.
 * A secret in any view, and the text is described instead of quoted.
 */
export function mayQuote(raw: string): boolean {
  // What a redaction left of a value is no secret (`access_token=<redacted>`); taken out, what remains is judged.
  const text = raw.split(REDACTED).join('');
  if (text.trim() === '' || (PLAIN_WORD.test(text) && !mayBeEncodedKey(text))) return true;
  const decoded = decodeEscapes(text).replace(/''/g, "'");
  const views = new Set([text, decoded, ...text.split('\n'), ...decoded.split('\n')]);
  for (const view of [...views]) {
    const words = view.split(/[\s"'`,[\]{}()<>]+/).filter((word) => word !== '');
    views.add(words.map((word) => word.replace(LEADING_INDICATORS, '')).join(' '));
    for (const word of words) for (const stripped of strippedForms(word)) views.add(stripped);
  }
  return ![...views].some(holdsSecret);
}

/**
 * A word no view of which can hold a secret (a key such as `kube-vip.io/loadbalancerIPs`): every secret shape needs
 * a `:`, `@`, `=`, `?`, a blank or an armour line, a key set needs `:` or `=`, and an escape a `\`; only a
 * base64-encoded private key (of its BEGIN line or of its DER) is a plain word, so it is still judged.
 */
const PLAIN_WORD = /^[\w./-]+$/;

/** A word's leading YAML indicators: a block scalar header (`|`, `>-`, `|2+`), a tag, anchor or alias, `?`, `:`, `-`. */
const LEADING_INDICATORS = /^[|>&*!?:%@`#-]+[-+0-9]*/;

/** `>--token=abc`: every form a reader may take of it once its leading indicators are read (`--token=abc`, `token=abc`). */
function strippedForms(word: string): string[] {
  const lead = /^[|>&*!?:%@`#+0-9-]*/.exec(word)![0].length;
  return Array.from({ length: Math.min(lead, 8) }, (_, i) => word.slice(i + 1)).filter((form) => form !== '');
}

function holdsSecret(text: string): boolean {
  if (secretValues(text).length > 0 || secretsInLines(text).length > 0) return true;
  // A `key: value` line or a flow mapping read as YAML: `value: "--token=abc"` sets a flag in the data it holds.
  if (!/[:\-[{]/.test(text)) return false;
  try {
    const doc = yaml.parseDocument(text, { prettyErrors: false, logLevel: 'silent', uniqueKeys: false });
    // Too deep to read: cannot be judged, so not quoted.
    if (doc.errors.some(({ message }) => message === TOO_DEEP_YAML)) return true;
    return secretsInData(doc.toJS({ maxAliasCount: 10 })).length > 0;
  } catch (e) {
    // Text the reading fails on (a RangeError: nested deeper than the stack) cannot be judged: not quoted.
    return e instanceof RangeError;
  }
}

/**
 * 66a-11: a value a control character refuses (a line break, a tab) is quoted in that refusal, at the config file's door
 * and a construct's alike, only where no reader refuses it (mayQuote) and it names no secret in any words: lines that say
 * a password in prose (`--log.filepath=/x\nThe password you need is …`) are what a reader may miss.
 */
export const mayQuoteControlText = (text: string): boolean => mayQuote(text) && !mayHoldSecretKey(text);
