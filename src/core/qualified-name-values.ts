import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';
import { words } from './secrets-keys';

/**
 * 65a-10: a name of a secret followed by a word that makes it name something else (secrets-keys.ts REFERENCE_WORD,
 * unit-qualified-names.ts, secret-sections.ts OTHER_PART: `TOKEN_TTL_SECONDS`, `PASSWORD_RESET_TEMPLATE`,
 * `error.password.mismatch`) is excused for a value that fits what that word says it holds, and for no other: a
 * duration or a time for a time's unit or property (`3600`, `1h`, `30m`, `PT1H`, `never`), a size for a size, a file
 * or template name or an inline template for a template, words for a UI text's key (`Passwords do not match`). A
 * generated-looking value there (`TOKEN_TTL_SECONDS=Xk9mQ2pL7vR4tZ8wB3nJ`) is the secret the name first says.
 */

/** `NAME=value`, `name: value`, `"name": "value"`, `export NAME=value`, `name = value`, one a line. */
const LINE = /^[ \t]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]{0,127})["']?[ \t]*[=:][ \t]*([^\n]*)$/gm;
/** A word that names a secret (a name's word, lower-cased). */
const SECRET_WORD = /^(?:password|passwords|passwd|pass|passphrase|pwd|pw|token|tokens|secret|secrets|credential|credentials|apikey)$/;
const TIME_UNIT =
  /^(?:ms|millis|milliseconds|us|ns|s|sec|secs|seconds|m|mins|minutes|h|hrs|hours|d|days|w|weeks|months|years|ttl|lifetime|timeout|expiry|expiration|expires|in|at|age|interval|period)$/;
const SIZE_UNIT =
  /^(?:bytes|kb|mb|kib|mib|size|length|chars|min|max|minimum|maximum|count|limit|rounds|iterations|cost|uses|tries|retries|attempts)$/;
const TEMPLATE = /^templates?$/;
const UI_PART =
  /^(?:label|labels|title|placeholder|text|tooltip|caption|heading|description|help|hint|prompt|mismatch|invalid|incorrect|wrong|required|missing|empty|weak|error|errors|message|messages|msg|confirm|confirmation|forgot|reset|change)$/;

/** A number or a duration (Go's `1h30m`, ISO 8601's `PT1H`), a time stamp, or words (`never`, `30 days`). */
const DURATION = [
  /^[-+]?\d[\d_,]*(?:\.\d+)?(?:[ \t]*(?:ns|us|µs|ms|s|m|h|d|w|y|mo|sec|secs|min|mins|hrs?|days?|weeks?|months?|years?|seconds?|minutes?|hours?))?$/i,
  /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+$/,
  /^P(?:\d+[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?$/,
  /^\d{4}-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$/,
  /^[a-z]+(?:[ \t][a-z]+)*$/i,
];
const SIZE = /^\d[\d_,]*(?:\.\d+)?[ \t]*(?:[kmgtpe]i?b?|bytes?)?$|^[a-z]+$/i;
/** Mixed like a generated value: upper- and lower-case letters and a digit, or letters, a digit and a symbol. */
const GENERATED = /^(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])(?=\D*\d)|^(?=.*[A-Za-z])(?=.*\d)(?=.*[^\w\s./{}%$-])/;

/** Whether `value` (unquoted) fits what `qualifier` says the name holds. */
function fits(value: string, kind: 'time' | 'size' | 'template' | 'ui'): boolean {
  if (kind === 'time') return DURATION.some((form) => form.test(value));
  if (kind === 'size') return SIZE.test(value);
  // A file or template name (`reset.html`, `emails/reset`, `password_reset_v2`), an inline template, or words.
  return /\s|\/|\{|%|\.[A-Za-z]{1,5}$/.test(value) || !GENERATED.test(value);
}

/** What the name's last words say it holds, where a word before them names a secret; undefined otherwise. */
function qualifier(name: string): 'time' | 'size' | 'template' | 'ui' | undefined {
  const list = words(name);
  const at = list.findIndex((word) => SECRET_WORD.test(word));
  if (at < 0 || at === list.length - 1) return undefined;
  const after = list.slice(at + 1);
  const last = list[list.length - 1];
  if (after.some((word) => SECRET_WORD.test(word))) return undefined;
  if (TEMPLATE.test(last)) return 'template';
  if (name.includes('.') && after.some((word) => UI_PART.test(word))) return 'ui';
  if (TIME_UNIT.test(last)) return 'time';
  if (SIZE_UNIT.test(last)) return 'size';
  return undefined;
}

/** Values under such names that do not fit their qualifier (secrets-formats.ts's finders: refused and redacted). */
export function qualifiedNameValueSpans(text: string): Array<[number, number]> {
  if (!/pass|pw|token|secret|cred|apikey/i.test(text)) return [];
  const found: Array<[number, number]> = [];
  for (const line of text.matchAll(LINE)) {
    const kind = qualifier(line[1]);
    if (!kind) continue;
    // The value as written: a comment after a blank (` # one hour`) and a trailing comma (JSON) cut off.
    if (line[2].length > 1024) continue;
    const written = line[2]
      .replace(/\s#.*$/, '')
      .trimEnd()
      .replace(/,$/, '')
      .trimEnd();
    const quoted = /^(["']).*\1$/.test(written);
    const value = quoted ? written.slice(1, -1) : written;
    if (!value.trim() || value.length > 256 || /[$`]/.test(value) || isCommandReference(value) || isPlaceholder(value)) continue;
    if (fits(value, kind)) continue;
    const start = line.index + line[0].length - line[2].length + (quoted ? 1 : 0);
    found.push([start, start + value.length]);
  }
  return found;
}

/** What such a value is called in messages. */
export const QUALIFIED_NAME_VALUE =
  'a generated-looking value under a name of a secret qualified as a duration, size, template or UI text (`TOKEN_TTL_SECONDS`, `PASSWORD_RESET_TEMPLATE`, `error.password.mismatch`) that is no such thing';
