import { secretsInComments, secretsInData } from '../core/secrets';
import { linesText, secretLineGroups } from '../core/secret-line-groups';
import { judgedOnceAcrossRuns } from '../core/secrets-memo';

/** A finding at a line of the file, as load.ts's Diagnostic is. */
interface LineFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly path: readonly [];
  readonly message: string;
}

/**
 * Whether a config's comments hold a secret: comments that passed in an earlier synth are not read again (secrets-memo.ts),
 * as a config's values are not, so a config's prose (`# The nodes, in bootstrap order: …`) costs its first synth only.
 */
const holdsCommentSecret = judgedOnceAcrossRuns('config-comments', (text: string) => (secretsInComments(text).length ? true : undefined));

/**
 * Round 76 (76a-20): a config file is kept in Git as dist/ is, so a secret its comments hold (`# The admin password is
 * X`, `# token: ghp_…`) is refused by synth as `npm run new --from` refuses it (README: synth's secret gate names each
 * secret a file's lines hold, a comment too, at its own `file:line`): the same reading and the same groups of lines
 * (secret-line-groups.ts), each named by its line(s) and what it holds, never shown. `secrets`: what to blank in every
 * other message about the file (a value that repeats the comment's password).
 */
export function commentSecrets(file: string, text: string): { errors: LineFinding[]; secrets: string[] } {
  if (!text.includes('#') || !holdsCommentSecret(text)) return { errors: [], secrets: [] };
  const secrets = secretsInComments(text);
  const parts = text.split('\n');
  const holds = (part: string) => secretsInComments(part).length > 0;
  const errors = secretLineGroups(parts, holds).map((group): LineFinding => {
    const what =
      group.length > 1
        ? 'a secret over several comment lines'
        : (secretsInData(parts[group[0] - 1].replace(/^[^#]*#+\s?/, ''))[0]?.what ?? 'a secret in a comment');
    return {
      file,
      line: group[0],
      column: parts[group[0] - 1].indexOf('#') + 1 || 1,
      path: [],
      message:
        `holds a secret outside its values (a comment, say; ${linesText(group)}: ${what}), and the config file is ` +
        'committed to Git as dist/ is: remove it from the file (keep the secret in a Kubernetes Secret)',
    };
  });
  return { errors, secrets };
}
