import { readsFile } from './shell-redirections';

/**
 * The stages of a pipeline between the text that feeds it (`echo pw`, `printf …`, a here-string) and a command that
 * reads a password on standard input (attack round 41a-3): `echo pw | sed 's/ //g' | docker login --password-stdin`.
 * Whatever a filter does to it, the password comes from the fed text, which is written in the file: every stage passes
 * its input on, but a command that takes its input as a program, a query or a list of names to act on, or that
 * answers with data of its own (a shell, xargs, a client of a server, a decryption): what comes out of those is not
 * the fed text (`echo "SELECT pw FROM t" | psql -At | docker login --password-stdin` feeds a query).
 */

/** Words a stage's command may follow: a command that runs it, an assignment (`LC_ALL=C sed …`). */
const RUNNER = /^(?:sudo|doas|env|time|nice|nohup|stdbuf|timeout|ionice|command|exec|unbuffer|-\S*|\d+[smhd]?|[A-Za-z_]\w*=.*)$/s;

/**
 * Commands whose output is not their input passed on: shells and runners of their input (`sh`, `xargs`, `parallel`,
 * `ssh`), clients of a server or a store (network, databases, secret stores, clouds, containers), decryptions and key
 * tools (gpg, age, sops, openssl, ansible-vault), and programs with no script given (`python` reads its program there).
 */
const SOURCE =
  /^(?:(?:ba|z|da|k|a|c|tc|fi)?sh|eval|source|\.|xargs|parallel|ssh|scp|sftp|nc|ncat|netcat|socat|telnet|curl|wget|https?|psql|mysql\w*|mariadb\w*|sqlite3?|sqlplus|sqlcmd|cqlsh|mongo\w*|redis-cli|valkey-cli|keydb-cli|ldap\w+|kubectl|oc|helm|docker|podman|nerdctl|crictl|vault|aws|gcloud|gsutil|az|doctl|op|bw|pass|gopass|security|secret-tool|keyring|gpg2?|age|sops|openssl|ansible-vault|ansible|kubeseal|bc|dc|expect)$/;
/** Interpreters: a filter where a script (or `-e`/`-c`/`-p`/`-n` program) is given, their program's reader where not. */
const INTERPRETER = /^(?:python[\d.]*|node|nodejs|deno|bun|perl|ruby|php|lua[\d.]*|Rscript|pwsh|powershell|osascript)$/;

const basename = (word: string): string => word.replace(/^.*[/\\]/s, '').replace(/\.exe$/i, '');

/** The index of the command word of the stage from `start` to `end` (after its runners and assignments), if any. */
export function stageCommand(words: readonly string[], start: number, end: number): number | undefined {
  let k = start;
  while (k < end && RUNNER.test(words[k])) k++;
  return k < end ? k : undefined;
}

/** Whether the stage from `start` to `end` passes its standard input on (its output is made of the fed text). */
export function passesOn(words: readonly string[], start: number, end: number): boolean {
  const k = stageCommand(words, start, end);
  if (k === undefined) return false;
  const name = basename(words[k]);
  if (SOURCE.test(name)) return false;
  if (INTERPRETER.test(name)) return k + 1 < end && !/^[<>]|^\d[<>]/.test(words[k + 1]);
  return !readsFile(words, start, end);
}
