import { ApiObject } from 'cdk8s';
import { isMap } from '../core/is-map';
import { renderedJson } from '../core/rendered-json';

const WHAT_TO_DO =
  'give chart values through the `values` prop (K3sVipCluster: traefik.values), which are held to the same rules as a ' +
  "config's traefik.values; a patch of them is not checked (valuesSecrets, failurePolicy and serverSide may still be patched)";

/**
 * Round 63 (attack 63b-1): the chart values a TraefikHelmChartConfig writes are checked as props (ports, Service cluster
 * IPs, VIPs, the values schema: the constructor's rules), then rendered as `spec.valuesContent`. An `addJsonPatch` that
 * replaces that text, or adds `spec.values` (helm-controller merges it over valuesContent, k3s-io/helm-controller
 * pkg/controllers/chart/chart.go), would deploy values no rule saw: each is one finding, said without the values.
 * An object cdk8s cannot render is the construct gate's (construct-render.ts).
 */
export function valuesPatchProblems(object: ApiObject, written: string): string[] {
  const rendered = renderedJson(object);
  if (rendered === undefined) return [];
  const spec = isMap(rendered) && isMap(rendered.spec) ? rendered.spec : {};
  const problems: string[] = [];
  if (spec.valuesContent !== written)
    problems.push(`spec.valuesContent was changed after this construct checked the chart values (an addJsonPatch): ${WHAT_TO_DO}`);
  if (spec.values !== undefined)
    problems.push(`spec.values was added (an addJsonPatch), and helm-controller merges it over the checked valuesContent: ${WHAT_TO_DO}`);
  return problems;
}
