import { readsFile } from './shell-redirections';
import { xargsEchoes } from './xargs-stage';

/**
 * The stages of a pipeline between the text that feeds it (`echo pw`, `printf …`, a here-string) and a command that
 * reads a password on standard input (attack round 41a-3): `echo pw | sed 's/ //g' | docker login --password-stdin`.
 * Whatever a filter does to it, the password comes from the fed text, which is written in the file: every stage passes
 * its input on, but a command that takes its input as a program, a query or a list of names to act on, or that
 * answers with data of its own (a shell, xargs, a client of a server, a decryption): what comes out of those is not
 * the fed text (`echo "SELECT pw FROM t" | psql -At | docker login --password-stdin` feeds a query). A decoder
 * (`base64 -d`, `xxd -r -p`, `openssl base64 -d`) passes on its input, encoded as written: the fed text is the password.
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

/**
 * openssl's base64 coding, no cipher (docs.openssl.org openssl-enc: `openssl base64` is `openssl enc -base64`; `-a`
 * the same, `-A` one line, `-d` decodes, `-none` no cipher): a decoder, whose output IS its input, decoded. A cipher
 * (`-aes-256-cbc`), a key or an input file (`-in f`) makes it another reader: not read through.
 */
const OPENSSL_CODING = /^(?:-[deaA]|-base64|-none|-nopad)$/;
function opensslDecodes(words: readonly string[], k: number, end: number): boolean {
  const sub = words[k + 1];
  if (sub !== 'base64' && sub !== 'enc') return false;
  // Its options, up to a redirection (`<<< "…"`: the here-string it decodes).
  const redirection = words.slice(k + 2, end).findIndex((word) => /^\d?[<>]/.test(word));
  const options = words.slice(k + 2, redirection < 0 ? end : k + 2 + redirection);
  return options.every((word) => OPENSSL_CODING.test(word)) && (sub === 'base64' || options.some((word) => /^-(?:a|base64)$/.test(word)));
}

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
  if (name === 'openssl' && opensslDecodes(words, k, end)) return !readsFile(words, start, end);
  // xargs running echo or printf writes its input back (xargs-stage.ts, 42a-2).
  if (name === 'xargs') return xargsEchoes(words, k, end) && !readsFile(words, start, end);
  if (SOURCE.test(name)) return false;
  if (INTERPRETER.test(name)) return k + 1 < end && !/^[<>]|^\d[<>]/.test(words[k + 1]);
  return !readsFile(words, start, end);
}
