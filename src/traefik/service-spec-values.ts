import type { Path, Problem } from '../core/problem';
import { lazyRedactor } from '../core/lazy-redactor';
import type { TraefikChartRules } from './chart-versions';
import { objectFindings } from './object-judge';
import { isTemplated, valueAt } from './service-facts';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/**
 * Fields other rules own, with messages of their own on the same key: the type and VIP family rules (traefik/rules.ts,
 * load-balancer/), the VIP takeover of externalIPs and a second VIP source (external-ips.ts, effective.ts), the
 * policy this tool writes (a values override is a conflict), and the ports and selector the chart writes itself.
 */
const SAID_ELSEWHERE = new Set([
  'type',
  'ipFamilyPolicy',
  'ipFamilies',
  'externalIPs',
  'loadBalancerIP',
  'loadBalancerClass',
  'externalTrafficPolicy',
  'ports',
  'selector',
]);

/**
 * An additional Service's policy and class are its own: this tool writes the policy of Traefik's own Service only
 * (values.ts), and only that Service's class is judged against kube-vip's (52b-8: a class on a ClusterIP one was written).
 */
const SAID_ELSEWHERE_ADDITIONAL = new Set(
  [...SAID_ELSEWHERE].filter((key) => key !== 'externalTrafficPolicy' && key !== 'loadBalancerClass'),
);

/** The Service fields the chart renders from their own keys up to v39, after `toYaml` of `spec` (templates/_service.tpl). */
const OWN_KEYS = ['loadBalancerSourceRanges', 'externalIPs', 'ipFamilyPolicy', 'ipFamilies'] as const;

/**
 * The Services the chart renders from the values, judged as an `extraObjects` Service is (object-judge.ts: the
 * Kubernetes 1.27 Service schema and the API server's rules, validate/service-rules.ts): Traefik's own (`service`) and
 * each of `service.additionalServices` (from chart v27, `servicesByName`). The chart writes `type`, then the free-form
 * `spec` with toYaml, then up to v39 (`serviceFields: 'service'`) `loadBalancerSourceRanges` (on a LoadBalancer only),
 * `externalIPs`, `ipFamilyPolicy` and `ipFamilies` from their own keys (traefik/traefik-helm-chart
 * traefik/templates/_service.tpl `traefik.service-spec`, v20.1.1 to v41.3.0). A Service the API server refuses fails
 * the whole Traefik release, so each value is reported at the `traefik.values` key that supplies it. Ports and the
 * selector are the chart's own, judged elsewhere (port-ranges.ts, port-names.ts); a templated value is `tpl`'s to render.
 * 87b-9: fields of later releases (trafficDistribution) by `k3sVersion` (`k3s.version`), as an extraObjects Service's are.
 */
export function serviceSpecValueProblems(values: Values, prefix: Path, chart: TraefikChartRules, k3sVersion?: string): Problem[] {
  const service = isMap(values.service) ? values.service : undefined;
  if (!service) return [];
  const ownFields = chart.serviceFields === 'service';
  const blocks: Array<{ block: Values; at: string[]; type: unknown }> = [];
  if (service.enabled !== false) {
    const typeKey = ownFields ? ['type'] : ['spec', 'type'];
    blocks.push({ block: service, at: ['service'], type: valueAt(service, typeKey) ?? 'LoadBalancer' });
  }
  const additional = chart.servicesByName && isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, extra] of Object.entries(additional)) {
    if (!isMap(extra) || extra.enabled === false) continue;
    const unset = chart.additionalServiceType === 'spec.type' ? 'ClusterIP' : 'LoadBalancer';
    blocks.push({
      block: extra,
      at: ['service', 'additionalServices', name],
      type: valueAt(extra, chart.additionalServiceType.split('.')) ?? unset,
    });
  }
  return blocks.flatMap(({ block, at, type }) => blockProblems(block, at, type, ownFields, prefix, k3sVersion));
}

function blockProblems(
  block: Values,
  at: readonly string[],
  type: unknown,
  ownFields: boolean,
  prefix: Path,
  k3sVersion: string | undefined,
): Problem[] {
  if (typeof type !== 'string' || isTemplated(type)) return [];
  const said = at.length > 1 ? SAID_ELSEWHERE_ADDITIONAL : SAID_ELSEWHERE;
  const spec: Record<string, unknown> = { ...(isMap(block.spec) ? block.spec : {}) };
  /** Where each rendered spec key comes from in the block. */
  const from = new Map<string, readonly string[]>(Object.keys(spec).map((key) => [key, ['spec', key]]));
  if (ownFields) {
    for (const key of OWN_KEYS) {
      const value = block[key];
      // `with` and `if` skip empty values; loadBalancerSourceRanges is rendered on a LoadBalancer only.
      if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
      if (key === 'loadBalancerSourceRanges' && type !== 'LoadBalancer') continue;
      spec[key] = value;
      from.set(key, [key]);
    }
  }
  spec.type = type;
  // Only a key no other rule judges can give a finding here (SAID_ELSEWHERE's are dropped below): without one, the
  // schema check is not loaded at all (the reference config's Service has only those).
  if (![...from.keys()].some((key) => !said.has(key))) return [];
  // A plain copy: the validators may annotate what they read, and the config is frozen behind proxies.
  const object = JSON.parse(
    JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'traefik' }, spec: { ...spec, ports: [{ port: 80 }] } }),
  ) as Record<string, unknown>;
  const redacted = lazyRedactor(spec); // secrets read for a message only
  return objectFindings(object, [], undefined, k3sVersion).flatMap(({ path, message }) => {
    const [root, key, ...rest] = path;
    const source = root === 'spec' && typeof key === 'string' && !said.has(key) ? from.get(key) : undefined;
    if (!source || isTemplated(walk(block, [...source, ...rest]))) return [];
    return [
      {
        path: [...prefix, 'values', ...at, ...source, ...rest],
        message:
          `${redacted(message).replace(/the Kubernetes 1\.27 schema of Service/g, 'the Kubernetes 1.27 schema of a Service')} ` +
          // A field of a later release is dropped by an older API server (later-fields.ts says so), not refused.
          (/\bdrops it\b/.test(message)
            ? '(the chart writes it into the Service as given)'
            : '(the chart writes it into the Service as given, so the API server refuses the Service and the whole Traefik release fails to install)'),
      },
    ];
  });
}

const walk = (node: unknown, path: ReadonlyArray<string | number>): unknown =>
  path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), node);
