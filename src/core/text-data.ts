import { dockerfileCommands } from './dockerfile-commands';
import { parsedJson } from './json-text';
import { mayHoldCommand } from './secrets-commands';
import { yaml } from './yaml';
import { nestsTooDeep, TOO_DEEP_YAML } from './yaml-depth';
import { readYamlDocuments } from './yaml-documents';

/**
 * Text inside a value that another program reads as YAML or JSON: Traefik's file provider reads
 * `providers.file.content`, an app reads the file a ConfigMap's data holds. Read as data, every spelling YAML
 * allows for a key (`? password` then `: abc`, `"pass\u0077ord"`, `!!str password`, `&k password`, a flow
 * `{? password : abc}`, a merge) is the key itself, where a line-by-line reading sees none.
 */

/**
 * The longest text read as data: a config file's bound (src/config/yaml-input.ts MAX_FILE_BYTES), which no value
 * of a config exceeds; longer text (a hand-edited file of dist/) is read line by line only.
 */
const MAX_TEXT = 1024 * 1024;

/**
 * Text that may be YAML or JSON holding a mapping or a list: several lines, a flow collection, or one line that
 * starts as only data does (an explicit key, a tag, an anchor or alias, a quoted key) and holds a `:`. A plain
 * one-line `key: value` is judged as text (secrets-text.ts) and is not read again, with a line break after it too
 * (44a-15: `the password: see the Secret named db` and a newline is the prose it is without one).
 */
const mayBeData = (text: string): boolean =>
  text.trim().includes('\n') || /^\s*[{[]/.test(text) || (/^\s*[?!&*"']/.test(text) && text.includes(':')) || BINARY.test(text);
/** A `!!binary` value (or its tag written out), whose data is the text it decodes to: `x: !!binary cGFzc3dvcmQ6IGFiYw==`. */
const BINARY = /!!binary|yaml\.org,2002:binary/;

/**
 * The words a key or flag named like a secret holds (secrets-keys.ts: password, passwd, pwd, token, secret, apikey,
 * accesskey, privatekey, credential, hmacencoded, signature, `*_KEY`, authorization), in the text with its blanks and
 * punctuation left out (`pass-word` is a key named so), or an escape that may spell one (`\u0070assword`). Text with
 * none sets no secret by a key, and its secret shapes are found in the text itself (secret-shapes.ts): it is not read.
 * A `!!binary` value hides every word: text with one is read. So is text that may be a JSON Web Key (secrets-keys.ts
 * isJwkSecret): one naming `kty` or `crv`, or with a key `d` or `k` (an RSA or oct key needs neither name).
 */
const MAY_NAME_SECRET = /pass|pwd|token|secret|key|auth|credential|signature|hmac|binary|kty|crv|\\/;
const JWK_PRIVATE_KEY = /(?:^|[\s{,"'])[dk]["']?[^\S\n]*:/im;

/**
 * The documents of `text` that are mappings or lists, where the text is JSON or (`yaml`) parses as YAML without an
 * error (merge keys applied, the last of two equal keys kept: the line reading finds the first), or none. Aliases
 * are bounded as every YAML read here is (yaml-documents.ts). Undefined where the text cannot be judged: it nests too
 * deep to be read as YAML (yaml-depth.ts), or a document's aliases go past the bound. One line of text that is not data
 * itself gives the objects inside it (embeddedObjects).
 */
export function textAsData(text: string, yaml = true): readonly unknown[] | undefined {
  const whole = wholeTextAsData(text, yaml);
  const embedded = whole && !text.includes('\n') && text.includes('{') && mayHoldSecret(text) ? embeddedObjects(text, yaml) : [];
  const docker = dockerfileCommands(text);
  return whole && embedded && (embedded.length || docker.length ? [...whole, ...embedded, ...docker] : whole);
}

/** The last character of `text` that is not a blank, or ''. */
function lastNonBlank(text: string): string {
  let end = text.length - 1;
  while (end >= 0 && /\s/.test(text[end])) end--;
  return end < 0 ? '' : text[end];
}

function wholeTextAsData(text: string, yaml: boolean): readonly unknown[] | undefined {
  // Only text that could be a JSON object or list is parsed as JSON: a failed parse throws, and a throw per line of a long
  // text (`[` on every line of 1 MB) took 15 s (attack round 33a-11).
  const first = /^\s*([{[])/.exec(text)?.[1];
  // Nor text that is no JSON by its words (`[x]` on every line: json-text.ts).
  const json = first && lastNonBlank(text) === (first === '{' ? '}' : ']') ? parsedJson(text) : undefined;
  if (json) return [json.value];
  if (!yaml || text.length > MAX_TEXT || !mayBeData(text)) return [];
  // Text naming no secret is still read where it may be too deep to judge (59b-9: a billion laughs in a ConfigMap's data
  // was written unless a line also named a secret): the verdict on such text is its own, not its other lines'.
  if (!mayHoldSecret(text)) return unreadable(text) ? undefined : [];
  return rememberedData(text);
}

/**
 * Whether text goes past the YAML reader's bounds: it holds an anchor and an alias and its documents' aliases expand too
 * far (read whole), or it nests too deep (the lexer and parser tell, yaml-depth.ts: no document is made) as data would,
 * its flow collections closed: lines that only open them (`[` on every line, 35a) are no document, and are read as lines.
 */
const unreadable = (text: string): boolean =>
  (ANCHOR.test(text) && ALIAS.test(text) && !rememberedData(text)) || (flowsClosed(text) && nestsTooDeep(yaml, text) !== undefined);

/** Whether every `[` and `{` of `text` has its `]` and `}` (counted, quotes aside: a bound, not a parse). */
function flowsClosed(text: string): boolean {
  const count = (sign: string) => text.split(sign).length - 1;
  return count('[') === count(']') && count('{') === count('}');
}
/** A YAML anchor or alias where a node may start (after a line's start, a blank, a flow or block indicator). */
const ANCHOR = /(?:^|[\s[{,:?-])&[^\s,[\]{}]/;
const ALIAS = /(?:^|[\s[{,:?-])\*[^\s,[\]{}]/;

/** yamlData of `text`, remembered for the last few long texts. */
function rememberedData(text: string): readonly unknown[] | undefined {
  if (text.length < REMEMBERED_LENGTH) return yamlData(text);
  // A config's value is read for secrets by the config's checks, by the construct's and by the output gate's.
  if (!remembered.has(text)) {
    if (remembered.size === REMEMBERED_TEXTS) remembered.delete(remembered.keys().next().value!);
    remembered.set(text, yamlData(text));
  }
  return remembered.get(text);
}

/** How many objects inside one line of text are read: a JWK or a map of settings is one; more is no flag's value. */
const MAX_EMBEDDED = 16;

/**
 * The `{…}` objects inside one line of text that is not one itself (`--log.format={"kty":"EC",…}`, `x={kty: EC, d: …}`,
 * `a {"token": …} b`), read as JSON or (`yaml`) as a YAML flow mapping: a program that takes the text after its `=` reads
 * them as data. Each outermost balanced pair, found in one pass (a double-quoted part after `{`, `,`, `:` or a blank is
 * skipped, so a `}` in it closes nothing); where it fills the whole text, the whole text was read already.
 */
function embeddedObjects(text: string, yaml: boolean): unknown[] | undefined {
  const found: unknown[] = [];
  // `parameters`: a shell's `${…}` open outside any object (`${API_TOKEN:-$(cat f)}` is no `{API_TOKEN: …}`, false47);
  // an object inside one is read still.
  let [depth, start, parameters] = [0, -1, 0];
  for (let i = 0; i < text.length && found.length < MAX_EMBEDDED; i++) {
    const c = text[i];
    if (c === '"' && depth > 0 && /[{,:\s]/.test(text[i - 1])) {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' && depth === 0 && text[i - 1] === '$') parameters++;
    else if (c === '}' && depth === 0 && parameters > 0) parameters--;
    else if (c === '{' && depth++ === 0) start = i;
    else if (c === '}' && depth > 0 && --depth === 0 && text.slice(start, i + 1) !== text.trim()) {
      const object = text.slice(start, i + 1);
      const json = parsedJson(object);
      if (json) found.push(json.value);
      else {
        const data = yaml ? yamlData(object) : [];
        // Too deep to read: what it holds cannot be known (see textAsData).
        if (!data) return undefined;
        found.push(...data);
      }
    }
  }
  return found;
}

const mayHoldSecret = (text: string): boolean =>
  MAY_NAME_SECRET.test(text.toLowerCase().replace(/[^a-z0-9\\]/g, '')) ||
  JWK_PRIVATE_KEY.test(text) ||
  (COMMAND_KEY.test(text) && (mayHoldCommand(text) || (text.length <= K3S_ARGS_TEXT && K3S_ARGS.test(text) && TOKEN_OPTION.test(text))));
/**
 * K3s' `args` in a fragment with no image (49a-4: `args: [agent, -t, …]`, k3s-short-token.ts execK3sTokens): a list
 * whose first item is `server` or `agent`, in a text no longer than a pod's spec is (a MB of such lines took 10 s).
 */
const K3S_ARGS = /(?:^|[{,])[ \t-]*["']?args["']?[ \t]*:[ \t]*(?:\[[ \t]*|\r?\n[ \t]*-[ \t]+)["']?(?:server|agent)\b/m;
const K3S_ARGS_TEXT = 65_536;
const TOKEN_OPTION = /(?:^|[\s,["'])--?(?:agent-)?t/m;
/**
 * A key that runs a command (data-commands.ts: Kubernetes' `command`/`args`, compose's `entrypoint` and healthcheck
 * `test`; `argv`/`cmd` lists), at a line's start or a flow mapping's, in text that names a client: its lists are one command line, judged as
 * a container's (41a-5).
 */
const COMMAND_KEY = /(?:^|[{,])[ \t-]*["']?(?:command|args|entrypoint|test|argv|cmd|Cmd)["']?[ \t]*:/m;

/** Texts this long are read as YAML once per run (the last few of them): parsing a MiB takes seconds. */
const REMEMBERED_LENGTH = 4096;
const REMEMBERED_TEXTS = 4;
const remembered = new Map<string, readonly unknown[] | undefined>();

/** yaml's error for an alias whose anchor is not set (Alias.resolve: "Unresolved alias (the anchor must be set before the alias)"). */
const UNRESOLVED_ALIAS = /^Unresolved alias\b/;

function yamlData(text: string): unknown[] | undefined {
  const { documents } = readYamlDocuments(text, 'lenient');
  // Too deep to read, or aliases past the reader's bound (its data was not made): what it holds cannot be known. An alias
  // to no anchor (`*:*:*:app:pw`, a `.pgpass` line; `*.example.com x`) is no data either: YAML reads nothing there.
  const unjudgeable = (error?: { message: string }) => error !== undefined && !UNRESOLVED_ALIAS.test(error.message);
  if (documents.some(({ doc, error }) => unjudgeable(error) || doc.errors.some(({ message }) => message === TOO_DEEP_YAML)))
    return undefined;
  return documents
    .filter((document) => !document.error && document.doc.errors.length === 0)
    .map((document) => asCommandLines(document.data))
    .filter((data) => data !== null && typeof data === 'object');
}

/**
 * A YAML reading splits a command line at a colon inside its quotes: `curl -H "Authorization: Bearer $TOKEN" url` is
 * the key `curl -H "Authorization` and the value `Bearer $TOKEN" url` (attack round 39a-7), a key named like a secret
 * over half a quoted header. No program looks such a key up: the pair is the line it was read from, so it stands as that
 * line, a key without a value, and is judged as any text is (secretsInData judges a key's text: the header's quoted part
 * as a command line's, secrets-text.ts keyedSecret). A pair is one when its key holds a blank and a quote it does not
 * close, and its text value closes it. A script's lines are a document's top-level keys (an indented line inside one is
 * no YAML: `if …; then` then it fails to parse), so only those are read so.
 */
function asCommandLines(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const entries = Object.entries(data);
  if (!entries.some(isSplitLine)) return data;
  return Object.fromEntries(entries.map((pair) => (isSplitLine(pair) ? [`${pair[0]}: ${String(pair[1])}`, null] : pair)));
}

/** A key with a blank and a quote left open (an odd number of `"` or of `'`), under a text that closes it. */
function isSplitLine([key, value]: [string, unknown]): boolean {
  if (typeof value !== 'string' || !/\s/.test(key)) return false;
  return ['"', "'"].some((quote) => key.split(quote).length % 2 === 0 && value.includes(quote));
}
