import { isSecretKey } from './secrets-keys';
import { setsSecret } from './secrets-text';

/**
 * Attack round 49a-8: an INI or TOML section named like a secret (`[credentials]`, `[tokens]`, `[db.passwords]`,
 * `[[credentials]]`, git config's `[credential "https://…"]`) holds secrets under keys of any name (`bob = pw`), as a
 * YAML map under such a key does (`credentials:` / `  bob: pw`, secrets.ts secretUnder). Each `key = value` (or
 * `key: value`, INI) line to the next section is judged by the section's name (setsSecret, as `name=value` is: a
 * reference, a placeholder or a path is none); a line indented less than the header, or no entry, ends it. A key that is itself a secret's name is CONFIG_LINES'; a key that names
 * another part of a credential (`username`, `helper`, `file`, `url`, `type`) holds none. TOML arrays and inline tables
 * are not read. Line by line, each line's patterns anchored and bounded: linear.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
export const SECRET_SECTION = 'a value in an INI or TOML section named like a secret (`[credentials]`)';

/** A section's header line: `[name]`, `[[name]]`, `[a.b]`, `["a".b]`, `[name "sub"]`, a comment after it. */
const SECTION = /^[ \t]*\[\[?[ \t]*([^[\]\n]{1,256}?)[ \t]*\]\]?[ \t]*(?:[#;].*)?\r?$/;
/** A key and its value: `key = value`, `key: value`, the value quoted or bare. */
const ENTRY =
  /^[ \t]*("[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_.-]{1,256})[ \t]*[=:][ \t]*("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'#;[{][^\n]*?)[ \t]*(?:[ \t][#;].*)?\r?$/d;
/** A key's last word that names a part of a credential other than its secret, or how it is found. */
const ROLE =
  /(?:^|[_.-])(?:helper|file|path|dir|type|provider|mode|backend|store|url|uri|host|port|enabled|name|user|username|login|email|region|id|usehttppath|scopes?|method|format|kind|source|expires?|ttl|prefix|namespace|mount|engine|env)$/i;

/** How many values a text's sections are judged by setsSecret for (about 10 µs each). */
const MAX_JUDGED = 20_000;

/**
 * Whether a section's name (its dotted or quoted parts) names a secret: the part named so, or a plural one's singular
 * (`[secrets]`, `[Secrets]`, `[secrets.prod]`, `[[secrets]]`: 50a-3), which isSecretKey leaves to namesSecretText as
 * a YAML map's key (compose's `secrets:` holds references) while a section's entries are values.
 */
const namesSecretSection = (name: string): string | undefined =>
  name
    .split(/[ \t]*\.[ \t]*|[ \t]+/)
    .map((part) => part.replace(/^(["'])(.*)\1$/, '$2'))
    .map((part) => (part !== '' && isSecretKey(part) ? part : /.s$/i.test(part) && isSecretKey(part.slice(0, -1)) ? part.slice(0, -1) : ''))
    .find((part) => part !== '');

/** Where a text holds a value in a section named like a secret: the value's span (inside its quotes). */
export function secretSectionSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/^[ \t]*\[/m.test(text) || !/pass|pw|token|secret|key|cred|auth/i.test(text)) return spans;
  let section: string | undefined;
  let indent = 0;
  // Each value's verdict once; past MAX_JUDGED a value is a secret unless a reference's start (as table-columns.ts).
  const verdicts = new Map<string, boolean>();
  const isSecret = (under: string, value: string): boolean => {
    let verdict = verdicts.get(value);
    if (verdict === undefined) {
      verdict = verdicts.size < MAX_JUDGED ? setsSecret(under, value) : !/^[$<{%]/.test(value);
      verdicts.set(value, verdict);
    }
    return verdict;
  };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const lead = /^[ \t]*/.exec(line.slice(0, 256))![0].length;
    const header = line.length <= 512 ? SECTION.exec(line) : null;
    if (header) [section, indent] = [namesSecretSection(header[1]), lead];
    else if (section && /^[ \t]*(?:[#;].*)?\r?$/.test(line.slice(0, 256))) {
      // a blank or comment line
    } else if (section) {
      // A section ends at a line indented less than its header, or one that is no entry (the text around a pasted file).
      const entry = lead >= indent && line.length <= 4096 ? ENTRY.exec(line) : null;
      if (!entry) section = undefined;
      const key = entry?.[1].replace(/^(["'])(.*)\1$/, '$2');
      if (entry && key && section && !isSecretKey(key) && !ROLE.test(key) && isSecret(section, entry[2])) {
        const [from, to] = entry.indices![2];
        const quoted = /^(["']).*\1$/.test(entry[2]) ? 1 : 0;
        spans.push([start + from + quoted, start + to - quoted]);
      }
    }
    start = end + 1;
  }
  return spans;
}
