import { isCodeCall } from './code-values';
import { opensUnclosedSubstitution } from './shell-expansions';
import type { Decoded } from './text-decodings';
import { isCiphertextShaped } from './sealed-secrets';
import { isDigestOfSecret } from './named-setting-values';
import { isSshPublicKeyLine } from './ssh-public-keys';

/**
 * Whether the value a line of a decoding sets (secret-shapes.ts namedSecret) is a shell word that a line break cut
 * (false47): `PW=$(cat /run/secrets/x | tr -d '\n')` decoded once ends its line inside `tr -d '`, and the line's
 * `$(cat …` read as a literal; a line YAML folds (`- TOKEN="$(curl -s -H "Metadata-Flavor: Google"`) ends so as written.
 * So where `line` (starting at `lineAt` of `decoded`) holds exactly what `original` holds there, up to its break (an
 * escape there, or the same line break), and `value` opens a substitution the line does not close. A line with
 * anything decoded on it (`\u0051w7x`) is judged still: the decoding may have made the literal.
 */
export function cutByDecodedBreak(original: string, decoded: Decoded, line: string, lineAt: number, value: string): boolean {
  const body = line.replace(/[\n\r\u2028\u2029]$/, '');
  if (body.length === line.length) return false;
  const breakAt = decoded.start(lineAt + body.length);
  if (decoded.start(lineAt) + body.length !== breakAt) return false;
  if (original.slice(breakAt - body.length, breakAt) !== body) return false;
  const at = body.indexOf(value);
  if (at >= 0 && opensUnclosedSubstitution(body, at > 0 && body[at - 1] === '"' ? at - 1 : at)) return true;
  // Code whose text a break cut (51a-10): `open(f).read().rstrip('\n')` decoded ends its line inside `rstrip('`; the
  // value with its line's rest as written is code (code-values.ts).
  const rest = /^[^\n\r\u2028\u2029]{0,512}/.exec(original.slice(breakAt))![0];
  return at >= 0 && body.endsWith(value) && isCodeCall(value + rest);
}

/** Whether a value found on a line (at `lineAt`) of a decoding is to be passed over (cutByDecodedBreak). */
export type LineCut = (line: string, lineAt: number, value: string) => boolean;

/**
 * Whether the value a line of a decoding sets stands, as written, where a ciphertext-shaped word does (kubeseal's
 * base64, sealed-secrets.ts), with the line up to it written as decoded: the name is written plainly and only some run
 * inside the ciphertext was decoded (61a-10: 1 SealedSecret in 4 had a run of its random base64 read as percent-
 * encoding or base64). The value as written is judged by the readers of the text as written, which know ciphertext.
 */
export function inCiphertextAsWritten(original: string, decoded: Decoded, line: string, lineAt: number, value: string): boolean {
  const valueAt = writtenAt(original, decoded, line, lineAt, value);
  if (valueAt === undefined) return false;
  const word = /^[A-Za-z0-9+/]*={0,2}/.exec(original.slice(valueAt, valueAt + 65_536))![0];
  return (valueAt === 0 || !/[A-Za-z0-9+/]/.test(original[valueAt - 1])) && isCiphertextShaped(word);
}

/** Where in `original` the value a line of a decoding sets stands, where the line up to it is written as decoded. */
function writtenAt(original: string, decoded: Decoded, line: string, lineAt: number, value: string): number | undefined {
  const at = line.indexOf(value);
  if (at < 0) return undefined;
  const start = decoded.start(lineAt);
  const valueAt = decoded.start(lineAt + at);
  return valueAt - start === at && original.slice(start, valueAt) === line.slice(0, at) ? valueAt : undefined;
}

/** A line's one key up to its value (`secret_integrity: `, `- "token_checksum" = `). */
const KEY_BEFORE_VALUE = /^[ \t]*(?:-[ \t]+)?(["']?)([A-Za-z_][\w./-]{0,127})\1[ \t]*[:=][ \t]*["']?$/;

/**
 * 76a-3: whether the value a line of a decoding sets stands, as written, where a digest under a digest's name does
 * (`secret_integrity: sha384-oqVu…`, named-setting-values.ts isDigestOfSecret): a hash's bytes, decoded, are random
 * by design, as a ciphertext's are; the digest as written is judged by the readers of the text as written.
 */
export function inDigestAsWritten(original: string, decoded: Decoded, line: string, lineAt: number, value: string): boolean {
  const valueAt = writtenAt(original, decoded, line, lineAt, value);
  if (valueAt === undefined) return false;
  const key = KEY_BEFORE_VALUE.exec(original.slice(decoded.start(lineAt), valueAt));
  const word = /^[^\s"'#]{1,256}/.exec(original.slice(valueAt, valueAt + 256));
  return key !== null && word !== null && isDigestOfSecret(word[0], key[2]);
}

/**
 * 80a-21: whether the value a line of a decoding sets stands, as written, where an OpenSSH public key line starts
 * (`SSH_AUTHORIZED_KEY=ssh-ed25519 AAAA…`, ssh-public-keys.ts): its base64 decoded leaves the key type as a word; the
 * line as written is judged by the readers of the text as written, which know a public key.
 */
export function inSshPublicKeyAsWritten(original: string, decoded: Decoded, line: string, lineAt: number, value: string): boolean {
  const valueAt = writtenAt(original, decoded, line, lineAt, value);
  return valueAt !== undefined && isSshPublicKeyLine(/^[^\n\r\u2028\u2029]{0,12000}/.exec(original.slice(valueAt, valueAt + 12_000))![0]);
}

/** cutByDecodedBreak, inCiphertextAsWritten, inDigestAsWritten and inSshPublicKeyAsWritten for the lines of `decoded`, a decoding of `original`. */
export const cutIn =
  (original: string, decoded: Decoded): LineCut =>
  (line, lineAt, value) =>
    cutByDecodedBreak(original, decoded, line, lineAt, value) ||
    inCiphertextAsWritten(original, decoded, line, lineAt, value) ||
    inDigestAsWritten(original, decoded, line, lineAt, value) ||
    inSshPublicKeyAsWritten(original, decoded, line, lineAt, value);
