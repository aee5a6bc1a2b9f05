import type { Path } from './problem';

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
 * The value of a credential in a URL's query (`?access_token=...`, `&private_token=`, `?X-Amz-Signature=`,
 * `?key=`): the parameter name stays readable, the value is the secret.
 */
const URL_QUERY_CREDENTIAL =
  /(?<=[?&](?:[\w.-]{0,64}(?:token|password|passwd|pwd|secret|api[_-]?key|access[_-]?key|signature|credential)|key|sig|auth|pass)=)[^&#\s"'`]+/gi;
/** PEM private keys of any algorithm, with or without their body. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----)?/g;

/** What a K3s token is called in findings (`FoundSecret.what`). */
export const K3S_TOKEN_SHAPE = 'a K3s token (K10…::…)';

const SHAPES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: K3S_TOKEN, what: K3S_TOKEN_SHAPE },
  { pattern: URL_CREDENTIALS, what: 'a URL with credentials' },
  { pattern: URL_QUERY_CREDENTIAL, what: 'a URL with a credential in its query' },
  { pattern: PRIVATE_KEY, what: 'a private key' },
];

/** What secret `text` is shaped like, or undefined. */
export function secretShape(text: string): string | undefined {
  return SHAPES.find(({ pattern }) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text))?.what;
}

/** The words that make a name secret, wherever they stand in an env-style name (`MY_PASSWORD_PLAIN`). */
const SECRET_WORD = /password|passwd|passphrase|token|secret|apikey|accesskey|privatekey|credential/;
/** A name that ends in one of these words names where a secret is kept, not the secret: `DB_PASSWORD_FILE`, `SECRET_NAME`. */
const REFERENCE_WORD = /^(file|path|dir|ref|name|url|uri)$/;

/**
 * A key that names a secret: `token`, `tokens`, `password1`, `apiKey`, `K3S_TOKEN`, `MY_PASSWORD_PLAIN`,
 * `clientSecret`, `secret`. A camelCase key must end in the word; names of references (`tokenSecret`,
 * `secretName`, `passwordFile`, `existingSecret`, `apiTokenSecretRef`) end in another word and are not.
 * An env-style name (`UPPER_CASE`, `snake_case`, `kebab-case`, every env entry's `name`) holds the word
 * anywhere, unless it ends
 * in a word of a reference (`DB_PASSWORD_FILE`).
 */
export function isSecretKey(key: string, envName = /^[A-Za-z][A-Za-z0-9]*(?:[_-][A-Za-z0-9]+)+$|^[A-Z][A-Z0-9]*$/.test(key)): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (envName) {
    const last =
      key
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean)
        .pop() ?? '';
    return SECRET_WORD.test(name) && !REFERENCE_WORD.test(last);
  }
  return (
    /(password|passwd|passphrase|token|apikey|accesskey|privatekey|credential|clientsecret|secretkey)s?\d*(value|plain|text)?$/.test(
      name,
    ) || /^secret$|authorization$/.test(name)
  );
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

/** A command-line flag that takes a secret: `--providers.x.token`, `-password`, `--bgp-password` (not `--api.token-file`). */
function isSecretFlag(flag: string): boolean {
  return isSecretKey(flag.split('.').pop() ?? '', false);
}

/** `--api.token=abc` (the whole rest is the value), or a flag and its value anywhere in a command line. */
const FLAG_AT_START = /^--?([\w.-]+?)=(.+)$/s;
const FLAG = /^--?([\w.-]+)(?:=(.*))?$/s;

/** The secret a command line (one string) sets with a flag, or undefined. */
function secretArgument(text: string): string | undefined {
  const atStart = FLAG_AT_START.exec(text);
  if (atStart && isSecretFlag(atStart[1]) && !isReference(atStart[2])) return atStart[2];
  const parts = text.split(/\s+/);
  for (let i = 0; i < parts.length; i++) {
    const flag = FLAG.exec(parts[i]);
    if (!flag || !isSecretFlag(flag[1])) continue;
    const value = flag[2] ?? parts[i + 1];
    if (value !== undefined && !value.startsWith('-') && !isReference(value)) return value;
  }
  return undefined;
}

/** `[..., '--providers.x.token', value]`: a secret flag on its own, so the next item (not another flag) is its value. */
function isSecretFlagValue(list: readonly unknown[], i: number): boolean {
  const flag = i > 0 && typeof list[i - 1] === 'string' ? FLAG.exec(list[i - 1] as string) : null;
  const item = list[i];
  return !!flag && flag[2] === undefined && isSecretFlag(flag[1]) && !(typeof item === 'string' && item.startsWith('-'));
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

/** Every secret in plain data (config, props, chart values, a parsed manifest), by path. Keys count too. */
export function secretsInData(data: unknown, path: Path = []): FoundSecret[] {
  const found: FoundSecret[] = [];
  /** `secretAs`: what any text here is, because of the key or flag that leads to it. */
  const visit = (node: unknown, at: Path, secretAs: string | undefined): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      const text = String(node);
      const shape = typeof node === 'string' ? secretShape(text) : undefined;
      const argument = typeof node === 'string' && !shape && !secretAs ? secretArgument(text) : undefined;
      if (shape) found.push({ path: at, value: text, what: shape });
      else if (secretAs && !isReference(text)) found.push({ path: at, value: text, what: secretAs });
      else if (argument !== undefined) found.push({ path: at, value: argument, what: SECRET_ARGUMENT });
      return;
    }
    if (Array.isArray(node)) {
      return node.forEach((item, i) => visit(item, [...at, i], secretAs ?? (isSecretFlagValue(node, i) ? SECRET_ARGUMENT : undefined)));
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    // An env entry `{name: K3S_TOKEN, value: ...}`: the name says what the value is.
    const envSecret = typeof record.name === 'string' && isSecretKey(record.name, true) && 'value' in record;
    for (const [key, value] of Object.entries(record)) {
      const keyShape = secretShape(key);
      if (keyShape) found.push({ path: [...at, key], value: key, what: `a key shaped like ${keyShape}` });
      const named =
        isSecretKey(key) ||
        (envSecret && key === 'value') ||
        (namesSecretText(key) && (typeof value === 'string' || typeof value === 'number'));
      visit(value, [...at, key], secretAs ?? (named ? UNDER_SECRET_KEY : undefined));
    }
  };
  visit(data, path, undefined);
  return found;
}

/** Why a secret other than a K3s token is refused, for a message at its path; the value is never part of it. */
export function secretRefusal(secret: FoundSecret): string {
  return (
    `holds ${secret.what}, and dist/ is committed to Git, so no secret may be written there: keep it in a Kubernetes Secret ` +
    "and reference it (e.g. env valueFrom.secretKeyRef, or the chart's existingSecret)"
  );
}

/** Placeholder printed where a secret was. */
export const REDACTED = '<redacted>';

/**
 * `text` with every secret-shaped value, and every one of `secrets` (whole, JSON-quoted, or cut as long
 * messages cut values), replaced by REDACTED.
 */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (!secret) continue;
    const quoted = JSON.stringify(secret);
    const forms = [quoted, quoted.slice(1, -1), JSON.stringify(secret.slice(0, 60)).slice(1, -1), secret];
    for (const form of forms) {
      // Short secrets are replaced only where quoted, so "a" does not blank every "a" of a sentence.
      if (form.length >= 4 || form === quoted) out = out.split(form).join(form === quoted ? `"${REDACTED}"` : REDACTED);
    }
  }
  for (const { pattern } of SHAPES) out = out.replace(pattern, REDACTED);
  return out;
}
