import { isSecretKey, REFERENCE_WORD, words } from './secrets-keys';
import { isMessageString } from './message-strings';
import { setsSecret } from './secrets-text';
import { looksGenerated } from './generated-runs';

/**
 * Attack round 49a-8: an INI or TOML section named like a secret (`[credentials]`, `[tokens]`, `[db.passwords]`,
 * `[[credentials]]`, git config's `[credential "https://…"]`) holds secrets under keys of any name (`bob = pw`), as a
 * YAML map under such a key does (`credentials:` / `  bob: pw`, secrets.ts secretUnder). Each `key = value` (or
 * `key: value`, INI) line to the next section is judged by the section's name (setsSecret, as `name=value` is: a
 * reference, a placeholder or a path is none); a line indented less than the header, or no entry, ends it. A key that is itself a secret's name is CONFIG_LINES'; a key that names
 * another part of a credential (`username`, `helper`, `file`, `url`, `type`) holds none. A file's path (`/run/secrets/db`,
 * `./db.txt`) is where a secret is kept, no secret (51a-3, as in a YAML `secrets:` map: secret-maps.ts). TOML arrays are not read.
 * 51a-3: TOML's other spellings of the same table are read as the section is: a dotted key whose parent (or grandparent)
 * names a secret (`secrets.stripe = "…"`, at the top or under `[app]`; `app.secrets.prod.stripe`), and an inline table
 * under such a key (`secrets = { stripe = "…", db = "…" }`), each of its entries. Line by line, each line's patterns
 * anchored and bounded: linear.
 */

/** What such a value is called in findings (`FoundSecret.what`). */
// Said of both forms read here (64a-7: a dotted key alone was told of a `[credentials]` section it did not have).
export const SECRET_SECTION =
  'a value in an INI or TOML section, or under a dotted key, named like a secret (`[credentials]`, `secrets.db = …`)';

/** A section's header line: `[name]`, `[[name]]`, `[a.b]`, `["a".b]`, `[name "sub"]`, a comment after it. */
const SECTION = /^[ \t]*\[\[?[ \t]*([^[\]\n]{1,256}?)[ \t]*\]\]?[ \t]*(?:[#;].*)?\r?$/;
/**
 * 71a-6: an HCL block's opening line, `name {` or `name "label" {` (github.com/hashicorp/hcl hclsyntax/spec.md,
 * "Blocks"), read as a section: Consul's and Nomad's `acl { tokens { agent = "…" } }` (developer.hashicorp.com consul/docs/
 * reference/agent/configuration-file/acl, `tokens`) holds a token under every key. Its `}` is no entry: it ends it.
 */
const HCL_BLOCK = /^[ \t]*([A-Za-z_][\w-]{0,63})[ \t]*(?:"[^"\n]{0,256}"[ \t]*){0,2}\{[ \t]*(?:(?:#|\/\/).*)?\r?$/;
/** A key and its value: `key = value`, `key: value`, the value quoted or bare. */
const ENTRY =
  /^[ \t]*("[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_.-]{1,256})[ \t]*[=:][ \t]*("""(?:[^"\\\n]|\\.|"(?!""))*"""|'''(?:[^'\n]|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'#;[{][^\n]*?)[ \t]*(?:[ \t][#;].*)?\r?$/d;
/** A key's last word that names a part of a credential other than its secret, or how it is found. */
const ROLE =
  /(?:^|[_.-])(?:helper|file|path|dir|type|provider|mode|backend|store|url|uri|host|port|enabled|name|user|username|login|email|region|profile|account|role|id|usehttppath|scopes?|method|format|kind|source|expires?|ttl|prefix|namespace|mount|engine|env)$/i;

/** A dotted key (TOML's, a properties file's): its parts before the last, then the last; `=` after it. */
const DOTTED =
  /^[ \t]*((?:(?:"[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_-]{1,256})[ \t]*\.[ \t]*){1,16})("[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_-]{1,256})[ \t]*=[ \t]*/;
/** A key (maybe dotted) and an inline table after it: `secrets = {`. */
const INLINE =
  /^[ \t]*((?:(?:"[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_-]{1,256})[ \t]*\.[ \t]*){0,16}(?:"[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_-]{1,256}))[ \t]*=[ \t]*\{/;
/** An inline table's entry, from its start or a comma: its key, then its value (up to the next `,` or `}`). */
const INLINE_ENTRY =
  /[{,][ \t]*("[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_-]{1,256})[ \t]*=[ \t]*("""(?:[^"\\\n]|\\.|"(?!""))*"""|'''(?:[^'\n]|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"',{}[\]][^,}\n]*?)[ \t]*(?=[,}])/dg;
/** A value alone after a key's `=`: quoted, or bare to a comment or the line's end. */
const VALUE =
  /^("""(?:[^"\\\n]|\\.|"(?!""))*"""|'''(?:[^'\n]|'(?!''))*'''|"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^\s"'#;[{][^\n]*?)[ \t]*(?:[ \t][#;].*)?\r?$/d;
/** A part after the one named like a secret that says the key is something else's (Spring's `….secrets.labels.app`). */
// 64a-7: a UI text's key (a .properties or i18n bundle's `error.password.mismatch`, `login.password.label`) holds words shown to a user.
const OTHER_PART =
  /^(?:labels?|annotations?|tags?|selectors?|metadata|sources?|paths?|options?|settings?|config|env|messages?|msg|title|placeholder|text|tooltip|caption|heading|description|help|mismatch|invalid|incorrect|wrong|required|missing|empty|weak|error|errors|confirm|confirmation|forgot|reset|change)$/i;
/** A part after the one named like a secret that names another thing, or a property of it (`token.expiry.seconds`, 64a-6). */
const namesOther = (part: string): boolean => OTHER_PART.test(part) || ROLE.test(part) || REFERENCE_WORD.test(part);
/** Text that may hold a dotted key or an inline table under a name like a secret (bounded: linear). */
const DOTTED_CLUE = /(?:pass|pw|token|secret|key|cred|auth)[\w-]{0,64}["']?[ \t]*(?:\.|=[ \t]*\{)/i;

/** How many quotes wrap a value as written: 3 for a TOML multi-line string on one line (`'''…'''`), 1, or 0. */
const quoteWidth = (value: string): number =>
  value.length >= 6 && /^("""|''')[^]*\1$/.test(value) ? 3 : /^(["']).*\1$/.test(value) ? 1 : 0;

/**
 * 52a-1: a key (maybe dotted) whose value opens a TOML multi-line string (`db = """` or `'''`: toml.io/en/v1.0.0
 * "String") that does not close on its line. Its body runs to the closing delimiter (up to two more quotes of it
 * belong to the body), a line break right after the opener trimmed.
 */
const OPENS_MULTI_LINE =
  /^[ \t]*((?:(?:"[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_-]{1,256})[ \t]*\.[ \t]*){0,16}("[^"\n]{1,256}"|'[^'\n]{1,256}'|[A-Za-z0-9_-]{1,256}))[ \t]*=[ \t]*("""|''')/;
/** The longest multi-line string body read. */
const MAX_BODY = 65_536;

/**
 * A multi-line string opened at `from` by `delimiter`: its body's span (trimmed) and where its closing delimiter ends;
 * undefined where none closes it within MAX_BODY (then its lines are read as lines: an unclosed opener hides nothing).
 */
function multiLineBody(text: string, from: number, delimiter: string): { span: [number, number]; end: number } | undefined {
  let close = text.indexOf(delimiter, from);
  if (close < 0 || close - from > MAX_BODY) return undefined;
  for (let extra = 0; extra < 2 && text[close + 3] === delimiter[0]; extra++) close++;
  let [start, stop] = [from, close];
  while (start < stop && /\s/.test(text[start])) start++;
  while (stop > start && /\s/.test(text[stop - 1])) stop--;
  return { span: [start, stop], end: Math.min(text.length, close + 3) };
}

/** A key's dotted parts, unquoted. */
const partsOf = (key: string): string[] =>
  (key.match(/"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_-]+/g) ?? []).map((part) => part.replace(/^(["'])(.*)\1$/, '$2'));

/** A file's path (absolute, relative or from home) that does not look generated: where a secret is kept. */
const isFilePath = (value: string): boolean =>
  /^(?:\/|\.{1,2}\/|~\/)[\w.@/+-]{0,1024}$/.test(value) && /[/.]\w/.test(value) && !looksGenerated(value);

/** A key of a section (or map) named like a secret that holds another part of a credential, or is judged by its own name. */
export const isRoleKey = (key: string): boolean => isSecretKey(key) || ROLE.test(key) || REFERENCE_WORD.test(words(key).pop() ?? '');

/**
 * Whether `value` (as written: quoted or bare), under a key of a section or map whose name names `under`, is a secret:
 * setsSecret's verdict, a file's path aside.
 */
export const holdsSectionSecret = (under: string, value: string): boolean =>
  !isFilePath(value.replace(/^(["'])(.*)\1$/, '$2')) && setsSecret(under, value);

/** How many values a text's sections are judged by setsSecret for (about 10 µs each). */
const MAX_JUDGED = 20_000;

/**
 * Whether a section's name (its dotted or quoted parts) names a secret: the part named so, or a plural one's singular
 * (`[secrets]`, `[Secrets]`, `[secrets.prod]`, `[[secrets]]`: 50a-3), which isSecretKey leaves to namesSecretText as
 * a YAML map's key (compose's `secrets:` holds references) while a section's entries are values.
 */
export const namesSecretSection = (name: string): string | undefined =>
  name
    .split(/[ \t]*\.[ \t]*|[ \t]+/)
    .map((part) => part.replace(/^(["'])(.*)\1$/, '$2'))
    .map((part) => (part !== '' && isSecretKey(part) ? part : /.s$/i.test(part) && isSecretKey(part.slice(0, -1)) ? part.slice(0, -1) : ''))
    .find((part) => part !== '');

/** Where a text holds a value in a section named like a secret: the value's span (inside its quotes). */
export function secretSectionSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  if (!/pass|pw|token|secret|key|cred|auth/i.test(text)) return spans;
  const dotted = DOTTED_CLUE.test(text);
  if (!dotted && !/^[ \t]*\[|\{[ \t]*\r?$/m.test(text)) return spans;
  let section: string | undefined;
  let indent = 0;
  // Each value's verdict once; past MAX_JUDGED a value is a secret unless a reference's start (as table-columns.ts).
  const verdicts = new Map<string, boolean>();
  const isSecret = (under: string, value: string): boolean => {
    let verdict = verdicts.get(value);
    if (verdict === undefined) {
      verdict = verdicts.size < MAX_JUDGED ? holdsSectionSecret(under, value) : !/^[$<{%]/.test(value);
      verdicts.set(value, verdict);
    }
    return verdict;
  };
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    const lead = /^[ \t]*/.exec(line.slice(0, 256))![0].length;
    const multi = line.length <= 4096 ? OPENS_MULTI_LINE.exec(line) : null;
    const body =
      multi && (section || dotted) && !line.includes(multi[3], multi[0].length)
        ? multiLineBody(text, start + multi[0].length, multi[3])
        : undefined;
    if (multi && body) {
      const { span, end: after } = body;
      const under = multiLineUnder(partsOf(multi[1]), lead >= indent ? section : undefined);
      const value = text.slice(span[0], span[1]);
      if (under && value !== '' && !isRoleKey(partsOf(multi[2])[0] ?? '') && isSecret(under, value)) spans.push(span);
      const next = text.indexOf('\n', after);
      start = next < 0 ? text.length : next + 1;
      continue;
    }
    const header = line.length <= 512 ? (SECTION.exec(line) ?? HCL_BLOCK.exec(line)) : null;
    // A dotted key or an inline table under a name like a secret, in any section or none (51a-3).
    const spelled = dotted && !header && line.length <= 4096 ? dottedSpans(line, isSecret) : [];
    for (const [from, to] of spelled) spans.push([start + from, start + to]);
    if (header) [section, indent] = [namesSecretSection(header[1]), lead];
    else if (spelled.length > 0) {
      // judged above
    } else if (section && /^[ \t]*(?:[#;].*)?\r?$/.test(line.slice(0, 256))) {
      // a blank or comment line
    } else if (section) {
      // A section ends at a line indented less than its header, or one that is no entry (the text around a pasted file).
      const entry = lead >= indent && line.length <= 4096 ? ENTRY.exec(line) : null;
      if (!entry) section = undefined;
      const key = entry?.[1].replace(/^(["'])(.*)\1$/, '$2');
      if (entry && key && section && !isRoleKey(key) && isSecret(section, entry[2])) {
        const [from, to] = entry.indices![2];
        const quoted = quoteWidth(entry[2]);
        spans.push([start + from + quoted, start + to - quoted]);
      }
    }
    start = end + 1;
  }
  return spans;
}

/**
 * The name a multi-line string's body is judged under: its dotted key's parent (or grandparent) that names a secret, as
 * dottedSpans reads one, else the section's (a plain key inside `[secrets]`).
 */
function multiLineUnder(parts: readonly string[], section: string | undefined): string | undefined {
  const parents = parts.slice(0, -1);
  const at = [parents.length - 1, parents.length - 2].find((i) => i >= 0 && namesSecretSection(parents[i]) !== undefined);
  if (at === undefined) return parents.length === 0 ? section : undefined;
  return parents.slice(at + 1).some(namesOther) ? undefined : namesSecretSection(parents[at]);
}

/**
 * A line's values under a dotted key whose parent or grandparent names a secret (`secrets.stripe = "…"`,
 * `secrets.prod.stripe = "…"`), or in an inline table under a key that names one (`secrets = { stripe = "…" }`): their
 * spans in the line (inside quotes), each judged by `isSecret(name, value)` as a section's entries are.
 */
function dottedSpans(line: string, isSecret: (under: string, value: string) => boolean): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  const push = (key: string, under: string | undefined, value: string, [from, to]: [number, number]) => {
    // A message catalogue's entry (`token.expired = Sitzung abgelaufen`, 71a-3) is judged under its whole key.
    if (!under || isRoleKey(key) || isMessageString(value, `${under} ${key}`) || !isSecret(under, value)) return;
    const quoted = quoteWidth(value);
    spans.push([from + quoted, to - quoted]);
  };
  const inline = INLINE.exec(line);
  if (inline) {
    const under = namesSecretSection(partsOf(inline[1]).join('.'));
    const table = line.slice(inline[0].length - 1);
    if (under)
      for (const entry of table.matchAll(INLINE_ENTRY)) {
        const [from, to] = entry.indices![2];
        push(partsOf(entry[1])[0] ?? '', under, entry[2], [inline[0].length - 1 + from, inline[0].length - 1 + to]);
      }
    return spans;
  }
  const key = DOTTED.exec(line);
  if (!key) return spans;
  const parents = partsOf(key[1]);
  // The parent, or the grandparent before a label (`secrets.prod.stripe`), names a secret; no part after it names another thing.
  const at = [parents.length - 1, parents.length - 2].find((i) => i >= 0 && namesSecretSection(parents[i]) !== undefined);
  if (at === undefined || parents.slice(at + 1).some(namesOther)) return spans;
  const value = VALUE.exec(line.slice(key[0].length));
  const last = partsOf(key[2])[0] ?? '';
  if (value && !(namesOther(last) && !looksGenerated(value[1].replace(/^(["'])(.*)\1$/, '$2')))) {
    const [from, to] = value.indices![1];
    push(partsOf(key[2])[0] ?? '', namesSecretSection(parents[at]), value[1], [key[0].length + from, key[0].length + to]);
  }
  return spans;
}
