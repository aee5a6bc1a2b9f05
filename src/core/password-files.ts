/**
 * A literal a script wrote into a file (or a descriptor, or `<(echo …)`) and then gave to an option that reads a
 * password from a file (attack round 47a-7): `echo 'pw' > /tmp/v; ansible-vault decrypt --vault-password-file /tmp/v`,
 * `--password-file=/tmp/p`, `--passphrase-file`, `--secret-file`, `--token-file`, gocryptfs's `-passfile`. Whatever
 * the program, the file's text is the password. fed-reads.ts writes each such read in its probe as `/dev/stdin <<<'…'`
 * where the file's name stood (fed-files.ts); this reads the probe: the option, then that here-string's literal.
 */

/**
 * An option named as a password's file, or (70a-4) OpenVPN's `--askpass <file>` (openvpn(8): the private key's password
 * "from console or file"), then `/dev/stdin` fed a single-quoted literal (probe-spans.ts singleQuoted).
 */
const OPTION_FED =
  /(?<![\w-])(--?(?:[A-Za-z0-9]+[-_])*(?:password|passwd|passphrase|pass|secret|token)[-_]?file|--askpass)(?:=|[ \t]+)\/dev\/stdin <<<'((?:[^'\n]|'\\'')*)'/dg;

/**
 * Round 48a-7: ansible's `--vault-id LABEL@FILE` (the label passed over), openssl's `-passin file:FILE` (`-passout`,
 * `-pass`, `-kfile`'s like: any option named for a password given `file:`), and any option given a file whose text holds a
 * `password=value` line (MySQL's `--defaults-file=/tmp/my.cnf` written by `printf '[client]\npassword=%s\n' '…'`).
 */
const LABELLED_FED = /(?<![\w-])(--vault-id)(?:=|[ \t]+)[^\s@'"]{0,64}@\/dev\/stdin <<<'((?:[^'\n]|'\\'')*)'/dg;
const PASS_FILE_FED = /(?<![\w-])(--?[\w-]{0,32}pass[\w-]{0,32})(?:=|[ \t]+)file:\/dev\/stdin <<<'((?:[^'\n]|'\\'')*)'/dg;
const CONFIG_FED = /(?<![\w-])(--?[A-Za-z][\w-]{0,63})(?:=|[ \t]+)\/dev\/stdin <<<'((?:[^'\n]|'\\'')*)'/dg;
/**
 * (70a-4) OpenVPN's `--auth-user-pass <file>`: the user name on the file's first line, the password on its second
 * (openvpn(8) "--auth-user-pass"); the lines split by line breaks or printf's `\n` (group 1 the second line).
 */
const USER_PASS_FED = /(?<![\w-])(--auth-user-pass)(?:=|[ \t]+)\/dev\/stdin <<<'((?:[^'\n]|'\\'')*)'/dg;
const SECOND_LINE = /^[^\n\\]*(?:\n|\\n)([^\s'"\\$]+)(?=$|\s|\\n)/;
/** A config line setting a password in a file's text (its lines split by line breaks or printf's `\n`): group 1 the value. */
const PASSWORD_LINE =
  /(?:^|\n|\\n)[ \t]*(?:[\w.-]*[-_.])?(?:(?:password|passwd)[ \t]*[=:]|pass[ \t]*=)[ \t]*([^\s'"\\$%{}<>`]{4,})(?=$|\s|\\n)/gi;

/** The findings of such reads in `probe`: the literals' spans, and the option named. */
export function passwordFileSpans(probe: string): { spans: Array<[number, number]>; option?: string } {
  const spans: Array<[number, number]> = [];
  let option: string | undefined;
  if (!probe.includes('/dev/stdin <<<')) return { spans };
  for (const match of probe.matchAll(OPTION_FED)) {
    // A reference (`$PW`) is written as it stands; an empty literal is no password.
    if (!match[2].trim() || /^\$/.test(match[2])) continue;
    spans.push(match.indices![2]);
    option ??= match[1];
  }
  for (const match of [...probe.matchAll(LABELLED_FED), ...probe.matchAll(PASS_FILE_FED)]) {
    if (!match[2].trim() || /^\$/.test(match[2])) continue;
    spans.push(match.indices![2]);
    option ??= match[1];
  }
  for (const match of probe.matchAll(USER_PASS_FED)) {
    const line = SECOND_LINE.exec(match[2]);
    if (!line) continue;
    const at = match.indices![2][0] + line[0].length - line[1].length;
    spans.push([at, at + line[1].length]);
    option ??= match[1];
  }
  for (const match of probe.matchAll(CONFIG_FED))
    for (const line of match[2].matchAll(PASSWORD_LINE)) {
      const at = match.indices![2][0] + line.index + line[0].length - line[1].length;
      spans.push([at, at + line[1].length]);
      option ??= match[1];
    }
  return { spans, option };
}
