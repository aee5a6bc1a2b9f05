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
const URL_CREDENTIALS = /\b(?:https?:\/\/(?!…@)[^\s/?#@"'`]+@|[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:"'`]*:[^\s/?#@"'`]*@)/gi;
/** PEM private keys of any algorithm, with or without their body. */
const PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----)?/g;

const SHAPES: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: K3S_TOKEN, what: 'a K3s token (K10…::…)' },
  { pattern: URL_CREDENTIALS, what: 'a URL with credentials' },
  { pattern: PRIVATE_KEY, what: 'a private key' },
];

/** What secret `text` is shaped like, or undefined. */
export function secretShape(text: string): string | undefined {
  return SHAPES.find(({ pattern }) => new RegExp(pattern.source, pattern.flags.replace('g', '')).test(text))?.what;
}

/**
 * A key that names a secret: `token`, `password`, `apiKey`, `K3S_TOKEN`, `clientSecret`, `secret`.
 * Names of references (`tokenSecret`, `secretName`, `passwordFile`, `existingSecret`, `apiTokenSecretRef`)
 * are not: they end in another word.
 */
export function isSecretKey(key: string): boolean {
  const name = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return (
    /(password|passwd|passphrase|token|apikey|accesskey|privatekey|credentials?|clientsecret|secretkey)$/.test(name) || name === 'secret'
  );
}

/** `--providers.x.token=abc`, `-password=abc`: a container argument that carries a secret. */
const SECRET_ARGUMENT = /^--?[\w.-]*?([\w.]+)=(.+)$/s;

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

/** Every secret in plain data (config, props, chart values, a parsed manifest), by path. Keys count too. */
export function secretsInData(data: unknown, path: Path = []): FoundSecret[] {
  const found: FoundSecret[] = [];
  const visit = (node: unknown, at: Path, underSecretKey: boolean): void => {
    if (typeof node === 'string' || typeof node === 'number') {
      const text = String(node);
      const shape = typeof node === 'string' ? secretShape(text) : undefined;
      if (shape) found.push({ path: at, value: text, what: shape });
      else if (underSecretKey && !isReference(text)) found.push({ path: at, value: text, what: 'a value under a key named like a secret' });
      else if (typeof node === 'string') {
        const argument = SECRET_ARGUMENT.exec(text);
        if (argument && isSecretKey(argument[1]) && !isReference(argument[2])) {
          found.push({ path: at, value: argument[2], what: 'a container argument that sets a secret' });
        }
      }
      return;
    }
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, [...at, i], underSecretKey));
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    // An env entry `{name: K3S_TOKEN, value: ...}`: the name says what the value is.
    const envSecret = typeof record.name === 'string' && isSecretKey(record.name) && 'value' in record;
    for (const [key, value] of Object.entries(record)) {
      const keyShape = secretShape(key);
      if (keyShape) found.push({ path: [...at, key], value: key, what: `a key shaped like ${keyShape}` });
      visit(value, [...at, key], underSecretKey || isSecretKey(key) || (envSecret && key === 'value'));
    }
  };
  visit(data, path, false);
  return found;
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
