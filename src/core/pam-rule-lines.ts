import { looksGenerated } from './generated-runs';

/**
 * 79a-9: a Linux-PAM rule (linux-pam/linux-pam doc/man/pam.conf-syntax.xml: `[service] type control module-path
 * module-arguments`; type `account`, `auth`, `password` or `session`, `-` before it where a missing module is no
 * error; control `required`, `requisite`, `sufficient`, `optional`, `include`, `substack` or `[value=action …]`), and
 * Debian's `@include common-auth` (libpam-runtime). Its type `password` names the module group that changes passwords,
 * no label of one: `password requisite pam_pwquality.so retry=3 minlen=12` (Debian's /etc/pam.d/common-password) is a
 * config line, no sentence, and sets no password. Its arguments are the module's: one named like a secret
 * (`password=…`, `bindpw=…`) is judged as any `name=value` is.
 */
const TYPE = String.raw`-?(?:account|auth|password|session)`;
const CONTROL = String.raw`(?:required|requisite|sufficient|optional|\[[\w=\s-]{1,256}\])`;
const MODULE = String.raw`(?:\/[\w./-]{0,256}\/)?pam_[\w-]{1,64}\.so`;
/** A rule up to its arguments: a service's name before the type only in /etc/pam.conf. */
const RULE = new RegExp(
  String.raw`^[ \t]*(?:[\w.-]{1,64}[ \t]+)?${TYPE}[ \t]+(?:${CONTROL}[ \t]+${MODULE}|(?:include|substack)[ \t]+[\w.-]{1,64})(?=[ \t]|\r?$)`,
  'i',
);
const INCLUDE = /^[ \t]*@include[ \t]+[\w.-]{1,64}[ \t]*\r?$/;

/**
 * A module argument that sets nothing secret (pam_unix(8), pam_pwquality(8), pam_faillock(8): `use_authtok`,
 * `try_first_pass`, `yescrypt`, `sha512`, `retry=3`, `dcredit=-1`, `authtok_type=UNIX`, `file=/etc/security/opasswd`):
 * a flag of lower-case words (a hash's name with its digits), or `name=value` whose value is a number, a word without
 * digits (a DN's `cn=admin,dc=example` too) or a path. Anything else (`Zx9kq2Lm4`, `bindpw=…`) is judged as any text is.
 */
const FLAG = /^(?:[a-z]+(?:_[a-z]+)*|sha(?:256|512)|md5|gost_yescrypt)$/;
const VALUE = /^(?:-?\d{1,10}|[A-Za-z_=,.-]{1,256}|\/[\w./-]{1,256})$/;

/**
 * Whether `line` is a PAM rule (or Debian's `@include`) whose arguments are all plain (FLAG, VALUE), none under a name
 * `namesSecret` says is a secret's (`password=…`) or looking generated. Every caller passes its key judge, so that an
 * exemption never rests on another reader's coverage (review 79, item 12).
 */
export function isPlainPamRule(line: string, namesSecret: (name: string) => boolean): boolean {
  const rule = line.length <= 4096 ? (RULE.exec(line) ?? INCLUDE.exec(line))?.[0] : undefined;
  if (rule === undefined) return false;
  const rest = line.slice(rule.length).trim();
  return (
    rest === '' ||
    rest.split(/[ \t]+/).every((argument) => {
      const equals = argument.indexOf('=');
      if (equals < 0) return FLAG.test(argument) || (VALUE.test(argument) && argument.startsWith('/') && !looksGenerated(argument));
      const [name, value] = [argument.slice(0, equals), argument.slice(equals + 1)];
      return /^[a-z][a-z_]{0,63}$/.test(name) && !namesSecret(name) && VALUE.test(value) && !looksGenerated(value);
    })
  );
}

/** Whether `text` is a PAM stack: each line a plain rule (isPlainPamRule), a comment or blank, one rule at least. */
export function isPamStack(text: string, namesSecret: (name: string) => boolean): boolean {
  if (text.length > 65_536) return false;
  let rules = 0;
  for (const line of text.split('\n')) {
    if (/^[ \t]*(?:#.*)?\r?$/.test(line)) continue;
    if (!isPlainPamRule(line, namesSecret)) return false;
    rules++;
  }
  return rules > 0;
}
