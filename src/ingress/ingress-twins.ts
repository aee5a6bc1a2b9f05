import { Chart } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { shownPath } from '../core/construct-args';
import { routeKey, sameRouteMessage } from './extra-routes';

/** What one TraefikIngress writes that another in its chart may not write again: its name and its route. */
interface Written {
  readonly namespace: string;
  readonly name: string;
  readonly host: string;
  readonly path: string;
}

const written = new WeakMap<IConstruct, Written>();

/**
 * The problems of a TraefikIngress that repeats another's in the same chart, as the config's `ingresses` are judged
 * (ingress/rules.ts, 51b-6): one name in one namespace is one Ingress object (the second would replace the first), and
 * one host and path are one route (only one of two routers gets the traffic). recordIngress records a construct once
 * it is built, for those that come after it.
 */
export function ingressTwinProblems(construct: IConstruct, own: Written | undefined): Array<{ key: 'name' | 'path'; message: string }> {
  if (!own) return [];
  let chart: IConstruct | undefined;
  try {
    chart = Chart.of(construct);
  } catch {
    chart = construct.node.root;
  }
  const problems: Array<{ key: 'name' | 'path'; message: string }> = [];
  const others = chart.node.findAll().filter((c) => c !== construct && written.has(c));
  const sameName = others.find((c) => written.get(c)!.namespace === own.namespace && written.get(c)!.name === own.name);
  if (sameName)
    problems.push({
      key: 'name',
      message: `"${own.name}" in namespace "${own.namespace}" is already used by the TraefikIngress at ${shownPath(sameName)} in the same chart: each Ingress needs its own name`,
    });
  const route = routeKey(own.host, own.path);
  const sameRoute = others.find((c) => routeKey(written.get(c)!.host, written.get(c)!.path) === route);
  if (sameRoute)
    problems.push({ key: 'path', message: sameRouteMessage(own.host, own.path, `the TraefikIngress at ${shownPath(sameRoute)}`) });
  return problems;
}

/** Records what a built TraefikIngress writes (ingressTwinProblems). */
export const recordIngress = (construct: IConstruct, own: Written): void => void written.set(construct, own);
