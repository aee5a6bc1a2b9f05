import { formatPath, Path } from '../core/problem';
import type { LocatedIp } from './deployed';

/**
 * The rules on one LoadBalancer Service that need nothing but its own fields, so the config's rules
 * (rules.ts) and the constructs (service.ts, traefik/helm-chart-config.ts) run the same function.
 */

/**
 * An empty VIP list given as a construct prop (64b-6): the config's schema refuses `loadBalancers[].ips: []` and
 * `traefik.loadBalancerIPs: []` with this verdict (config/issues.ts), so the constructs say the same.
 */
export const EMPTY_VIP_LIST = 'is empty: list at least 1 entry, or leave the key out (an IP pool then gives the VIP)';

/** `kube-system/traefik` is K3s' Traefik Service: another Service of that name would fight the chart over it. */
export function traefikServiceNameProblem(namespace: string, name: string): string | undefined {
  if (namespace !== 'kube-system' || name !== 'traefik') return undefined;
  return "kube-system/traefik is the Service of K3s' Traefik chart: configure it under `traefik`, not here";
}

/**
 * An empty selector: Kubernetes treats a Service without one as having manually managed endpoints
 * (https://kubernetes.io/docs/concepts/services-networking/service/#services-without-selectors), so no pod
 * is ever an endpoint, while kube-vip still announces the VIP: the traffic goes nowhere.
 */
export function emptySelectorProblem(selector: Readonly<Record<string, unknown>>): string | undefined {
  if (Object.keys(selector).length) return undefined;
  return (
    'is empty, so the Service selects no pods and gets no endpoints (Kubernetes leaves a Service without a selector to ' +
    'manually managed EndpointSlices), while kube-vip still announces its VIP: give the labels of the pods it routes to, e.g. { app: db }'
  );
}

/** A VIP listed twice in one Service's list (as address, whatever its spelling): the second place, and why. */
export function repeatedVipProblems(ips: readonly LocatedIp[]): Array<{ path: Path; message: string; textPart?: string }> {
  const seen = new Map<string, { vip: LocatedIp; item: number }>();
  const problems: Array<{ path: Path; message: string; textPart?: string }> = [];
  // Several VIPs of one text (the kube-vip.io/loadbalancerIPs annotation's comma list) share its path: their items are named (56b-13).
  const items = new Map<string, number>();
  for (const vip of ips) {
    const at = formatPath(vip.path);
    const item = (items.get(at) ?? 0) + 1;
    items.set(at, item);
    const first = seen.get(vip.ip.text);
    if (!first) {
      seen.set(vip.ip.text, { vip, item });
      continue;
    }
    const written = first.vip.text === vip.text ? '' : `, as "${first.vip.text}"`;
    const where =
      formatPath(first.vip.path) === at
        ? `items ${first.item} and ${item} of its comma-separated list${written}`
        : `first at ${formatPath(first.vip.path)}${written}`;
    problems.push({
      path: vip.path,
      message: `"${vip.text}" is listed twice (${where}): list each VIP once`,
      ...(vip.textPart !== undefined && { textPart: `${vip.textPart}\0twice` }),
    });
  }
  return problems;
}

/** How a Service with VIPs and another controller's class is put right (73a-6, kube-vip/versions.ts foreignClassMessage). */
export const FOREIGN_CLASS_FIX = "remove the key, or the VIPs if that class's controller gives the address";
