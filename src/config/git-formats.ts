import { oneLine } from '../core/problem';
import { redact, secretValues } from '../core/secrets';
import { isPlainUserName } from '../core/url-user-names';

/**
 * Format rules for `gitops.repoURL` and `gitops.revision` (schema.ts, config-shape.ts; formats.ts re-exports them).
 * Each returns undefined when the value is fine, or one line: what is wrong, and what to write.
 */

/** A value as the message quotes it: a secret blanked, one readable line, cut past 80 characters. */
function show(value: string): string {
  const secrets = secretValues(value);
  const shown = secrets.length ? redact(value, secrets) : value;
  return oneLine(shown.length > 80 ? `${JSON.stringify(shown.slice(0, 60))}... (${value.length} characters)` : JSON.stringify(shown));
}

/**
 * Why the `host[:port]` of a scheme URL fails, with the URL to write, or undefined. Go's net/url `parseHost` (which
 * Flux's source-controller and Argo CD's go-git run on the URL) takes after the host only `:` and digits
 * (`validOptionalPort`), so the scp habit `ssh://git@github.com:me/infra.git` fails with `invalid port ":me" after
 * host`; a port past 65535 parses but no server listens there.
 */
function authorityProblem(value: string, scheme: string, userAt: string, hostPort: string, rest: string): string | undefined {
  if (hostPort.startsWith('[') && !hostPort.includes(']'))
    return (
      `${show(value)} opens an IPv6 address with "[" that no "]" closes (Go's net/url, which Flux and Argo CD parse it with, ` +
      `refuses it: missing ']' in host): close it, e.g. ${show(`${scheme}://${userAt}${hostPort}]/${rest}`)}`
    );
  const bracket = /^(\[[^\]]*\])(.*)$/.exec(hostPort);
  const host = bracket ? bracket[1] : hostPort.split(':')[0];
  const after = bracket ? bracket[2] : hostPort.slice(host.length);
  if (after === '') return undefined;
  const port = /^:(\d+)$/.exec(after);
  if (port && Number(port[1]) >= 1 && Number(port[1]) <= 65535) return undefined;
  if (port)
    return `${show(value)} has port ${port[1]}: a port is 1 to 65535; give the repository's real port, or none for the scheme's default`;
  // `:2222:me/infra.git` keeps its port 2222; `:me/infra.git` is a path that an scp-like URL put after a colon.
  const kept = /^:(\d+):(.*)$/.exec(after);
  const port2 = kept && Number(kept[1]) >= 1 && Number(kept[1]) <= 65535 ? `:${kept[1]}` : '';
  const pathHead = kept && port2 ? kept[2] : after.slice(1);
  const fixed = `${scheme}://${userAt}${host}${port2}/${[pathHead, rest].filter(Boolean).join('/')}`;
  return (
    `${show(value)} has a ":" after the host that is no port (Go's net/url, which Flux and Argo CD parse it with, refuses it): ` +
    `a path after a scheme starts with "/"; write ${show(fixed)}`
  );
}

/** `value` without its query (`?` up to `#`), the part Go's url.Parse keeps unchecked (net/url url.go `parse`, go1.22.0). */
function withoutQuery(value: string): string {
  const hash = value.indexOf('#');
  const head = hash < 0 ? value : value.slice(0, hash);
  const query = head.indexOf('?');
  return query < 0 ? value : value.slice(0, query) + value.slice(head.length);
}

/**
 * The first `%xx` escape of an ASCII byte in the host of a scheme URL, or undefined. Go's net/url `unescape` in
 * encodeHost mode (url.go, go1.22.0) takes in the host only escapes of non-ASCII bytes and `%25` (RFC 6874); after
 * `%25` in brackets comes an IPv6 zone, which is unescaped in encodeZone mode (any escape).
 */
function asciiHostEscape(value: string): string | undefined {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(value)![1];
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = hostPort.startsWith('[') && hostPort.includes('%25') ? hostPort.slice(0, hostPort.indexOf('%25')) : hostPort;
  return /%(?!25)[0-7][0-9A-Fa-f]/.exec(host)?.[0];
}

/**
 * A Git URL a controller can clone: https://, ssh://, git:// or scp-like `git@host:path`. Credentials (a password, a
 * token as the user) are refused and never echoed: the URL is written into the GitOps objects, and Argo CD and Flux read
 * repository credentials from Secrets of their own.
 */
/** The words of a URL-credentials refusal by a format rule: the secret check does not say it a second time (validate.ts). */
export const CREDENTIALS_BEFORE_AT = 'holds credentials before "@"';
/** How an Ingress host's message about a `user:password@` before it starts its reason (formats.ts): the same (79a-5). */
export const USER_BEFORE_AT = 'holds a user name or password before "@"';

export function gitUrl(value: string): string | undefined {
  const authority = /^([a-z]+):\/\/([^/]*)/i.exec(value);
  const userInfo = authority && authority[2].includes('@') ? authority[2].slice(0, authority[2].lastIndexOf('@')) : undefined;
  // A user name alone is no credential (62a-6: Azure DevOps' `https://jdoe@dev.azure.com/…`); a token as the user is one.
  if (userInfo !== undefined && (userInfo.includes(':') || (/^https?$/i.test(authority![1]) && !isPlainUserName(userInfo)))) {
    const host = authority![2].slice(authority![2].lastIndexOf('@') + 1);
    return (
      `"${authority![1]}://…@${host}/…" ${CREDENTIALS_BEFORE_AT}, which would be written to the GitOps objects in dist/: give the ` +
      "URL without them, and the credentials to Argo CD (a repository Secret) or Flux (the GitRepository's secretRef) instead"
    );
  }
  // Go's net/url unescapes the host, the path and the fragment, not the query (`RawQuery` is kept as written): a "%"
  // without two hex digits fails (`invalid URL escape "%zz"`).
  const escape = /^[a-z]+:\/\//i.test(value) ? /%(?![0-9A-Fa-f]{2})/.exec(withoutQuery(value)) : null;
  if (escape)
    return `${show(value)} has a "%" that is not followed by two hex digits (Go's net/url, which Flux and Argo CD parse it with, refuses it): write "%25" for a "%" itself`;
  const hostEscape = /^[a-z]+:\/\//i.test(value) ? asciiHostEscape(value) : undefined;
  if (hostEscape)
    return (
      `${show(value)} has ${JSON.stringify(hostEscape)} in its host, an escape of an ASCII character (Go's net/url, which Flux and ` +
      `Argo CD parse it with, refuses it: invalid URL escape ${JSON.stringify(hostEscape)}): write the character itself`
    );
  const url = /^(https?|ssh|git):\/\/([^\s/@]+@)?([^\s/@]+)\/?(\S*)$/.exec(value);
  const hostProblem = url ? authorityProblem(value, url[1], url[2] ?? '', url[3], url[4]) : undefined;
  if (hostProblem) return hostProblem;
  return /^(https?|ssh|git):\/\/[^\s/]+\/\S+$/.test(value) || /^[\w.-]+@[\w.-]+:\S+$/.test(value)
    ? undefined
    : `${show(value)} is not a Git repository URL: expected e.g. "https://github.com/me/infra.git" or "ssh://git@github.com/me/infra.git" ` +
        '(Argo CD also clones "git@github.com:me/infra.git"; Flux does not)';
}

/**
 * Why git refuses `name` as a reference, or undefined: the rules of git check-ref-format (git/git
 * Documentation/git-check-ref-format.txt and refs.c `refname_disposition`, v2.45.0): no ASCII control character, DEL,
 * space, `~`, `^`, `:`, `?`, `*`, `[` or `\`; no `@{` and not `@` alone; no ".."; no leading or trailing "/", no "//";
 * no trailing "."; no component that begins with "." or ends with ".lock". Anything else is taken, `+`, `@`, `#`, `,`,
 * `=` and letters beyond ASCII included.
 */
function refFormatProblem(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- git's own list of bad characters starts with the control characters
  const bad = /[\x00-\x20\x7f~^:?*[\\]/.exec(name);
  if (bad)
    return `it holds ${bad[0] <= ' ' || bad[0] === '\x7f' ? 'a space or a control character' : JSON.stringify(bad[0])}, which git refuses in a name`;
  if (name === '@') return 'it is "@" alone';
  if (name.includes('@{')) return 'it contains "@{"';
  if (name.startsWith('/') || name.endsWith('/')) return 'it begins or ends with "/"';
  if (name.includes('//')) return 'it has an empty component ("//")';
  if (name.includes('..')) return 'it contains ".."';
  if (name.endsWith('.')) return 'it ends with "."';
  const part = name.split('/').find((component) => component.startsWith('.') || component.endsWith('.lock'));
  return part === undefined ? undefined : `its component ${JSON.stringify(part)} begins with "." or ends with ".lock"`;
}

/**
 * A branch name, a full reference (`refs/...`) or a commit id; a full one is named a reference, not a branch. A branch
 * may not begin with "-" (git check-ref-format --branch, sha1-name.c `strbuf_check_branch_ref`).
 */
export function gitRevision(value: string): string | undefined {
  const full = value.startsWith('refs/');
  const why = value === '' ? 'it is empty' : !full && value.startsWith('-') ? 'it begins with "-"' : refFormatProblem(value);
  if (why === undefined) return undefined;
  return full
    ? `${show(value)} is not a Git reference: ${why} (git check-ref-format refuses it): expected e.g. "refs/heads/main" or "refs/tags/v1.0.0"`
    : `${show(value)} is not a branch name: ${why} (git check-ref-format --branch refuses it): expected e.g. "main"`;
}
