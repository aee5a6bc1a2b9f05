import { Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { shownPath } from '../core/construct-args';
import { clusterScope } from '../output/cluster-scope';
import { routeKey } from './extra-routes';

/** What one TraefikIngress writes that another in its chart may not write again: its name and its route. */
interface Written {
  readonly namespace: string;
  readonly name: string;
  readonly host: string;
  readonly path: string;
}

const written = new WeakMap<IConstruct, Written>();

/**
 * The problems of a TraefikIngress that repeats another's, as the config's `ingresses` are judged (ingress/rules.ts,
 * 51b-6): one name in one namespace is one Ingress object (the second would replace the first), and one host and path
 * are one route (only one of two routers gets the traffic). Every chart of the cluster is compared (52b-14): the App's,
 * or its K3sVipCluster's when it holds several (output/cluster-scope.ts), whose one Traefik serves every chart's
 * Ingresses. recordIngress records a construct once it is built, for those that come after it.
 */
export function ingressTwinProblems(construct: IConstruct, own: Written | undefined): Array<{ key: 'name' | 'path'; message: string }> {
  if (!own) return [];
  let chart: IConstruct | undefined;
  try {
    chart = Chart.of(construct);
  } catch {
    chart = undefined;
  }
  const others = clusterScope(construct).filter((c) => c !== construct && written.has(c));
  const where = (other: IConstruct) => {
    let same: boolean;
    try {
      same = chart !== undefined && Chart.of(other) === chart;
    } catch {
      same = false;
    }
    return `the TraefikIngress at ${shownPath(other)}${same ? ' in the same chart' : ' in another chart of the App'}`;
  };
  const problems: Array<{ key: 'name' | 'path'; message: string }> = [];
  const sameName = others.find((c) => written.get(c)!.namespace === own.namespace && written.get(c)!.name === own.name);
  if (sameName)
    problems.push({
      key: 'name',
      message: `"${own.name}" in namespace "${own.namespace}" is already used by ${where(sameName)}: each Ingress needs its own name`,
    });
  const route = routeKey(own.host, own.path);
  const sameRoute = others.find((c) => routeKey(written.get(c)!.host, written.get(c)!.path) === route);
  // Said at the `path` prop (52b-16b): "path "/" on host ...", not "path host ...".
  if (sameRoute)
    problems.push({
      key: 'path',
      message: `"${own.path}" on host "${own.host}" is already routed by ${where(sameRoute)}; only one of the two would get the traffic: change the host or the path`,
    });
  return problems;
}

/** Records what a built TraefikIngress writes (ingressTwinProblems). */
export const recordIngress = (construct: IConstruct, own: Written): void => void written.set(construct, own);
