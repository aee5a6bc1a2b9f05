import type { Path } from './problem';
import { isPlainlyNotSecret, isSecretFlag, isSecretKey, namesHubTokenSecret } from './secrets-keys';
import { readManifestText } from './manifest-text';

export { isSecretKey } from './secrets-keys';

/**
 * What counts as a secret, for the two guards of the Guarantees: no message prints one, and no file
 * written to dist/ or K3s' manifests folder holds one. A secret is a value shaped like one (a K3s
 * token, a URL with credentials, a private key) or any text under a key named like one (`token`,
 * `password`, `K3S_TOKEN` as an env entry's name, `--api.token=...` as a container argument).
 */

/** K3s' secure token `K10<sha256 of the CA>::<user>:<password>` (docs.k3s.io/cli/token). */
const K3S_TOKEN = /K10[0-9a-f]{64}::[^\s"'`]*/gi;
/** `scheme://user:password@` (any scheme) or `http(s)://anything@` (a token as the user name). */
// Bounded repeats: an unbounded scheme or user part made every position of a long text without `://` scan to its end.
const URL_CREDENTIALS =
  /\b(?:https?:\/\/(?!…@)[^\s/?#@"'`]{1,1024}@|[a-z][a-z0-9+.-]{0,31}:\/\/[^\s/?#@:"'`]{0,1024}:[^\s/?#@"'`]{0,1024}@)/gi;
/**
 * The value of a credential in a URL's query or fragment (`?access_token=...`, `&private_token=`,
 * `?X-Amz-Signature=`, `?key=`, OAuth's implicit flow `#access_token=`): the parameter name stays readable,
 * the value is the secret.
 */
const URL_QUERY_CREDENTIAL =
  /(?<=[?&#](?:[\w.-]{0,64}(?:token|password|passwd|pwd|secret|api[_-]?key|access[_-]?key|signature|credential)|key|sig|auth|pass)=)[^&#\s"'`]+/gi;
/**
 * PEM private keys of any algorithm and OpenPGP private key blocks (`-----BEGIN PGP PRIVATE KEY BLOCK-----`),
 * with their body up to the END line; without one, the base64 lines that follow (a key cut short). The body
 * never runs over five dashes, so each BEGIN scans only to the next armour line: linear in the text.
 */
const PRIVATE_KEY =
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:(?:[^-]|-(?!----))*-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/=]{16,}(?![^\n]))*)/g;
/**
 * The same, base64-encoded (a kubeconfig's `client-key-data`, a Secret's data): `LS0tLS1CRUdJTi` is
 * `-----BEGIN`; the run counts when it decodes to a private key's BEGIN line. Line-wrapped runs go on.
 */
const BASE64_PRIVATE_KEY = /LS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}(?:[ \t]*\r?\n[ \t]*[A-Za-z0-9+/]{16,}={0,2}(?![^\n]))*/g;
const isBase64PrivateKey = (run: string): boolean =>
  /^-----BEGIN [A-Z0-9 ]*PRIVATE KEY/.test(Buffer.from(run.slice(0, 96), 'base64').toString('latin1'));

/** What a K3s token is called in findings (`FoundSecret.what`). */
export const K3S_TOKEN_SHAPE = 'a K3s token (K10…::…)';

/** `accept`: a match that is one after all (the pattern only finds candidates). */
const SHAPES: ReadonlyArray<{ pattern: RegExp; what: string; accept?: (match: string) => boolean }> = [
  { pattern: K3S_TOKEN, what: K3S_TOKEN_SHAPE },
  { pattern: URL_CREDENTIALS, what: 'a URL with credentials' },
  { pattern: URL_QUERY_CREDENTIAL, what: 'a URL with a credential in its query or fragment' },
  { pattern: PRIVATE_KEY, what: 'a private key' },
  { pattern: BASE64_PRIVATE_KEY, what: 'a private key (base64-encoded)', accept: isBase64PrivateKey },
];

/** What every match of a shape holds: `K10`, `@`, `=`, a BEGIN line or its base64 form; text without any is no secret shape. */
const SHAPE_CLUE = /k10|[@=]|-----BEGIN |LS0tLS1CRUdJTi/i;
/** Each shape's pattern without `g`, for a test that keeps no state. */
const SHAPE_TESTS = SHAPES.map(({ pattern }) => new RegExp(pattern.source, pattern.flags.replace('g', '')));

/** What secret `text` is shaped like, or undefined. */
export function secretShape(text: string): string | undefined {
  if (!SHAPE_CLUE.test(text)) return undefined;
  return SHAPES.find(({ pattern, accept }, i) =>
    accept ? [...text.matchAll(pattern)].some(([match]) => accept(match)) : SHAPE_TESTS[i].test(text),
  )?.what;
}

/**
 * A key whose text value is a secret, though an object under it would be a reference: `webhookSecret: abc`
 * (but `tokenSecret: {name, key}`). `existingSecret` and `imagePullSecret` name a Secret.
 */
function namesSecretText(key: string): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return /secrets?$/.test(name) && !/^existing|pullsecrets?$/.test(name);
}

/**
 * Whether a value at `path` may not be quoted in a message: it lies under a key named like a secret, or is
 * the text of a key whose text would be one (`tokenSecret: "abc"` where a reference object goes).
 */
export function isSecretPath(path: Path): boolean {
  const keys = path.filter((key): key is string => typeof key === 'string');
  const last = keys[keys.length - 1];
  return keys.some((key) => isSecretKey(key)) || (last !== undefined && namesSecretText(last));
}

/** `--api.token=abc` (the whole rest is the value), or a flag and its value anywhere in a command line. */
const FLAG_AT_START = /^--?([\w.-]+?)=(.+)$/s;
const FLAG = /^--?([\w.-]+)(?:=(.*))?$/s;

/** The secret a command line (one string) sets with a flag, or undefined. */
function secretArgument(text: string): string | undefined {
  const atStart = FLAG_AT_START.exec(text);
  if (atStart && isSecretFlag(atStart[1]) && !isReference(atStart[2]) && !isPlainlyNotSecret(atStart[2], atStart[1])) return atStart[2];
  const parts = text.split(/\s+/);
  for (let i = 0; i < parts.length; i++) {
    const flag = FLAG.exec(parts[i]);
    if (!flag || !isSecretFlag(flag[1])) continue;
    const value = flag[2] ?? parts[i + 1];
    if (value !== undefined && !value.startsWith('-') && !isReference(value) && !isPlainlyNotSecret(value, flag[1])) return value;
  }
  return undefined;
}

/** `[..., '--providers.x.token', value]`: a secret flag on its own, so the next item (not another flag) is its value. */
function isSecretFlagValue(list: readonly unknown[], i: number): boolean {
  const flag = i > 0 && typeof list[i - 1] === 'string' ? FLAG.exec(list[i - 1] as string) : null;
  const item = list[i];
  return (
    !!flag &&
    flag[2] === undefined &&
    isSecretFlag(flag[1]) &&
    !(typeof item === 'string' && (item.startsWith('-') || isPlainlyNotSecret(item, flag[1])))
  );
}

/** A value that only refers to a secret kept elsewhere (Kubernetes' `$(VAR)` expansion, an empty value). */
function isReference(value: string): boolean {
  return value === '' || /^\$\([A-Za-z_][A-Za-z0-9_]*\)$/.test(value);
}

export interface FoundSecret {
  readonly path: Path;
  /** The secret itself, to redact; never to print. */
  readonly value: string;
  /** What it is, for messages: "a K3s token (K10…::…)", "a value under a key named like a secret". */
  readonly what: string;
}

const UNDER_SECRET_KEY = 'a value under a key named like a secret';
const SECRET_ARGUMENT = 'a container argument that sets a secret';
/** What the data of a `kind: Secret` object is called in findings (`FoundSecret.what`). */
export const SECRET_OBJECT_DATA = 'the data of a Kubernetes Secret';
/** What multi-line text that sets a secret on a line is called in findings (`FoundSecret.what`). */
export const EMBEDDED_SECRET = 'multi-line text with a line that sets a secret (a key named like one, or a secret shape)';
/** What an `extraObjects` text item that cannot be read as Helm will read it is called in findings (`FoundSecret.what`). */
export const UNJUDGEABLE_TEXT = 'text that cannot be judged as manifests (it does not parse cleanly, or holds a merge key or a tag)';
const ASSIGNED_SECRET = 'a value set to a name like a secret (name=value)';
const GLUED_SECRET = 'a value under a key named like a secret (written without a space after the colon)';

/**
 * `kind: Secret`, or a kind Helm renders first (`{{ print "Sec" "ret" }}`: the Traefik chart passes every
 * `extraObjects` item through `tpl`, traefik-helm-chart templates/_helpers.tpl "traefik.render"), which may be one.
 */
export function mayBeSecretKind(kind: unknown): boolean {
  return kind === 'Secret' || (typeof kind === 'string' && kind.includes('{{'));
}

/**
 * What any value under `key` of a mapping is, because of the key or its mapping, or undefined when they say
 * nothing: a key named like a secret, the `value` of an env entry whose `name` is, the `data`/`stringData`
 * of a `kind: Secret` object (whatever its keys are called), text under a key whose text would be a secret.
 * `field` reads another key of the same mapping (plain data, a YAML node's scalars, a snapshot's descriptors).
 */
export function secretUnder(key: string, field: (key: string) => unknown): string | undefined {
  if (isSecretKey(key)) return UNDER_SECRET_KEY;
  const name = key === 'value' ? field('name') : undefined;
  if (typeof name === 'string' && isSecretKey(name, true)) return UNDER_SECRET_KEY;
  // A manifest with no literal kind (`{{ "kind" }}: Secret`, rendered by the chart's tpl) may be a Secret too.
  const kind = field('kind');
  const manifest = mayBeSecretKind(kind) || (kind === undefined && field('metadata') !== undefined);
  if ((key === 'data' || key === 'stringData') && manifest) return SECRET_OBJECT_DATA;
  const text = field(key);
  return namesSecretText(key) && (typeof text === 'string' || typeof text === 'number') ? UNDER_SECRET_KEY : undefined;
}

/** `password:hunter2`: a secret key glued to its value (YAML then reads one text, or one key); the part after the colon. */
function gluedSecret(text: string): string | undefined {
  const glued = /^([A-Za-z][\w.-]*):(?!\/\/)(\S.*)$/s.exec(text);
  return glued && isSecretKey(glued[1]) && !isReference(glued[2]) ? glued[2] : undefined;
}

/** Whether the value at `at` is an item of a chart's `extraObjects`. */
const isExtraObject = (at: Path): boolean => typeof at[at.length - 1] === 'number' && at[at.length - 2] === 'extraObjects';

/** `db_password=abc` as a word of a text (an env file's line, a connection string): the first such value. */
function assignedSecret(text: string): string | undefined {
  if (!text.includes('=')) return undefined;
  for (const word of text.split(/[\s;&]+/)) {
    // A shell may quote the whole word: "DB_PASSWORD=abc" or 'DB_PASSWORD=abc'.
    const assigned = /^["']?([A-Za-z][\w.-]*)=(.+?)["']?$/s.exec(word);
    if (assigned && isSecretKey(assigned[1]) && !isReference(assigned[2])) return assigned[2];
  }
  return undefined;
}

/** Every secret in plain data (config, props, chart values, a parsed manifest), by path. Keys count too. */
export function secretsInData(data: unknown, path: Path = []): FoundSecret[] {
  const found: FoundSecret[] = [];
  /** `secretAs`: what any text here is, because of the key or flag that leads to it; `envName`: the env entry's name, for its value. */
  const visit = (node: unknown, at: Path, secretAs: string | undefined, envName?: string): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      const text = String(node);
      // A chart's `extraObjects` item given as text is YAML the chart renders as manifests (traefik-helm-chart
      // templates/_helpers.tpl, "traefik.render"), one object per `---` document: each is read as data, and text
      // that cannot be read as Helm will read it is refused whole.
      if (typeof node === 'string' && isExtraObject(at)) {
        const { documents, unjudgeable } = readManifestText(text);
        if (unjudgeable) found.push({ path: at, value: text, what: UNJUDGEABLE_TEXT });
        documents.forEach((doc) => visit(doc, at, secretAs));
      }
      const shape = typeof node === 'string' ? secretShape(text) : undefined;
      const argument = typeof node === 'string' && !shape && !secretAs ? secretArgument(text) : undefined;
      const glued = typeof node === 'string' && !shape && !secretAs && argument === undefined ? gluedSecret(text) : undefined;
      // Multi-line text (a file's content, a ConfigMap's data) may set a secret on one of its lines.
      const assigned =
        typeof node === 'string' && !shape && !secretAs && argument === undefined && glued === undefined ? assignedSecret(text) : undefined;
      const embedded = !shape && !secretAs && text.includes('\n') && secretsInLines(text).length > 0;
      if (shape) found.push({ path: at, value: text, what: shape });
      else if (secretAs && !isReference(text) && !isPlainlyNotSecret(text, at, envName) && !namesHubTokenSecret(at, text))
        found.push({ path: at, value: text, what: secretAs });
      else if (argument !== undefined) found.push({ path: at, value: argument, what: SECRET_ARGUMENT });
      else if (glued !== undefined) found.push({ path: at, value: glued, what: GLUED_SECRET });
      else if (assigned !== undefined) found.push({ path: at, value: assigned, what: ASSIGNED_SECRET });
      else if (embedded) found.push({ path: at, value: text, what: EMBEDDED_SECRET });
      return;
    }
    if (Array.isArray(node)) {
      return node.forEach((item, i) => {
        const path = [...at, i];
        visit(item, path, secretAs ?? (isSecretFlagValue(node, i) ? SECRET_ARGUMENT : undefined));
      });
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const [key, value] of Object.entries(record)) {
      const keyShape = secretShape(key);
      const glued = keyShape ? undefined : gluedSecret(key);
      if (keyShape) found.push({ path: [...at, key], value: key, what: `a key shaped like ${keyShape}` });
      else if (glued !== undefined) found.push({ path: [...at, key], value: glued, what: GLUED_SECRET });
      // Under a glued key, the key's own finding is the one message for that path.
      const envName = !secretAs && key === 'value' && typeof record.name === 'string' ? record.name : undefined;
      visit(value, [...at, key], secretAs ?? (glued === undefined ? secretUnder(key, (other) => record[other]) : undefined), envName);
    }
  };
  visit(data, path, undefined);
  return found;
}

/** Why a secret other than a K3s token is refused, for a message at its path; the value is never part of it. */
export function secretRefusal(secret: FoundSecret): string {
  if (secret.what === UNJUDGEABLE_TEXT) return `is ${UNJUDGEABLE_TEXT}, so it may hold a Secret: write it as a map`;
  if (secret.what === SECRET_OBJECT_DATA) {
    return (
      `is ${SECRET_OBJECT_DATA}, and dist/ is committed to Git, so no Secret may be written there: create the Secret ` +
      'out of band (kubectl create secret, a SealedSecret or an ExternalSecret) and reference it by name'
    );
  }
  return (
    `holds ${secret.what}, and dist/ is committed to Git, so no secret may be written there: keep it in a Kubernetes Secret ` +
    "and reference it (e.g. env valueFrom.secretKeyRef, or the chart's existingSecret)"
  );
}

/** Characters of one redaction pattern: far below V8's limit ("Regular expression too large"). */
const MAX_PATTERN = 100_000;

/** Placeholder printed where a secret was. */
export const REDACTED = '<redacted>';

/** REDACTED for a match, once per line it spans (indentation kept), so a redacted file keeps its line numbers. */
function keepingLines(match: string): string {
  return match
    .split('\n')
    .map((line, i) => (i === 0 ? REDACTED : `${/^[ \t]*/.exec(line)![0]}${REDACTED}`))
    .join('\n');
}

/**
 * `text` with every secret-shaped value, and every one of `secrets` (whole, JSON-quoted, or cut as long
 * messages cut values), replaced by REDACTED.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  const replacements = new Map<string, string>();
  for (const secret of secrets) {
    if (!secret) continue;
    const quoted = JSON.stringify(secret);
    for (const form of [quoted, quoted.slice(1, -1), JSON.stringify(secret.slice(0, 60)).slice(1, -1), secret]) {
      // Short secrets are replaced only where quoted, so "a" does not blank every "a" of a sentence.
      if ((form.length >= 4 || form === quoted) && !replacements.has(form))
        replacements.set(form, form === quoted ? `"${REDACTED}"` : REDACTED);
    }
  }
  // One pass per batch of forms, longest first where several start at one place: a file's thousands of secrets
  // cost a few scans of the text, not one each. A pattern has a size limit: a form too long for one goes alone.
  let out = text;
  const escape = (form: string) => form.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  let batch: string[] = [];
  let size = 0;
  const flush = () => {
    if (batch.length) out = out.replace(new RegExp(batch.join('|'), 'g'), (form) => replacements.get(form)!);
    [batch, size] = [[], 0];
  };
  for (const form of [...replacements.keys()].sort((a, b) => b.length - a.length)) {
    const escaped = escape(form);
    if (escaped.length > MAX_PATTERN / 4) out = out.split(form).join(replacements.get(form)!);
    else {
      if (size + escaped.length > MAX_PATTERN) flush();
      batch.push(escaped);
      size += escaped.length + 1;
    }
  }
  flush();
  for (const { pattern, accept } of SHAPES) out = out.replace(pattern, (match) => (!accept || accept(match) ? keepingLines(match) : match));
  return out;
}

/**
 * The secrets of a YAML text read line by line, without a parser: for a file that no longer parses (a key
 * written twice, a broken indentation), or parses into less than the text holds (the first of two equal keys),
 * so that a diff or a message still leaves them out. Over-reading is harmless here: what is found is only
 * ever redacted. Found:
 * - the rest of a `key: value` line whose key is named like a secret (`password:`, `"api-token":`), and every
 *   line below it indented deeper (a block scalar, a folded value, a mapping under the key);
 * - the `value:` of a list item whose `name:` is (an env entry `- name: DB_PASSWORD`);
 * - everything under a top-level `data:`/`stringData:` of a document that says `kind: Secret`;
 * - any value shaped like a secret or setting one (`--token=abc`).
 */
export function secretsInLines(text: string): string[] {
  return text.split(/^---/m).flatMap((document) => secretsInDocumentLines(document.split('\n')));
}

/**
 * `  - "key": rest`: indentation with dashes, the key (quoted, or up to the colon), the rest after the colon
 * (trimmed by the caller). No optional blank run follows a part that may end in blanks: every line is read in
 * linear time, whatever runs of spaces it holds.
 */
const KEY_LINE = /^([ \t]*(?:-[ \t]+)*)(?:"([^"]*)"[ \t]*|'([^']*)'[ \t]*|([^\s"'#:{}[\],&*!|>%@`-][^"'#:]*)):(?:[ \t]+(.*))?$/;
/** `  - item` */
const ITEM_LINE = /^[ \t]*-[ \t]+(.*)$/;

/** A key line's parts: its column, key and rest (trimmed; '' when the value is on the lines below). */
function keyLineOf(line: string): { column: number; key: string; rest: string } | undefined {
  const match = KEY_LINE.exec(line);
  if (!match) return undefined;
  const [, lead, doubleQuoted, singleQuoted, plain, rest = ''] = match;
  return { column: lead.length, key: (doubleQuoted ?? singleQuoted ?? plain).trim(), rest: rest.trim() };
}

function secretsInDocumentLines(lines: readonly string[]): string[] {
  const found: string[] = [];
  // `kind: Secret`, or a kind Helm renders first (mayBeSecretKind).
  const isSecretObject = lines.some((line) => /^kind:[ \t]*(?:(["']?)Secret\1[ \t]*(?:#.*)?$|[^#\n]*\{\{)/.test(line));
  const indent = (line: string) => /^[ \t]*/.exec(line)![0].length;
  /** The last `name:` key: its column, and whether it names a secret. */
  let name: { column: number; secret: boolean; text: string } | undefined;
  /** The key lines this one stands under, nearest last; only the last two are ever read (isPlainlyNotSecret). */
  const parents: Array<{ column: number; key: string }> = [];
  const add = (value: string, keys: readonly string[] = [], envName?: string) => {
    const comment = value.search(/[ \t]#/);
    const unquoted = unquote(comment < 0 ? value : value.slice(0, comment).trimEnd());
    // A switch (`agent-inject-token: "true"`, `Authorization: drop`) is no secret, and redacting it would blank every `true` of a diff.
    if (isPlainlyNotSecret(unquoted, keys, envName)) return;
    found.push(value, unquoted, ...secretsInData(unquoted).map((secret) => secret.value));
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const keyLine = keyLineOf(line);
    if (!keyLine) {
      const item = ITEM_LINE.exec(line)?.[1].trim();
      if (item) found.push(...secretsInData(unquote(item)).map((secret) => secret.value));
      continue;
    }
    const { column, key, rest } = keyLine;
    while (parents.length && parents[parents.length - 1].column >= column) parents.pop();
    const above = parents.slice(-2).map((parent) => parent.key);
    parents.push({ column, key });
    if (key === 'name') name = { column, secret: isSecretKey(unquote(rest), true), text: unquote(rest) };
    const secret =
      isSecretKey(key) ||
      (key === 'value' && name?.column === column && name.secret) ||
      (isSecretObject && column === 0 && (key === 'data' || key === 'stringData'));
    if (!secret) {
      if (rest) found.push(...secretsInData(unquote(rest)).map((s) => s.value), ...secretsInFlow(rest, [...above.slice(-1), key]));
      continue;
    }
    if (rest && !/^[|>][-+0-9]*(?:[ \t]+#.*)?$/.test(rest))
      add(rest, [...above, key], key === 'value' && name?.column === column ? name.text : undefined);
    // Everything below is taken whole, so the scan goes on after it: each line is read once.
    let below = i + 1;
    for (; below < lines.length && (lines[below].trim() === '' || indent(lines[below]) > column); below++) {
      if (!lines[below].trim()) continue;
      add(lines[below].trim());
      // `cf: abc` below a Secret's data: the value alone too, as a diff line may show it apart from its key.
      const value = keyLineOf(lines[below])?.rest ?? ITEM_LINE.exec(lines[below])?.[1].trim();
      if (value) add(value);
    }
    i = below - 1;
  }
  return [...new Set(found.filter((value) => value !== ''))];
}

/**
 * `{password: abc, name: DB_TOKEN, value: def}` on one line (the flow may be unclosed): the secret values.
 * `keys`: the keys the flow stands under (the line's key last), for isPlainlyNotSecret.
 */
function secretsInFlow(text: string, keys: readonly string[]): string[] {
  if (!/[{[]/.test(text)) return [];
  const pairs = [...text.matchAll(/(?:^|[{[,])[ \t]*(["']?)([^\s"',{}[\]:]+)\1[ \t]*:[ \t]+([^,{}[\]]*)/g)].map(
    ([, , key, value]) => [key, value.trim()] as const,
  );
  const name = pairs.find(([key]) => key === 'name')?.[1];
  const envSecret = name !== undefined && isSecretKey(unquote(name), true);
  return pairs
    .filter(([key, value]) => value && (isSecretKey(key) || (key === 'value' && envSecret)))
    .filter(
      ([key, value]) =>
        !isPlainlyNotSecret(unquote(value), [...keys, key], key === 'value' && name !== undefined ? unquote(name) : undefined),
    )
    .flatMap(([, value]) => [value, unquote(value)]);
}

/** `"a\"b"` -> `a"b`, `'it''s'` -> `it's`; anything else as it is. */
function unquote(value: string): string {
  if (/^"(?:[^"\\]|\\.)*"$/.test(value)) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  return /^'(?:[^']|'')*'$/.test(value) ? value.slice(1, -1).replace(/''/g, "'") : value;
}

/**
 * `text` (a whole file) with every one of `secrets` and every secret shape redacted, a multi-line secret
 * line by line as the file holds it (indented in a block scalar), keeping the line count: a diff of two
 * redacted texts shows where a secret changed, never what it is.
 */
export function redactText(text: string, secrets: readonly string[]): string {
  // A multi-line secret goes by its lines: whole, it would join the lines it stands on into one.
  const parts = secrets.flatMap((secret) => (secret.includes('\n') ? secret.split('\n').map((line) => line.trim()) : [secret]));
  return redact(text, [...new Set(parts.filter((part) => part !== ''))]);
}
