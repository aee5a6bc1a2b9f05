import { show, tooLong } from './shown-values';

/** Longest ingress path accepted; the API server sets none, but no real route comes near it. */
const MAX_INGRESS_PATH = 1024;
/** RFC 3986 `pchar` and `/`: unreserved, sub-delims, ':' and '@'; '%' only as a percent-escape (checked below). */
const PATH_CHAR = /[A-Za-z0-9\-._~!$&'()*+,;=:@/%]/;

/**
 * Ingress path of pathType Prefix: the API server's rules (k8s.io/kubernetes
 * pkg/apis/networking/validation/validation.go, validateHTTPIngressPath: absolute, none of
 * `//`, `/./`, `/../`, `%2f`, `%2F`, not ending in `/..` or `/.`), plus RFC 3986 path characters,
 * so no value can break the Traefik rule or the generated README, and a length bound.
 */
export const ingressPath = (value: string): string | undefined => {
  if (!value.startsWith('/')) return `${show(value)} does not start with "/": write "/${value.replace(/^\/*/, '')}"`;
  const long = tooLong(value, MAX_INGRESS_PATH);
  if (long) return long;
  const bad = [...value].find((c) => !PATH_CHAR.test(c));
  if (bad !== undefined) {
    return `${show(value)} contains ${show(bad)}: a path may hold letters, digits, "-._~!$&'()*+,;=:@/" and percent-escapes such as "%20"`;
  }
  const badEscape = /%(?![0-9A-Fa-f]{2})/.exec(value);
  if (badEscape) {
    const escape = value.slice(badEscape.index, badEscape.index + 3);
    return `${show(value)} contains ${show(escape)}, which is not a percent-escape: write "%" as "%25"`;
  }
  const sequence = ['//', '/./', '/../', '%2f', '%2F'].find((s) => value.includes(s));
  if (sequence) return `${show(value)} contains ${show(sequence)}, which the API server refuses in a Prefix path: remove it`;
  const suffix = ['/..', '/.'].find((s) => value.endsWith(s));
  if (suffix) return `${show(value)} ends with ${show(suffix)}, which the API server refuses in a Prefix path: remove it`;
  return undefined;
};
