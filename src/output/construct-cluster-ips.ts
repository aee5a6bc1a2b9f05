import { isMap } from '../core/is-map';
import { DEFAULT_SERVICE_CIDR } from '../pins';
import { clusterIpRangeProblem } from '../validate/cluster-ip-range';

/** The Service network a gated construct's objects are judged in, and the key of the props or config that sets it. */
export interface ServiceNetwork {
  readonly cidr: string;
  /** `networks.serviceCidr` (a construct's props) or `k3s.serviceCidr` (a cluster's config). */
  readonly key: string;
}

/** The Service network of a construct's `networks` prop (K3s' default when unset), as its props' rules read it. */
export function propsServiceNetwork(networks: unknown): ServiceNetwork {
  const given = isMap(networks) ? networks.serviceCidr : undefined;
  return { cidr: typeof given === 'string' ? given : DEFAULT_SERVICE_CIDR, key: 'networks.serviceCidr' };
}

/**
 * Round 63 (attack 63b-1): the cluster IPs of the v1 Services a construct renders (`spec.clusterIP`, each of
 * `spec.clusterIPs`), judged in its Service network as the props' and config's rules judge the values' and extraObjects'
 * (validate/cluster-ip-range.ts): a patch (`addJsonPatch`) or a plain `ApiObject` under the construct that asks for
 * the `kubernetes` Service's address, CoreDNS's or one outside the network is refused by file, object and field.
 * `files` maps each file name to the objects rendered into it. A cluster IP is not a secret: the message shows it.
 */
export function clusterIpFindings(files: ReadonlyMap<string, readonly unknown[]>, network: ServiceNetwork): string[] {
  const findings: string[] = [];
  for (const [file, documents] of files) {
    for (const object of documents) {
      if (!isMap(object) || object.apiVersion !== 'v1' || object.kind !== 'Service' || !isMap(object.spec)) continue;
      const metadata = isMap(object.metadata) ? object.metadata : {};
      const ref = ['Service', metadata.namespace, metadata.name].filter((part) => typeof part === 'string' && part).join('/');
      const { clusterIP, clusterIPs } = object.spec;
      const addresses: Array<[field: string, value: unknown]> = [['spec.clusterIP', clusterIP]];
      // clusterIPs[0] equals clusterIP (service-rules.ts): said once, at clusterIP, when both are given.
      if (Array.isArray(clusterIPs))
        clusterIPs.forEach((value, i) => {
          if (!(i === 0 && value === clusterIP)) addresses.push([`spec.clusterIPs[${i}]`, value]);
        });
      for (const [field, value] of addresses) {
        const problem = typeof value === 'string' ? clusterIpRangeProblem(value, network.cidr) : undefined;
        if (problem) findings.push(`${file}: ${ref}: ${field} ${problem.replace('k3s.serviceCidr', network.key)}`);
      }
    }
  }
  return findings;
}
