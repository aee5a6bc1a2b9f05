/**
 * 80a-6: what a container's shell does with its environment: a `sh -c` script's `$NAME`, `${NAME}` and `${NAME:-word}`
 * (`${NAME-word}`, `:=`, `:+` alike) are the env var's value where it is set (POSIX.1-2017 XCU 2.6.2 Parameter Expansion),
 * outside single quotes and unless a backslash escapes the `$` (2.2.1, 2.2.2). The env vars are those the kubelet set
 * (env-expansions.ts), so a literal a shell puts on a client's command line is judged there, as the kubelet's `$(VAR)` is.
 * 81a-11: `sh -c SCRIPT NAME ARG…` gives the script `$0` (NAME), `$1`… and `"$@"` (the ARGs) as a function call gives its
 * body its arguments (POSIX.1-2017 XCU sh, -c: "the first operand … shall be assigned to $0"; 2.5.2 Special Parameters).
 */

/** Shells that run their `-c` option's operand as a script (sh, bash, dash, ash, zsh, ksh, mksh, busybox's sh). */
const SHELL = /^(?:.*\/)?(?:sh|bash|dash|ash|zsh|ksh|mksh)$/;
/** A group of short options holding `c` (`-c`, `-ec`, `-euxc`, `-lc`), and options that take the next item (`-o pipefail`). */
const WITH_C = /^[-+][a-z]*c[a-z]*$/;
const TAKES_ITEM = /^[-+]o$/;

/**
 * The index of the item of `list` (a container's `command` then `args`) a shell runs as its script: the first item
 * after a shell's options when they hold `-c`; -1 where there is none (an exec form, `sh /scripts/x.sh`). A wrapper
 * before the shell (`tini --`, `/usr/bin/env bash -c`) is read past: the shell is any item named so.
 */
export function shellScriptAt(list: readonly unknown[]): number {
  const shell = list.findIndex((item) => typeof item === 'string' && SHELL.test(item));
  if (shell < 0) return -1;
  let withC = false;
  for (let i = shell + 1; i < list.length; i++) {
    const item = list[i];
    if (typeof item !== 'string') return -1;
    if (TAKES_ITEM.test(item)) i++;
    else if (WITH_C.test(item)) withC = true;
    else if (!/^[-+][a-zA-Z]+$/.test(item)) return withC ? i : -1;
  }
  return -1;
}

/** A value and the literals it was made of (env-expansions.ts Var). */
type Made<S> = { value: string; sources: S[] };

/** A name, or one digit, `@` or `*` (`$10` is `$1` then a 0). */
const NAME = /[A-Za-z_][A-Za-z0-9_]*|[0-9@*]/y;
/** `${NAME}` (`${10}`), or `${NAME` then an operator (`:-`, `-`, `:=`, `=`, `:+`, `+`, `:?`, `?`) and a word without a brace. */
const BRACED = /\{([A-Za-z_][A-Za-z0-9_]{0,255}|[0-9]{1,4}|[@*])(?:(:?[-=+?])[^{}]{0,512})?\}/y;
/** Positional parameters read at most: a script is given a few values. */
export const MAX_POSITIONAL = 64;

/** The parameters a `sh -c` script is given by `operands`, the items after it: `0` the first, `1`… the others. */
export const positionalParameters = <S>(operands: ReadonlyArray<Made<S>>): Array<[string, Made<S>]> =>
  operands.slice(0, MAX_POSITIONAL).map((operand, n) => [String(n), operand]);

/** `made` unless one of its literals is `masked`: a masked var stays as written, as an unset one does. */
const unmasked = <S>(made: Made<S> | undefined, masked?: ReadonlySet<S>): Made<S> | undefined =>
  made && !(masked && made.sources.some((source) => masked.has(source))) ? made : undefined;

/** `$@` and `$*`: the parameters from `$1`, joined by blanks; in `"$@"` each its own quoted word; a masked one as written. */
function allParameters<S>(vars: ReadonlyMap<string, Made<S>>, eachQuoted: boolean, masked?: ReadonlySet<S>): Made<S> | undefined {
  const [fields, sources] = [[] as string[], [] as S[]];
  for (let n = 1; n < MAX_POSITIONAL && vars.has(String(n)); n++) {
    const one = unmasked(vars.get(String(n)), masked);
    fields.push(one ? one.value : `\${${n}}`);
    sources.push(...(one?.sources ?? []));
  }
  return fields.length > 0 ? { value: fields.join(eachQuoted ? '" "' : ' '), sources } : undefined;
}
/** The match of sticky `pattern` at `at` in `text`. */
const matchAt = (pattern: RegExp, text: string, at: number) => ((pattern.lastIndex = at), pattern.exec(text));

/**
 * `script` as the shell expands it from `vars` (above): a var's value stands for its reference, each source once;
 * an unset var, or one under `${NAME:+word}` (the word, not the value), stays as written, and so does one made of a
 * `masked` literal. At most `max` characters are added. Linear: one pass, each `$` read once.
 */
export function shellExpand<S>(script: string, vars: ReadonlyMap<string, Made<S>>, max: number, masked?: ReadonlySet<S>): Made<S> {
  const sources = new Set<S>();
  const joined = new Map<boolean, Made<S> | undefined>(); // `$@` and `$*` made once a call (`"$@"`, `$@`), not per reference
  const parameters = (eachQuoted: boolean) => {
    if (!joined.has(eachQuoted)) joined.set(eachQuoted, allParameters(vars, eachQuoted, masked));
    return joined.get(eachQuoted);
  };
  let out = '';
  let added = 0;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < script.length; i++) {
    const char = script[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      out += char;
      continue;
    }
    if (char === '\\') {
      out += script.slice(i, i + 2);
      i++;
      continue;
    }
    if (char === '"') quote = quote === '"' ? undefined : '"';
    else if (char === "'" && quote === undefined) quote = "'"; // a `'` inside double quotes is a letter
    if (char !== '$' || script[i + 1] === '$') {
      out += script.slice(i, char === '$' ? i + 2 : i + 1); // `$$` is the shell's process ID
      i += char === '$' ? 1 : 0;
      continue;
    }
    const braced = matchAt(BRACED, script, i + 1);
    const name = braced?.[1] ?? matchAt(NAME, script, i + 1)?.[0];
    const known =
      name === undefined || braced?.[2]?.endsWith('+')
        ? undefined
        : name === '@' || name === '*'
          ? parameters(name === '@' && quote === '"')
          : unmasked(vars.get(name), masked);
    if (!known || added + known.value.length > max) {
      out += char;
      continue;
    }
    out += known.value;
    added += known.value.length;
    known.sources.forEach((source) => sources.add(source));
    i += braced ? braced[0].length : name!.length;
  }
  return { value: out, sources: [...sources] };
}
