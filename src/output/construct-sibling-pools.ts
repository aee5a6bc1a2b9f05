import { isMap } from '../core/is-map';
import { formatPath, Path, Report } from '../core/problem';
import { checkK3sNetworks } from '../k3s/networks';
import { poolInNetworkCheck, PoolBlocks, poolProblems, PoolSpans } from '../kube-vip/pool-rules';
import { loadBalancerServices, locate, LocatedIp } from '../load-balancer/deployed';
import { checkVipPlacement } from '../load-balancer/rules';
import { parseCidr, parseIp } from '../net/ip';
import { effectiveClusterTraefik } from '../traefik/settings';
import { AppObject, Scope, where } from './construct-app-objects';
import { blankedPath } from './construct-render';
import { notedClusterConfig } from './construct-services';

/**
 * Round 70 (70b-6): the pools of a `kubevip` ConfigMap in kube-system beside a K3sVipCluster (a KubeVipCloudProvider's,
 * or a plain object's: kube-vip-cloud-provider reads it whoever wrote it) get the rules of the config's
 * `kubeVip.services.ipPool` (kube-vip/pool-rules.ts, load-balancer/rules.ts checkVipPlacement): no pool in K3s'
 * networks, and no VIP of the cluster (the API server's, Traefik's, `loadBalancers`') inside a pool, which the provider
 * may hand to another Service. The cluster's own ConfigMap is its config's, judged there.
 */
export function siblingPoolFindings({ all }: Scope, objects: readonly AppObject[], judge: (o: AppObject) => boolean): string[] {
  const owner = all.find((c) => notedClusterConfig(c) !== undefined);
  const config = owner && notedClusterConfig(owner);
  if (!owner || !config) return [];
  const traefik = effectiveClusterTraefik(config);
  const services = [...traefik.services, ...loadBalancerServices(config.loadBalancers)];
  const controlPlane = locate(['kubeVip', 'controlPlane', 'address'], config.kubeVip.controlPlane?.address);
  const vips: LocatedIp[] = [
    ...(controlPlane ? [controlPlane] : []),
    ...services.filter((s) => s.type.value === 'LoadBalancer').flatMap((s) => s.ips),
  ];
  const findings: string[] = [];
  for (const o of objects) {
    const data = judge(o) && !o.construct?.node.scopes.includes(owner) ? poolData(o.object) : undefined;
    if (!data) continue;
    const said = new Set<string>();
    const say: Report = (path, message) => {
      const line = `${where(o)}: ${formatPath(dataPath(path))} ${message}`;
      if (!said.has(line)) findings.push(line);
      said.add(line);
    };
    const cidrs = checkK3sNetworks(config, () => undefined);
    const pools = poolProblems(data, [], say, poolInNetworkCheck(cidrs, say)).map((pool) => ({
      ...pool,
      spans: pool.spans.map((span) => ({ ...span, path: dataPath(span.path) })),
    }));
    const cluster = `K3sVipCluster ${blankedPath(owner)}`;
    for (const vip of vips)
      checkVipPlacement(vip, { internal: [] }, pools, false, (path, message) =>
        findings.push(`${where(o)}: holds ${cluster}'s ${formatPath(path)}: ${message}`),
      );
  }
  return findings;
}

/** `global.cidr` (as poolProblems names a block) -> the ConfigMap key `data.cidr-global` the provider reads. */
function dataPath(path: Path): Path {
  const [scope, ...rest] = path;
  if (scope === 'global' && typeof rest[0] === 'string') return ['data', `${rest[0]}-global`, ...rest.slice(1)];
  if (scope === 'namespaces' && typeof rest[1] === 'string') return ['data', `${rest[1]}-${String(rest[0])}`, ...rest.slice(2)];
  return ['data', ...path];
}

/**
 * The pools of ConfigMap kube-system/kubevip, read as the provider reads them (`cidr-<ns>`, `range-<ns>`, comma
 * lists: kube-vip/kube-vip-cloud-provider pkg/provider/loadBalancer.go @ v0.0.12); texts that do not parse are left out.
 */
function poolData(object: Record<string, unknown>): PoolBlocks | undefined {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  if (object.apiVersion !== 'v1' || object.kind !== 'ConfigMap' || metadata.name !== 'kubevip' || metadata.namespace !== 'kube-system')
    return undefined;
  const data = isMap(object.data) ? object.data : {};
  const blocks = new Map<string, { cidr?: string[]; range?: string[] }>();
  for (const [key, value] of Object.entries(data)) {
    const match = /^(cidr|range)-(.+)$/.exec(key);
    if (!match || typeof value !== 'string') continue;
    const [, kind, scope] = match;
    const texts = value
      .split(',')
      .map((t) => t.trim())
      .filter((t) => (kind === 'cidr' ? !!parseCidr(t) : validRange(t)));
    if (texts.length) blocks.set(scope, { ...blocks.get(scope), [kind]: texts });
  }
  if (!blocks.size) return undefined;
  const global: PoolSpans | undefined = blocks.get('global');
  blocks.delete('global');
  return { ...(global && { global }), namespaces: Object.fromEntries(blocks) };
}

const validRange = (text: string): boolean => {
  const [first, last, ...more] = text.split('-').map((t) => parseIp(t));
  return !more.length && !!first && !!last && first.family === last.family;
};
