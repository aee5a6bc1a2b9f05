/**
 * A literal a script wrote into a file (or a descriptor, or `<(echo …)`) and then gave to an option that reads a
 * password from a file (attack round 47a-7): `echo 'pw' > /tmp/v; ansible-vault decrypt --vault-password-file /tmp/v`,
 * `--password-file=/tmp/p`, `--passphrase-file`, `--secret-file`, `--token-file`, gocryptfs's `-passfile`. Whatever
 * the program, the file's text is the password. fed-reads.ts writes each such read in its probe as `/dev/stdin <<<'…'`
 * where the file's name stood (fed-files.ts); this reads the probe: the option, then that here-string's literal.
 */

/** An option named as a password's file, then `/dev/stdin` fed a single-quoted literal (probe-spans.ts singleQuoted). */
const OPTION_FED =
  /(?<![\w-])(--?(?:[A-Za-z0-9]+[-_])*(?:password|passwd|passphrase|pass|secret|token)[-_]?file)(?:=|[ \t]+)\/dev\/stdin <<<'((?:[^'\n]|'\\'')*)'/dg;

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
  return { spans, option };
}
