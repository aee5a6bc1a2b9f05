import { yaml } from '../core/yaml';
import { secretShape, secretsInComments, secretsInData } from '../core/secrets';
import { linesText, secretLineGroups } from '../core/secret-line-groups';
import { judgedOnceAcrossRuns } from '../core/secrets-memo';
import type { Path } from '../core/problem';
import { looksGenerated } from '../core/generated-runs';
import { labelledValues } from './labelled-values';

/** A finding at a line of the file, as load.ts's Diagnostic is. */
interface LineFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: Path;
  readonly message: string;
}

/** What a secret that only several comment lines hold together is said to be (here and in `new --from`). */
export const OVER_COMMENT_LINES = 'a secret over several comment lines';

/** Comment lines that hold a secret (one line, or the fewest neighbouring lines that hold one together). */
export interface CommentSecret {
  /** 1-based, the group's first line and the column of its `#`. */
  readonly line: number;
  readonly column: number;
  readonly lines: readonly number[];
  /** What it holds, as the finding names it. */
  readonly what: string;
  /** A comment after a value on its line that only names a secret: its value is the secret (labelled-values.ts). */
  readonly labelsItsValue?: boolean;
}

/** The lexer's tokens that stand for no source text (yaml's CST: DOCUMENT, FLOW_END, SCALAR). */
const NO_SOURCE = new Set(['\x02', '\x18', '\x1f']);

/**
 * Each line's YAML comment (`# …`; '' where the line has none) and the column of its `#`, as the YAML lexer reads
 * them (linear): a `#` line of a `|` block's text or inside a quoted value is that value's text, judged with it at its
 * key path, no comment (77a-1).
 */
function commentsByLine(text: string): { comments: string[]; columns: number[]; trailing: boolean[] } {
  const comments: string[] = text.split('\n').map(() => '');
  const columns: number[] = [];
  // Whether a line's comment follows other text of its line (`key: value # note`): a note on that line's value.
  const trailing: boolean[] = [];
  let [line, lineStart, offset, written] = [0, 0, 0, false];
  for (const token of new yaml.Lexer().lex(text)) {
    if (NO_SOURCE.has(token)) continue;
    if (token.startsWith('#')) {
      comments[line] = token;
      columns[line] = offset - lineStart + 1;
      trailing[line] = written;
    }
    let from = 0;
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) {
      [line, lineStart, from, written] = [line + 1, offset + i + 1, i + 1, false];
    }
    written ||= !token.startsWith('#') && /\S/.test(token.slice(from));
    offset += token.length;
  }
  return { comments, columns, trailing };
}

/** Whether a comment holds a secret: read as the lines of a document (`# password: X`) and by its shape (`# db_pass X`). */
const holds = (comment: string): boolean => secretsInComments(comment).length > 0 || !!secretShape(comment);

/**
 * The one reading of a config's comments, for synth (commentSecrets below) and `npm run new --from` alike (77a-12: one
 * verdict, one place for each comment line). Comments that passed in an earlier synth are not read again
 * (secrets-memo.ts), as a config's values are not, so a config's prose costs its first synth only.
 */
export const secretComments = judgedOnceAcrossRuns('config-comments', (text: string): CommentSecret[] | undefined => {
  // Each `#` to its line's end first (a `#` of a value's text too): a text whose every such piece passes needs no lexing.
  if (!text.includes('#') || !holds(text.replace(/^(?:[^#\n]*[^#\s])?[ \t]*(?=#)|^[^#\n]*$/gm, ''))) return undefined;
  const { comments, columns, trailing } = commentsByLine(text);
  if (!holds(comments.join('\n'))) return undefined;
  const found = secretLineGroups(comments, holds).flatMap((group): CommentSecret[] => {
    // 78a-18: notes after values (`"Zx9…" # senha do banco`) on neighbouring lines, each only a secret's name, read
    // together as a name and a value below it: each names its own value instead, the secret to refuse.
    // The lines after the first are read as its value: notes alike, unless one holds a generated-looking word.
    const [first, ...rest] = group.map((line) => comments[line - 1]);
    if (group.length > 1 && group.every((line) => trailing[line - 1]) && namesAValue(first) && !rest.some(holdsGeneratedWord))
      return group.map((line) => ({ line, column: columns[line - 1] ?? 1, lines: [line], what: VALUE_NAME, labelsItsValue: true }));
    const comment = comments[group[0] - 1];
    const what =
      group.length > 1
        ? OVER_COMMENT_LINES
        : (secretShape(comment) ?? secretsInData(comment.replace(/^#+\s?/, ''))[0]?.what ?? 'a secret in a comment');
    return [{ line: group[0], column: columns[group[0] - 1] ?? 1, lines: group, what }];
  });
  return found.length ? found : undefined;
});

/** A generated-looking stand-in for a value, to ask whether a comment is a secret's name: it holds one above a value. */
const STAND_IN = 'Zq8vWm4vTr7pLk2nXc5b';
const namesAValue = (comment: string): boolean => !holds(comment) && holds(`${comment}\n# ${STAND_IN}`);
const holdsGeneratedWord = (comment: string): boolean => (comment.match(/[\p{L}\p{N}]{8,}/gu) ?? []).some(looksGenerated);
const VALUE_NAME = "a secret's name only, naming the value on its line";

/**
 * Round 76 (76a-20): a config file is kept in Git as dist/ is, so a secret its comments hold (`# The admin password is
 * X`, `# token: ghp_…`) is refused by synth as `npm run new --from` refuses it (README: synth's secret gate names each
 * secret a file's lines hold, a comment too, at its own `file:line`): each group of lines (secret-line-groups.ts) named
 * by its line(s) and what it holds, never shown. `secrets`: what to blank in every other message about the file (a
 * value that repeats the comment's password).
 */
export function commentSecrets(file: string, text: string): { errors: LineFinding[]; secrets: string[] } {
  const found = secretComments(text);
  if (!found) return { errors: [], secrets: [] };
  const labelled = found.flatMap(({ line, labelsItsValue }) => (labelsItsValue ? [line] : []));
  const { values, unplaced } = labelled.length ? labelledValues(text, labelled) : { values: [], unplaced: [] };
  const errors = found
    .filter(({ line, labelsItsValue }) => !labelsItsValue || unplaced.includes(line))
    .map(({ line, column, lines, what }): LineFinding => ({
      file,
      line,
      column,
      path: [],
      message:
        `holds a secret outside its values (a comment, say; ${linesText(lines)}: ${what}), and the config file is ` +
        'committed to Git as dist/ is: remove it from the file (keep the secret in a Kubernetes Secret)',
    }));
  errors.push(...values.map((value): LineFinding => ({ file, ...value })));
  return { errors, secrets: secretsInComments(commentsByLine(text).comments.join('\n')) };
}
