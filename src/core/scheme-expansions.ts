import { AUTH_SCHEME } from './secrets-keys';
import { isExpansionOnly } from './shell-expansions';
import { isToolReference } from './tool-references';

/**
 * A command-line word a shell expands whole (attack round 36a-9), so the password is kept elsewhere: `$VAR`, `${VAR}`,
 * `${VAR:-}`, `$(cat /run/secrets/pw)`, the kubelet's `$(VAR)`, `$1`; with its double quotes or without (shellWords
 * takes them off). Not a backtick's (`` `pw` `` is also how prose quotes a value). Moved from secrets-text.ts (at its size).
 */
const SHELL_EXPANSION = /^(?:\$[A-Za-z_]\w*|\$[0-9@*#?!$-]|\$\{[^{}]*\}|\$\([^()]*\))+$/;
export const isShellExpansion = (word: string): boolean => SHELL_EXPANSION.test(word) || isExpansionOnly(word);

/**
 * A shell's expansion after an HTTP auth scheme (`Bearer $TOKEN`, `token $GITHUB_TOKEN`, `Bearer $(cat /run/secrets/t)`,
 * 38a-10), as a command line's header holds it: a reference, as `Bearer ${TOKEN}` is (isReference).
 */
export const isSchemeExpansion = (value: string, expansion = isShellExpansion): boolean => {
  const scheme = /^([A-Za-z][\w-]*)[ \t]+(\S.*)$/s.exec(value.trim());
  return !!scheme && AUTH_SCHEME.test(scheme[1]) && expansion(scheme[2]) && !echoesLiteral(scheme[2]);
};

/** A quoted word an `echo` or `printf` substitution prints (`$(echo -n "alice:Zq9…" | base64)`). */
const ECHOED_WORD = /"([^"]*)"|'([^']*)'/g;

/**
 * Whether a substitution after a scheme prints a literal credential (71a-14): `Basic $(echo -n "$U:Zq9…" | base64)`
 * builds the header from the text it quotes, whose password (after its last `:`, or the whole word) is then a literal,
 * not a reference. A printf format (`'%s:%s'`) and a user name before a reference (`"alice:$P"`) print none.
 */
function echoesLiteral(expansion: string): boolean {
  if (!/^\$\((?:echo|printf)\s/.test(expansion)) return false;
  for (const [, double, single] of expansion.matchAll(ECHOED_WORD)) {
    const secret = (double ?? single).split(':').pop()!;
    if (secret && !/^(?:%[-\w]*)+$/.test(secret) && (single !== undefined || !isShellExpansion(secret))) return true;
  }
  return false;
}

/**
 * A header's value in a one-line text (setsSecret) that holds no credential (71a-14): isSchemeExpansion's, or an auth
 * scheme before another tool's reference (PowerShell's `Bearer $env:API_TOKEN`, cmd's `Bearer %API_TOKEN%`: tool-
 * references.ts). Not the scheme alone, where a shell's quoted halves cut the header (`'Authorization: Bearer '"$TOKEN"`):
 * the half after it is not read with it, so the cut header stays refused, or a literal there would pass.
 */
export const isSchemeReference = (value: string): boolean =>
  isSchemeExpansion(value) || isSchemeExpansion(value, (word) => isToolReference(word) && /^[$%]/.test(word.trim()));
