import { isPlaceholder } from './placeholders';
import { isCommandReference } from './secret-arguments';
import { isWrittenSecret, secretFile } from './secret-file-names';
import { secretFileContentSpans } from './secret-file-contents';
import { secretFileFlowMapSpans } from './secret-file-flow-maps';
import { commandDefaultAt } from './command-defaults';

/**
 * 65a-14: a literal a shell line writes into a file named like a secret is that secret, whatever the line calls it:
 * `echo <hex> | sudo tee /etc/rancher/k3s/cluster-token`, `sh -c 'echo … > /run/secrets/db_password'`, `printf '…' >
 * password.txt`, `install -m 600 <(echo …) /etc/app/token`, and a heredoc (`cat > …/cluster-token <<'EOT'`, closed or not);
 * 66a-7: `1>`, `{ echo …; } >`, `(echo …) >`, a pipe into `sponge`, `dd of=`, `install`/`cp /dev/stdin`, and a
 * here-string (`tee path <<< '…'`, `cat <<< … > path`). Which files: secret-file-names.ts. The runbook writes the token
 * file from `openssl rand`, never a literal. A reference (`"$TOKEN"`,
 * `$(cat f)`), a placeholder (`<token>`), a command's output (`openssl rand -hex 32 | tee …`) writes none.
 */

/** One word of a shell line: quoted parts kept; ends at a blank or an operator. */
const WORD = /"[^"\n]*"|'[^'\n]*'|[^\s;&|<>()'"]+/y;
const PATH = /[ \t]*("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)/y;
/** `echo`/`printf` as a word of its own (a line's, a list item's, after `;`, `&&`, `sudo`, `sh -c '`, `<(`, `--x=`). */
const WRITER = /(?<![\w./-])(echo|printf)(?=[ \t])/g;
/** After the words: `| [sudo] tee [options] path`, `>`/`>>`/`>|` path, or `)` of `<(…)` then the command's last word. */
const REDIRECT = /[ \t]*[12&]?>[>|]?[ \t]*/y;
/** A command a pipe writes into a file with: `tee`, `sponge`, `dd of=`, `install …`/`cp /dev/stdin path` (after `sudo`). */
const PIPE_WRITER = /[ \t]*\|[ \t]*(?:sudo[ \t]+(?:-\S+[ \t]+)*)?(tee|sponge|dd|install|cp)(?=[ \t])([^;&|\n]{0,512})/y;
/**
 * 67a-9: a pipe into a remote or container shell (`| ssh host 'sudo tee p'`, `| kubectl exec -i pod -- sh -c 'cat > p'`,
 * `docker|podman exec -i`): the remote command's words, to the line's end (its quotes hold the `;`, `|` it may have).
 */
const REMOTE_PIPE = /[ \t]*\|[ \t]*(?:sudo[ \t]+)?(?:ssh|kubectl|oc|docker|podman|nerdctl|crictl|lxc|incus)(?=[ \t])([^\n]{0,512})/y;
/** The file a remote command writes from its input: `tee [options] p`, `cat > p`, `dd of=p`, `sponge p`. */
const REMOTE_TARGET =
  /(?:^|[\s'"])(?:tee(?:[ \t]+-[\w-]+)*[ \t]+|sponge[ \t]+|cat[ \t]*[12]?>>?[ \t]*)("[^"\n]+"|[^\s;&|<>()'"]+)|(?:^|[ \t])of=("[^"\n]+"|[^\s;&|<>()'"]+)/;
/** A group's end before its redirection: `{ echo …; } > path`, `(echo …) > path`. */
const GROUP_END = /[ \t]*(?:;[ \t]*\}|\))/y;
const FILE_WORD = /"[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+/;

/** The file a pipe's writer (PIPE_WRITER's command and the rest of its words) writes. */
export function pipedPath(command: string, rest: string): string | undefined {
  if (command === 'dd') return /(?:^|[ \t])of=("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)/.exec(rest)?.[1];
  if (command === 'cp' || command === 'install') return new RegExp(`/dev/stdin[ \t]+(${FILE_WORD.source})`).exec(rest)?.[1];
  return rest.split(/[ \t]+/).find((word) => word && !word.startsWith('-'));
}
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
      if (/^\d{1,2}>/.test(text.slice(at + blank, at + blank + 3))) break; // `1> path`: a redirection, no word
      // 67a-10: `"${X-$(echo x)}"` writes `x` wherever X is unset: its literal is the word written.
      const expansion = /^"?\$\{/.test(text.slice(at + blank, at + blank + 3)) ? commandDefaultAt(text, at + blank) : undefined;
      if (expansion) {
        words.push([text.slice(...expansion.literal), expansion.literal[0]]);
        at = expansion.end;
        continue;
      }
      WORD.lastIndex = at + blank;
      const word = WORD.exec(text);
      if (!word) break;
      words.push([word[0], word.index]);
      at = WORD.lastIndex;
    }
    let path: string | undefined;
    const wordsEnd = at;
    GROUP_END.lastIndex = at;
    if (GROUP_END.exec(text)) at = GROUP_END.lastIndex;
    PIPE_WRITER.lastIndex = at;
    const piped = PIPE_WRITER.exec(text);
    REDIRECT.lastIndex = at;
    REMOTE_PIPE.lastIndex = at;
    const remote = piped ? undefined : REMOTE_PIPE.exec(text);
    if (piped) path = pipedPath(piped[1], piped[2]);
    else if (remote) {
      const target = REMOTE_TARGET.exec(remote[1].replace(/\\(["'])/g, '$1'));
      path = target?.[1] ?? target?.[2];
    } else if (REDIRECT.exec(text)) {
      PATH.lastIndex = REDIRECT.lastIndex;
      path = PATH.exec(text)?.[1];
    }
    if (path === undefined && text.slice(Math.max(0, writer.index - 2), writer.index + 2).includes('<(')) {
      SUBSTITUTION_END.lastIndex = wordsEnd;
      path = SUBSTITUTION_END.exec(text)?.[1]
        .trim()
        .split(/[ \t]+/)
        .at(-1);
    }
    const kind = path === undefined ? undefined : secretFile(path);
    const spans = kind && writtenSpans(words, writer[1]);
    if (!spans) continue;
    const value = text.slice(spans[0][0], spans.at(-1)![1]);
    if (kind !== 'any' && (spans.length > 1 || !isWrittenSecret(kind!, value, path!))) continue;
    found.push(...spans);
  }
  return found;
}

/** A heredoc into a file (`cat > path <<'EOT'`, `cat <<EOT | sudo tee path`, `tee path <<EOT`): its delimiter. */
const HEREDOC = /^.*<<-?[ \t]*(["']?)([A-Za-z_]\w{0,63})\1.*$/gm;
/**
 * The files a command writes: `tee`/`sponge` path, `dd of=`, `cp`/`install /dev/stdin path`, `>` path; a remote
 * shell's quoted command too (`ssh host 'sudo tee path'`, 67w-1).
 */
const COMMAND_TARGETS =
  /(?:^|[\s|'"])(?:tee|sponge)(?:[ \t]+-[\w-]+)*[ \t]+("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)|(?:^|[ \t'"])of=("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)|\/dev\/stdin[ \t]+("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)|(?<!<)[12]?>[>|]?[ \t]*("[^"\n]+"|'[^'\n]+'|[^\s;&|<>()'"]+)/g;

/** The kind of the first file named like a secret that a command writes (see secretFile), or undefined. */
function secretTarget(command: string): ReturnType<typeof secretFile> {
  for (const target of command.matchAll(COMMAND_TARGETS)) {
    const kind = secretFile(target.slice(1).find((p) => p !== undefined)!);
    if (kind) return kind;
  }
  return undefined;
}

/** The most lines of a heredoc's body read (a token file's body is a line or two). */
const BODY_LINES = 64;

/**
 * A heredoc written into a file named like a secret: a body of one line (its span), or, into a file where any literal is
 * the secret (K3s' token files, /run/secrets), each line of a longer body. 66c-1: a body that runs to the text's end
 * without its closing line is written all the same (bash warns `here-document delimited by end-of-file`, then writes it).
 */
function heredocSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  let read = 0; // the end of the last body read: a line of a file's content is no command (and each is read once)
  for (const head of text.matchAll(HEREDOC)) {
    if (head.index < read) continue;
    // 67w-1: any of the head's targets (`ssh host sudo dd of=…`, `install -m 600 /dev/stdin …`, `sponge …`).
    const kind = secretTarget(head[0].replace(/<<-?[ \t]*\S+/, ' '));
    if (!kind) continue;
    const body: Array<[number, string]> = [];
    for (let start = head.index + head[0].length + 1; start <= text.length && body.length < BODY_LINES; read = start) {
      const end = text.indexOf('\n', start) < 0 ? text.length : text.indexOf('\n', start);
      const line = text.slice(start, end).replace(/\r$/, '');
      if (line.trim() === head[2]) break;
      body.push([start, line]);
      start = end + 1;
    }
    const lines = body.filter(([, line]) => line.trim());
    if (lines.length === 0 || (lines.length > 1 && kind !== 'any')) continue;
    for (const [start, line] of lines) {
      const value = line.trim();
      if (/[$`]/.test(value) || isPlaceholder(value) || (kind === 'json-word' && !isWrittenSecret(kind, value, ''))) continue;
      const at = start + line.indexOf(value);
      found.push([at, at + value.length]);
    }
  }
  return found;
}

/** A here-string (`<<< word`) and the command it feeds, to the next `;`, `&` or line break (pipes and redirections kept). */
const HERE_STRING = /<<<[ \t]*("[^"\n]*"|'[^'\n]*'|[^\s;&|<>()'"]+)/g;

/** A here-string's literal fed to a command that writes it into a file named like a secret (its span). */
function hereStringSpans(text: string): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  for (const here of text.matchAll(HERE_STRING)) {
    // The command around it, at most 512 characters either side (a hostile line of here-strings stays linear).
    const before = text.slice(Math.max(0, here.index - 512), here.index);
    const ends = /[;&\n]|$/.exec(text.slice(here.index + here[0].length, here.index + here[0].length + 512))!;
    const command =
      before.slice(before.search(/[^;&\n]*$/)) + ' ' + text.slice(here.index + here[0].length, here.index + here[0].length + ends.index);
    const paths = [...command.matchAll(COMMAND_TARGETS)].map((target) => target.slice(1).find((p) => p !== undefined)!);
    const kinds = paths.map((path) => [secretFile(path), path] as const).filter(([kind]) => kind !== undefined);
    const spans = writtenSpans([[here[1], here.index + here[0].length - here[1].length]], 'echo');
    if (!spans || kinds.length === 0) continue;
    const value = text.slice(spans[0][0], spans[0][1]);
    if (kinds.some(([kind, path]) => isWrittenSecret(kind!, value, path))) found.push(spans[0]);
  }
  return found;
}

/** The literals written into files named like secrets in `text` (secrets-formats.ts's finders: refused and redacted). */
export function secretFileWriteSpans(text: string): Array<[number, number]> {
  const shell = /echo|printf|<</.test(text)
    ? [...echoSpans(text), ...(text.includes('<<') ? heredocSpans(text) : []), ...(text.includes('<<<') ? hereStringSpans(text) : [])]
    : [];
  return [...shell, ...secretFileContentSpans(text), ...secretFileFlowMapSpans(text)];
}

/** What such a value is called in messages. */
export const SECRET_FILE_WRITE =
  'a literal written into a file named like a secret (a token, password or key file, /run/secrets/, K3s token files): write it from a command (openssl rand, a variable) or paste it on the host, never into config';
