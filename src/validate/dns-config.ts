import { isIPv4, isIPv6 } from 'node:net';
import { FieldPath, Finding, isRecord, show } from './paths';

type Node = Record<string, unknown>;
const REFUSED = 'which the API server refuses';

/** Limits of validation.go (v1.27), "derived from restrictions in Linux libc name resolution handling". */
const MAX_NAMESERVERS = 3;
const MAX_SEARCH_PATHS = 32;
const MAX_SEARCH_LIST_CHARS = 2048;
/** IsDNS1123Subdomain (apimachinery pkg/util/validation). */
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * IsValidIP as Kubernetes 1.27 has it (k8s.io/utils/net ParseIPSloppy, Go 1.16's net.ParseIP): an IPv4 address, leading
 * zeros in its parts allowed, or an IPv6 address without a zone.
 */
export function isValidIp(text: string): boolean {
  const parts = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (parts) return isIPv4(text) || parts.slice(1).every((part) => Number(part) <= 255);
  return text.includes(':') && !text.includes('%') && isIPv6(text);
}

const texts = (value: unknown): Array<[number, string]> =>
  Array.isArray(value) ? value.flatMap((item, i): Array<[number, string]> => (typeof item === 'string' ? [[i, item]] : [])) : [];

/**
 * A pod spec's `dnsPolicy` and `dnsConfig` as the API server judges them (kubernetes/kubernetes pkg/apis/core/validation
 * validation.go v1.27, validatePodDNSConfig): with dnsPolicy None a dnsConfig with at least one nameserver; at most 3
 * nameservers, each an IP address (IsValidIP); at most 32 search domains, 2048 characters joined with spaces, each a
 * DNS-1123 subdomain but for one trailing dot; a name on every option. One rule set for extraObjects workloads, Traefik's
 * own pod (traefik/dns-config-values.ts) and `npm run validate`. Values of the wrong type are the schema's to refuse and
 * are skipped here. Paths lie below the pod spec.
 */
export function dnsConfigProblems(spec: Node): Finding[] {
  const config = isRecord(spec.dnsConfig) ? spec.dnsConfig : undefined;
  const nameservers = config && Array.isArray(config.nameservers) ? config.nameservers : [];
  if (spec.dnsPolicy === 'None' && !nameservers.length) {
    const why = config
      ? `("must provide at least one DNS nameserver when \`dnsPolicy\` is None", validatePodDNSConfig)`
      : '("must provide `dnsConfig` when `dnsPolicy` is None", validatePodDNSConfig)';
    return [
      {
        path: config ? ['dnsConfig', 'nameservers'] : ['dnsPolicy'],
        message: config
          ? `lists no nameserver while dnsPolicy is "None", ${REFUSED} ${why}: list the pod's DNS servers (at most ${MAX_NAMESERVERS}), or use another dnsPolicy`
          : `is "None", but the pod has no dnsConfig, ${REFUSED} ${why}: give dnsConfig.nameservers, or use another dnsPolicy (ClusterFirst is the default)`,
      },
    ];
  }
  if (!config) return [];
  const findings: Finding[] = [];
  const at = (...path: FieldPath): FieldPath => ['dnsConfig', ...path];
  if (nameservers.length > MAX_NAMESERVERS)
    findings.push({
      path: at('nameservers'),
      message: `lists ${nameservers.length} nameservers, ${REFUSED} ("must not have more than ${MAX_NAMESERVERS} nameservers", validatePodDNSConfig): keep ${MAX_NAMESERVERS} at most`,
    });
  for (const [i, server] of texts(config.nameservers))
    if (!isValidIp(server))
      findings.push({
        path: at('nameservers', i),
        message: `is ${show(server)}, not an IP address, ${REFUSED} (IsValidIP, validatePodDNSConfig): write the DNS server's IP address, such as 192.0.2.53`,
      });
  const searches = texts(config.searches).map(([, search]) => search);
  if (Array.isArray(config.searches) && config.searches.length > MAX_SEARCH_PATHS)
    findings.push({
      path: at('searches'),
      message: `lists ${config.searches.length} search domains, ${REFUSED} ("must not have more than ${MAX_SEARCH_PATHS} search paths", validatePodDNSConfig): keep ${MAX_SEARCH_PATHS} at most`,
    });
  const joined = searches.join(' ').length;
  if (joined > MAX_SEARCH_LIST_CHARS)
    findings.push({
      path: at('searches'),
      message: `joins to ${joined} characters with spaces, ${REFUSED} ("must not have more than ${MAX_SEARCH_LIST_CHARS} characters (including spaces) in the search list", validatePodDNSConfig): list fewer or shorter domains`,
    });
  for (const [i, search] of texts(config.searches)) {
    // "it is fine to have a trailing dot"
    const name = search.endsWith('.') ? search.slice(0, -1) : search;
    if (name.length > 253 || !SUBDOMAIN.test(name))
      findings.push({
        path: at('searches', i),
        message: `is ${show(search)}, not a DNS domain of lower-case letters, digits, '-' and '.' (253 characters at most), ${REFUSED} (IsDNS1123Subdomain, validatePodDNSConfig): write a domain such as svc.example.com`,
      });
  }
  (Array.isArray(config.options) ? config.options : []).forEach((option, i) => {
    if (!isRecord(option) || (option.name !== undefined && option.name !== null && option.name !== '')) return;
    findings.push({
      path: at('options', i),
      message: `has no name, ${REFUSED} ("must not be empty", validatePodDNSConfig): give each option a name, such as ndots`,
    });
  });
  return findings;
}
