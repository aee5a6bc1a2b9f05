import { isPlainlyNotSecret, namesSecretValue } from './secrets-keys';

/**
 * A line that sets one word under one key (`ALGOLIA_SEARCH_ONLY_API_KEY: a1b2…`, `secret-hash = 5f70…`, a list item's
 * `- token: x`), the word maybe quoted: the key, and where the word stands. Anchored, its parts disjoint: linear.
 */
const ONE_WORD_SETTING = /^[ \t]*(?:-[ \t]+)?(["']?)([A-Za-z_][\w./-]{0,127})\1[ \t]*[:=][ \t]*(["']?)([^\s"'#]{1,256})\3[ \t]*$/d;

/**
 * 75a-17: the spans of a line's free-text reading (secret-word-lines.ts) less the word a secret-named key sets where the
 * key rule (secrets-keys.ts isPlainlyNotSecret, which knows the name and the value together) says it is plainly none:
 * a written file is judged as its config was, not by a second rule that sees only a name and a generated-looking word.
 */
export function withoutPlainKeyedValue(line: string, spans: Array<[number, number]>): Array<[number, number]> {
  if (spans.length === 0) return spans;
  const setting = ONE_WORD_SETTING.exec(line);
  if (!setting || !namesSecretValue(setting[2]) || !isPlainlyNotSecret(setting[4], setting[2])) return spans;
  const [from, to] = setting.indices![4];
  return spans.filter(([start, end]) => start < from || end > to);
}
