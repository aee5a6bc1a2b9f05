import { formatPath, Path, Problem, keyText } from '../core/problem';
import { closest } from '../core/closest';
import { isMap } from '../core/is-map';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';

type Values = Readonly<Record<string, unknown>>;

/**
 * The keys the chart reads in a Service block (`service` and each `service.additionalServices.<name>`), traefik/traefik-helm-chart
 * v39.0.7: templates/service.yaml reads `enabled` (l.5), `single` (l.21, 43, 59, 64), `annotations`, `annotationsTCP`,
 * `annotationsUDP` (l.52, 75); templates/_service.tpl reads `labels` (l.17), `type` (l.23), `loadBalancerClass` (l.25), `spec`
 * (l.28), `loadBalancerSourceRanges` (l.34), `externalIPs` (l.39), `ipFamilyPolicy` (l.43) and `ipFamilies` (l.46). From v40
 * (`serviceFields: 'service.spec'`) _service.tpl reads `labels` and `spec` only (v41.3.0 l.17, 23). `type` is judged by the
 * misplaced-type rule (traefik/rules.ts), so it is never reported here.
 */
const BLOCK_KEYS = ['enabled', 'single', 'annotations', 'annotationsTCP', 'annotationsUDP', 'labels', 'spec', 'type'];
const OWN_FIELD_KEYS = ['loadBalancerClass', 'loadBalancerSourceRanges', 'externalIPs', 'ipFamilyPolicy', 'ipFamilies'];

/** Kubernetes 1.27 core/v1 ServiceSpec's fields: a misplaced one is named at `spec.<key>`, where the chart writes it. */
const SERVICE_SPEC_FIELDS = new Set([
  'allocateLoadBalancerNodePorts',
  'clusterIP',
  'clusterIPs',
  'externalIPs',
  'externalName',
  'externalTrafficPolicy',
  'healthCheckNodePort',
  'internalTrafficPolicy',
  'ipFamilies',
  'ipFamilyPolicy',
  'loadBalancerClass',
  'loadBalancerIP',
  'loadBalancerSourceRanges',
  'ports',
  'publishNotReadyAddresses',
  'selector',
  'sessionAffinity',
  'sessionAffinityConfig',
  'type',
]);

/** A value `with` (or `if`) renders: Go truth (an empty list, map or text is skipped). */
const rendered = (value: unknown): boolean => goTruthy(value);

/**
 * What the chart cannot render or never reads in its Service blocks (63b-6, 63b-7):
 * - `spec.ports` and `spec.selector`: `traefik.service-spec` writes `toYaml .service.spec` and then `selector:` itself
 *   (v39.0.7 _service.tpl l.28-32; v41.3.0 l.23-27), and service.yaml writes `ports:` after it (l.57, 80), so the
 *   Service's mapping holds the key twice: Helm's YAML reading refuses the manifest ("mapping key ... already defined")
 *   or keeps one value silently. Up to v39 the same holds for `spec.<key>` beside the block's own `<key>` that the chart
 *   renders too (loadBalancerClass l.25, loadBalancerSourceRanges on a LoadBalancer l.33-34, externalIPs l.39,
 *   ipFamilyPolicy l.43, ipFamilies l.46), whoever wrote that key (this tool writes ipFamilyPolicy/ipFamilies for VIPs).
 * - any other key: the chart reads none, so the value is dropped without a word; a Service field is named where the
 *   chart reads it (`service.spec.<key>`).
 * `values` are the merged values; an unknown key can only be the user's (this tool writes read keys only).
 */
export function serviceValueKeyProblems(values: Values, prefix: Path, chart: TraefikChartRules): Problem[] {
  const service = isMap(values.service) ? values.service : undefined;
  if (!service) return [];
  const ownFields = chart.serviceFields === 'service';
  const read = [...BLOCK_KEYS, ...(ownFields ? OWN_FIELD_KEYS : [])];
  // From v40 `traefik.service-name` names Traefik's own Service `service.nameOverride` (v40.0.0 _service.tpl l.4).
  const own = [...read, 'additionalServices', ...(chart.serviceNameOverride ? ['nameOverride'] : [])];
  const blocks: Array<{ block: Values; at: string[]; read: string[] }> = [{ block: service, at: ['service'], read: own }];
  const additional = chart.servicesByName && isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, extra] of Object.entries(additional))
    if (isMap(extra)) blocks.push({ block: extra, at: ['service', 'additionalServices', name], read });
  return blocks.flatMap(({ block, at, read: keys }) => {
    const problems: Problem[] = [];
    const where = (key: string[]) => [...prefix, 'values', ...at, ...key];
    const spec = isMap(block.spec) ? block.spec : {};
    for (const key of ['ports', 'selector'])
      if (spec[key] !== undefined)
        problems.push({
          path: where(['spec', key]),
          message:
            `is written by the Traefik chart itself after ${formatPath([...at, 'spec'])} (${key === 'ports' ? 'templates/service.yaml `ports:`' : 'templates/_service.tpl `selector:`'}), so the Service gets ${key} twice and Helm refuses the manifest or drops one: remove it ` +
            (key === 'ports'
              ? '(the Service ports come from `ports.<entrypoint>` with `expose`)'
              : "(the chart selects Traefik's own pods)"),
        });
    if (ownFields) {
      const type = typeof block.type === 'string' && block.type ? block.type : 'LoadBalancer';
      for (const key of OWN_FIELD_KEYS) {
        if (spec[key] === undefined || !rendered(block[key])) continue;
        if (key === 'loadBalancerSourceRanges' && type !== 'LoadBalancer') continue;
        problems.push({
          path: where(['spec', key]),
          message:
            `is set beside ${formatPath([...at, key])}, which the Traefik chart writes into the Service itself ` +
            `(templates/_service.tpl), so the Service gets ${key} twice and Helm refuses the manifest or drops one: keep only ${formatPath([...at, key])}`,
        });
      }
    }
    for (const key of Object.keys(block)) {
      // `key: null` removes the key (Helm drops null values when it merges).
      if (keys.includes(key) || block[key] === null) continue;
      const specKey = [...at, 'spec', key];
      const near = closest(key, keys);
      problems.push({
        path: where([key]),
        message: SERVICE_SPEC_FIELDS.has(key)
          ? `is not read by the Traefik chart here, so the value is dropped: the chart writes a Service field from ` +
            `${formatPath([...at, 'spec'])} (templates/_service.tpl \`toYaml .service.spec\`): move it to ${formatPath(specKey)}`
          : `is not a key the Traefik chart reads under ${formatPath(at)}, so the value is dropped` +
            `${near ? `: did you mean ${keyText(near)}?` : ''} (it reads ${keys.map((k) => keyText(k)).join(', ')}; Service fields go under ${formatPath([...at, 'spec'])})`,
        // About the key's name: said at the key, and once beside the values schema's did-you-mean there (79b-10).
        aboutName: true,
      });
    }
    return problems;
  });
}
