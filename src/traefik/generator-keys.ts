import { LEASE_NAME_ANNOTATION } from '../kube-vip/shared-lease';
import { autoscaledMax, effectiveReplicas, TraefikValuesSettings } from './values';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;
const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);

/**
 * The first-class keys that make the generator write the value at `path` (each leaf below it, for a map), so a
 * conflict or a finding names the keys the user should change. `generated` is `generatedTraefikValues(settings)`.
 */
export function generatorKeys(path: readonly string[], settings: TraefikValuesSettings, generated: Values, props = false): string[] {
  const leaves = (at: readonly string[], value: unknown): string[][] =>
    isMap(value) && Object.keys(value).length ? Object.entries(value).flatMap(([key, v]) => leaves([...at, key], v)) : [[...at]];
  return [...new Set(leaves(path, valueAt(generated, path)).map((leaf) => leafKey(leaf, settings, props)))];
}

/**
 * The first-class key that writes the value at a leaf `path` of the generated values. `props`: the reader is a
 * TraefikHelmChartConfig's props, which take the lease as the `leaseName` prop.
 */
function leafKey(path: readonly string[], settings: TraefikValuesSettings, props: boolean): string {
  const [top, second, third] = path;
  if (top === 'service') {
    if (second === 'spec' && third === 'externalTrafficPolicy') return 'externalTrafficPolicy';
    if (props && path.at(-1) === LEASE_NAME_ANNOTATION) return 'leaseName';
    // In a config the shared lease follows from a VIP two Services list.
    return 'loadBalancerIPs';
  }
  if (top === 'ports') return third === 'forwardedHeaders' ? 'trustedProxies' : 'redirectToHttps';
  if (top === 'affinity') return 'externalTrafficPolicy';
  // Recreate for an ACME volume, or one pod at a time for Local: never both (several replicas need cert-manager).
  if (top === 'updateStrategy') return Object.keys(settings.certResolvers ?? {}).length ? 'certResolvers' : 'externalTrafficPolicy';
  // Several pods asked for through the values get the same HA values as traefik.replicas (values.ts effectiveReplicas).
  const fromValues = effectiveReplicas(settings) !== (settings.replicas ?? 1);
  const replicasKey = !fromValues ? 'replicas' : autoscaledMax(settings) ? 'values.autoscaling.maxReplicas' : 'values.deployment.replicas';
  if (top === 'deployment' && second === 'replicas') return replicasKey;
  if (top === 'providers' || top === 'gateway' || top === 'gatewayClass') return 'gateway';
  if (top === 'podDisruptionBudget' || top === 'topologySpreadConstraints') return replicasKey;
  return 'certResolvers';
}
