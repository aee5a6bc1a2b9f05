import { redact, secretsInData } from './secrets';
import { namesSecretValue } from './secrets-keys';
import { textAsData } from './text-data';

/**
 * The lines of a multi-line text that set a secret only with other lines (secret-place.ts names those that set one by
 * themselves): where its data read as YAML or JSON holds one (`argv:` then `- redis-cli`, `- -a`, the password: 44a-15),
 * and where the whole text's redaction blanks one (`exec 3<<<'root:pw'` then `chpasswd <&3`, an open list over lines:
 * 44a-14). Each is named with the kind found there, so one run names every such line, not one a run.
 */
export interface TextPlace {
  /** 1-based. */
  readonly line: number;
  /** The kind of secret found there, where it can be said. */
  readonly what?: string;
  /** What on the line matched, where it says more than the kind. */
  readonly matched?: string;
}

/** What a place found in the text's data says it matched. */
const READ_AS_DATA = 'in its data read as YAML or JSON';

/**
 * Each line holding a secret of `text`'s data read as YAML or JSON: the line naming the key named like a secret it is
 * under, found along its key path (keyLine), else the first line holding its value (a value of a list), in the order found.
 */
export function dataPlaces(text: string, lines: readonly string[], max = MAX_DATA_PLACES): TextPlace[] {
  const places: TextPlace[] = [];
  for (const found of (textAsData(text) ?? []).flatMap((data) => secretsInData(data)).slice(0, max)) {
    const names = found.path.filter((key): key is string => typeof key === 'string');
    const key = [...names].reverse().find((name) => /^[A-Za-z_][\w.-]{0,63}$/.test(name) && namesSecretValue(name));
    const value = found.value;
    let line = key === undefined ? -1 : keyLine(lines, names.slice(0, names.lastIndexOf(key) + 1));
    if (line < 0 && value.length >= 4 && !/[\r\n]/.test(value)) line = lines.findIndex((written) => written.includes(value));
    if (line >= 0) places.push({ line: line + 1, what: found.what, matched: key ? `the key ${key}, read as YAML` : READ_AS_DATA });
  }
  return places;
}

/** Whether `line` writes `key` as a mapping's key: at its start, after list dashes, maybe quoted, then a colon. */
function writesKey(line: string, key: string): boolean {
  const [lead, quote] = /^[ \t]*(?:-[ \t]+)*(["']?)/.exec(line)!;
  if (!line.startsWith(key, lead.length)) return false;
  let i = lead.length + key.length;
  if (quote && line[i++] !== quote) return false;
  while (line[i] === ' ' || line[i] === '\t') i++;
  return line[i] === ':' && (i + 1 === line.length || /\s/.test(line[i + 1]));
}

/**
 * 79a-23: the line (0-based) of the last of `keys`, a key path's names, found in order: each the first line after the one
 * before it that writes it as a key (`password:` below `file:`, not an earlier `password_reset:` or the `password:` of
 * another section); where one is not written so (a flow mapping, JSON on one line), the first line from there holding the
 * last key, else the first holding it anywhere; -1 where none does.
 */
function keyLine(lines: readonly string[], keys: readonly string[]): number {
  const last = keys[keys.length - 1];
  let from = 0;
  for (const key of keys) {
    const at = lines.findIndex((written, i) => i >= from && writesKey(written, key));
    if (at < 0) {
      const after = lines.findIndex((written, i) => i >= from && written.includes(last));
      return after >= 0 ? after : lines.findIndex((written) => written.includes(last));
    }
    from = at + 1;
  }
  return from - 1;
}

/**
 * Each line the whole text's redaction blanks a secret on, but for the lines in `named`, at most `max`: each with the
 * kind the text gives when only that line keeps its secret (the other such lines and those in `named` left out), for a
 * text of up to MAX_REJUDGED characters; else with none (the finding of the whole text names it). `left`: how many more
 * lines it blanks past those, which a message counts (68c-6: of 1000 here-docs into /run/secrets, 20 were named and the rest unsaid).
 */
export function redactedPlaces(
  text: string,
  lines: readonly string[],
  named: ReadonlySet<number>,
  max: number,
): { places: TextPlace[]; left: number } {
  const redacted = redact(text).split(/\r?\n|\r/, lines.length);
  if (redacted.length !== lines.length) return { places: [], left: 0 };
  const places: TextPlace[] = [];
  let left = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === redacted[i] || named.has(i + 1)) continue;
    if (places.length >= max) {
      left++;
      continue;
    }
    // The other secrets' lines left out, not blanked (a reader takes `-p '<redacted>'` for a password too).
    const alone =
      text.length <= MAX_REJUDGED ? lines.map((line, j) => (j === i || (lines[j] === redacted[j] && !named.has(j + 1)) ? line : '')) : [];
    const what = alone.length ? secretsInData(alone.join('\n'))[0]?.what : undefined;
    places.push({ line: i + 1, what });
  }
  return { places, left };
}

/** How many of a text's data's findings are looked for in its lines (each a search of them): a message names no more. */
const MAX_DATA_PLACES = 20;

/** The longest text whose blanked lines are judged one by one for their kind (each costs a reading of the text). */
const MAX_REJUDGED = 16 * 1024;
