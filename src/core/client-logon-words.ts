/** What logonWordPassword keeps of secrets-positional.ts's ClientState: words counted, HTTPie's auth type. */
interface LogonState {
  positional: number;
  bearer?: boolean;
}

/**
 * (48a-10) Two clients whose password is a word the option readers (command-rules.ts) do not see:
 * - unixODBC's `isql DSN [UID [PWD]] [options]` and `iusql` (isql(1)): the third word that is no option. Its options
 *   glue their values (`-d,`, `-x0x09`, `-m20`), so every other word counts;
 * - HTTPie's `http|https [options] -a|--auth user:password` (httpie.io/docs/cli/authentication): the part after the
 *   colon (`-a user` alone prompts for it); with `-A|--auth-type bearer` the whole value is the token. argparse takes
 *   `-a v`, `-av` and `--auth=v`; its Rust clone `xh`/`xhs` takes the same (github.com/ducaale/xh README, 49a-6).
 */
export function logonWordPassword(
  client: string,
  words: readonly string[],
  i: number,
  state: LogonState,
): { value: string; option: string } | undefined {
  const word = words[i];
  if (/^i?u?sql$/.test(client) && client !== 'sql' && client !== 'usql') {
    if (word.startsWith('-') || word.includes('=')) return undefined;
    state.positional++;
    return state.positional === 3 ? { value: word, option: 'DSN user <password>' } : undefined;
  }
  const auth = /^(?:--auth(?:=(.*))?|-a(.*))$/s.exec(word);
  if (!auth) return undefined;
  const value = auth[1] ?? (auth[2] || words[i + 1]);
  if (!value) return undefined;
  state.bearer ??= bearer(words);
  if (state.bearer) return { value, option: '-A bearer -a <token>' };
  const colon = value.indexOf(':');
  return colon >= 0 && colon + 1 < value.length ? { value: value.slice(colon + 1), option: '-a user:password' } : undefined;
}

/** Whether a command line's words choose HTTPie's bearer auth (`-A bearer`, `--auth-type=bearer`, `-Abearer`). */
function bearer(words: readonly string[]): boolean {
  return words.some(
    (word, k) => /^(?:-A|--auth-type)=?bearer$/i.test(word) || (/^(?:-A|--auth-type)$/.test(word) && /^bearer$/i.test(words[k + 1] ?? '')),
  );
}

/** The clients logonWordPassword reads. */
export const LOGON_WORD_CLIENT = /^(?:i?u?sql|https?|xhs?)$/;
