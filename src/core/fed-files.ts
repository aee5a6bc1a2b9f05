import { hereDocLines, literalWritten, WORD, wordsLiteral, WRITER, type Literal } from './fed-literals';
import { hereString, MAX_EDITS, readsAfter, reopened, sourceOf, spellings } from './fed-reads';
import { groupFdEdits } from './group-fds';
import { passwordFileSpans } from './password-files';
import { probeOf, textSpans, type Probe, type ProbeEdit } from './probe-spans';
import { putSecretAssignments } from './secret-variables';
import { withLiterals } from './variable-literals';

/**
 * A literal that reaches a reader of a password through a file or a descriptor of the same script (attack rounds 43a-4,
 * 44a-1, 44a-3); what writes the literal is fed-literals.ts's (`echo`, `printf` with its format filled, a here-doc's
 * lines), what reads it fed-reads.ts's:
 * - a descriptor opened on a literal (`exec 3< <(echo pw)`, `exec 3<<<pw`, `exec 3<<EOF` with its lines), then read
 *   (`chpasswd <&3`, `exec 0<&3`, `read -u 3 PW`, `/dev/fd/3`);
 * - a process substitution of a literal given as a file (`sshpass -f <(echo pw)`: bash(1) "Process Substitution": the
 *   command's output is a file whose name is the argument);
 * - a file written from a literal (`echo 'root:pw' > /tmp/p`, `>/tmp/p printf …`, `echo … | tee /tmp/p`, `cat > /tmp/p
 *   <<EOF` with its lines), then read (`chpasswd < /tmp/p`, `</tmp/p chpasswd`, `"$(cat /tmp/p)"`, `sshpass -f /tmp/p`);
 *   a path given through a variable is variable-literals.ts's, which reads the text first;
 * - a coprocess (`coproc chpasswd`, `coproc NAME { … }`) written a literal (`echo 'root:pw' >&"${COPROC[1]}"`): bash(1)
 *   "Coprocesses": NAME[1] is a descriptor "connected to the standard input of the coprocess".
 * The text is read once more (a probe) with each such read written as what it reads: a here-string of the literal
 * (`chpasswd <<<'root:pw'`), a coprocess as the literal piped into its command. A finding is the text's where it lies
 * (probe-spans.ts): in a literal put there, where the text writes it.
 */

/** A process substitution of a literal that is no redirection of standard input (`< <(echo pw)` is stdin-passwords.ts's). */
const SUBSTITUTION = new RegExp(String.raw`<(?<!<[ \t]*<)(?<![\w>]<)\([ \t]*(${WRITER})[ \t]*\)`, 'dg');
/** A here-doc's operator and delimiter (`<<EOF`, `<<-'EOF'`, `<<"EOF"`, `<<\EOF`): `-`, then the delimiter, groups from `n`. */
const hereDoc = (n: number): string => String.raw`<<(-?)[ \t]*(['"]?)\\?([\w.-]+)` + `\\${n + 1}`;
/**
 * `exec N< <(echo LITERAL)`, `exec N<<<LITERAL` or `exec N<<EOF` (N 1 to 9: 0 is variable-literals.ts's EXEC), or `exec
 * {NAME}<…` (bash(1) REDIRECTION: "the shell will allocate a file descriptor greater than 10 and assign it to {varname}").
 */
const EXEC_FD = new RegExp(
  String.raw`(?<![\w-])exec[ \t]+([1-9]|\{[A-Za-z_]\w{0,63}\})(?:<[ \t]*<\([ \t]*(${WRITER})[ \t]*\)|<<<[ \t]*(${WORD})|${hereDoc(4)})`,
  'dg',
);
/**
 * A file's path: a literal word (quoted, in pieces, with blanks in quotes: 45a-5 `"/tmp/p w"`, and a variable's value
 * variable-literals.ts put there, `'/tmp'/p` for `$D/p`), groups `n` (empty) and `n + 1` (the word as written).
 */
const PATH = String.raw`()(${WORD})(?=$|[\s;&|)<>])`;
/** A literal written to a file: `echo LITERAL > /tmp/p` (`>|`, `>>`), `… | tee [-a] /tmp/p`; the path's groups 2, 3. */
const WRITTEN = new RegExp(String.raw`(${WRITER})[ \t]*(?:>[>|]?|\|[ \t]*tee(?:[ \t]+-[a-z]+)*[ \t])[ \t]*${PATH}`, 'dg');
/** The same with the redirection first (`>/tmp/p echo LITERAL`): the path's groups 1, 2. */
const WRITTEN_FIRST = new RegExp(String.raw`(?<![^\s;&|(])>[>|]?[ \t]*${PATH}[ \t]+(${WRITER})`, 'dg');
/** `cat` with an output file and a here-string or here-doc, in either order (the line's rest up to a separator). */
const CAT = /(?<![\w-])cat(?=[ \t])[^\n;&|]*/g;
const CAT_OUT = new RegExp(String.raw`(?<![<\d&])>[>|]?[ \t]*${PATH}`);
const CAT_STRING = new RegExp(String.raw`<<<[ \t]*(${WORD})`, 'd');
const CAT_DOC = new RegExp(hereDoc(1));
/** A literal written to a coprocess's input: `>&"${NAME[1]}"`, `>&${NAME[1]}`. */
const TO_COPROC = new RegExp(String.raw`(${WRITER})[ \t]*1?>&[ \t]*"?\$\{([A-Za-z_]\w*)\[1\]\}"?`, 'dg');
/** `coproc NAME` before a compound command (`{`, `(`), or `coproc` before a simple one (its coprocess is COPROC). */
const COPROC = /(?<![\w-])coproc[ \t]+(?:([A-Za-z_]\w*)[ \t]+(?=[{(]))?/g;

/** How many literals of each kind are followed (each a scan). */
const MAX_LITERALS = 8;

const first = (matches: IterableIterator<RegExpExecArray>): RegExpExecArray[] => {
  const found: RegExpExecArray[] = [];
  for (const match of matches) if (found.push(match) >= MAX_LITERALS) break;
  return found;
};

/** The literal the WRITER of group `k` writes. */
const written = (text: string, match: RegExpExecArray, k: number): Literal | undefined =>
  match[k] === undefined ? undefined : literalWritten(text, match.indices![k][0], match[k]);

/** A here-string's word (group `k`) as a literal: the words written as the shell reads them. */
const wordOf = (text: string, match: RegExpExecArray, k: number): Literal | undefined =>
  match[k] === undefined ? undefined : wordsLiteral(text, ...match.indices![k]);

/** A literal written into a file, with where it ends (reads of the file after it are followed). */
interface Written {
  literal: Literal;
  after: number;
  file: string;
}

/** The files `text` writes a literal into: `echo`/`printf` redirected, or `cat` given a here-string or a here-doc. */
function writtenFiles(text: string): Written[] {
  const files: Written[] = [];
  const add = (literal: Literal | undefined, after: number, file: string): void => {
    if (literal) files.push({ literal, after, file });
  };
  for (const match of first(text.matchAll(WRITTEN))) add(written(text, match, 1), match.index + match[0].length, match[3]);
  for (const match of first(text.matchAll(WRITTEN_FIRST))) add(written(text, match, 3), match.index + match[0].length, match[2]);
  for (const match of text.includes('cat') ? first(text.matchAll(CAT)) : []) {
    const out = CAT_OUT.exec(match[0]);
    const string = CAT_STRING.exec(match[0]);
    const doc = string ? undefined : CAT_DOC.exec(match[0]);
    const lines = doc ? hereDocLines(text, match.index + doc.index + doc[0].length, doc[3], doc[1] === '-') : undefined;
    const [from, to] = string?.indices![1] ?? [0, 0];
    if (out && string) add(wordsLiteral(text, match.index + from, match.index + to), match.index + match[0].length, out[2]);
    if (out && lines) add(lines.literal, lines.end, out[2]);
  }
  return files;
}

/**
 * The spellings of a path written as `word`: as written, and its value (the word after quote removal) bare where it
 * needs no quotes, double- and single-quoted (45a-5: `> '/tmp'/p` is read by `< /tmp/p` and `< "/tmp/p"`).
 */
function fileSpellings(word: string): string[] {
  const value = word.replace(/'([^']*)'|"([^"]*)"/g, '$1$2');
  const spelled = /^[^\s;&|()<>'"\x60$\\]+$/.test(value) ? spellings(value) : [`"${value}"`, `'${value}'`];
  return [...new Set([word, ...spelled])];
}

/** A probe of `text` with each read of a literal through a file or descriptor written as the literal. */
export function fedFilesProbe(text: string): Probe | undefined {
  if (!/<\(|>|<<|coproc/.test(text)) return undefined;
  const edits: ProbeEdit[] = [];
  for (const match of text.includes('<(') ? text.matchAll(SUBSTITUTION) : []) {
    const literal = written(text, match, 1);
    if (literal && edits.length < MAX_EDITS) {
      const here = hereString(literal);
      const map = [...Array<number>(11).fill(-1), ...here.map];
      edits.push({
        at: match.index,
        end: match.index + match[0].length,
        written: `/dev/stdin ${here.written}`,
        map,
        source: sourceOf(literal),
      });
    }
  }
  for (const match of text.includes('exec') ? first(text.matchAll(EXEC_FD)) : []) {
    const lines = match[6] ? hereDocLines(text, match.index + match[0].length, match[6], match[4] === '-') : undefined;
    const literal = written(text, match, 2) ?? wordOf(text, match, 3) ?? lines?.literal;
    // A named descriptor is read by its variable's value (`<&$fd`, `<&"${fd}"`, `/dev/fd/$fd`).
    const name = /^\{(.*)\}$/.exec(match[1])?.[1];
    const fds = name ? [`$${name}`, `\${${name}}`].flatMap((fd) => [fd, `"${fd}"`]) : [match[1]];
    const files = fds.flatMap((fd) => spellings(`/dev/fd/${fd.replace(/"/g, '')}`));
    const after = lines?.end ?? match.index + match[0].length;
    if (literal) readsAfter(text, after, { files, fds, until: reopened(text, after, match[1]) }, literal, edits);
  }
  groupFdEdits(text, edits); // `{ chpasswd <&3; } 3<<< 'root:pw'` (47a-16)
  for (const { literal, after, file } of writtenFiles(text))
    readsAfter(text, after, { files: fileSpellings(file), fds: [] }, literal, edits);
  // Each coprocess started, by name (`coproc NAME { … }`; COPROC where unnamed), in order.
  const coprocs = text.includes('coproc') ? [...text.matchAll(COPROC)] : [];
  for (const match of coprocs.length ? first(text.matchAll(TO_COPROC)) : []) {
    const literal = written(text, match, 1);
    // The last `coproc` of that name before the write: its keyword (and name) become the literal piped into its command.
    const coproc = [...coprocs].reverse().find((start) => start.index < match.index && (start[1] ?? 'COPROC') === match[2]);
    if (literal && coproc) {
      const here = hereString(literal);
      // `echo '…' | `: the here-string's quoted literal after `echo `.
      const map = [-1, -1, -1, -1, -1, ...here.map.slice(3), -1, -1, -1];
      edits.push({
        at: coproc.index,
        end: coproc.index + coproc[0].length,
        written: `echo ${here.written.slice(3)} | `,
        map,
        source: sourceOf(literal),
      });
    }
  }
  return edits.length ? probeOf(text, edits) : undefined;
}

type Found = { spans: Array<[number, number]>; option?: string };

/**
 * `read` made to find, besides what it finds in a text, what it finds in its probe (fedFilesProbe) and in the probe's
 * probe of variables (variable-literals.ts: `read -r PW <&3` is `read -r PW <<<'pw'` there, `exec 0<&3` is `exec
 * 0<<<'pw'`), each finding where it lies in the text (probe-spans.ts).
 */
export const withFedFiles =
  (read: (text: string) => Found) =>
  (text: string): Found => {
    const found = read(text);
    const probe = fedFilesProbe(text);
    if (!probe) return found;
    const inProbe = withLiterals(probe.probe, read);
    const put = putSecretAssignments(probe); // `PW=$(< /tmp/p)` is `PW='…'` there (45a-5)
    const files = passwordFileSpans(probe.probe); // `--vault-password-file /tmp/v` (47a-7)
    const spans = [...textSpans(probe, inProbe.spans), ...put.spans, ...textSpans(probe, files.spans)];
    const option = found.option ?? inProbe.option ?? put.option ?? files.option;
    return spans.length ? { spans: [...found.spans, ...spans], option } : found;
  };
