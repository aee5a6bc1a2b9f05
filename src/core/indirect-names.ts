/**
 * A literal put into a variable whose name another variable holds (attack round 48a-8): `n=DB_PASSWORD; declare
 * "$n=…"` (bash(1) `declare`, `typeset`, `local`, `export`, `readonly` take `name=value` words after expansion; `eval`
 * reads its words as a command), `printf -v "$n" '%s' '…'`. The variable set is the one named by the last literal
 * assignment of `n` before (`n=DB_PASSWORD`, `n='DB_PASSWORD'`), or the one a name reference names (`declare -n
 * ref=DB_PASSWORD; ref='…'`); secret-variables.ts judges it as `NAME='…'`.
 */

/** A variable's value as written in a word: a literal name, quoted or not. */
interface Named {
  name: string;
  value: string;
  span: [number, number];
  after: number;
}

/** The most assignments of names, and of indirect writes, read in one text. */
const MAX_FOUND = 256;

/** `n=NAME`: a variable set to a literal name (what `$n` names later). */
const NAME_SET = /(?<![^\s;&|(])([A-Za-z_]\w{0,63})=(['"]?)([A-Za-z_]\w{0,127})\2(?=$|[\s;&|)])/g;
/** A reference to a variable as a whole word's start: `$n`, `${n}` (group 1 or 2). */
const REF = String.raw`\$(?:([A-Za-z_]\w{0,63})|\{([A-Za-z_]\w{0,63})\})`;
/** The value after `=`: double-quoted to its closing quote, single-quoted, or bare (group 3, 4 or 5). */
const VALUE = String.raw`(?:"([^"$\x60\\\n]*)"|'([^'\n]*)'|([^\s;&|()<>'"$\x60\\]+))`;
/** `declare "$n=value"` (groups 1, 2 the reference, 3 the value), `declare "$n"='value'`, `export $n=value` (4, 5; 6-8). */
const DECLARE = new RegExp(
  String.raw`(?<![\w-])(?:declare|typeset|local|export|readonly|eval)(?:[ \t]+-\w+)*[ \t]+(?:"${REF}=([^"$\x60\\\n]*)"|"?${REF}"?=${VALUE})(?=$|[\s;&|)])`,
  'dg',
);
/** `printf -v "$n" '%s' value` (groups 1, 2 the reference, 3-5 the value). */
const PRINTF = new RegExp(
  String.raw`(?<![\w-])printf[ \t]+-v[ \t]*"?${REF}"?[ \t]+(?:--[ \t]+)?(?:(?:'%s(?:\\n)?'|"%s(?:\\n)?"|%s)[ \t]+)?${VALUE}(?=$|[\s;&|)])`,
  'dg',
);

/** `declare -n ref=NAME` (bash(1): assignments to a name reference set NAME): groups 1 the options, 2 ref, 4 NAME. */
const NAMEREF =
  /(?<![\w-])(?:declare|typeset|local)((?:[ \t]+-\w+)+)[ \t]+([A-Za-z_]\w{0,63})=(['"]?)([A-Za-z_]\w{0,127})\3(?=$|[\s;&|)])/g;
/** How many name references of one text are followed (each a scan of the text after it). */
const MAX_REFS = 16;

/** The literals assigned through name references (`declare -n ref=DB_PASSWORD; ref='…'`), as set in the named variable. */
function namerefLiterals(text: string, found: Named[]): void {
  let refs = 0;
  for (const match of text.matchAll(NAMEREF)) {
    if (!/-\w*n/.test(match[1])) continue;
    if (++refs > MAX_REFS) return;
    const assigned = new RegExp(String.raw`(?<![^\s;&|(])${match[2]}=${VALUE}(?=$|[\s;&|)])`, 'dg');
    assigned.lastIndex = match.index + match[0].length;
    // Up to where the name is declared again (`declare -n ref=OTHER`, `declare -a ref=…`: no longer a reference to NAME).
    const again = new RegExp(String.raw`(?<![\w-])(?:declare|typeset|local)(?:[ \t]+-\w+)*[ \t]+${match[2]}=`, 'g');
    again.lastIndex = assigned.lastIndex;
    const until = again.exec(text)?.index ?? text.length;
    for (let set = assigned.exec(text); set && set.index < until && found.length < MAX_FOUND; set = assigned.exec(text)) {
      const k = [1, 2, 3].find((group) => set![group] !== undefined);
      if (k !== undefined && set[k]) found.push({ name: match[4], value: set[k], span: set.indices![k], after: set.index + set[0].length });
    }
  }
}

/** The literals `text` puts into variables named by other variables: the named variable, the value and its span. */
export function indirectLiterals(text: string): Named[] {
  const found: Named[] = [];
  if (/(?:declare|typeset|local)[ \t]+-\w*n/.test(text)) namerefLiterals(text, found);
  if (!/\$\{?[A-Za-z_]\w*\}?(?:"?=|"?[ \t])/.test(text) || !/(?:declare|typeset|local|export|readonly|eval|printf)[ \t]/.test(text))
    return found;
  const names: RegExpExecArray[] = [];
  for (const match of text.matchAll(NAME_SET)) if (names.push(match) >= MAX_FOUND) break;
  if (names.length === 0) return found;
  let read = 0;
  for (const pattern of text.includes('printf') ? [DECLARE, PRINTF] : [DECLARE])
    for (const match of text.matchAll(pattern)) {
      if (++read > MAX_FOUND) return found;
      const declared = pattern === DECLARE;
      const variable = (declared ? [1, 2, 4, 5] : [1, 2]).map((group) => match[group]).find(Boolean);
      const k = (declared ? [3, 6, 7, 8] : [3, 4, 5]).find((group) => match[group] !== undefined);
      if (!variable || k === undefined || !match[k]) continue;
      // The last literal assignment of the variable before: the name it holds.
      const set = names.filter((name) => name[1] === variable && name.index < match.index).pop();
      if (set) found.push({ name: set[3], value: match[k], span: match.indices![k], after: match.index + match[0].length });
    }
  return found;
}
