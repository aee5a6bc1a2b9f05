import { shownInSentence, type Path, type Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { closest } from '../core/closest';
import { compareVersions, parseVersion, type Version } from '../semver';
import { typeProblem, type Type } from './crd-backend-values';

/**
 * 67b-1: an IngressRouteTCP's and an IngressRouteUDP's `routes[].services[]` held to their CRD as an IngressRoute's are
 * (crd-backend-values.ts). traefik/traefik-helm-chart traefik/crds/traefik.io_ingressroutetcps.yaml and
 * traefik.io_ingressrouteudps.yaml, read at every tag v22.3.0 to v41.3.0: `required: [name, port]` at every tag; TCP
 * name/namespace/nativeLB/port/proxyProtocol/terminationDelay/weight from v22.3.0, serversTransport and tls from v28.0.0,
 * nodePortLB from v29.0.0; UDP name/namespace/nativeLB/port/weight from v22.3.0, nodePortLB from v29.0.0; `weight`
 * `minimum: 0` (and TCP `proxyProtocol.version` `minimum: 1`) from v35.3.0; the TCP `tls.passthrough` a boolean. The API
 * server refuses a value of the wrong type, and with it the release; a field the CRD lacks is pruned (a typo, or a
 * `kind: TraefikService` the TCP backend does not have: Traefik then reads the name as a Service's).
 */
const COMMON: Readonly<Record<string, Type | 'map'>> = {
  name: 'string',
  namespace: 'string',
  nativeLB: 'boolean',
  port: 'int-or-string',
  weight: 'integer',
};
const FIELDS: Readonly<
  Record<'IngressRouteTCP' | 'IngressRouteUDP', ReadonlyArray<readonly [string, Readonly<Record<string, Type | 'map'>>]>>
> = {
  IngressRouteTCP: [
    ['22.3.0', { ...COMMON, terminationDelay: 'integer', proxyProtocol: 'map' }],
    ['28.0.0', { serversTransport: 'string', tls: 'boolean' }],
    ['29.0.0', { nodePortLB: 'boolean' }],
  ],
  IngressRouteUDP: [
    ['22.3.0', COMMON],
    ['29.0.0', { nodePortLB: 'boolean' }],
  ],
};
const MINIMUM_SINCE = '35.3.0';
const REFUSED = 'so the API server refuses the object and the whole Traefik release fails';

const atLeast = (chart: Version, tag: string) => compareVersions(chart, parseVersion(tag)) >= 0;

/** One backend of an IngressRouteTCP or IngressRouteUDP. */
export function tcpUdpBackendProblems(ref: unknown, path: Path, kind: 'IngressRouteTCP' | 'IngressRouteUDP', chart: Version): Problem[] {
  if (!isMap(ref)) return [];
  const file = kind === 'IngressRouteTCP' ? 'traefik.io_ingressroutetcps.yaml' : 'traefik.io_ingressrouteudps.yaml';
  const known: Record<string, Type | 'map'> = Object.assign({}, ...FIELDS[kind].filter(([tag]) => atLeast(chart, tag)).map(([, f]) => f));
  const all = Object.keys(Object.assign({}, ...FIELDS[kind].map(([, f]) => f)));
  const problems: Problem[] = [];
  for (const key of ['name', 'port'])
    if (ref[key] === undefined || ref[key] === null)
      problems.push({
        path: [...path, key],
        message: `is missing; the ${kind} CRD requires it here (${file} \`required\`), ${REFUSED}: write it`,
      });
  for (const [key, value] of Object.entries(ref)) {
    const type = known[key];
    if (type === 'map') {
      if (value !== null && !isMap(value))
        problems.push({
          path: [...path, key],
          message: `is ${shownInSentence(value)}; the ${kind} CRD takes a map here, ${REFUSED}: write a map`,
        });
      continue;
    }
    if (type) {
      problems.push(...typeProblem(value, type, [...path, key], kind));
      continue;
    }
    const later = all.includes(key) ? ` (the CRD of a later Traefik chart than ${chart.tag} has it)` : '';
    const near = closest(key, Object.keys(known));
    const hint = near ? `did you mean ${near}? ` : '';
    const what = key === 'kind' && kind === 'IngressRouteTCP' ? 'a TCP backend is always a Kubernetes Service, ' : '';
    problems.push({
      path: [...path, key],
      message: `is no field of an ${kind} backend${later}; ${what}the API server drops it and Traefik never reads it: ${hint}remove it or write one of ${Object.keys(known).join(', ')}`,
    });
  }
  const version = isMap(ref.proxyProtocol) ? ref.proxyProtocol.version : undefined;
  if (atLeast(chart, MINIMUM_SINCE)) {
    if (Number.isInteger(ref.weight) && (ref.weight as number) < 0)
      problems.push({
        path: [...path, 'weight'],
        message: `is ${String(ref.weight)}; the ${kind} CRD takes a weight of 0 or more, ${REFUSED}: write 0 or more`,
      });
    if (Number.isInteger(version) && (version as number) < 1)
      problems.push({
        path: [...path, 'proxyProtocol', 'version'],
        message: `is ${String(version)}; the ${kind} CRD takes 1 or more, ${REFUSED}: write 1 or 2`,
      });
  }
  // 68b-15: the CRD provider passes any version but 0 (its default, 2) to the TCP service, whose dialer takes 1 or 2 alone
  // ("unknown proxyProtocol version", traefik/traefik pkg/tcp/proxy.go `NewProxy` v2.11.0 to v3.5.0, pkg/tcp/dialer.go v3.6.0,
  // where a backend's serversTransport brings its own proxyProtocol instead: not judged then).
  const unknown = (version as number) > 2 || (!atLeast(chart, MINIMUM_SINCE) && (version as number) < 0);
  if (Number.isInteger(version) && unknown && !ref.serversTransport)
    problems.push({
      path: [...path, 'proxyProtocol', 'version'],
      message: `is ${String(version)}; Traefik sends PROXY protocol version 1 or 2 only and fails the service ("unknown proxyProtocol version"), so the route never serves: write 1 or 2`,
    });
  if (isMap(ref.proxyProtocol))
    problems.push(...typeProblem(ref.proxyProtocol.version, 'integer', [...path, 'proxyProtocol', 'version'], kind));
  return problems;
}

/** An IngressRouteTCP's `spec.tls.passthrough`: a boolean in the CRD at every tag. */
export function tcpTlsProblems(spec: Readonly<Record<string, unknown>>, at: Path): Problem[] {
  return isMap(spec.tls) ? typeProblem(spec.tls.passthrough, 'boolean', [...at, 'tls', 'passthrough'], 'IngressRouteTCP') : [];
}
