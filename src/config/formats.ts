import { domainToASCII } from 'node:url';
import { embeddedIpv4, hasHostBits, type IpAddress, parseCidr, parseIp, reservedUse, zeroPaddedIpv4 } from '../net/ip';
import { isVersion, MAX_VERSION_PART, parseVersion } from '../semver';
import { portNameProblem } from '../core/port-name';
import { hasUnshownPart, isUnshownPassword, isUnshownRun, unshownValue } from '../core/generated-quotes';
import { secretValues } from '../core/secrets';
import { secretKey, secretName } from './secret-ref-formats';
import { certResolverName } from './resolver-name-format';
import { show, tooLong } from './shown-values';
import { ingressPath } from './ingress-path-format';
import { routePath } from './route-path-format';
import { foldedListItems } from './folded-list-items';
import { USER_BEFORE_AT } from './git-formats';
import { interfaceName } from './interface-name-format';

/**
 * Format rules for single values. Each returns undefined when the value is fine, or a sentence
 * that names the bad value and what is expected. Kubernetes rules are those of
 * k8s.io/apimachinery/pkg/util/validation (IsDNS1123Label, IsDNS1123Subdomain, IsDNS1035Label).
 */
export type FormatCheck = (value: string) => string | undefined;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
/** IsDNS1123Subdomain's pattern: dot-separated labels, with no length limit of their own (only the 253 in all). */
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Whether a message may show text derived from `value` (lower-cased, cut, rewritten): not when it holds a secret (`password=abc`). */
const mayDerive = (value: string): boolean =>
  secretValues(value).length === 0 && !isUnshownRun(value) && !hasUnshownPart(value) && !isUnshownPassword(value);
/** An address, block or list as a message shows it: by its size when a part looks generated (review61-7). */
const showNet = (value: string): string => (hasUnshownPart(value) ? unshownValue(value) : show(value));

/** For a name with upper-case letters, a lower-case form that passes `check` (`Frontend_Ingress` -> `frontend-ingress`), if there is one. */
function lowerCaseHint(value: string, check: FormatCheck): string {
  if (value === value.toLowerCase() || !mayDerive(value)) return '';
  const suggestion = value
    .toLowerCase()
    .replace(/[^a-z0-9.*-]/g, '-')
    .replace(/^-+|-+$/g, '');
  return check(suggestion) ? '' : ` (upper-case letters are not allowed: ${show(suggestion)})`;
}

export const dns1123Label: FormatCheck = (value) => {
  const long = tooLong(value, 63);
  if (long) return long;
  if (!DNS1123_LABEL.test(value)) {
    return `${show(value)} is not a valid name: use lower-case letters, digits and '-', starting and ending with a letter or digit${lowerCaseHint(value, dns1123Label)}`;
  }
  return undefined;
};

export const dns1035Label: FormatCheck = (value) => {
  const long = tooLong(value, 63);
  if (long) return long;
  if (!DNS1035_LABEL.test(value)) {
    return `${show(value)} is not a valid Service name: use lower-case letters, digits and '-', starting with a letter and ending with a letter or digit${lowerCaseHint(value, dns1035Label)}`;
  }
  return undefined;
};

/** A DNS-1123 subdomain as Kubernetes has it (IsDNS1123Subdomain): 253 characters in all, no limit per dot-separated part. */
export const dns1123Subdomain: FormatCheck = (value) => {
  const long = tooLong(value, 253);
  if (long) return long;
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return `${show(value)} is not a valid name: use lower-case letters, digits, '-' and '.', each dot-separated part starting and ending with a letter or digit${lowerCaseHint(value, dns1123Subdomain)}`;
  }
  return undefined;
};

/**
 * Ingress host: a DNS name, optionally with a leading `*.` wildcard label; never an IP. A single label (`nas`) is one too: the
 * API server takes any DNS-1123 subdomain and Traefik serves it (69b-10); a public CA's refusal to certify it is a warning
 * where a certificate is asked (ingress/single-label-hosts.ts).
 */
export const ingressHost: FormatCheck = (value) => {
  // The host after any `user:password@`; no host is suggested from a secret-shaped URL (its message is redacted).
  const url = /^[a-z]+:\/\/(?:[^/?#@]*@)?([^/?#:@]*)/i.exec(value);
  if (url) return `${show(value)} is a URL: write only the host name${url[1] && mayDerive(value) ? `, ${show(url[1])}` : ''}`;
  const host = value.slice(value.lastIndexOf('@') + 1); // `user:password@host` without a scheme: what stands before "@" is never shown
  // A generated password holding `@` (87b-10: `Vb7!qW3@zN8xK2mP`) is no `user@host`: its tail, no dotted host, is not shown.
  if (value.includes('@') && (!isUnshownPassword(value) || (host.includes('.') && !ingressHost(host))))
    return `${show(`…@${host}`)} ${USER_BEFORE_AT}, which would be written to the manifests: write only the host name${host && !ingressHost(host) ? `, ${show(host)}` : ''}`;
  if (parseIp(value)) {
    return `${show(value)} is an IP address; an Ingress host must be a DNS name (route by IP with a LoadBalancer Service instead)`;
  }
  // An internationalised name is written in its ASCII (punycode) form, which browsers send and DNS holds.
  const ascii = [...value].some((c) => c.charCodeAt(0) > 0x7f) ? domainToASCII(value) : '';
  if (ascii && !ingressHost(ascii)) return nonAsciiHost(value);
  const name = value.startsWith('*.') ? value.slice(2) : value;
  const long = tooLong(value, 253, ' in a host name');
  if (long) return long;
  // DNS itself (RFC 1035) limits each part to 63, which IsDNS1123Subdomain alone would not.
  const longLabel = name.split('.').find((label) => label.length > 63);
  if (longLabel)
    return `${show(value)} has a part${mayDerive(value) ? `, ${show(longLabel)},` : ''} of ${longLabel.length} characters, at most 63 in one DNS label`;
  if (dns1123Subdomain(name)) {
    return `${show(value)} is not a valid DNS host name: expected lower-case labels of letters, digits and '-' separated by dots, e.g. "app.example.com" or "*.example.com"${lowerCaseHint(value, ingressHost)}`;
  }
  return undefined;
};

/**
 * An HTTPRoute hostname: the rules of an Ingress host, with the IP refusal naming the HTTPRoute. Gateway API's
 * `Hostname` type (kubernetes-sigs/gateway-api apis/v1/shared_types.go) says "IPs are not allowed" (attack 56b-14).
 */
export const routeHostname: FormatCheck = (value) =>
  parseIp(value)
    ? `${show(value)} is an IP address; an HTTPRoute hostname must be a DNS name (Gateway API refuses an IP there; route by IP with a LoadBalancer Service instead)`
    : ingressHost(value);
/** A host with non-ASCII letters, which Traefik's Host matchers refuse too (53b-3): ingressHost's words, the punycode form when one derives. */
export const nonAsciiHost: FormatCheck = (value) => {
  const ascii = [...value].some((c) => c.charCodeAt(0) > 0x7f) ? domainToASCII(value) : undefined;
  const hint = ascii && !ingressHost(ascii) && mayDerive(value) ? `: write ${show(ascii)}` : '';
  return ascii === undefined ? undefined : `${show(value)} holds non-ASCII letters, which a host name carries as punycode${hint}`;
};

export { ingressPath, interfaceName, routePath };

/**
 * Why `part` (one `MAJOR.MINOR.PATCH` of `value`) is not a sane version, or undefined when it is one
 * or not a version at all (the caller says what is expected then).
 */
function versionShapeProblem(value: string, part: string): string | undefined {
  const numbers = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(part)?.slice(1);
  if (!numbers || isVersion(part)) return undefined;
  if (numbers.some((n) => n.length > 1 && n.startsWith('0'))) {
    const fixed = `${part.startsWith('v') ? 'v' : ''}${numbers.map((n) => String(Number(n))).join('.')}`;
    return `${show(value)} has a leading zero: write ${show(value.split(part).join(fixed))}`;
  }
  return `${show(value)} has a number above ${MAX_VERSION_PART}, which no release uses: check for a typo`;
}

/** A release tag; `1.2.3` is read as `v1.2.3` (the schema normalises it). */
export const version: FormatCheck = (value) =>
  isVersion(value)
    ? undefined
    : (versionShapeProblem(value, value) ?? `${show(value)} is not a version: expected a release tag such as "v1.2.3"`);

/**
 * One spelling per address, so every address check (loopback, pod network, pools, duplicates) sees it: no leading zeros in IPv4
 * and no IPv6 spelling of an IPv4 address. Returns what is odd about `address` and its IPv4 form; `prefix` is a CIDR's `/n` (only
 * blocks of /96 or longer map to IPv4).
 */
function oddSpelling(address: string, prefix?: number): { why: string; ipv4: string } | undefined {
  const withPrefix = (ipv4: string, bits: number | undefined) => (bits === undefined ? ipv4 : `${ipv4}/${bits}`);
  const padded = zeroPaddedIpv4(address);
  if (padded) return { why: 'has leading zeros', ipv4: withPrefix(padded, prefix) };
  const ip = parseIp(address);
  const embedded = ip && embeddedIpv4(ip);
  if (!embedded || (prefix !== undefined && prefix < 96)) return undefined;
  const ipv4 = withPrefix(embedded.ipv4, prefix === undefined ? undefined : prefix - 96);
  return { why: `is an ${embedded.kind} IPv6 address, which hosts treat as IPv4`, ipv4 };
}

export function oddSpellingProblem(value: string, address: string, prefix?: number): string | undefined {
  const odd = oddSpelling(address, prefix);
  return odd && `${show(value)} ${odd.why}: write ${show(odd.ipv4)}`;
}

/** A single address usable as a virtual IP. Network-level rules (CIDRs, LAN) are cross-checks. */
export const virtualIp: FormatCheck = (value) => {
  if (value.includes('/') && parseCidr(value)) {
    return `${show(value)} has a prefix length; a virtual IP is a single address: write ${show(value.split('/')[0])}`;
  }
  const odd = oddSpellingProblem(value, value) ?? foldedListItems(value);
  if (odd) return odd;
  const ip = parseIp(value);
  if (!ip)
    return `${showNet(value)} is not an IP address: expected an IPv4 address such as "192.168.0.40" or an IPv6 address such as "fd00::40"`;
  return reservedVipProblem(value, ip);
};

/**
 * Why the parsed address `ip` (written `value`) cannot be a virtual IP, said alike wherever a VIP is given (a config key,
 * a sibling Service's kube-vip annotation or `spec.loadBalancerIP`), or undefined. `0.0.0.0` is no address to announce:
 * kube-vip reads it as "ask the LAN's DHCP server for one" (https://kube-vip.io/docs/usage/kubernetes-services/, DHCP),
 * an address no rule here can judge (one Service per VIP and port, the VIP's network).
 */
export function reservedVipProblem(value: string, ip: IpAddress): string | undefined {
  const reserved = reservedUse(ip);
  if (!reserved) return undefined;
  const dhcp = ip.family === 4 && ip.value === 0n ? ' (kube-vip would ask DHCP for an address this tool cannot judge)' : '';
  return `${show(value)} is ${reserved}${dhcp}; a virtual IP must be a unicast address on the nodes' LAN`;
}

export const cidr: FormatCheck = (value) => {
  const [address, prefix] = value.split('/');
  const odd = prefix !== undefined && /^\d{1,3}$/.test(prefix) ? oddSpellingProblem(value, address, Number(prefix)) : undefined;
  if (odd) return odd;
  if (!parseCidr(value)) return `${showNet(value)} is not a CIDR block: expected an address with a prefix length, e.g. "10.42.0.0/16"`;
  if (hasHostBits(value)) return `${show(value)} has host bits set: the block starts at ${show(parseCidr(value)!.text)}`;
  return undefined;
};

/**
 * A comma-separated list of at most one value per IP family, each passing `check`, as K3s reads `cluster-cidr`,
 * `service-cidr` and `node-ip` (k3s-io/k3s `pkg/cli/server/server.go`: `util.SplitStringSlice` splits each value at
 * ",", then every part is parsed on its own). A single value keeps `check`'s own message.
 */
export function onePerFamily(check: FormatCheck, familyOf: (part: string) => 4 | 6 | undefined, example: string): FormatCheck {
  return (value) => {
    const parts = value.split(',');
    if (parts.length === 1) return check(value);
    if (/\s/.test(value)) {
      return `${showNet(value)} contains a space; K3s splits the list at "," only and would not parse the parts: ${mayDerive(value) ? `write ${show(value.replace(/\s+/g, ''))}` : 'remove it'}`;
    }
    if (parts.some((part) => part === ''))
      return `${showNet(value)} has an empty entry: write one value per IP family, e.g. ${show(example)}`;
    if (parts.length > 2) {
      return `${showNet(value)} has ${parts.length} entries; K3s takes one per IP family, at most an IPv4 and an IPv6 one, e.g. ${show(example)}`;
    }
    const bad = parts.map((part) => check(part)).find(Boolean);
    if (bad) return `${showNet(value)}: ${bad}`;
    const [a, b] = parts.map(familyOf);
    if (a === b) return `${showNet(value)} has two IPv${a} entries; K3s takes one per IP family, e.g. ${show(example)}: keep one`;
    return undefined;
  };
}

/** K3s' pod or Service network(s): one block, or one per family for dual-stack (`10.42.0.0/16,fd00:42::/56`). */
export const clusterNetworks: FormatCheck = onePerFamily(cidr, (part) => parseCidr(part)?.family, '10.42.0.0/16,fd00:42::/56');

/**
 * A network Traefik trusts forwarded headers from: an address or a CIDR block (Traefik's ip.NewChecker
 * reads both, traefik/traefik pkg/ip/checker.go), never every address.
 */
export const trustedNetwork: FormatCheck = (value) => {
  // 61b-3: one verdict for every door. Traefik trims a list flag's items (traefik/paerser v0.2.0 parser/element_fill.go
  // makeSlice), and its ip.NewChecker fails on an empty one (pkg/ip/checker.go, v3.7.9), so Traefik does not start.
  // An empty flag beside another of the same list makes one too: paerser joins a list flag given twice with a comma.
  if (value.trim() === '') {
    return `${show(value)} is an empty entry, which Traefik cannot read, so it fails to start: remove it (in a flag, the extra comma, or the empty flag)`;
  }
  // What the network itself lacks first (`" ::/0"` trusts every address), then the blanks.
  if (value !== value.trim()) return trustedNetwork(value.trim()) ?? `${show(value)} has blanks around it: remove them`;
  const [address, prefix] = value.split('/');
  const everyAddress = `${show(value)} trusts every address, so any client could forge its forwarded address and pose as anyone: list only your proxies' addresses`;
  // An IPv4-mapped block of every IPv4 address (`::ffff:0.0.0.0/96`): its IPv4 spelling would be refused too, so none is suggested.
  const mapped = prefix !== undefined && /^\d{1,3}$/.test(prefix) ? oddSpelling(address, Number(prefix)) : undefined;
  if (mapped?.ipv4.endsWith('/0')) {
    return `${show(value)} holds every IPv4 address (hosts treat it as IPv4 0.0.0.0/0), so any client could forge its forwarded address and pose as anyone: list only your proxies' addresses`;
  }
  const expected = `${show(value)} is not an IP address or CIDR block: expected e.g. "192.168.0.5" or "192.168.0.0/24"`;
  if (prefix === undefined) return oddSpellingProblem(value, address) ?? (parseIp(value) ? undefined : expected);
  if (!parseCidr(value)) return /^\d{1,3}$/.test(prefix) ? (oddSpellingProblem(value, address, Number(prefix)) ?? expected) : expected;
  const problem = cidr(value);
  if (problem) return problem;
  if (parseCidr(value)!.prefix === 0) return everyAddress;
  return undefined;
};

/** Port number 1-65535 or an IANA service name (as a Service port name). */
export const portName: FormatCheck = (value) => {
  if (/^\d+$/.test(value)) return `${show(value)} is a quoted number: write ${value} without quotes`;
  if (portNameProblem(value) === undefined) return undefined;
  return `${show(value)} is not a port name: expected a number from 1 to 65535 or a Service port name (at most 15 lower-case letters, digits and '-')`;
};

/**
 * A Service port's `name` (62b-8, 64b-2): a DNS-1123 label, up to 63 characters, digits only allowed (kubernetes
 * pkg/apis/core/validation/validation.go validateServicePort: `ValidateDNS1123Label(sp.Name, ...)`). The 15-character
 * IANA_SVC_NAME rule (core/port-name.ts) is for container port names and a `targetPort` name, which `portName` reads.
 */
export const servicePortName: FormatCheck = (value) => {
  const long = tooLong(value, 63, ' (a Service port name is a DNS-1123 label)');
  if (long) return long;
  if (DNS1123_LABEL.test(value)) return undefined;
  return `${show(value)} is not a Service port name: use lower-case letters, digits and '-', starting and ending with a letter or digit, e.g. "http"${lowerCaseHint(value, servicePortName)}`;
};

/** Traefik chart version: `39.0.7`, or K3s' packaged form `39.0.701+up39.0.7`. */
export const chartVersion: FormatCheck = (value) => {
  const parts = value.split('+up');
  if (parts.length <= 2 && parts.every(isVersion)) return undefined;
  const shape = parts.length <= 2 ? parts.map((part) => versionShapeProblem(value, part)).find(Boolean) : undefined;
  return (
    shape ?? `${show(value)} is not a chart version: expected the upstream version such as "39.0.7" (K3s' "39.0.701+up39.0.7" also works)`
  );
};

// `gitops.repoURL` and `gitops.revision` (git-formats.ts).
export { gitRevision, gitUrl } from './git-formats';
export { certResolverName };

/**
 * A folder inside the repository. `.` and empty segments are allowed here and dropped by the schema
 * (normaliseRepoPath below); `..` is refused: it names a folder by where it climbs out of.
 */
export const repoPath: FormatCheck = (value) => {
  if (!/^[\w./-]+$/.test(value)) {
    return `${show(value)} is not a folder inside the repository: expected a relative path such as "dist/dev"`;
  }
  if (value.split('/').includes('..')) {
    return `${show(value)} contains "..": name the folder from the repository root, e.g. "dist/dev"`;
  }
  return undefined;
};

/** `first-last` address range of one family, first <= last (kube-vip-cloud-provider `range-*`). */
export const ipRange: FormatCheck = (value) => {
  const [first, last, ...rest] = value.split('-');
  const ends = [first ?? '', last ?? ''];
  const oddEnd = rest.length ? undefined : ends.find((end) => oddSpelling(end));
  if (oddEnd !== undefined) {
    const fixed = ends.map((end) => oddSpelling(end)?.ipv4 ?? end).join('-');
    return `${show(value)}: ${show(oddEnd)} ${oddSpelling(oddEnd)!.why}: write ${show(fixed)}`;
  }
  const a = parseIp(first ?? '');
  const b = parseIp(last ?? '');
  if (rest.length || !a || !b) return `${show(value)} is not an address range: expected "first-last", e.g. "192.168.0.200-192.168.0.220"`;
  if (a.family !== b.family) return `${show(value)} mixes IPv4 and IPv6: both ends must be of one family`;
  if (a.value > b.value) return `${show(value)} is reversed: the first address is above the last; write "${b.text}-${a.text}"`;
  return undefined;
};

/**
 * kube-vip's own `bgp_peers` form, `<address>:<AS>:<password>:<multihop>` (kube-vip docs, "BGP": `bgp_peers:
 * "192.168.0.10:65000::false"`; 70a-19): its third field is the peer's MD5 password, so the value is never quoted.
 */
const BGP_PEERS_FORM = /^(?:\[[^\]]*\]|[^:]*\.[^:]*):\d{1,10}:/;

/** A BGP peer: an IPv4 or IPv6 address (kube-vip writes IPv6 as [addr] itself). */
export const peerIp: FormatCheck = (value) =>
  (BGP_PEERS_FORM.test(value) && !parseIp(value)
    ? "the value is kube-vip's `bgp_peers` form address:AS:password:multihop (not shown: it may hold the peer's password): write the address alone here, the AS under `as`, and the password in the Secret `kubeVip.bgp.passwordSecret` names"
    : undefined) ??
  oddSpellingProblem(value, value) ??
  (parseIp(value) ? undefined : `${show(value)} is not an IP address: expected the peer's IPv4 or IPv6 address`);

/** The name and key of a Secret a first-class key refers to: never quoted, refused when generated-looking. */
export { secretKey, secretName };

/**
 * An ACME account e-mail: a dot-atom local part (RFC 5322 section 3.2.3: atext, dots between) and a domain. Let's
 * Encrypt reads contacts with Go's `mail.ParseAddress` (letsencrypt/boulder policy/pa.go `ValidEmail`), so an
 * apostrophe (o'brien) is fine (69b-21). Quotes and backslashes are not atext: the Traefik chart writes the address
 * into a double-quoted container argument, where either would end or escape the string.
 */
export const email: FormatCheck = (value) =>
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value)
    ? undefined
    : `${show(value)} is not a plain e-mail address (letters, digits and the other RFC 5322 atext symbols before the @, no quote or backslash, a domain after it): ACME needs a real one for account notices`;

/** An https:// URL without characters that would need quoting (it lands in a container argument). */
export const httpsUrl: FormatCheck = (value) => {
  if (!value.startsWith('https://'))
    return `${show(value)} is not an https:// URL: e.g. "https://acme-staging-v02.api.letsencrypt.org/directory"`;
  // Credentials would be written to the manifests; the message must not repeat them either.
  const authority = /^https:\/\/([^/?#]*)/.exec(value)![1];
  if (authority.includes('@')) {
    const redacted = `https://…@${authority.slice(authority.lastIndexOf('@') + 1)}`;
    return `"${redacted}…" holds credentials before "@", which would be written to the manifests: give the URL without them`;
  }
  if (!/^([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/.test(authority)) {
    return `${show(value)} names no host after "https://": e.g. "https://acme-staging-v02.api.letsencrypt.org/directory"`;
  }
  const bad = /[^A-Za-z0-9\-._~:/?#[\]@!&'()*+,;=%]/.exec(value);
  return bad
    ? `${show(value)} holds ${show(bad[0])}, which a URL must percent-encode: e.g. "https://acme-staging-v02.api.letsencrypt.org/directory"`
    : undefined;
};

/**
 * Label or annotation key: an optional DNS-subdomain prefix and one `/`, then a name of at most 63 characters (k8s IsQualifiedName).
 */
export const labelKey: FormatCheck = (value) => {
  const parts = value.split('/');
  const name = parts[parts.length - 1];
  const prefix = parts.length === 2 ? parts[0] : undefined;
  // 84a-16: a long name does not hide a bad prefix (one run says both).
  const badPrefix = prefix !== undefined ? dns1123Subdomain(prefix) : undefined;
  if (parts.length <= 2 && name.length > 63)
    return `${show(value)}: the name after the prefix is ${name.length} characters, at most 63${badPrefix ? `; its prefix: ${badPrefix}` : ''}`;
  const nameOk = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
  if (parts.length > 2 || !nameOk || badPrefix) {
    return `${show(value)} is not a valid key: expected an optional DNS prefix and one "/", then at most 63 letters, digits, '-', '_' or '.' that begin and end with a letter or digit, e.g. "app.kubernetes.io/name"`;
  }
  return undefined;
};

export const labelValue: FormatCheck = (value) =>
  tooLong(value, 63, ' in a label value') ??
  (value === '' || /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(value)
    ? undefined
    : `${show(value)} is not a valid label value: at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit`);

/**
 * A label (`key: value` of a map of labels or a selector's matchLabels): what is wrong with its key and with its value,
 * both in one line (84a-16: a bad key hid its bad value until the next run); a value that is no text is another rule's.
 */
export function labelProblem(key: string, value: unknown, valueCheck: FormatCheck = labelValue): string | undefined {
  const problems = [labelKey(key), typeof value === 'string' ? valueCheck(value) : undefined].filter((p) => p !== undefined);
  return problems.length ? problems.join('; ') : undefined;
}

const IP = '[0-9A-Fa-f:.]+';
/**
 * Looser regular-expression twins of some checks, for the editor schema (config.schema.json): they catch typos while typing; the
 * checks above stay the authority.
 */
export const EDITOR_PATTERNS: ReadonlyMap<FormatCheck, string> = new Map([
  [dns1123Label, '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'],
  [servicePortName, '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$'],
  [dns1035Label, '^[a-z]([-a-z0-9]*[a-z0-9])?$'],
  [certResolverName, '^[A-Za-z0-9_-]+$'],
  [dns1123Subdomain, '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$'],
  [secretName, '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$'],
  [ingressHost, '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$'],
  [routeHostname, '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$'],
  [ingressPath, "^/[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*$"],
  [routePath, "^/[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*$"],
  [interfaceName, '^[A-Za-z0-9][A-Za-z0-9._@-]{0,14}$'],
  [version, '^v?\\d+\\.\\d+\\.\\d+$'],
  [chartVersion, '^v?\\d+\\.\\d+\\.\\d+(\\+up\\d+\\.\\d+\\.\\d+)?$'],
  [virtualIp, `^${IP}$`],
  [peerIp, `^${IP}$`],
  [cidr, `^${IP}/\\d{1,3}$`],
  [clusterNetworks, `^${IP}/\\d{1,3}(,${IP}/\\d{1,3})?$`],
  [trustedNetwork, `^${IP}(/\\d{1,3})?$`],
  [ipRange, `^${IP}-${IP}$`],
  [email, '^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+$'],
  [httpsUrl, '^https://\\S+$'],
]);

/**
 * A folder inside the repository in one spelling: no `.` or empty segments, no leading or trailing `/`; `.` for
 * the repository root. Flux matches the deferred source's ignore rules one path component at a time (fluxcd/pkg
 * `sourceignore/gitignore/pattern.go` at sourceignore/v0.18.0: a pattern is split at `/` and each part compared with
 * one component of the file's path), so `deploy/./k3s` in a rule never matches the files of `deploy/k3s`; Argo CD
 * and Flux read both spellings as the same folder. `..` segments are refused by the format rule before this runs.
 */
export function normaliseRepoPath(path: string): string {
  const segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  return segments.length ? segments.join('/') : '.';
}

/** `1.2.3` becomes `v1.2.3`, the tag spelling, so image, labels and README all say the same. */
export function releaseTag(value: string): string {
  return isVersion(value) ? parseVersion(value).tag : value;
}
