import { mixed, typedValue, withoutEnd } from './code-declarations';
import { isCodeCall } from './code-values';
import { isSopsValue } from './encrypted-values';
import { looksGenerated, namesSecretValue } from './secrets-keys';
import { isToolReference } from './tool-references';

/**
 * Values that only say where a secret is read from, written as code or as a secret store's reference (attack round
 * 41a-10), for secrets-text.ts isReference, as `${DB_PASSWORD}` is one:
 * - code that reads a variable or a setting named like a secret: Django's `os.environ['DB_PASSWORD']`,
 *   `os.environ.get("DB_PASSWORD")`, Go's `os.Getenv("DB_PASSWORD")`, Node's `process.env.DB_PASSWORD`, Ruby's
 *   `ENV.fetch("DB_PASSWORD")`, Java's `System.getenv("DB_PASSWORD")`, PHP's `getenv('DB_PASSWORD')` and
 *   `$_ENV['DB_PASSWORD']`, `settings.DB_PASSWORD`, in a template's tags as Rails' database.yml writes it
 *   (`<%= ENV['DB_PASSWORD'] %>`), after Go's `:=` (a `key: value` reader keeps its `=`), ending a statement (`;`, `,`);
 * - a secret store's reference: vals' `ref+vault://secret/db#/password` (github.com/helmfile/vals README; not
 *   `ref+echo://`, whose path is the value), 1Password's `op://vault/item/field` (developer.1password.com/docs/cli/
 *   secret-reference-syntax), argocd-vault-plugin's `<path:secret/data/db#password>` (argocd-vault-plugin.readthedocs.io
 *   howitworks; also as read inside its brackets), bank-vaults' `vault:secret/data/db#password` (bank-vaults.dev docs/mutating-webhook);
 * - Grafana's `$__file{/run/secrets/gf}`, `$__env{GF_ADMIN_PW}` (read when it starts);
 * - other tools' references: cmd.exe's `%DB_PASSWORD%`, Concourse's `((db_password))`, a secret file (tool-references.ts);
 * - a sops ciphertext, `ENC[AES256_GCM,data:…,iv:…,tag:…,type:str]` (encrypted-values.ts isSopsValue: its fields
 *   canonical base64, a 32-byte IV, a 16-byte tag), encrypted to be kept in Git as a SealedSecret's ciphertext is.
 * The name read is the last one written and must be named like a secret; nothing in it looks generated, and no name
 * mixes letters and digits (`Hq7pLm.password` is a password with a dot), so a literal never passes as a name: a call
 * that is given a value (`withPassword("x7Kq9mZ2")`, `.password("abc")`), a default (`process.env.PW || 'abc'`,
 * `ENV.fetch("PW") { "abc" }`) or a bare word are values still.
 */
const NAME = String.raw`[A-Za-z_$@][\w$]{0,63}`;
const QUOTED = String.raw`'[A-Za-z_][\w.-]{0,127}'|"[A-Za-z_][\w.-]{0,127}"`;
/** A second argument that gives no value: an empty text, a null (Python's also by name: `default=None`). */
const NO_DEFAULT = String.raw`\s*,\s*(?:default\s*=\s*)?(?:''|""|None|nil|null|undefined)`;
const STEP = String.raw`(?:\.|\?\.|::|->)${NAME}|\(\s*(?:(?:${QUOTED})(?:${NO_DEFAULT})?)?\s*\)|\[\s*(?:${QUOTED}|${NAME})\s*\]`;
const READ = new RegExp(String.raw`^(?:=\s*)?(?:<%[=-]?\s*(${NAME}(?:${STEP}){1,8})\s*-?%>|(${NAME}(?:${STEP}){1,8}))\s*[;,]?$`);
const NAMES = /[A-Za-z_$@][\w$.-]*/g;
const NO_DEFAULT_ARGUMENT = new RegExp(`${NO_DEFAULT}(?=\\s*\\))`, 'g');

/** `os.environ['DB_PASSWORD']` and the like (above): code that reads a secret kept elsewhere. */
function readsSecret(value: string): boolean {
  if (value.length > 512) return false;
  const read = READ.exec(value);
  if (!read) return false;
  // The name read is the last one before a default that gives no value (`get('API_TOKEN', None)`: not `None`).
  const names = (read[1] ?? read[2]).replace(NO_DEFAULT_ARGUMENT, '').match(NAMES) ?? [];
  const last = names[names.length - 1] ?? '';
  const mixed = (name: string) => /\d/.test(name.replace(/_\d+(?=_|$)/g, ''));
  // A dotted name alone (`settings.DB_PASSWORD`, `config.db.password`) is code where each part is of one case:
  // `Summer.Password` may be a password with a dot.
  const parts = value.match(/[A-Za-z_$@][\w$]*/g) ?? [];
  const oneCase = /[([]/.test(value) || parts.every((part) => !(/[a-z]/.test(part) && /[A-Z]/.test(part)));
  return oneCase && namesSecretValue(last.replace(/^[$@]+/, '')) && !names.some(mixed) && !looksGenerated(value);
}

// Grafana's variable expansion (grafana.com/docs/grafana/latest/setup-grafana/configure-grafana, "Variable expansion"):
// `$__env{GF_ADMIN_PW}`, `$__file{/run/secrets/gf}`, `$__vault{provider:path}` are read when Grafana starts (42a-12).
// Traefik's CRD provider reads `urn:k8s:secret:<name>:<key>` in a Middleware's plugin config from a Secret of its
// namespace (traefik/traefik pkg/provider/kubernetes/crd/kubernetes.go loadSecretKeys, getSecretValue; v3.7, 61a-13).
const STORE_REFERENCE =
  /^(?:urn:k8s:secret:[a-z0-9][-a-z0-9.]{0,252}:[-._a-zA-Z0-9]{1,253}|\$__(?:env|file|vault)\{[\w./:@-]{1,256}\}|ref\+(?!echo:)[a-z0-9]+:\/\/[^\s'"`]+|op:\/\/[\w .-]+\/[\w .-]+(?:\/[\w .-]+){1,2}|<path:[\w./-]+#[\w.-]+(?:#\d+)?>|path:[\w./-]+#[\w.-]+(?:#\d+)?|vault:[\w./-]+#[\w.-]+)$/;

/**
 * 76a-23: an environment variable named alone, upper case as the environment's names are (a password may start with `$`,
 * `$notAReferenceAbc123`, so a name in mixed case or that looks generated stays a value): a shell's `$DB_PASSWORD`
 * (README: a value that only expands variables), OpenSSL's pass phrase argument `env:DB_PASSWORD` (openssl/openssl
 * doc/man1/openssl-passphrase-options.pod, "env:var") and opencode's `{env:DB_PASSWORD}` (opencode.ai/docs/config,
 * "Variables").
 */
const ENV_REFERENCE = /^(?:\$|env:|\{env:)([A-Z_][A-Z0-9_]{0,127})$/;
const isEnvReference = (value: string): boolean => {
  const name = ENV_REFERENCE.exec(value.startsWith('{') ? value.replace(/\}$/, '') : value)?.[1];
  return name !== undefined && value.startsWith('{') === value.endsWith('}') && !looksGenerated(name);
};

/** A value that reads a secret kept elsewhere, names it in a secret store, or holds it encrypted by sops (above). */
export function isCodeOrStoreReference(value: string): boolean {
  // Go's `jwtKey := loadKey()` read as YAML (`jwtKey: "= loadKey()"`): the code after the `=` (a literal stays a value).
  if (/^=[ \t]+[A-Za-z_$[]/.test(value)) return isCodeOrStoreReference(value.replace(/^=[ \t]+/, ''));
  // Go's conversion to bytes of code (`[]byte(os.Getenv("PW"))`): the code converted.
  const converted = /^\[\][ \t]*byte[ \t]*\(([^\n]{1,510})\)$/.exec(value.trim())?.[1];
  if (converted !== undefined && !/^[ \t]*["'`]/.test(converted)) return isCodeOrStoreReference(converted);
  if (isSopsValue(value) || isTemplateReference(value.trim()) || isToolReference(value.trim())) return true;
  if (STORE_REFERENCE.test(value)) return value.length <= 512 && !looksGenerated(value);
  if (isEnvReference(value)) return true;
  // Code too (code-values.ts): a call that reads one, a keyword argument's read up to its call's `)`.
  if (value.length > 512) return false;
  const code = withoutEnd(value);
  // A read with an empty default after it (`process.env.CLIENT_SECRET ?? ''`, `|| ''`, Python's `or ''`, 45a-15): none.
  const read = EMPTY_DEFAULT.exec(code)?.[1];
  if (readsSecret(value) || isCodeCall(value) || (code !== value.trim() && readsSecret(code)) || (!!read && readsSecret(read))) return true;
  // A typed declaration's value after its type (`str = Field(..., env="API_TOKEN")`, code-declarations.ts).
  const typed = typedValue(code);
  return typed !== undefined && isCodeOrStoreReference(typed);
}

/**
 * A template action that only names a variable (48a-18): Ansible's `{{ vault_db_password }}`, Helm's
 * `{{ .Values.db.password | b64enc }}`, GitHub Actions' `${{ secrets.DB_PASSWORD }}`, maybe through filters without
 * arguments, or a read (`{{ lookup('env', 'PW') }}`, code-values.ts); the variable is filled where the template is
 * rendered. A literal in it (`{{ 'abc' }}`, `| default('abc')`) or a name that mixes letters and digits is a value.
 */
const TEMPLATE = /^\$?\{\{-?[ \t]*(\S(?:[^{}\n]{0,254}\S)?)[ \t]*-?\}\}$/;
const TEMPLATE_FILTERS = /(?:[ \t]*\|[ \t]*[A-Za-z_]\w{0,63})+$/;
function isTemplateReference(value: string): boolean {
  const action = TEMPLATE.exec(value)?.[1].replace(TEMPLATE_FILTERS, '');
  if (action === undefined || looksGenerated(action)) return false;
  return /^\.?[A-Za-z_]\w{0,63}(?:\.[A-Za-z_]\w{0,63}){0,8}$/.test(action) ? !mixed(action.replace(/\./g, '_')) : isCodeCall(action);
}

/** A value, then `??`, `||` or `or` and an empty default (an empty text, a null). */
const EMPTY_DEFAULT = /^(\S(?:.{0,510}\S)?)[ \t]*(?:\?\?|\|\||[ \t]or)[ \t]*(?:''|""|``|null|undefined|None|nil)$/s;
