import * as format from './formats';
import * as k3sFormat from './k3s-formats';
import { tokenFilePath } from './token-file';
import { CERT_MANAGER_VERSION, DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR, KUBE_VIP_VERSION, TRAEFIK_CHART_VERSION } from '../pins';
import * as s from './shape';

/**
 * The config schema of src/config/schema.ts as a plain shape (src/config/shape.ts), which checks a config
 * without loading zod: every synth parses its configs with this first, and only a config it refuses goes
 * to zod, for the messages. Same keys in the same order, same types, bounds, format rules and defaults
 * as schema.ts; test/config-shape.test.ts compares the two node by node and over every config of the
 * repository, and fails on any difference.
 */

const virtualIp = s.text(format.virtualIp);
const cidr = s.text(format.cidr);
const dnsLabel = s.text(format.dns1123Label);
const resolverName = s.text(format.certResolverName);
const dnsSubdomain = s.text(format.dns1123Subdomain);

/** A TCP/UDP port number (schema.ts `portNumber`). */
export const PORT_NUMBER = s.integer(1, 65535);
/** A Service port's protocol (schema.ts `servicePortProtocol`). */
export const SERVICE_PORT_PROTOCOL = s.oneOf('TCP', 'UDP');
/** A BGP autonomous system number (schema.ts `asNumber`). */
export const AS_NUMBER = s.integer(1, 4294967295);

const port = s.union(PORT_NUMBER, s.text(format.portName));

const poolEntry = s.object({
  cidr: s.optional(s.union(cidr, s.list(cidr, 1))),
  range: s.optional(s.union(s.text(format.ipRange), s.list(s.text(format.ipRange), 1))),
  allowShare: s.withDefault(s.boolean, false),
});

const electionSeconds = s.integer(1, 3600);
/** kube-vip's leader-election timings (schema.ts `leaderElectionSchema`). */
export const LEADER_ELECTION = s.object({ leaseDuration: electionSeconds, renewDeadline: electionSeconds, retryPeriod: electionSeconds });

const secretRef = () => s.object({ name: s.text(format.secretName), key: s.text(format.secretKey) });

const kubeVip = s.object({
  version: s.withDefault(s.text(format.version, format.releaseTag), KUBE_VIP_VERSION),
  mode: s.withDefault(s.oneOf('arp', 'bgp'), 'arp'),
  interface: s.optional(s.text(format.interfaceName)),
  controlPlane: s.optional(s.object({ address: virtualIp })),
  services: s.prefault(
    s.object({
      enabled: s.optional(s.boolean),
      ipPool: s.optional(s.object({ global: s.optional(poolEntry), namespaces: s.withDefault(s.record(dnsLabel, poolEntry), {}) })),
    }),
    {},
  ),
  bgp: s.optional(
    s.object({
      as: AS_NUMBER,
      peers: s.list(s.object({ address: s.text(format.peerIp), as: AS_NUMBER, multihop: s.withDefault(s.boolean, false) }), 1),
      passwordSecret: s.optional(secretRef()),
    }),
  ),
  leaderElection: s.optional(LEADER_ELECTION),
});

const certResolver = s.object({
  email: s.text(format.email),
  challenge: s.withDefault(s.oneOf('tls', 'http'), 'tls'),
  caServer: s.optional(s.text(format.httpsUrl)),
});

const traefik = s.object({
  chartVersion: s.withDefault(s.text(format.chartVersion), TRAEFIK_CHART_VERSION),
  loadBalancerIPs: s.optional(s.list(virtualIp, 1)),
  redirectToHttps: s.withDefault(s.boolean, false),
  certResolvers: s.withDefault(s.record(resolverName, certResolver), {}),
  externalCertResolvers: s.withDefault(s.list(resolverName), []),
  replicas: s.withDefault(s.integer(1, 100), 1),
  externalTrafficPolicy: s.withDefault(s.oneOf('Cluster', 'Local'), 'Cluster'),
  trustedProxies: s.withDefault(s.list(s.text(format.trustedNetwork)), []),
  values: s.withDefault(s.record(s.text(), s.unknown), {}),
  gateway: s.optional(
    s.object({
      name: s.withDefault(dnsSubdomain, 'traefik'),
      routeNamespaces: s.optional(s.union(s.oneOf('All', 'Same'), s.list(dnsLabel, 1))),
    }),
  ),
});

const certManagerIssuer = s.object({
  email: s.text(format.email),
  server: s.withDefault(s.union(s.oneOf('production', 'staging'), s.text(format.httpsUrl)), 'production'),
  solver: s.withDefault(
    s.union(s.oneOf('http01'), s.object({ dns01: s.object({ provider: s.oneOf('cloudflare'), tokenSecret: secretRef() }) })),
    'http01',
  ),
});

const certManager = s.object({
  version: s.withDefault(s.text(format.version, format.releaseTag), CERT_MANAGER_VERSION),
  issuers: s.withDefault(s.record(dnsSubdomain, certManagerIssuer), {}),
});

const loadBalancer = s.object({
  name: s.text(format.dns1035Label),
  namespace: s.withDefault(dnsLabel, 'default'),
  selector: s.record(s.text(format.labelKey), s.text(format.labelValue)),
  ports: s.list(
    s.object({
      name: s.optional(s.text(format.servicePortName)),
      port: PORT_NUMBER,
      targetPort: s.optional(s.union(PORT_NUMBER, s.text(format.portName))),
      protocol: s.withDefault(SERVICE_PORT_PROTOCOL, 'TCP'),
    }),
    1,
  ),
  ips: s.optional(s.list(virtualIp, 1)),
  loadBalancerClass: s.optional(s.text(format.labelKey)),
  externalTrafficPolicy: s.optional(s.oneOf('Cluster', 'Local')),
});

/** An Ingress entry; an HTTPRoute has exactly the same keys and rules, but its host's IP message names it. */
const routeWith = (host: (value: string) => string | undefined) =>
  s.object({
    name: dnsSubdomain,
    namespace: s.withDefault(dnsLabel, 'default'),
    host: s.text(host),
    path: s.withDefault(s.text(format.routePath), '/'), // no generated-looking token (86b-9)
    service: s.text(format.dns1035Label),
    port,
    tls: s.optional(s.object({ certResolver: s.optional(resolverName), issuer: s.optional(dnsSubdomain) })),
  });

const nodeAddress = s.text(k3sFormat.nodeAddresses);
const k3s = s.object({
  clusterCidr: s.withDefault(s.text(format.clusterNetworks), DEFAULT_CLUSTER_CIDR),
  serviceCidr: s.withDefault(s.text(format.clusterNetworks), DEFAULT_SERVICE_CIDR),
  nodeCidr: s.optional(cidr),
  version: s.optional(s.text(k3sFormat.k3sVersion)),
  tokenFile: s.optional(s.text(tokenFilePath)),
  servers: s.optional(s.list(s.object({ name: dnsLabel, address: nodeAddress, interface: s.optional(s.text(format.interfaceName)) }), 1)),
  agents: s.optional(s.list(s.object({ name: dnsLabel, address: nodeAddress }), 1)),
});

const gitops = s.object({
  engine: s.oneOf('argocd', 'flux'),
  repoURL: s.text(format.gitUrl),
  revision: s.withDefault(s.text(format.gitRevision), 'main'),
  path: s.optional(s.text(format.repoPath, format.normaliseRepoPath)),
});

/** The whole config file (schema.ts `clusterConfigSchema`). */
export const CONFIG_SHAPE = s.object({
  kubeVip: s.prefault(kubeVip, {}),
  traefik: s.prefault(traefik, {}),
  certManager: s.optional(certManager),
  ingresses: s.withDefault(s.list(routeWith(format.ingressHost)), []),
  httpRoutes: s.withDefault(s.list(routeWith(format.routeHostname)), []),
  loadBalancers: s.withDefault(s.list(loadBalancer), []),
  k3s: s.prefault(k3s, {}),
  gitops: s.optional(gitops),
});

/** Every key name the schema knows, at any level (to recognise `host:value` written without a space). */
export const CONFIG_KEYS: ReadonlySet<string> = (() => {
  const keys = new Set<string>();
  const visit = (shape: s.Shape): void => {
    const inner = s.bare(shape);
    if (inner.kind === 'object') {
      for (const [key, value] of Object.entries(inner.shape)) {
        keys.add(key);
        visit(value);
      }
    } else if (inner.kind === 'array') visit(inner.element);
    else if (inner.kind === 'record') visit(inner.value);
    else if (inner.kind === 'union') inner.options.forEach(visit);
  };
  visit(CONFIG_SHAPE);
  return keys;
})();

/** Keys the schema allows at an object path (for "did you mean" and the allowed list). */
export function allowedKeys(path: ReadonlyArray<string | number>): string[] {
  const shape = s.shapeAt(CONFIG_SHAPE, path);
  return shape ? [...new Set(s.objectsOf(shape).flatMap((object) => Object.keys(object.shape)))] : [];
}

/**
 * The pieces of the config schema that construct props are checked with, by the name of their zod twin in
 * schema.ts (which gives the messages when a value is refused).
 */
export const SCHEMA_PIECES = {
  portNumber: PORT_NUMBER,
  asNumber: AS_NUMBER,
  leaderElectionSchema: LEADER_ELECTION,
  servicePortProtocol: SERVICE_PORT_PROTOCOL,
} as const;
export type SchemaPiece = keyof typeof SCHEMA_PIECES;

/** Whether the config schema's `piece` accepts `value`, without loading zod. */
export function pieceAccepts(piece: SchemaPiece, value: unknown): boolean {
  return s.parseShape(SCHEMA_PIECES[piece], value) !== s.REFUSED;
}

/**
 * 79b-5: what to write for a key whose name holds dots, the first part of it a key allowed here (`traefik.replicas`):
 * YAML reads it as one key, never the path; nested, it is. Undefined for any other key (and a long one).
 */
export function dottedKeyAdvice(key: string, allowed: readonly string[]): string | undefined {
  const parts = key.split('.');
  if (parts.length < 2 || key.length > 80 || parts.some((part) => !/^[\w-]+$/.test(part)) || !allowed.includes(parts[0])) return undefined;
  return `"${key}" is one key whose name holds dots, not a path: nest it (${parts.join(': {')}: ...${'}'.repeat(parts.length - 1)})`;
}
