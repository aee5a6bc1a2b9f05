import { formatPath } from '../core/problem';
import { isMap } from '../core/is-map';
import type { NotedClusterIp } from '../output/construct-services';
import { renderedObjects } from './extra-objects';
import { clusterIps } from './release-duplicates';

type Values = Record<string, unknown>;

/**
 * Round 65 (65b-4): the cluster IPs Traefik's chart values ask for (Traefik's Service `service.spec`, each additional
 * Service, each `extraObjects` Service), as release-duplicates.ts reads them, keyed by the parsed address. The chart
 * renders these Services in the cluster, not as cdk8s objects: a TraefikHelmChartConfig notes them so the gate's app
 * rules (output/construct-app-rules.ts) compare them with the app's other Services.
 */
export function valuesClusterIps(values: Values): NotedClusterIp[] {
  const noted: NotedClusterIp[] = [];
  const take = (spec: unknown, at: Array<string | number>) => {
    if (!isMap(spec)) return;
    const key = [...at, spec.clusterIP !== undefined ? 'clusterIP' : 'clusterIPs'];
    for (const ip of clusterIps(spec)) noted.push({ ...ip, at: formatPath(['values', ...key]) });
  };
  const service = isMap(values.service) ? values.service : {};
  if (service.enabled !== false) take(service.spec, ['service', 'spec']);
  const additional = isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, extra] of Object.entries(additional))
    if (isMap(extra) && extra.enabled !== false) take(extra.spec, ['service', 'additionalServices', name, 'spec']);
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  items.forEach((item, i) => {
    for (const object of renderedObjects(item)) if (object.kind === 'Service') take(object.spec, ['extraObjects', i, 'spec']);
  });
  return noted;
}
