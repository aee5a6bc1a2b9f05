import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';

/**
 * 65a-14: a literal a shell line writes into a file named like a secret is that secret, whatever the line calls it:
 * `echo <hex> | sudo tee /etc/rancher/k3s/cluster-token`, `sh -c 'echo … > /run/secrets/db_password'`, `printf '…' >
 * password.txt`, `install -m 600 <(echo …) /etc/app/token`, and a heredoc of one line (`cat > …/cluster-token <<'EOT'`).
 * K3s reads its token from a file (docs.k3s.io/cli/server: `--token-file`; k3s-io/k3s writes
 * /var/lib/rancher/k3s/server/token, node-token and agent-token), and this project's runbook has it written to
 * /etc/rancher/k3s/cluster-token (dist/dev/README.md) from `openssl rand`, never a literal. A reference (`"$TOKEN"`,
 * `$(cat f)`), a placeholder (`<token>`), a command's output (`openssl rand -hex 32 | tee …`) writes none.
 */

/** Where any literal is a secret: Docker/Compose secrets (/run/secrets/<name>) and K3s' token files. */
const SECRET_PLACE =
  /(?:^|\/)run\/secrets\/[^/]+$|(?:^|\/)rancher\/k3s\/(?:cluster-token|token)$|(?:^|\/)k3s\/server\/(?:node-|agent-)?token$/;
/** A file's last part that names a secret (`db_password`, `auth_pass`, `.vault_pass`, `token`, `api.key`, `credentials`). */
const SECRET_NAME =
  /(?:^|[._-])(?:tokens?|passwords?|passwd|pass(?:phrase|wd)?|secrets?|(?:private|api|secret)?[_-]?key|credentials?)(?:[._-][\w.-]*)?$/i;
/** Files with such a name that hold no secret: public keys and key lists, PAM's stacks, the accounts file. */
const NOT_SECRET_FILE = /(?:^|\/)etc\/pam\.d\/|pub(?:lic)?[._-]?key|\.pub$|authorized_keys|known_hosts|(?:^|\/)etc\/passwd$/i;

/** Whether a path names a file that holds a secret, and whether any literal (even words with blanks) is one there. */
function secretFile(path: string): 'any' | 'word' | undefined {
  const bare = path.replace(/^(["'])(.*)\1$/, '$2');
  if (/^\/(?:proc|sys|dev)\//.test(bare) || NOT_SECRET_FILE.test(bare)) return undefined;
  if (SECRET_PLACE.test(bare)) return 'any';
  return SECRET_NAME.test(bare.slice(bare.lastIndexOf('/') + 1)) ? 'word' : undefined;
}

/** One word of a shell line: quoted parts kept; ends at a blank or an operator. */
const WORD = /"[^"\n]*"|'[^'\n]*'|[^\s;&|<>()'"]+/y;
const PATH = /[ \t]*("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)/y;
/** `echo`/`printf` as a word of its own (a line's, a list item's, after `;`, `&&`, `sudo`, `sh -c '`, `<(`, `--x=`). */
const WRITER = /(?<![\w./-])(echo|printf)(?=[ \t])/g;
/** After the words: `| [sudo] tee [options] path`, `>`/`>>`/`>|` path, or `)` of `<(…)` then the command's last word. */
const TEE = /[ \t]*\|[ \t]*(?:sudo[ \t]+(?:-\S+[ \t]+)*)?tee(?:[ \t]+-[\w-]+)*[ \t]+/y;
const REDIRECT = /[ \t]*[12&]?>[>|]?[ \t]*/y;
const SUBSTITUTION_END = /[ \t]*\)((?:[ \t]+(?:"[^"\n]*"|'[^'\n]*'|[^\s;&|<>()'"]+))+)/y;

/** The literal's spans in the words an `echo`/`printf` writes: none when one refers (`"$T"`), is a placeholder or empty. */
function writtenSpans(words: Array<[string, number]>, command: string): Array<[number, number]> | undefined {
  const options = command === 'echo' ? /^-[neE]+$/ : /^-v$/;
  let values = words.filter(([word]) => !options.test(word));
  if (command === 'printf' && values.length > 1) values = values.slice(1);
  const spans: Array<[number, number]> = [];
  for (const [word, at] of values) {
    if (/[$`]/.test(word) || isCommandReference(word)) return undefined;
    const quoted = /^["']/.test(word);
    const inner = (quoted ? word.slice(1, -1) : word).replace(/%[sb]|\\[nrt]/g, '');
    if (!inner.trim() || isPlaceholder(inner)) continue;
    spans.push(quoted ? [at + 1, at + word.length - 1] : [at, at + word.length]);
  }
  return spans.length > 0 ? spans : undefined;
}

/** `echo|printf <literal>` written into a file named like a secret (spans of the literal). */
function echoSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const writer of text.matchAll(WRITER)) {
    const words: Array<[string, number]> = [];
    let at = writer.index + writer[0].length;
    for (let n = 0; n < 64; n++) {
      const blank = /^[ \t]*/.exec(text.slice(at, at + 256))![0].length;
      WORD.lastIndex = at + blank;
      const word = WORD.exec(text);
      if (!word) break;
      words.push([word[0], word.index]);
      at = WORD.lastIndex;
    }
    let path: string | undefined;
    for (const door of [TEE, REDIRECT]) {
      door.lastIndex = at;
      if (!door.exec(text)) continue;
      PATH.lastIndex = door.lastIndex;
      path = PATH.exec(text)?.[1];
      break;
    }
    if (path === undefined && text.slice(Math.max(0, writer.index - 2), writer.index + 2).includes('<(')) {
      SUBSTITUTION_END.lastIndex = at;
      path = SUBSTITUTION_END.exec(text)?.[1]
        .trim()
        .split(/[ \t]+/)
        .at(-1);
    }
    const kind = path === undefined ? undefined : secretFile(path);
    const spans = kind && writtenSpans(words, writer[1]);
    if (!spans) continue;
    const value = text.slice(spans[0][0], spans.at(-1)![1]);
    if (kind === 'word' && (spans.length > 1 || /\s/.test(value) || (/passwd/i.test(path!) && value.includes(':')))) continue;
    found.push(...spans);
  }
  return found;
}

/** A heredoc into a file (`cat > path <<'EOT'`, `cat <<EOT | sudo tee path`, `tee path <<EOT`): its delimiter and target. */
const HEREDOC = /^.*<<-?[ \t]*(["']?)([A-Za-z_]\w{0,63})\1.*$/gm;
const HEREDOC_TARGET = /(?:\btee(?:[ \t]+-[\w-]+)*|[12]?>>?)[ \t]*("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)/;

/** A heredoc of one line written into a file named like a secret (the line's span). */
function heredocSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const head of text.matchAll(HEREDOC)) {
    const target = HEREDOC_TARGET.exec(head[0].replace(/<<-?[ \t]*\S+/, ' '));
    if (!target || !secretFile(target[1])) continue;
    const start = head.index + head[0].length + 1;
    const end = text.indexOf('\n', start);
    const next = text.indexOf('\n', end + 1);
    if (end < 0) continue;
    const closing = text.slice(end + 1, next < 0 ? text.length : next).trim();
    if (closing !== head[2]) continue;
    const line = text.slice(start, end).replace(/\r$/, '');
    const value = line.trim();
    if (!value || /[$`]/.test(value) || isPlaceholder(value)) continue;
    const at = start + line.indexOf(value);
    found.push([at, at + value.length]);
  }
  return found;
}

/** The literals written into files named like secrets in `text` (secrets-formats.ts's finders: refused and redacted). */
export function secretFileWriteSpans(text: string): Array<[number, number]> {
  if (!/echo|printf|<</.test(text)) return [];
  return [...echoSpans(text), ...(text.includes('<<') ? heredocSpans(text) : [])];
}

/** What such a value is called in messages. */
export const SECRET_FILE_WRITE =
  'a literal written into a file named like a secret (a token, password or key file, /run/secrets/, K3s token files): write it from a command (openssl rand, a variable) or paste it on the host, never into config';
