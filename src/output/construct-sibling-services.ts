import { isMap } from '../core/is-map';
import { formatPath, Problem } from '../core/problem';
import { nodePortRangeProblem } from '../traefik/extra-node-ports';
import { resolverDomainRequests, wildcardDomainProblems } from '../traefik/resolver-domains';
import { effectiveClusterTraefik } from '../traefik/settings';
import { familyProblems } from '../validate/cluster-ip-range';
import { AppObject, Scope, where } from './construct-app-objects';
import { notedClusterConfig } from './construct-services';

/**
 * Round 71 (71b-11): objects beside a K3sVipCluster judged by the rules its config applies to the same objects in
 * `traefik.values.extraObjects`: a Service's nodePort outside K3s' default service-node-port-range
 * (traefik/extra-node-ports.ts nodePortRangeProblem), an IP family its Service network lacks (validate/cluster-ip-range.ts
 * familyProblems; a LoadBalancer's families are construct-sibling-vips.ts'), and an IngressRoute's wildcard `tls.domains`
 * asked of a resolver without DNS-01 (traefik/resolver-domains.ts wildcardDomainProblems).
 */
export function siblingServiceFindings({ all }: Scope, objects: readonly AppObject[], speaks: (o: AppObject) => boolean): string[] {
  const config = all.map(notedClusterConfig).find((c) => c !== undefined);
  if (!config) return [];
  const said = (o: AppObject, problems: readonly Problem[], skip = 0) =>
    problems.map(({ path, message }) => `${where(o)}: ${formatPath(path.slice(skip))} ${message}`);
  return objects.filter(speaks).flatMap((o) => {
    const { object } = o;
    if (object.apiVersion === 'v1' && object.kind === 'Service' && isMap(object.spec)) {
      const { spec } = object;
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const service = `Service ${typeof metadata.namespace === 'string' ? metadata.namespace : 'default'}/${String(metadata.name)}`;
      const ports = spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? (Array.isArray(spec.ports) ? spec.ports : []) : [];
      const outside = ports.flatMap((port: unknown, j: number): Problem[] => {
        if (!isMap(port) || typeof port.nodePort !== 'number' || port.nodePort === 0) return [];
        const message = nodePortRangeProblem(port.nodePort, service, 'so the API server refuses the Service');
        return message ? [{ path: ['spec', 'ports', j, 'nodePort'], message }] : [];
      });
      const families = spec.type === 'LoadBalancer' ? [] : familyProblems(spec, config.k3s.serviceCidr);
      return [
        ...said(o, outside),
        ...said(
          o,
          families.map((p) => ({ ...p, path: ['spec', ...p.path] })),
        ),
      ];
    }
    if (object.kind !== 'IngressRoute' && object.kind !== 'IngressRouteTCP') return [];
    // As one item of extraObjects: its paths start values.extraObjects[0].
    const requests = resolverDomainRequests({ extraObjects: [object] }, []);
    return requests.length ? said(o, wildcardDomainProblems(requests, effectiveClusterTraefik(config).acmeResolvers), 3) : [];
  });
}
