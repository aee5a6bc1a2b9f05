import { typoDistance } from '../core/closest';
import { isMap } from '../core/is-map';
import type { Deployed } from './traefik-service-fields';
import { fieldSince, runningTraefikHas } from './file-provider-release';
import {
  ALWAYS as V2,
  type Since,
  TRAEFIK_2_11 as V211,
  TRAEFIK_3_0 as V30,
  TRAEFIK_3_4 as V34,
  TRAEFIK_3_6 as V36,
  TRAEFIK_3_7 as V37,
} from './traefik-releases';

type Values = Readonly<Record<string, unknown>>;

/** A field: the release that brings it, and the level of its value (`map`: a name to that level; `list`: items of it). */
type Field = readonly [since: Since, level?: string, shape?: 'map' | 'list'];

/**
 * 67b-4: the fields paerser finds (Go field name in any case: traefik/paerser parser/nodes_metadata.go `findTypedField`,
 * strings.EqualFold, an embedded struct's fields as its own; else "field not found" and file.DecodeContent fails, so the
 * file provider loads nothing of the file). traefik/traefik at v2.11.0, v2.11.53 and v3.0.0 to v3.7.9:
 * pkg/config/dynamic/config.go `Configuration`, `TLSConfiguration`; middlewares.go `Middleware` (v3.0.0 `GrpcWeb`,
 * v3.7.0 `EncodedCharacters`; the Gateway/ingress-nginx kinds, `file:"-"`, are found too, then ignored); tcp_config.go
 * `TCPConfiguration`, `TCPService`, `TCPServersLoadBalancer`, `TCPWeightedRoundRobin`, `TCPServer` (`healthCheck`
 * v3.6.0); tcp_middlewares.go `TCPMiddleware` (68b-3: inFlightConn, ipWhiteList, and ipAllowList, as the HTTP one,
 * from v2.11.0: none at v2.10.0); udp_config.go; pkg/tls/tls.go `CertAndStores` (embeds certificate.go
 * `Certificate`), `Options` (`disableSessionTickets` v3.4.0), `Store`. HTTP routers and services: file-routes.ts, file-service-fields.ts; a
 * middleware's own options and deeper maps are not judged.
 */
const LEVELS: Readonly<Record<string, Readonly<Record<string, Field>>>> = {
  root: { http: [V2, 'http'], tcp: [V2, 'tcp'], udp: [V2, 'udp'], tls: [V2, 'tls'] },
  http: { routers: [V2], services: [V2], middlewares: [V2, 'middleware', 'map'], models: [V2], serversTransports: [V2] },
  middleware: {
    ...Object.fromEntries(
      'addPrefix stripPrefix stripPrefixRegex replacePath replacePathRegex chain ipWhiteList headers errors rateLimit redirectRegex redirectScheme basicAuth digestAuth forwardAuth inFlightReq buffering circuitBreaker compress passTLSClientCert retry contentType plugin'
        .split(' ')
        .map((kind) => [kind, [V2]]),
    ),
    ipAllowList: [V211],
    ...Object.fromEntries(
      'grpcWeb requestHeaderModifier responseHeaderModifier requestRedirect urlRewrite'.split(' ').map((kind) => [kind, [V30]]),
    ),
    ...Object.fromEntries(
      'encodedCharacters authTLSPassCertificateToUpstream snippet rewriteTarget upstreamVHost appRoot'
        .split(' ')
        .map((kind) => [kind, [V37]]),
    ),
  },
  tcp: {
    routers: [V2],
    services: [V2, 'tcpService', 'map'],
    middlewares: [V2, 'tcpMiddleware', 'map'],
    models: [V30],
    serversTransports: [V30],
  },
  tcpMiddleware: { inFlightConn: [V2], ipWhiteList: [V2], ipAllowList: [V211] },
  tcpService: { loadBalancer: [V2, 'tcpLoadBalancer'], weighted: [V2, 'tcpWeighted'] },
  tcpLoadBalancer: {
    servers: [V2, 'tcpServer', 'list'],
    terminationDelay: [V2],
    proxyProtocol: [V2],
    serversTransport: [V30],
    healthCheck: [V36],
  },
  tcpServer: { address: [V2], port: [V2], tls: [V30] },
  tcpWeighted: { services: [V2], healthCheck: [V36] },
  udp: { routers: [V2, 'udpRouter', 'map'], services: [V2, 'udpService', 'map'] },
  udpRouter: { entryPoints: [V2], service: [V2] },
  udpService: { loadBalancer: [V2, 'udpLoadBalancer'], weighted: [V2, 'udpWeighted'] },
  udpLoadBalancer: { servers: [V2] },
  udpWeighted: { services: [V2] },
  tls: { certificates: [V2, 'certificate', 'list'], options: [V2, 'options', 'map'], stores: [V2, 'store', 'map'] },
  certificate: { certFile: [V2], keyFile: [V2], stores: [V2] },
  options: {
    ...Object.fromEntries(
      'minVersion maxVersion cipherSuites curvePreferences clientAuth sniStrict preferServerCipherSuites alpnProtocols'
        .split(' ')
        .map((name) => [name, [V2]]),
    ),
    disableSessionTickets: [V34],
  },
  store: { defaultCertificate: [V2], defaultGeneratedCert: [V2] },
};

/** A key for a message: a short word as written, else only its length (a key may be anything, a token too). */
const shown = (key: string): string => (/^[A-Za-z][A-Za-z0-9_-]{0,23}$/.test(key) ? key : `<a key of ${key.length} characters>`);

/**
 * The keys of a file provider's dynamic configuration that the running Traefik does not find: `tls.optionz`,
 * `http.middlewares.m1.redirectSchem`, or `tls.options.default.disableSessionTickets (a field from Traefik v3.4.0)`
 * (file-provider-release.ts). Without `deployed`, a field of any release counts as known.
 */
export function unknownFileConfigFields(document: unknown, deployed?: Deployed): string[] {
  const out: string[] = [];
  const judge = (map: Values, level: string, at: string) => {
    const fields = LEVELS[level];
    for (const [key, value] of Object.entries(map)) {
      const name = Object.keys(fields).find((field) => field.toLowerCase() === key.toLowerCase());
      const path = at ? `${at}.${shown(key)}` : shown(key);
      // Other keys at the root are dropped before any field is looked up (droppedRootKeys): no failure.
      if (name === undefined) {
        if (level !== 'root') out.push(path);
        continue;
      }
      const [since, inner, shape] = fields[name];
      if (deployed && !runningTraefikHas(deployed, since)) out.push(`${path} ${fieldSince(since, deployed)}`);
      else if (inner && shape === 'map' && isMap(value)) {
        for (const [entry, item] of Object.entries(value)) if (isMap(item)) judge(item, inner, `${path}.${shown(entry)}`);
      } else if (inner && shape === 'list' && Array.isArray(value)) {
        value.forEach((item, i) => isMap(item) && judge(item, inner, `${path}[${i}]`));
      } else if (inner && isMap(value)) judge(value, inner, path);
    }
  };
  if (isMap(document)) judge(document, 'root', '');
  return [...new Set(out)];
}

const SECTIONS = Object.keys(LEVELS.root);
/** Letters sorted: a key with a section's letters in another order (`tsl`, `tpc`) is that section mistyped. */
const letters = (word: string): string => [...word].sort().join('');

/**
 * The section a root key was likely meant as: its letters in another order, or an edit away (two for a key of five
 * letters or more: `htttpp`, `httpss`). Others (`db`, `app`, `password`) are not taken for a section.
 */
function meantSection(key: string): string | undefined {
  const lower = key.toLowerCase();
  if (lower.length < 2 || lower.length > 6) return undefined; // over two edits from every section (3 or 4 letters)
  return (
    SECTIONS.find((s) => s.length === lower.length && letters(s) === letters(lower)) ??
    SECTIONS.find((s) => typoDistance(lower, s) <= (lower.length > 4 ? 2 : 1))
  );
}

/** A section's field by its lower-case name, with the sections that have it: `routers` -> `one of http, tcp or udp`. */
const SECTION_OF_FIELD = new Map(
  [...new Set(SECTIONS.flatMap((section) => Object.keys(LEVELS[section]).map((field) => field.toLowerCase())))].map((field) => {
    const owners = SECTIONS.filter((section) => Object.keys(LEVELS[section]).some((name) => name.toLowerCase() === field));
    return [field, owners.length > 1 ? `one of ${owners.slice(0, -1).join(', ')} or ${owners[owners.length - 1]}` : owners[0]];
  }),
);

/** How many dropped keys a message describes. */
const DESCRIBED = 3;

/**
 * Round 68: the keys at the root of a file provider's dynamic configuration that Traefik drops unread and that were
 * likely meant as a section: paerser keeps only the root's field names, any case (file/file.go `DecodeContent` passes
 * them to `decodeRawToNode` as filters, file/raw_node.go `sortKeys`, strings.EqualFold, only at the root), so a
 * misspelt section (`htpp`, `tsl`) or a section's field written at the root (`routers`) loads nothing, without a word.
 * Another key (`x-anchors`, `password`) is dropped as well and harms nothing: not said. `htpp: write http`,
 * `routers: write it under one of http, tcp or udp`; past the first three, `and 2 more`.
 */
export function droppedRootKeys(document: unknown): string[] {
  if (!isMap(document)) return [];
  const described = Object.keys(document).flatMap((key) => {
    if (SECTIONS.includes(key.toLowerCase())) return [];
    const near = meantSection(key);
    if (near) return [`${shown(key)}: write ${near}`];
    const under = SECTION_OF_FIELD.get(key.toLowerCase());
    return under ? [`${shown(key)}: write it under ${under}`] : [];
  });
  return described.length > DESCRIBED ? [...described.slice(0, DESCRIBED), `and ${described.length - DESCRIBED} more`] : described;
}
