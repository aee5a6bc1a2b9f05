import { isMap } from '../core/is-map';
import { formatPath, Problem } from '../core/problem';
import { extraGatewayPortProblems } from '../gateway/extra-gateway-ports';
import { extraCrdRouteProblems } from '../ingress/extra-crd-routes';
import { extraRouteProblems, RouteOwner } from '../ingress/extra-routes';
import { http01SolverOwners } from '../cert-manager/http01-hosts';
import { effectiveClusterTraefik } from '../traefik/settings';
import { routeObjectProblems } from '../ingress/route-fields';
import { v2RuleProblems } from '../ingress/v2-rule-syntax';
import { v3RuleProblems } from '../ingress/v3-rule-syntax';
import { chartRulesOf, readChartVersion } from '../traefik/chart-versions';
import { traefikCrdProblem, traefikPodObjectProblem } from '../traefik/extra-object-rules';
import { extraObjectResolverProblems } from '../traefik/extra-objects';
import { duplicateObjectProblems } from '../traefik/release-duplicates';
import { apiGroup, CLUSTER_SCOPED_KINDS, groupKind } from '../validate/kinds';
import { AppObject, Scope, where } from './construct-app-objects';
import { besideExtraObjectProblems } from './construct-beside-extra-objects';
import { ingressRouteOwners } from './construct-ingress-owners';
import { notedClusterConfig, notedTraefikRelease } from './construct-services';

type Values = Record<string, unknown>;

/** The kinds Traefik's chart renders under fixed names besides its Services (which identityFindings compares). */
const CHART_KINDS = new Set(['Deployment', 'DaemonSet', 'ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'IngressClass']);

/**
 * Round 66 (66b-5, 66b-6): the rules `traefik.values.extraObjects` items get from the Traefik release they join, over
 * the app's objects (`judge`: those the gated construct speaks for), with the chart version and values of the app's
 * TraefikHelmChartConfig (K3sVipCluster's included): a Traefik CRD object's fields, backends and rules by the deployed
 * chart's CRDs (ingress/route-fields.ts routeObjectProblems, v2/v3 rule syntax, a misspelt Traefik kind), an object
 * Traefik's chart renders itself (release-duplicates.ts duplicateObjectProblems: its workload, ServiceAccount, RBAC and
 * IngressClass) and a PodDisruptionBudget or HorizontalPodAutoscaler over Traefik's pods (extra-object-rules.ts). The
 * API server applies a CRD object the same wherever it comes from; an app object without a namespace lands in
 * `default`, not in the release's (so it is judged there). An app without a TraefikHelmChartConfig has none of this.
 */
export function traefikParityFindings({ all }: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const release = all.map(notedTraefikRelease).find((r) => r !== undefined);
  if (!release) return [];
  // Beside a K3sVipCluster the route rules come from its config door (besideCrdProblems); here, the rest.
  const cluster = all.some((c) => notedClusterConfig(c) !== undefined);
  const { chartVersion, values, resolvers } = release;
  const judged = objects.filter(judge).map((o) => ({ o, item: landed(o.object) }));
  const crds = judged.filter(({ item }) => traefikGroup(item));
  const findings: string[] = [];
  // 70b-15: a Gateway's listener ports, by the entrypoints of the release's values (gateway/extra-gateway-ports.ts).
  const gateways = judged.filter(({ item }) => item.kind === 'Gateway');
  for (const { path, message } of extraGatewayPortProblems({ ...values, extraObjects: gateways.map(({ item }) => item) }, [])) {
    const [, , i, ...rest] = path;
    if (typeof i === 'number' && gateways[i]) findings.push(`${where(gateways[i].o)}: ${formatPath(rest)} ${message}`);
  }
  if (crds.length) {
    // One pass over them all as the release's extraObjects (each problem's path names its item), the values' own keys aside.
    const asItems = { ...values, extraObjects: crds.map(({ item }) => item) };
    const problems: Problem[] = [
      ...crds.flatMap(({ item }, i) => {
        const crd = traefikCrdProblem(item);
        return crd ? [{ path: ['values', 'extraObjects', i, ...crd.at], message: crd.message }] : [];
      }),
      // Round 67 (67b-2): the cross-checks too: a resolver Traefik does not have, and a route (catch-all with a priority,
      // HostSNI(`*`)) that takes the traffic of one of the app's Ingresses (ingress/rules.ts, as a config's extraObjects).
      ...(resolvers ? extraObjectResolverProblems(asItems, [], new Set(resolvers), DEFINE) : []),
      ...(cluster
        ? []
        : [
            ...v3RuleProblems(asItems, [], chartVersion),
            ...v2RuleProblems(asItems, [], chartVersion),
            ...routeObjectProblems(asItems, [], chartVersion).errors,
            ...extraRouteProblems(asItems, [], routeOwners(all, objects), readChartVersion(chartVersion)).errors,
          ]),
    ];
    const said = new Set<string>();
    for (const { path, message } of problems) {
      const [values_, key, i, ...rest] = path;
      if (values_ !== 'values' || key !== 'extraObjects' || typeof i !== 'number' || !crds[i]) continue;
      const line = `${where(crds[i].o)}: ${rest.length ? `${formatPath(rest)} ` : ''}${appliedAlone(message)}`;
      if (!said.has(line)) findings.push(line);
      said.add(line);
    }
  }
  const chart = chartRulesOf(chartVersion);
  for (const { o, item } of judged) {
    if (typeof item.kind === 'string' && CHART_KINDS.has(item.kind))
      for (const { message } of duplicateObjectProblems({ ...values, extraObjects: [item] }, [], chart))
        findings.push(`${where(o)}: ${message}`);
    const pods = traefikPodObjectProblem(item, values, []);
    if (pods) findings.push(`${where(o)}: ${appliedAlone(pods)}`);
  }
  return findings;
}

/**
 * Round 73 (73a-5, 73a-10): the app's Traefik CRD objects beside a K3sVipCluster (or added under it; `judge` picks
 * them) get the route rules of its `traefik.values.extraObjects` (ingress/extra-crd-routes.ts extraCrdRouteProblems,
 * the config door's function): fields, entrypoints (a warning), rule syntax, a route that takes an Ingress's or the
 * HTTP-01 solver's, and a CRD provider that never reads them. What a refused item does to the release is told of
 * the object, applied on its own.
 */
export function besideCrdProblems(
  scope: Scope,
  objects: readonly AppObject[],
  judge: (o: AppObject) => boolean,
): { readonly errors: string[]; readonly warnings: string[] } {
  const crds = objects.filter((o) => judge(o) && traefikGroup(o.object));
  const owners = routeOwners(scope.all, objects);
  const { errors, warnings } = besideExtraObjectProblems(scope, crds, (config, traefik) => extraCrdRouteProblems(config, traefik, owners));
  return { errors: errors.map(appliedAlone), warnings: warnings.map(appliedAlone) };
}

/** The routes of the app's Ingresses, and (70b-10) the HTTP-01 solvers of a K3sVipCluster's certificates, as ingress/rules.ts takes them. */
export function routeOwners(all: Scope['all'], objects: readonly AppObject[]): Map<string, RouteOwner> {
  const config = all.map(notedClusterConfig).find((c) => c !== undefined);
  const solvers = config ? http01SolverOwners(config, effectiveClusterTraefik(config).httpRedirect) : [];
  return new Map([...ingressRouteOwners(objects), ...solvers]);
}

/** Where a resolver is defined: the props of the app's TraefikHelmChartConfig or K3sVipCluster. */
const DEFINE =
  "Define it under the certResolvers prop of the app's TraefikHelmChartConfig or K3sVipCluster, or list it in externalCertResolvers if it is configured elsewhere";

/**
 * 70b-16: the extraObjects rules tell what a refused item does to the Traefik release it joins; an app object is
 * applied on its own (its chart's file), so only it is refused: the effect is told of it, the rest of each message kept.
 */
const ALONE: ReadonlyArray<readonly [string, string]> = [
  ['so Helm finds no such resource and fails the whole Traefik release', 'so the API server finds no such resource and refuses the object'],
  ['so the API server refuses the object and the whole Traefik release fails', 'so the API server refuses the object'],
  [
    'and Helm maps group, version and kind exactly (or fails the whole Traefik release)',
    'and the API server maps group, version and kind exactly (or refuses the object)',
  ],
  // 73a-13: an app object is no extraObjects item, and the key to set is in the values of the app's Traefik construct.
  ['a budget written in extraObjects', "a budget written outside the chart's podDisruptionBudget"],
  ['one written in extraObjects', "one written outside the chart's autoscaling"],
  ...['podDisruptionBudget', 'autoscaling'].map((key): readonly [string, string] => [
    `remove the item, and set values.${key} instead`,
    `remove the object, and set ${key} in the values of the app's K3sVipCluster (traefik.values) or TraefikHelmChartConfig (values) instead`,
  ]),
];
const appliedAlone = (message: string): string => ALONE.reduce((text, [release, alone]) => text.split(release).join(alone), message);

const traefikGroup = (item: Values): boolean => {
  const group = typeof item.apiVersion === 'string' ? apiGroup(item.apiVersion) : '';
  return group === 'traefik.io' || group === 'traefik.containo.us';
};

/** The object where it lands: a namespaced one without a namespace in `default` (the extraObjects rules assume kube-system). */
function landed(object: Values): Values {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return object;
  if (CLUSTER_SCOPED_KINDS.has(groupKind(apiVersion, kind)) || (typeof metadata.namespace === 'string' && metadata.namespace))
    return object;
  return { ...object, metadata: { ...metadata, namespace: 'default' } };
}
