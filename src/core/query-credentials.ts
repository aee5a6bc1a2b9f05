import { isExpansionOnly } from './shell-expansions';
import { isPlainlyNotSecret } from './secrets-keys';

/**
 * The value of a credential in a URL's query or fragment (`?access_token=...`, `&private_token=`,
 * `?X-Amz-Signature=`, `?key=`, `?oauth2=`, `?jwt=`, OAuth's implicit flow `#access_token=`): the parameter name stays readable,
 * the value is the secret.
 */
const URL_QUERY_CREDENTIAL =
  /(?<=[?&#](?:[\w.-]{0,64}(?:token|password|passwd|pwd|secret|api[_-]?key|access[_-]?key|signature|credentials?|authorization|oauth\d*|jwt|bearer)|key|sig|auth|pass)=)[^&#\s"'`]+/gi;

/** Whether the word before `at` (a query's or fragment's value) is a URL's: it holds a `/` (`https://h/#token=`, `/x?key=`). */
const inUrl = (text: string, at: number): boolean => /\/[^\s"'`]*$/.test(text.slice(Math.max(0, at - 2048), at));

/**
 * A query value that sets no secret: a reference (`?token=$TOKEN`, `${TOKEN}`), a placeholder (`<your-token>`,
 * `REPLACE_ME`, percent-encoded too) or a switch (`?secret=false`, `?auth=none`), as under a key (70a-6).
 */
function isPlainQueryValue(value: string, text: string, at: number): boolean {
  if (isExpansionOnly(value)) return true;
  const name = /([\w.-]*)=$/.exec(text.slice(Math.max(0, at - 80), at))?.[1] ?? 'token';
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // a stray `%` leaves the value as written
  }
  return isPlainlyNotSecret(decoded, name);
}

/**
 * The shapes of secret-shapes.ts SHAPES for such a pair: in a URL, and with no URL before it (`note #password=abc`,
 * `docs#token=abc`), named as what it is, a name set to a value (56a-12). One verdict: both are secrets.
 */
export const QUERY_CREDENTIAL_SHAPES: ReadonlyArray<{
  pattern: RegExp;
  what: string;
  accept: (match: string, text: string, at: number) => boolean;
}> = [
  {
    pattern: URL_QUERY_CREDENTIAL,
    what: 'a URL with a credential in its query or fragment',
    accept: (match, text, at) => inUrl(text, at) && !isPlainQueryValue(match, text, at),
  },
  {
    pattern: new RegExp(URL_QUERY_CREDENTIAL.source, URL_QUERY_CREDENTIAL.flags),
    what: 'a value set to a name like a secret (name=value, after `#`, `?` or `&`)',
    accept: (match, text, at) => !inUrl(text, at) && !isPlainQueryValue(match, text, at),
  },
];
