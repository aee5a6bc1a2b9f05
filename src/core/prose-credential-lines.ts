import { looksGeneratedRun } from './generated-runs';

/**
 * Round 62 (62a-3): a password in prose that the general reader of secret words (secret-word-lines.ts) leaves, because its
 * label is not one of its names (`the wifi key is X`, `WLAN key: X`, `X <- root pw`) or its value is 10 or 11 characters
 * (`X is the root pw`, `Password for root is X`, `mot de passe : X`, `密码：X`), or the label is an account and a slash
 * (`admin / X`, as a password manager or a ticket writes a login). The guard is the value: one run of 10 to 64 letters and
 * digits that looks generated (generated-runs.ts looksGeneratedRun: letters and digits interleaved), not all hex (an id or
 * digest); so `see the admin / ops guide`, `WLAN key: see the vault`, `the key is rotated monthly` are no secret, and
 * `key: value` settings name no label here (a bare `key` is none). The value stands within 48 characters of the label, on
 * its line, before or after it.
 */

/** What such a value is called in findings. */
export const PROSE_CREDENTIAL =
  'a password in prose beside its label (`wifi key`, `WLAN key`, `root pw`, `password for root`, `admin / …`, in any of several languages)';

/**
 * A label naming a password without the word `password` alone: a network's key, an account's `pw`, the password of an
 * account, and the password's name in other languages (foreign-secret-words.ts holds more; these are the 10-character cases).
 */
const LABEL = new RegExp(
  [
    String.raw`(?:wi[\s_-]?fi|wlan|wpa2?|wireless|network|ssid)[\s_-]?(?:key|pass(?:word|phrase)?|pw|psk)`,
    String.raw`(?:root|admin(?:istrator)?|sudo|superuser)(?:'s)?[\s_-]?(?:pw|pwd|passwd|password|pass)`,
    String.raw`pass(?:word|wd)?[ \t]+(?:for|of)[ \t]+(?:the[ \t]+)?(?:root|admin(?:istrator)?|sudo|superuser)`,
    // `Username admin, password X`: the account named before its password.
    String.raw`(?:user(?:name)?|login)[ \t:=]+[\w.-]{1,32}[ \t]*[,;][ \t]*pass(?:word|wd)?`,
    String.raw`mot[\s\u00a0\u202f_-]+de[\s\u00a0\u202f_-]+passe|passwort|contrase[nñ]a|senha|пароль|密码|密碼|口令|パスワード|비밀번호`,
  ].join('|'),
  'gi',
);
/** A run of letters and digits standing alone (no letter or digit on either side): a candidate value. */
const RUN = /(?<![A-Za-z0-9])[A-Za-z0-9]{10,64}(?![A-Za-z0-9])/g;
/** An account, a slash, a value (`admin / X`, `root/X`): the login pair of a known account name. */
const ACCOUNT_PAIR =
  /(?<![\w./-])(?:root|admin(?:istrator)?|superuser|sa|postgres|elastic|ubuntu|pi|guest|operator)[ \t]*\/[ \t]*([A-Za-z0-9]{10,64})(?![\w./-])/dgi;
/** How far a value may stand from its label. */
const NEAR = 48;
const HEX = /^[0-9a-f]+$/i;

const isValue = (word: string): boolean => !HEX.test(word) && looksGeneratedRun(word);
/** What ends a word of prose: a blank, a quote or bracket, a separator of a label and its value. */
const WORD_END = /[\s"'`()<>[\]{},;:=\uff1a\u2192]/;

/** The word around `text[from, to)`, without a sentence's closing punctuation. */
function wordAt(text: string, from: number, to: number): string {
  let start = from;
  let end = to;
  while (start > 0 && from - start < 256 && !WORD_END.test(text.charAt(start - 1))) start--;
  while (end < text.length && end - to < 256 && !WORD_END.test(text.charAt(end))) end++;
  return text.slice(start, end).replace(/[.!?]+$/, '');
}

/** Where `text` holds such a value: each value's span. */
export function proseCredentialSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/[A-Za-z0-9]{10}/.test(text)) return spans;
  for (const label of text.matchAll(LABEL)) {
    const from = label.index!;
    const to = from + label[0].length;
    // Its line, cut to NEAR characters either side.
    const lineStart = Math.max(text.lastIndexOf('\n', from) + 1, from - NEAR);
    const newline = text.indexOf('\n', to);
    const lineEnd = Math.min(newline < 0 ? text.length : newline, to + NEAR);
    for (const [start, end] of [
      [lineStart, from],
      [to, lineEnd],
    ]) {
      const part = text.slice(start, end);
      for (const run of part.matchAll(RUN)) {
        // A run cut by the window's edge is part of a longer word: not this value.
        const at = start + run.index!;
        const after = at + run[0].length;
        if ((at === start && /[A-Za-z0-9]/.test(text.charAt(at - 1))) || (after === end && /[A-Za-z0-9]/.test(text.charAt(after))))
          continue;
        // The run is the whole word (a hash's `$6$salt$…` or a path's piece is not a value said in prose).
        if (isValue(run[0]) && wordAt(text, at, after) === run[0]) spans.push([at, after]);
      }
    }
  }
  for (const pair of text.matchAll(ACCOUNT_PAIR)) {
    const [start, end] = pair.indices![1];
    if (isValue(pair[1])) spans.push([start, end]);
  }
  return spans;
}
