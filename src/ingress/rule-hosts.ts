import { nonAsciiHost } from '../config/formats';
import { quotedText } from '../core/problem';
import { parseIp } from '../net/ip';
import { secretValues } from '../core/secrets';
import { compareVersions, parseVersion, type Version } from '../semver';

/** What a host value of a rule is refused for, what to write, and, for a router Traefik builds, why it never matches. */
export interface HostValueProblem {
  readonly why: string;
  readonly fix: string;
  readonly effect?: string;
}

/**
 * HostSNI's values as Traefik takes them (`hostOrIP`, or `*` alone): `^[[:alnum:]\.\-\:]+$` up to v2.11.21 and from v3.0.0
 * to v3.3.4, `^[[:word:]\.\-\:]+$` (with `_`) from v2.11.22 and v3.3.5 (pkg/muxer/tcp/mux.go v2.11.0 and v2.11.22,
 * matcher.go v3.0.0, v3.3.5 and v3.6.0; 56b-5).
 */
const SNI_VALUE = /^[\w.:-]+$/;
const SNI_ALNUM = /^[a-zA-Z0-9.:-]+$/;
const SNI_WORD_SINCE = { 2: parseVersion('2.11.22'), 3: parseVersion('3.3.5') } as const;

/** Whether Traefik `release` (exact, when the image tag names it) refuses `_` in a HostSNI value. */
function sniRefusesUnderscore(release: Version | undefined): boolean {
  if (!release || (release.major !== 2 && release.major !== 3)) return false;
  return compareVersions(release, SNI_WORD_SINCE[release.major]) < 0;
}

/** A value for a message; a credentials-shaped one (`user:password@host`) blanked here, not only by the last guard. */
const shown = (value: string) => quotedText(value, (text) => secretValues(text).length > 0, '<redacted>');

/**
 * A host of a rule's Host, HostHeader, HostRegexp, HostSNI or HostSNIRegexp that Traefik refuses or never matches (53b-3,
 * 53b low), `name` as rule-syntax.ts canonicalMatcher gives it. Non-ASCII letters: Host, HostHeader and HostRegexp refuse
 * them in both syntaxes ("non-ASCII characters are not allowed", traefik/traefik pkg/muxer/http/matcher.go `host`,
 * `hostRegexp` and matcher_v2.go `hostV2`, `hostRegexpV2`, v3.6.0; pkg/muxer/http/mux.go `host`, `hostRegexp`, v2.11.0),
 * HostSNI any value but `*` outside `hostOrIP` ("is not a valid hostname", pkg/muxer/tcp/matcher.go `hostSNI`, v3.6.0;
 * `_` only from v2.11.22 and v3.3.5, so refused for an older `release`, the image tag's), HostSNIRegexp non-ASCII in v3's syntax
 * (`hostSNIRegexp`). The message is the one `ingresses[].host` gets (config/formats.ts nonAsciiHost), with the punycode form.
 * A port: Traefik compares Host with the request's host after cutting its port and brackets off (pkg/middlewares/
 * requestdecorator/request_decorator.go `parseHost`, v2.11.0 and v3.6.0), and a TLS client's SNI carries none (RFC 6066
 * 3), so a value with one never matches.
 */
export function hostValueProblem(
  name: string,
  values: readonly string[],
  syntax: 'v2' | 'v3',
  release?: Version,
): HostValueProblem | undefined {
  const http = name === 'Host' || name === 'HostHeader' || name === 'HostRegexp';
  const sni = name === 'HostSNI';
  if (!http && !sni && name !== 'HostSNIRegexp') return undefined;
  for (const value of values) {
    const nonAscii = nonAsciiHost(value);
    if (nonAscii && (http || sni || syntax === 'v3')) {
      return { why: `gives ${name} a value with non-ASCII letters, which Traefik does not allow in a host`, fix: nonAscii };
    }
    const underscore = sniRefusesUnderscore(release);
    if (sni && value !== '*' && !(underscore ? SNI_ALNUM : SNI_VALUE).test(value)) {
      const wildcard = value.includes('*');
      const regexp = syntax === 'v3' ? 'HostSNIRegexp(`^[a-z0-9-]+\\.example\\.com$`)' : 'HostSNIRegexp(`{name:[a-z0-9-]+}.example.com`)';
      return {
        why: `gives HostSNI ${shown(value)}, which is no host name or IP address (Traefik ${release && underscore ? `${release.tag} ` : ''}takes letters, digits, '.', '-' and ':'${underscore ? '' : ", and '_' from v2.11.22 and v3.3.5"}, or * alone)`,
        fix: wildcard
          ? `for every host of a domain write ${regexp}, or list the host names`
          : underscore && SNI_VALUE.test(value)
            ? `use a host name without '_', or a Traefik image of v${release!.major === 2 ? '2.11.22' : '3.3.5'} or newer`
            : 'write the host name the client sends as SNI',
      };
    }
    // 81b-5: Host and HostHeader compare the request's lower-cased host for equality (traefik/traefik pkg/muxer/http/
    // matcher.go `host`, v3.6.0; mux.go `host`, v2.11.0): a `*` is a literal character there, so the route never matches.
    if ((name === 'Host' || name === 'HostHeader') && value.includes('*')) {
      // The domain written after `*.` when that is all the wildcard there is (82a-10), else an example's.
      const domain = /^\*\.[a-z0-9.-]+$/i.test(value) ? value.slice(2) : 'example.com';
      const regexp =
        syntax === 'v3' ? `HostRegexp(\`^[a-z0-9-]+\\.${domain.replace(/\./g, '\\.')}$\`)` : `HostRegexp(\`{name:[a-z0-9-]+}.${domain}\`)`;
      return {
        why: `gives ${name} ${shown(value)}, a wildcard, but Traefik's ${name} has none: it compares the request's host with the value as written`,
        effect: 'the route never matches',
        fix: `for every host of a domain write ${regexp}, or list the host names`,
      };
    }
    const bare = name === 'HostRegexp' || name === 'HostSNIRegexp' ? undefined : withoutPort(value);
    if (bare !== undefined) {
      return {
        why: `gives ${name} ${shown(value)}, a host with ${value.startsWith('[') ? 'brackets or ' : ''}a port`,
        effect: sni
          ? "a TLS client's SNI carries no port, so the route never matches"
          : "Traefik compares it with the request's host stripped of its port (and brackets), so the route never matches",
        fix: `write ${name}(\`${bare}\`) (the entrypoint sets the port)`,
      };
    }
  }
  return undefined;
}

/**
 * The host of `value` written as `host:port` (a port of digits), `[ip]` or `[ip]:port`, forms Traefik's parseHost never
 * leaves in a request's host (net.SplitHostPort splits one colon; brackets are cut); undefined for another value (an IPv6
 * address is its own).
 */
function withoutPort(value: string): string | undefined {
  if (!value.includes(':') || parseIp(value)) return undefined;
  const match = /^(?:\[([^[\]]*)\]|([^:[\]]*))(?::\d*)?$/.exec(value);
  return match ? (match[1] ?? match[2]) : undefined;
}
