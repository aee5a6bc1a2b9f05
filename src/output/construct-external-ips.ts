import { isMap } from '../core/is-map';
import type { DeployedService } from '../load-balancer/deployed';
import { EXTERNAL_IPS_TAKEOVER } from '../traefik/extra-objects';
import { AppObject, refOf, where } from './construct-app-objects';
import { ControlPlaneVip, hostIp } from './construct-control-plane';

/**
 * Round 65 (65b-4): a Service whose `externalIPs` holds a VIP of the app's LoadBalancer Services: kube-proxy answers for
 * it on every node, taking the VIP over (traefik/extra-objects.ts EXTERNAL_IPS_TAKEOVER, CVE-2020-8554). Said by the
 * construct holding either Service, else by the lead. Round 66: the control-plane VIP counts too (66b-9: kube-proxy
 * would take the API server's 6443), addresses are compared as hosts read them (66b-10: `::ffff:192.168.0.41` is
 * 192.168.0.41), and a Service a gated construct holds (one added under a K3sVipCluster) may have no `externalIPs` at
 * all, as an `extraObjects` item may not. A sibling's `externalIPs` on other addresses belong to the user's own Services.
 */
export function externalIpFindings(
  objects: readonly AppObject[],
  services: readonly DeployedService[],
  cp: ControlPlaneVip | undefined,
  mineAt: ReadonlySet<string>,
  leadAt: ReadonlySet<string>,
  lead: boolean,
): string[] {
  const keyOf = (text: string) => {
    const ip = hostIp(text);
    return ip ? `${ip.family}:${ip.value}` : undefined;
  };
  const vips = new Map<string, { label: string; at: string; speaks: (o: AppObject) => boolean }>();
  const apiServer = cp && String(cp.vip.path[0]);
  if (cp && apiServer)
    vips.set(`${cp.vip.ip.family}:${cp.vip.ip.value}`, {
      label: 'the API server (the control-plane VIP, port 6443)',
      at: apiServer,
      speaks: (o) => o.mine || (lead && !o.judged),
    });
  for (const service of services)
    for (const vip of service.ips) {
      const at = String(service.path[0]);
      vips.set(`${vip.ip.family}:${vip.ip.value}`, {
        label: service.label,
        at,
        speaks: (o) => at !== `${o.file}: ${refOf(o.object)}` && (o.mine || (!o.judged && (mineAt.has(at) || leadAt.has(at)))),
      });
    }
  return objects.flatMap((o) => {
    const spec = o.object.apiVersion === 'v1' && o.object.kind === 'Service' && isMap(o.object.spec) ? o.object.spec : {};
    const list = Array.isArray(spec.externalIPs) ? spec.externalIPs : [];
    const onVip = list.flatMap((text, i) => {
      const key = typeof text === 'string' ? keyOf(text.trim()) : undefined;
      const owner = key === undefined ? undefined : vips.get(key);
      if (!owner || !owner.speaks(o)) return [];
      return [
        `${where(o)}: spec.externalIPs[${i}] is ${String(text)}, the VIP of ${owner.label} (${owner.at}): kube-proxy then answers for ` +
          'that address on every node and takes the VIP over (CVE-2020-8554): remove it; a Service gets a VIP through a ' +
          'LoadBalancerService (or K3sVipCluster loadBalancers)',
      ];
    });
    if (onVip.length || !list.length || !(o.mine && o.judged)) return onVip;
    return [
      `${where(o)}: spec.externalIPs ${EXTERNAL_IPS_TAKEOVER}; remove it, and give the Service a VIP through a LoadBalancerService (or K3sVipCluster loadBalancers)`,
    ];
  });
}
