import { looksGenerated } from './generated-runs';
import { namesSecretValue } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Attack round 52a-9: a secret's name and its literal in the map and tuple syntaxes of Lisp-like and functional
 * languages, which the `name: value` and `name = value` readers do not take:
 * - Clojure and EDN maps: a keyword then the string, blanks or commas between (`{:password "…"}`, `{:db-password "…"}`,
 *   `{:db/password "…"}`: clojure.org/reference/reader#_maps), or a string key inside a map (`{"password" "…"}`);
 * - Erlang and Elixir tuples of a name and a string or binary (`{password, "…"}`, `{password, <<"…">>}`,
 *   `{:password, "…"}`: the proplists of sys.config and Mix configs, erlang.org/doc/man/proplists.html);
 * - Nix's indented string (`password = ''⏎  …⏎'';`: nix.dev/manual/nix/stable/language/string-literals), its one
 *   line the value.
 * The name is judged as a key is (secrets-keys.ts), the value as one under it (setsSecret: a reference, a placeholder
 * or an empty string sets none). A name that looks generated is a value, not a name: a string split into two quoted
 * halves (`"…9qPw" "Ffg…"`, a JWK's `d`) is not a key `…Pw` and its value.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const KEYWORD_PAIR_SECRET =
  'a secret set under a name like one in a Clojure/EDN map ({:password "…"}), an Erlang or Elixir tuple ({password, <<"…">>}) or a Nix indented string (password = \'\'…\'\';)';

const STRING = String.raw`"((?:[^"\\\n]|\\.){1,1024})"`;
/** The forms: each with its name's group and its value's group. */
const FORMS: ReadonlyArray<readonly [RegExp, number, number]> = [
  // Clojure/EDN keyword, maybe namespaced: the name is its last part.
  [new RegExp(String.raw`(?<=^|[\s{([,]):(?:[A-Za-z_][\w.*+!?-]{0,63}\/)?([A-Za-z_][\w*+!?-]{0,127})[ \t\r\n,]+${STRING}`, 'dg'), 1, 2],
  // a string key in a map: `{"password" "…"}` (blanks between: no `:` nor `,` as JSON's objects and lists have)
  // (never after `:` or `=`: that string is a value, as a JWK's `"d": "…" "…"` split into two quoted halves)
  [
    new RegExp(String.raw`(?<=\{[ \t]{0,16}|\{[^{}\n]{0,512}[ \t])(?<![:=][ \t]{0,16})"([A-Za-z_][\w.-]{0,127})"[ \t]+${STRING}`, 'dg'),
    1,
    2,
  ],
  // Erlang/Elixir tuple of an atom and a string or binary
  [new RegExp(String.raw`\{[ \t]*:?([A-Za-z_]\w{0,127})[ \t]*,[ \t]*(?:<<[ \t]*)?${STRING}(?:[ \t]*>>)?[ \t]*\}`, 'dg'), 1, 2],
  // Nix indented string of one line
  [/(?<![\w.'-])([A-Za-z_][\w'-]{0,127})[ \t]*=[ \t]*''[ \t]*\r?\n[ \t]*([^\s'][^\n]{0,1023}?)[ \t]*\r?\n[ \t]*'';/dg, 1, 2],
];

/** Text that may hold one of the forms. */
const CLUE = /[{([,\s]:[A-Za-z_]|"[ \t,]+"|\{[ \t]*:?[A-Za-z_]\w*[ \t]*,|=[ \t]*''/;

/** Where a text sets a name like a secret in one of the forms: the value's span. */
export function keywordPairSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!CLUE.test(text)) return spans;
  for (const [form, name, value] of FORMS)
    for (const match of text.matchAll(form)) {
      const span = match.indices?.[value];
      if (span && !looksGenerated(match[name]) && namesSecretValue(match[name]) && setsSecret(match[name], JSON.stringify(match[value])))
        spans.push([span[0], span[1]]);
    }
  return spans;
}
