import { isAnyPasswordHash, isPasswordHash } from './password-hashes';
import { isPlaceholder } from './placeholders';

/**
 * The verdict on one BasicAuth/DigestAuth user entry, wherever it stands (a Middleware's `users`, a label or env key
 * naming that setting, an htpasswd/htdigest file's line): Traefik's BasicAuth `users` hold `user:hash` entries, the hash
 * "MD5, SHA1, or BCrypt" (doc.traefik.io/traefik/middlewares/http/basicauth, "users"), checked by go-http-auth's
 * CheckSecret (github.com/abbot/go-http-auth basic.go: `{SHA}`, `$2a$`/`$2b$`/`$2x$`/`$2y$` bcrypt, else MD5-crypt);
 * DigestAuth's `user:realm:hash`, the hash 32 hex digits (htdigest's MD5; doc.traefik.io middlewares/http/digestauth).
 * An entry whose hash is none is either the password written as it is (plain text) or a hash malformed or with more
 * appended (a head `$…$` or `{SCHEME}` before it): each its own wording, and DigestAuth's its own advice (bcrypt, which
 * `htpasswd -nB` writes, is no digest hash). A placeholder, or a template that is the whole entry or its whole password
 * (`${USERS}`, `admin:${HASH}`, `{{ .Values.users }}`), is none: Traefik expands no `${…}` in `users`, so text next to a
 * reference (`admin:Zq8v…${X}`) is a value again, as under secret-named keys (secrets-text.ts isReference; 58a-1).
 * Round 58a-10: in Traefik's `users` a well-formed hash of another family (`$6$`, `$5$`, `$y$`, `$argon2id$`, bcrypt's
 * bare `$2$`, a Dovecot `{SCHEME}` but `{SHA}`) is refused too: CheckSecret falls back to MD5-crypt for any prefix it does
 * not know, so no password ever matches (Traefik v3.6.24 go.mod replaces abbot/go-http-auth with
 * github.com/containous/go-http-auth a37a7636d23e, basic.go compareFuncs: "" MD5, `{SHA}`, `$2a$`/`$2b$`/`$2x$`/`$2y$`).
 * An htpasswd file outside `users` (htpasswd-files.ts; ingress-nginx's crypt takes more) keeps every family.
 */

export const BASIC_AUTH_PASSWORD =
  "a BasicAuth user's password in plain text (Traefik's `users` take `user:hash` entries: write the hash, `htpasswd -nB user`)";
export const BASIC_AUTH_MALFORMED =
  "a BasicAuth user's hash that is malformed or has more appended, maybe a password (Traefik checks `$apr1$`/`$1$` MD5, `{SHA}` and bcrypt of cost 04 to 31: write the hash alone, `htpasswd -nB user`)";
const DIGEST_AUTH_PASSWORD =
  "a DigestAuth user's password in plain text (Traefik's digestAuth `users` take `user:realm:hash` entries, the hash 32 hex digits of MD5: write them with `htdigest <file> <realm> <user>`; bcrypt is no digest hash)";
const DIGEST_AUTH_MALFORMED =
  "a DigestAuth user's hash that is malformed or has more appended, maybe a password (the hash is 32 hex digits of MD5, as `htdigest <file> <realm> <user>` writes it)";
export const BASIC_AUTH_UNCHECKED =
  "a BasicAuth user's hash of a kind Traefik cannot check, so no one logs in (Traefik's BasicAuth checks only `$apr1$`/`$1$` MD5, `{SHA}` and bcrypt `$2a$`/`$2b$`/`$2x$`/`$2y$`: write it with `htpasswd -nB user`)";
/**
 * Round 59a-8: a `$` reference in a Middleware's `users` or the file provider's is read as written (Kubernetes expands
 * nothing in a custom resource; Traefik's file provider runs only Go templates, doc.traefik.io providers/file "Go
 * Templating"), nor in an env value but `$(VAR)` (kubernetes.io/docs/tasks/inject-data-application/
 * define-interdependent-environment-variables). Flux's postBuild would substitute `${VAR}` (fluxcd/kustomize-controller
 * docs/spec/v1/kustomizations.md, "Post build variable substitution"), but only where spec.postBuild is set, and the
 * Kustomization this tool writes sets none (src/gitops/objects.ts).
 */
export const BASIC_AUTH_UNEXPANDED =
  "a BasicAuth user's hash written as a `$` reference that nothing expands there (Kubernetes and Traefik read it as written, so no one logs in): write the hash itself (`htpasswd -nB user`), or keep the entries in a Secret and name it in the Middleware's basicAuth.secret (digestAuth.secret)";

/**
 * Whether a finding's `what` is a user entry Traefik cannot use rather than a secret written out (a hash it cannot check,
 * a Compose-doubled `$$`, a `$` reference nothing expands): its message says what to write instead, and stands alone.
 */
export const isUnusableEntry = (what: string): boolean =>
  what === BASIC_AUTH_UNCHECKED || what === BASIC_AUTH_DOUBLED || what === BASIC_AUTH_UNEXPANDED;
export const BASIC_AUTH_DOUBLED =
  "a BasicAuth user's hash with doubled `$$`, which Kubernetes and Traefik read as written, so no one logs in (`$$` is Compose's escape: in a Middleware write the hash as `htpasswd -nB user` prints it, each `$` once)";

/** htpasswd's `{SHA}`: base64 of SHA-1's 20 bytes (httpd.apache.org docs/current/misc/password_encryptions.html). */
const SHA_ENTRY = /^\{SHA\}[A-Za-z0-9+/]{27}=$/;
const DIGEST_HASH = /^[^:]{1,256}:[0-9a-f]{32}$/i;
/**
 * References only (glued ones too): `${USERS}`, `${HASH:?}`, `{{ .Values.hash }}`, `$HASH`, the kubelet's `$(HASH)`; not
 * `${X:-<default>}`, whose default Traefik would read as written.
 */
const TEMPLATE = /^(?:\$\{[A-Za-z_]\w*(?::?[-=?+])?\}|\{\{[^{}]*\}\}|\$[A-Z_][A-Z0-9_]*|\$\([A-Za-z_]\w*\))+$/;
/** The hashes Traefik's BasicAuth checks (above): MD5-crypt of Apache's and crypt's heads, bcrypt of a lettered head. */
const TRAEFIK_CHECKS = /^\$(?:1|apr1|2[abxy])\$/;
/** A hash's head: crypt(3)'s `$id$` (`$2y$03$`, `$apr1$salt$`), an LDAP/Dovecot scheme (`{SHA}`, `{SSHA}`), or hex begun. */
const HASH_HEAD = /^(?:\$[0-9a-z]{1,8}\$|\{[A-Z0-9.-]{2,24}\})/i;
const DIGEST_HEAD = /^[^:]{1,256}:[0-9a-f]{32}/i;

/**
 * Where an entry stands: an htpasswd/htdigest `file` (any well-formed hash), Traefik's `users` in text or under a key
 * that names them (`$$` read as Compose's and Kubernetes env's escape of `$`; `text` a YAML/TOML list there, `env` an
 * env entry's value), or `crd`: a `basicAuth.users` list in data (a Middleware's spec, the file provider's), which
 * nothing unescapes.
 */
export type EntryDoor = 'file' | 'users' | 'crd' | 'env' | 'text';

/**
 * The `$` references each door leaves as written (59a-8): any in a custom resource or in a YAML/TOML `users` list of text
 * (a Middleware's or the file provider's; a label's `…users=` line is Docker's, which Compose expands), all but the
 * kubelet's `$(VAR)` in env.
 */
const UNEXPANDED: Partial<Record<EntryDoor, RegExp>> = { crd: /\$[{(A-Za-z_]/, text: /\$[{(A-Za-z_]/, env: /\$[{A-Za-z_]/ };
const unexpanded = (reference: string, door: EntryDoor): boolean =>
  UNEXPANDED[door]?.test(reference.replace(/\{\{[^{}]*\}\}/g, '')) ?? false;

/** An entry's fault: where its password stands (trimmed, unquoted) and what it is called; undefined where none. */
export function entryFault(entry: string, digest = false, door: EntryDoor = 'file'): { span: [number, number]; what: string } | undefined {
  const e = entry.trim();
  const lead = entry.indexOf(e);
  if (TEMPLATE.test(e) && unexpanded(e, door)) return { span: [lead, lead + e.length], what: BASIC_AUTH_UNEXPANDED };
  if (e === '' || TEMPLATE.test(e) || isPlaceholder(e)) return undefined;
  const colon = e.indexOf(':');
  const plain = digest ? DIGEST_AUTH_PASSWORD : BASIC_AUTH_PASSWORD;
  if (colon <= 0) return { span: [lead, lead + e.length], what: plain };
  // Compose and Docker labels write each `$` as `$$` (docs.docker.com compose interpolation): the hash is the same.
  const raw = e.slice(colon + 1);
  const hash = raw.replace(/\$\$/g, '$');
  const span: [number, number] = [lead + colon + 1, lead + e.length];
  if (TEMPLATE.test(raw) && unexpanded(raw, door)) return { span, what: BASIC_AUTH_UNEXPANDED };
  if (isPlaceholder(raw) || TEMPLATE.test(raw)) return undefined;
  // A file's entry (Mosquitto's `user:$7$…`, 59a-12) may hold a hash of any family its reader checks; Traefik's `users` not.
  const hashed = isPasswordHash(hash) || SHA_ENTRY.test(hash) || (door === 'file' && isAnyPasswordHash(hash));
  if (digest ? DIGEST_HASH.test(hash) : hashed) {
    if (digest || door === 'file') return undefined;
    // Kubernetes reads an env value's `$$` as `$` (the page above): only a custom resource keeps it doubled.
    if (door === 'crd' && raw.includes('$$')) return { span, what: BASIC_AUTH_DOUBLED };
    return SHA_ENTRY.test(hash) || TRAEFIK_CHECKS.test(hash) ? undefined : { span, what: BASIC_AUTH_UNCHECKED };
  }
  const malformed = digest ? DIGEST_HEAD.test(hash) : HASH_HEAD.test(hash);
  const what = malformed ? (digest ? DIGEST_AUTH_MALFORMED : BASIC_AUTH_MALFORMED) : plain;
  // A digest entry's password is past its realm; either way the rest of the entry is blanked.
  return { span, what };
}

/** Where in `entry` (trimmed, unquoted) a password stands in plain text, or undefined for a hashed or templated entry. */
export const plainPasswordIn = (entry: string, digest = false): [number, number] | undefined => entryFault(entry, digest, 'users')?.span;
