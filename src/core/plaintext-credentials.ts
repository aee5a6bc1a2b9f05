import { backtickJoined } from './powershell-credentials';
import { secureStringPlainTexts } from './securestring-arguments';
import { setsSecret } from './secrets-text';
import { sensitiveLiterals } from './sensitive-calls';

/**
 * Attack round 41a-7: a credential written in plain text by a form that names it no other way:
 * - PowerShell's `ConvertTo-SecureString "value" -AsPlainText [-Force]` (learn.microsoft.com, Microsoft.PowerShell.Security
 *   ConvertTo-SecureString: `-AsPlainText` converts the plain text given, the first positional or `-String`; in any
 *   order since 43a-9: securestring-arguments.ts), alone or
 *   inside `New-Object PSCredential(…)`;
 * - a Terraform `variable "name" { … default = "value" … }` block (developer.hashicorp.com terraform language values
 *   variables) whose name is a secret's (`db_password`) or which says `sensitive = true`: its default is the secret;
 * - a WireGuard private key (base64 of 32 bytes) fed to `wg`: `echo KEY | wg pubkey`, `wg pubkey <<< KEY`,
 *   `wg set wg0 private-key <(echo KEY)` (wg(8): `pubkey` reads a private key on standard input; `private-key` a file).
 * 42a-5: a Terraform default written as a heredoc (`default = <<EOT` … `EOT`, `<<-EOT` indented), an `ephemeral = true`
 * variable's (Terraform 1.10) as a sensitive one's, an `output` block's `value` as a variable's default; a literal given to
 * Terraform's `sensitive("…")` or `nonsensitive("…")` (developer.hashicorp.com terraform language functions sensitive:
 * it marks a value secret, so a literal there is one); WireGuard's key fed to `wg set … private-key|preshared-key` by
 * `/dev/stdin` or `/dev/fd/N` (a pipe, a here-string `N<<<`), or a `preshared-key <(echo KEY)`. A ConvertTo-SecureString
 * continued by backticks over lines is read as one line (powershell-credentials.ts backtickJoined). 68a-19: what a
 * `private-key|preshared-key <(echo …)` writes is the key whatever it looks like (`<(echo swordfish)`): any literal.
 * A value that refers (`$env:PW`, `"$plain"`, `var.pw`) is none: secrets-text.ts setsSecret judges it as a password's.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const PLAINTEXT_CREDENTIAL =
  "a credential written as plain text (ConvertTo-SecureString … -AsPlainText, a Terraform variable's default, a WireGuard key fed to wg)";

/** A quoted value, to its closing quote on the line. */
const QUOTED = String.raw`"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'`;

/**
 * A Terraform variable (or output) block, its name and its body up to its end or a block inside it (`validation { … }`): the
 * settings before that are read (a default after a nested block is not).
 */
const TERRAFORM = /^[ \t]*(variable|output)[ \t]+"([\w-]{1,128})"[ \t]*\{([^{}]{0,4096})/dgm;
const DEFAULT = new RegExp(
  String.raw`^[ \t]*(?:default|value)[ \t]*=[ \t]*(?:(${QUOTED})|<<-?[ \t]*(["']?)(\w{1,64})\2[ \t]*\r?\n([^]*?)\r?\n[ \t]*\3[ \t]*\r?$)`,
  'dm',
);
const SENSITIVE = /^[ \t]*(?:sensitive|ephemeral)[ \t]*=[ \t]*true\b/m;

/** A WireGuard key (32 bytes in base64: 43 characters, the last of 4 bits, then `=`). */
const WG_KEY = String.raw`["']?([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)["']?`;
/** What `wg set` reads a key from when it is fed: standard input or a descriptor. */
const WG_STDIN = String.raw`/(?:dev/stdin|dev/fd/\d+|proc/self/fd/\d+)\b`;
/** `echo` or `printf` writing what follows (`printf '%s\n'` too). */
const WG_FEEDER = String.raw`(?:echo|printf)(?:[ \t]+-[neE]+)*(?:[ \t]+"%s(?:\\n)?"|[ \t]+'%s(?:\\n)?')?`;
const WIREGUARD = new RegExp(
  [
    String.raw`${WG_FEEDER}[ \t]+${WG_KEY}[ \t]*\|[ \t]*(?:sudo[ \t]+)?wg[ \t]+pubkey\b`,
    String.raw`\bwg[ \t]+pubkey[ \t]*<<<[ \t]*${WG_KEY}`,
    String.raw`\b(?:private|preshared)-key[ \t]+<\([ \t]*${WG_FEEDER}[ \t]+(${QUOTED}|[^\s()"'$\x60]+)[ \t]*\)`,
    String.raw`${WG_FEEDER}[ \t]+${WG_KEY}[ \t]*\|[ \t]*(?:sudo[ \t]+)?wg[ \t]+set\b[^\n|;&]{0,512}?(?:private|preshared)-key[ \t]+${WG_STDIN}`,
    String.raw`\b(?:private|preshared)-key[ \t]+${WG_STDIN}[^\n|;&<]{0,256}\d?<<<[ \t]*${WG_KEY}`,
  ].join('|'),
  'dg',
);

/** The span of `match`'s first group that matched, inside its quotes where quoted. */
function valueSpan(match: RegExpMatchArray, groups: readonly number[]): [number, number] | undefined {
  const group = groups.find((n) => match[n] !== undefined);
  if (group === undefined) return undefined;
  const [start, end] = match.indices![group];
  const quoted = /^(["']).*\1$/s.test(match[group]) ? 1 : 0;
  return end - start > 2 * quoted ? [start + quoted, end - quoted] : undefined;
}

/** A heredoc default's body, its indentation and trailing blanks left out. */
function hereDocSpan(match: RegExpMatchArray): [number, number] | undefined {
  const [start, end] = match.indices![4];
  const body = match[4];
  const lead = body.length - body.trimStart().length;
  const trail = body.length - body.trimEnd().length;
  return end - trail > start + lead ? [start + lead, end - trail] : undefined;
}

/** Where a text holds a plaintext credential of one of these forms: the value's span. */
export function plaintextCredentialSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (/ConvertTo-SecureString/i.test(text))
    for (const { value, span } of secureStringPlainTexts(backtickJoined(text))) if (setsSecret('password', value)) spans.push(span);
  if (/^[ \t]*(?:variable|output)[ \t]/m.test(text))
    for (const match of text.matchAll(TERRAFORM)) {
      const body = match[3];
      const value = DEFAULT.exec(body);
      // A variable's `default`, an output's `value`.
      if (!value || !value[0].trimStart().startsWith(match[1] === 'variable' ? 'default' : 'value')) continue;
      const written = value[1] ?? value[4];
      if (!written || !(setsSecret(match[2], written) || (SENSITIVE.test(body) && setsSecret('password', written)))) continue;
      const span = value[1] === undefined ? hereDocSpan(value) : valueSpan(value, [1]);
      const at = match.indices![3][0];
      if (span) spans.push([at + span[0], at + span[1]]);
    }
  // Every literal given to sensitive( or nonsensitive( (sensitive-calls.ts: comments, lists, string functions, heredocs).
  for (const { value, span } of sensitiveLiterals(text)) if (setsSecret('password', value)) spans.push(span);
  if (/\bwg\b/.test(text))
    for (const match of text.matchAll(WIREGUARD)) {
      const span = valueSpan(match, [1, 2, 3, 4, 5]);
      if (span && setsSecret('password', text.slice(span[0], span[1]))) spans.push(span);
    }
  return spans;
}
