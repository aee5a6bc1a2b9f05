import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';
import { words } from './secrets-keys';

/**
 * 65a-10: a name of a secret followed by a word that makes it name something else (secrets-keys.ts REFERENCE_WORD,
 * unit-qualified-names.ts, secret-sections.ts OTHER_PART: `TOKEN_TTL_SECONDS`, `PASSWORD_RESET_TEMPLATE`,
 * `error.password.mismatch`) is excused for a value that fits what that word says it holds, and for no other: a
 * duration or a time for a time's unit or property (`3600`, `1h`, `30m`, `PT1H`, `never`), a size for a size, a file
 * or template name or an inline template for a template, words for a UI text's key (`Passwords do not match`). A
 * generated-looking value there (`TOKEN_TTL_SECONDS=Xk9mQ2pL7vR4tZ8wB3nJ`) is the secret the name first says. 66a-16: a
 * schedule takes a cron expression (`0 3 * * 0`, `@daily`: crontab(5)) or a systemd calendar event (systemd.time(7)), a rate
 * or a limit a rate (`100/m`, `10r/s`), a regex or pattern a regular expression (`^(?=.*[A-Z]).{12,}$`).
 */

/** `NAME=value`, `name: value`, `"name": "value"`, `export NAME=value`, `name = value`, one a line. */
const LINE = /^[ \t]*(?:export[ \t]+)?["']?([A-Za-z_][\w.-]{0,127})["']?[ \t]*[=:][ \t]*([^\n]*)$/gm;
/** A word that names a secret (a name's word, lower-cased). */
const SECRET_WORD = /^(?:password|passwords|passwd|pass|passphrase|pwd|pw|token|tokens|secret|secrets|credential|credentials|apikey)$/;
const TIME_UNIT =
  /^(?:ms|millis|milliseconds|us|ns|s|sec|secs|seconds|m|mins|minutes|h|hrs|hours|d|days|w|weeks|months|years|ttl|lifetime|validity|timeout|expiry|expiration|expires|in|at|age|interval|period)$/;
const SIZE_UNIT =
  /^(?:bytes|kb|mb|kib|mib|size|length|chars|min|max|minimum|maximum|count|limit|rounds|iterations|cost|uses|tries|retries|attempts)$/;
const TEMPLATE = /^templates?$/;
const SCHEDULE = /^(?:schedule|cron|crontab)$/;
const RATE = /^(?:rate|limit)$/;
const PATTERN = /^(?:regex|regexp|pattern)$/;
type Kind = 'time' | 'size' | 'template' | 'ui' | 'schedule' | 'rate' | 'pattern';
const UI_PART =
  /^(?:label|labels|title|placeholder|text|tooltip|caption|heading|description|help|hint|prompt|mismatch|invalid|incorrect|wrong|required|missing|empty|weak|error|errors|message|messages|msg|confirm|confirmation|forgot|reset|change)$/;

/** A number or a duration (Go's `1h30m`, ISO 8601's `PT1H`), a time stamp, or words (`never`, `30 days`). */
const DURATION = [
  /^[-+]?\d[\d_,]*(?:\.\d+)?(?:[ \t]*(?:ns|us|µs|ms|s|m|h|d|w|y|mo|sec|secs|min|mins|hrs?|days?|weeks?|months?|years?|seconds?|minutes?|hours?))?$/i,
  /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+$/,
  /^P(?:\d+[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?$/,
  /^\d{4}-\d\d-\d\d(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?$/,
  // 69a-19: .NET's TimeSpan, `[-][d.]hh:mm:ss[.fffffff]` (learn.microsoft.com dotnet/standard/base-types/standard-timespan-format-strings, "c").
  /^-?(?:\d{1,8}\.)?\d{1,2}:[0-5]\d:[0-5]\d(?:\.\d{1,7})?$/,
  /^[a-z]+(?:[ \t][a-z]+)*$/i,
];
const SIZE = /^\d[\d_,]*(?:\.\d+)?[ \t]*(?:[kmgtpe]i?b?|bytes?)?$|^[a-z]+$/i;
/** Five to seven cron fields (digits, `*`, `?`, `/`, `,`, `-`, `L`, `W`, `#`, or names: `MON-FRI`), a macro (`@daily`, `@every 1h`). */
const CRON =
  /^(?:(?:[\d*?/,#LW-]{1,40}|[A-Za-z]{3}(?:[-,][A-Za-z]{3}){0,6})(?:[ \t]+|$)){5,7}$|^@(?:[a-z]{4,8}|every[ \t]+[\dhms.]{1,20})$/;
/** systemd's calendar events: `weekly`, `Sun *-*-* 03:00:00`, `*-*-01 00:00`. */
const CALENDAR =
  /^(?:[A-Za-z]{3}(?:[.,-]{1,2}[A-Za-z]{3}){0,6}[ \t]+)?[\d*/,.~-]{1,40}(?:[ \t]+[\d*/,:.]{1,40})?(?:[ \t]+[A-Za-z/_+-]{1,40})?$/;
/** `100/m`, `10r/s`, `100 per minute`, `5/second`. */
const RATE_VALUE = /^\d[\d_,.]*[ \t]*r?[ \t]*(?:\/|per[ \t]+)[ \t]*\d*[ \t]*[a-z]{1,7}$/i;
/** A regular expression's syntax: anchors, a class, a group, an escape, a quantifier. */
const REGEX_SYNTAX = /^\^|[^\\]\$$|\[[^\]]*\]|\(\?|\\[dwsbDWSB]|[.\])][*+?]|\{\d+(?:,\d*)?\}/;

/** Mixed like a generated value: upper- and lower-case letters and a digit, or letters, a digit and a symbol. */
const GENERATED = /^(?=[^A-Z]*[A-Z])(?=[^a-z]*[a-z])(?=\D*\d)|^(?=.*[A-Za-z])(?=.*\d)(?=.*[^\w\s./{}%$-])/;

/** Whether `value` (unquoted) fits what `qualifier` says the name holds. */
function fits(value: string, kind: Kind): boolean {
  if (kind === 'time') return DURATION.some((form) => form.test(value));
  if (kind === 'size') return SIZE.test(value) || RATE_VALUE.test(value);
  if (kind === 'rate') return SIZE.test(value) || RATE_VALUE.test(value) || DURATION.some((form) => form.test(value));
  if (kind === 'schedule') return CRON.test(value) || CALENDAR.test(value) || DURATION.some((form) => form.test(value));
  if (kind === 'pattern') return REGEX_SYNTAX.test(value) || !GENERATED.test(value);
  // A file or template name (`reset.html`, `emails/reset`, `password_reset_v2`), an inline template, or words.
  return /\s|\/|\{|%|\.[A-Za-z]{1,5}$/.test(value) || !GENERATED.test(value);
}

/** What the name's last words say it holds, where a word before them names a secret; undefined otherwise. */
function qualifier(name: string): Kind | undefined {
  const list = words(name);
  const at = list.findIndex((word) => SECRET_WORD.test(word));
  if (at < 0 || at === list.length - 1) return undefined;
  const after = list.slice(at + 1);
  const last = list[list.length - 1];
  if (after.some((word) => SECRET_WORD.test(word))) return undefined;
  if (TEMPLATE.test(last)) return 'template';
  if (SCHEDULE.test(last)) return 'schedule';
  if (PATTERN.test(last)) return 'pattern';
  if (RATE.test(last)) return 'rate';
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
  'a generated-looking value under a name of a secret qualified as a duration, size, rate, schedule, pattern, template or UI text (`TOKEN_TTL_SECONDS`, `PASSWORD_RESET_TEMPLATE`, `error.password.mismatch`) that is no such thing';
