import { formatPath, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { extraRouteProblems } from '../ingress/extra-routes';
import { mountedDynamicFiles } from '../ingress/mounted-file-routes';
import { routeObjectProblems } from '../ingress/route-fields';
import { v2RuleProblems } from '../ingress/v2-rule-syntax';
import { v3RuleProblems } from '../ingress/v3-rule-syntax';
import { readChartVersion } from '../traefik/chart-versions';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { AppObject, Scope, where } from './construct-app-objects';
import { notedTraefikRelease } from './construct-services';
import { routeOwners } from './construct-traefik-parity';

/**
 * 71b-12: a ConfigMap of the app, in the namespace of the app's Traefik release, whose files its values mount where
 * Traefik's file provider reads (ingress/mounted-file-routes.ts): judged as if it were among the release's extraObjects,
 * with the router rules the config door runs over them (ingress/rules.ts: rule syntax, route fields, and a router that
 * takes the traffic of one of the app's Ingresses, such as HostSNI(`*`)). Only problems inside such a ConfigMap's
 * data (or binaryData) are told, named by the object.
 */
export function siblingFileRouteFindings({ all }: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const release = all.map(notedTraefikRelease).find((r) => r !== undefined);
  if (!release) return [];
  const { values, chartVersion } = release;
  const namespace = traefikNamespace(values);
  const maps = objects.filter(({ object }) => {
    const metadata = isMap(object.metadata) ? object.metadata : {};
    return object.apiVersion === 'v1' && object.kind === 'ConfigMap' && metadata.namespace === namespace;
  });
  if (!maps.some(judge)) return [];
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const joined = { ...values, extraObjects: [...items, ...maps.map((o) => o.object)] };
  const mounted = new Set(
    mountedDynamicFiles(joined).files.flatMap(({ path }) => (typeof path[2] === 'number' && path[2] >= items.length ? [path[2]] : [])),
  );
  if (!mounted.size) return [];
  const problems: Problem[] = [
    ...v3RuleProblems(joined, [], chartVersion),
    ...v2RuleProblems(joined, [], chartVersion),
    ...routeObjectProblems(joined, [], chartVersion).errors,
    ...extraRouteProblems(joined, [], routeOwners(all, objects), readChartVersion(chartVersion)).errors,
  ];
  const said = new Set<string>();
  for (const { path, message } of problems) {
    const [key, list, i, data, ...rest] = path;
    const o = typeof i === 'number' && mounted.has(i) ? maps[i - items.length] : undefined;
    // 81b-16: a file written under binaryData (base64) is judged as one under data.
    if (key !== 'values' || list !== 'extraObjects' || (data !== 'data' && data !== 'binaryData') || !o || !judge(o)) continue;
    said.add(`${where(o)}: ${formatPath([data, ...rest])}: ${message}`);
  }
  return [...said];
}
