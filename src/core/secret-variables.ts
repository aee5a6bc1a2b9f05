import type { Probe } from './probe-spans';
import { assignedSecret } from './secrets-text';
import { assignments, type Literal } from './variable-literals';

/**
 * A literal a script puts into a variable named like a secret other than by `NAME='…'` (attack round 46a-1): `read -r
 * DB_PASSWORD <<< '…'` (a here-doc's line, a descriptor opened on it, `< <(echo '…')`, a field IFS splits off: `IFS=:
 * read -r U DBPASS <<< 'bob:…'` holds it in DBPASS only), `mapfile`/`readarray`, `printf -v PASSWORD '%s' '…'`, or a
 * command substitution that only writes it (`PW="$(echo '…')"`, `PW=$(echo '…' | base64 -d)`: substitution-literals.ts).
 * The variable holds the literal under a secret's name whatever reads it later: it is judged as `NAME='literal'` is
 * (secrets-text.ts's assignedSecret: a placeholder, a reference set none), and found where the text writes it.
 * `NAME='…'` itself is assignedSecret's, which reads the text as written; in a probe (fed-files.ts: `PW=$(< /tmp/p)`
 * after `printf '%s' '…' > /tmp/p`, round 45a-5), one whose literal the probe put there is this module's.
 */

type Found = { spans: Array<[number, number]>; option?: string };

const MIN_VALUE = 4;
/** How many literals of one text are judged (a text that sets one is refused: the rest say no more). */
const MAX_JUDGED = 64;

/** The name of a variable `name` (an array's element `L[0]` is the array's). */
const baseName = (name: string): string => name.replace(/\[\d+\]$/, '');

/**
 * Whether `literal` holds a value that `NAME='value'` would set as a secret: of MIN_VALUE characters or more (a word of
 * prose a `read` in a text's words may take, `-u`, is none), on one line (text over lines, `read -d ''`'s, is no password).
 */
function holdsSecret({ name, value: held }: Literal): boolean {
  const value = held?.trim(); // a here-doc's line as a YAML text indents it
  if (!value || value.length < MIN_VALUE || /\n|\\n/.test(value) || !/^[A-Za-z_]\w*(?:\[\d+\])?$/.test(name)) return false;
  // Where it holds `$` or a backquote, as the shell expands it (a here-doc's `$DB_PASSWORD`, a reference: no literal).
  const expands = /[$`]/.test(value);
  const quoted = !expands && !value.includes("'") ? `'${value}'` : /["\\]/.test(value) ? undefined : `"${value}"`;
  return quoted !== undefined && assignedSecret(`${baseName(name)}=${quoted}`) !== undefined;
}

/** How a finding is named: the variable (never the value). */
const optionOf = (literal: Literal): string => `${baseName(literal.name)}, a variable set to a literal`;

/** The literals `text` puts into variables named like a secret, other than by `NAME='…'`. */
export function secretVariables(text: string): Found {
  if (!/\b(?:read|mapfile|readarray|printf)\b|=["`$]|\$\{?\w+\}?"?=|(?:declare|typeset|local)[ \t]+-\w*n/.test(text)) return { spans: [] };
  let judged = 0;
  const held: Literal[] = [];
  for (const literal of assignments(text)) {
    if (literal.plain || !literal.span) continue;
    if (holdsSecret(literal)) held.push(literal);
    if (++judged >= MAX_JUDGED) break;
  }
  return { spans: held.map(({ span }) => span!), option: held[0] && optionOf(held[0]) };
}

/** A reader of a text's commands made to find also the literals the text puts into variables named like a secret. */
export const withSecretVariables =
  (read: (text: string) => Found) =>
  (text: string): Found => {
    const found = read(text);
    const held = secretVariables(text);
    return held.spans.length ? { spans: [...found.spans, ...held.spans], option: found.option ?? held.option } : found;
  };

/**
 * The `NAME='…'` of a probe whose literal the probe put there (`export MYSQL_PWD=$(< /tmp/p)` written `export
 * MYSQL_PWD='…'`), named like a secret: the literal's span in the text the probe was made of.
 */
export function putSecretAssignments({ probe, parts }: Probe): Found {
  if (!probe.includes('=')) return { spans: [] };
  const spans: Array<[number, number]> = [];
  let option: string | undefined;
  let judged = 0;
  for (const literal of assignments(probe)) {
    if (!literal.plain || !literal.span || ++judged > MAX_JUDGED || !holdsSecret(literal)) continue;
    const [start, end] = literal.span;
    const part = parts.find(({ from, to, edit }) => edit?.source && from <= start && end <= to);
    if (!part) continue;
    spans.push(part.edit!.source!.span);
    option ??= optionOf(literal);
  }
  return { spans, option };
}
