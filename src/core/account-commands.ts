/**
 * Passwords that commands setting an account's password (or a script's login) take as a plain word (attack round
 * 39a-2); secrets-positional.ts asks here for these clients' words, one at a time, in order.
 */

/** What a command line has shown so far (secrets-positional.ts ClientState has these fields). */
interface WordState {
  positional: number;
  sub?: string;
  /** mkpasswd: an option only expect's mkpasswd takes was seen (its word is a user's name). */
  other?: boolean;
}

/** The clients read here ('lftp user', 'ftp user': lftp's and ftp's `user` command inside a script, client-scripts.ts). */
export const ACCOUNT_CLIENT = /^(?:openssl|mkpasswd|net|l?ftp user)$/;

/** `openssl passwd`'s options that take a value (docs.openssl.org/master/man1/openssl-passwd). */
const OPENSSL_PASSWD_VALUE = /^-(?:salt|in|rand|writerand|provider|provider-path|propquery)$/;
/** whois's mkpasswd options that take a value (mkpasswd(1): `-m`, `-S`, `-R`, `-P`, glued with `=` as one word). */
const MKPASSWD_VALUE = /^(?:-[mSRP]|--(?:method|salt|rounds|password-fd))$/;
/** Options only expect's mkpasswd(1) takes (it sets a user's password to a random one: its word is the user). */
const EXPECT_MKPASSWD = /^-[ldcCp2v]$/;
/** A word that can be a user's name (POSIX-portable, lower case): expect's `mkpasswd bob` names the user. */
const USER_NAME = /^[a-z_][a-z0-9_-]*$/;
/** How many words after `net user <name> <password>` are looked at for a Windows `/option` (its ten or so options). */
const NET_OPTIONS = 64;
/** Words that end a command in a shell. */
const SEPARATOR = /^(?:;|&&?|\|\|?|\(|\)|`)$/;

type Found = { value: string; option: string } | undefined;

/**
 * - `openssl passwd [options] <password>…` (docs.openssl.org/master/man1/openssl-passwd: every word that is no option
 *   is a password to hash; `-stdin` and `-in file` read them elsewhere);
 * - `mkpasswd [options] <password> [salt]` (whois's mkpasswd(1)); expect's mkpasswd(1) takes a user's name there: a
 *   word shaped like one (lower case) or a command with one of its own options is taken for that;
 * - Windows `net user <name> <password> /add` (learn.microsoft.com previous-versions windows-server net-user: `*`
 *   prompts), read only where the command has a `/option` (a line of prose can start `net user …`); Samba's `net [rpc|
 *   ads|sam] user add <name> [<password>]` and `net rpc user password <name> <password>` (samba.org net(8));
 * - lftp's `user <name> [<password>]` command (lftp.yar.ru lftp(1) "user": without a password it prompts), ftp's alike.
 */
export function accountPassword(client: string, words: readonly string[], i: number, state: WordState): Found {
  const word = words[i];
  const before = words[i - 1] ?? '';
  if (/^l?ftp user$/.test(client)) return ++state.positional === 2 ? { value: word, option: '<name> <password>' } : undefined;
  if (client === 'openssl') {
    if (state.sub === undefined) {
      if (!word.startsWith('-')) state.sub = word;
      return undefined;
    }
    const option = word.startsWith('-') || OPENSSL_PASSWD_VALUE.test(before);
    return state.sub === 'passwd' && !option ? { value: word, option: 'passwd <password>' } : undefined;
  }
  if (client === 'mkpasswd') {
    state.other ||= EXPECT_MKPASSWD.test(word);
    if (word.startsWith('-') || MKPASSWD_VALUE.test(before) || state.other) return undefined;
    return ++state.positional === 1 && !USER_NAME.test(word) ? { value: word, option: '<password>' } : undefined;
  }
  return netUserPassword(words, i, state);
}

function netUserPassword(words: readonly string[], i: number, state: WordState): Found {
  const word = words[i].toLowerCase();
  if (word.startsWith('/') || word.startsWith('-')) return undefined;
  if (state.sub === undefined) {
    state.sub = word === 'user' || word === 'use' ? word : /^(?:rpc|ads|sam)$/.test(word) ? undefined : 'other';
    return undefined;
  }
  // (49a-6) `net use [device] \\server\share [password|*] [/user:…]` (learn.microsoft.com gg651155, net use): the word
  // right after the share (a UNC path; a shell may have halved its backslashes).
  if (state.sub === 'use')
    return /^\\{1,2}[^\\\s]/.test(words[i - 1] ?? '') && word !== '*' ? { value: words[i], option: 'use <share> <password>' } : undefined;
  if (!state.sub.startsWith('user')) return undefined;
  const n = ++state.positional;
  if (n === 1 && /^(?:add|password)$/.test(word)) state.sub = 'user add';
  if (state.sub === 'user add') return n === 3 ? { value: words[i], option: 'user add <name> <password>' } : undefined;
  if (n !== 2 || word === '*') return undefined;
  // Its options within the next words (a `net user` read wherever it stands looks a bounded way ahead: 40a-5).
  let end = i + 1;
  while (end < Math.min(words.length, i + NET_OPTIONS) && !SEPARATOR.test(words[end])) end++;
  const windows = words.slice(i + 1, end).some((after) => /^\/\w/.test(after));
  return windows ? { value: words[i], option: 'user <name> <password>' } : undefined;
}
