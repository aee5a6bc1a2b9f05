import { qualifiedNameValueSpans } from './qualified-name-values';
import { secretWordLineSpans } from './secret-word-lines';
import { isSecretKey, namesSecretText } from './secrets-keys';
import { pairNameOf } from './pair-shapes';
import { isKeyFileContent } from './key-file-contents';
import { judgedOnceAcrossRuns } from './secrets-memo';

/**
 * An env entry (`{name: ADMIN_PIN, value: "4821"}`) or a key and its value (`ADMIN_PIN: "4821"`) read as the line
 * `NAME=value` it stands for (59a-19): the text door refuses `ADMIN_PIN=4821` and `SEED=<12 BIP-39 words>` by the value
 * beside the name (secret-word-lines.ts: a PIN's digits, a seed phrase), which the name alone does not say (`PIN_MEMORY`,
 * `RANDOM_SEED` name settings). One verdict for every door: the value is a secret where that reader finds one in it as
 * the line's value.
 */

/** A value that starts as a line of its own does (`NAME=…`, `name: …`). */
const OWN_LINE = /^[ \t]*[A-Za-z_][\w.-]{0,127}[ \t]*[:=]/;
/** A name as a line would write it; others (a name with blanks) are read by their own rules. */
const LINE_NAME = /^[A-Za-z_][\w.-]{0,127}$/;

/**
 * Whether the value under `key` of a mapping (`field` reads its keys) is a secret by the name it stands under: the value
 * of a name/value pair (an env entry, Envoy's `{key, value}`, pair-shapes.ts) whose name is named like a secret, or a value that the line
 * `NAME=value` (an env entry's name, else the key) shows to be one.
 */
export function namedLikeSecret(key: string, field: (key: string) => unknown): boolean {
  const name = pairNameOf(key, field);
  if (typeof name === 'string' && (isSecretKey(name, true) || namesSecretText(name))) return true;
  const value = field(key);
  if (isKeyFileContent(typeof name === 'string' ? name : key, value)) return true; // 81a-17
  return (typeof value === 'string' || typeof value === 'number') && lineSetsSecret(typeof name === 'string' ? name : key, String(value));
}

/** Whether `value` is a secret as the line `name=value` reads it. */
function lineSetsSecret(name: string, value: string): boolean {
  // A value that is itself a line (`ADMIN_PASSWORD=$6$…`) is judged as that line by the text readers, not glued to a key.
  if (!LINE_NAME.test(name) || value.length > 4096 || /[\n\r]/.test(value) || OWN_LINE.test(value)) return false;
  return setsSecretAfterName(`${name}=${value}`) === true;
}

/**
 * Whether the line `name=value` sets a secret in its value (`name` holds no `=`: LINE_NAME). Judged once a line: each
 * reader of a config (its snapshot, the chart values, the props, the manifests) asks it of the same entries again; a
 * line that set none in an earlier synth is not judged again (judgedOnceAcrossRuns).
 */
const setsSecretAfterName = judgedOnceAcrossRuns('env-entry-line', (line: string): true | undefined => {
  const start = line.indexOf('=') + 1;
  // 65a-10: and a qualified secret name's value that does not fit its qualifier (`TOKEN_TTL_SECONDS`: a duration).
  return [...secretWordLineSpans(line), ...qualifiedNameValueSpans(line)].some(([, end]) => end > start) || undefined;
});
