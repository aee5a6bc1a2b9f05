import { opensBlock } from './block-openers';
import type { Path } from './problem';
import { isProsePairLine } from './prose-values';

/**
 * The `key: value` pairs of a multi-line text that stand on one line each (45a-16), for secrets.ts: where the line
 * reader accepts every line of a text, a pair its data read as YAML holds on one line was judged there already, with
 * the exemptions a line has (prose, `the password: see the Secret named db`; a typed default, `let password:
 * Option<&str> = None;`), which the data's reading lacks. A value set over several lines (`password:` then the value
 * below it, a list's items, a block) is not on such a line and is judged by the data's reading as before; but for the
 * statement a block's header opens (`while not token:` then `token = read_token()`), which is code, not a value.
 */

/** A line that sets one pair: an optional list dash, a key (quoted or plain), a colon, the value and an optional comment. */
const PAIR_LINE = /^[ \t]*(?:-[ \t]+)?(?:"([^"\n]*)"|'([^'\n]*)'|([^\s"'#:](?:[^:\n]*[^\s:])?))[ \t]*:(?:[ \t]+(.*))?$/;

/**
 * A statement (`token = read_token()`, `prompt(token)`): the value YAML reads under a block's header (`while not token:`,
 * block-openers.ts) when the block is code. A literal assigned there (`password = "abc"`) is refused by the line reader.
 */
const STATEMENT = /^[A-Za-z_$][\w$.]*(?:\[[^\]\n]*\])?[ \t]*(?:[-+*/|&]?=(?!=)|\()/;

/** `key\0value` of each pair `text` sets on one line, the value unquoted and without a trailing comment. */
function pairsOnLines(text: string): Set<string> {
  const pairs = new Set<string>();
  for (const line of text.split(/\r?\n|\r/)) {
    if (line.length > 4096) continue;
    const match = PAIR_LINE.exec(line);
    if (!match) continue;
    const key = match[1] ?? match[2] ?? match[3];
    const written = (match[4] ?? '').replace(/[ \t]#.*$/, '').trim();
    const value = /^(["']).*\1$/.test(written) ? written.slice(1, -1) : written;
    pairs.add(`${key}\0${value}`);
  }
  return pairs;
}

/**
 * The findings of `text`'s data (each with its path, value and kind) but those of the kind `byKey` (a value taken for a
 * secret only because of its key) set on one line of the text as `key: value`, where the line reader accepted every line
 * (`linesAccepted`). The key is the finding's last key in its path. A finding of another kind (a command line put
 * together from several keys, compose's `entrypoint` and `command`) is the data's own.
 */
export function withoutPairsOnLines<F extends { readonly path: Path; readonly value: string; readonly what: string }>(
  text: string,
  found: readonly F[],
  linesAccepted: boolean,
  byKey: string,
): F[] {
  // A one-line text the line reader (keyedSecret) accepted as `key: <prose>`: its data's finding is that prose (49a-10).
  if (!text.includes('\n'))
    return found.filter(({ path, value, what }) => what !== byKey || !isProsePairLine(text, String(path[path.length - 1]), value));
  // 67c-2: read at any length the data is (text-data.ts reads up to 1 MiB): one pass over the lines, each line bounded, so
  // a pair the line reader accepts (`Passwort: mindestens 12 Zeichen.`) is not refused in a longer text.
  if (!linesAccepted || !found.length) return [...found];
  const pairs = pairsOnLines(text);
  return found.filter(({ path, value, what }) => {
    const key = path[path.length - 1];
    if (typeof key !== 'string' || what !== byKey) return true;
    return !pairs.has(`${key}\0${value}`) && !(opensBlock(key, '') && STATEMENT.test(value));
  });
}
