/**
 * A client's word reached through a shell's lookup or a default (attack round 41a-7): `$(which redis-cli) -a …`,
 * `"$(command -v redis-cli)" -a …`, `` `type -p mysql` -p… ``, `${REDIS_CLI:-redis-cli} -a …` run that client (a
 * lookup prints the path of the word it is given; `${VAR:-word}` is the word where VAR is unset or empty, the usual
 * case of a script's default). Each is read as the word itself, so the client's options are read as they are after it.
 */
const LOOKUP = String.raw`(?:which|command[ \t]+-[vV]|type[ \t]+-[pP]|whereis[ \t]+-b)[ \t]+([\w./+-]{1,256})[ \t]*`;
const WRAPPED = new RegExp(String.raw`\$\([ \t]*${LOOKUP}\)|\`[ \t]*${LOOKUP}\`|\$\{[A-Za-z_]\w{0,127}:?[-=]([\w./+-]{1,256})\}`, 'g');

/** `line` with each client word so wrapped written as the word alone. */
export function clientWordsUnwrapped(line: string): string {
  return line.includes('$') || line.includes('`') ? line.replace(WRAPPED, (_, a, b, c) => (a ?? b ?? c) as string) : line;
}
