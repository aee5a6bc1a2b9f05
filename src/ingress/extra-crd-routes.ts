import type { Problem } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { EffectiveTraefik } from '../traefik/effective';
import { readChartVersion } from '../traefik/chart-versions';
import { extraRouteProblems, RouteOwner } from './extra-routes';
import { checkIgnoredCrdRoutes } from './ignored-crd-routes';
import { routeObjectProblems } from './route-fields';
import { joinedRuleProblems } from './rule-problems-joined';
import { v2RuleProblems } from './v2-rule-syntax';
import { v3RuleProblems } from './v3-rule-syntax';

/**
 * Every rule on the Traefik CRD objects (IngressRoute, Middleware, ...) of `config`'s `traefik.values.extraObjects`
 * that relates them to the release: fields, backends and entrypoints by the deployed chart's CRDs (route-fields.ts),
 * v2/v3 rule syntax, a route that takes an `owners` route (an Ingress's, cert-manager's HTTP-01 solver's;
 * extra-routes.ts) and a CRD provider that never reads them (ignored-crd-routes.ts). Round 73: the config door judges
 * its extraObjects with it, and the construct library the app's Traefik CRD objects beside a K3sVipCluster, placed after
 * those (output/construct-gateway-parity.ts), so a rule added here holds at both doors.
 */
export function extraCrdRouteProblems(
  config: ClusterConfig,
  traefik: EffectiveTraefik,
  owners: ReadonlyMap<string, RouteOwner>,
): { errors: Problem[]; warnings: Problem[] } {
  const values = config.traefik.values ?? {};
  const chartVersion = config.traefik.chartVersion;
  const ignored: Problem[] = [];
  checkIgnoredCrdRoutes(config, traefik.values, (path, message) => ignored.push({ path, message }));
  const extra = extraRouteProblems(values, ['traefik'], owners, readChartVersion(chartVersion));
  const objects = routeObjectProblems(values, ['traefik'], chartVersion);
  // The rule-syntax problems are said by path and message alone (no located text part); the route fields' carry their place in a file provider's text (73a-4).
  const plain = ({ path, message }: Problem): Problem => ({ path, message });
  return {
    errors: joinedRuleProblems([
      ...ignored,
      ...extra.errors,
      ...v3RuleProblems(values, ['traefik'], chartVersion).map(plain),
      ...v2RuleProblems(values, ['traefik'], chartVersion).map(plain),
      ...objects.errors,
    ]),
    warnings: [...extra.warnings, ...objects.warnings],
  };
}
