import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { formatIp, parseCidr, parseIp } from '../net/ip';

type Values = Readonly<Record<string, unknown>>;

/**
 * Why the API server cannot give a Service the cluster IP `text`, in K3s' Service network `serviceCidr` (one block, or
 * one per family, comma-separated), or undefined. The allocator takes only a host address of a block of the IP's
 * family ("the provided IP is not in the valid range"; kubernetes pkg/registry/core/service/ipallocator: the network
 * address, and in IPv4 the broadcast address, are never handed out), and not one already taken: the first address is
 * the `kubernetes` Service's (kube-apiserver's ServiceIPRange, index 1), the tenth K3s' CoreDNS (k3s-io/k3s
 * pkg/cli/server/server.go: without --cluster-dns, `GetIndexedIP(serviceCIDR, 10)` of each Service block). `None`, ""
 * and what is not an IP are other rules' (service-rules.ts).
 */
export function clusterIpRangeProblem(text: string, serviceCidr: string): string | undefined {
  const ip = parseIp(text);
  if (!ip) return undefined;
  const blocks = serviceCidr.split(',').flatMap((block) => parseCidr(block.trim()) ?? []);
  const block = blocks.find((b) => b.family === ip.family);
  const network = `k3s.serviceCidr "${serviceCidr}"`;
  const pick = 'pick a free host address inside it, or leave clusterIP out (Kubernetes then picks one)';
  if (!block)
    return `is an IPv${ip.family} address, but the Service network ${network} has no IPv${ip.family} block: the API server cannot allocate it`;
  if (ip.value < block.first || ip.value > block.last)
    return `lies outside the Service network ${network}, and the API server refuses it ("the provided IP is not in the valid range"): ${pick}`;
  const nth = (n: bigint) => formatIp(block.family, block.first + n);
  if (ip.value === block.first) return `is the network address of ${network}, which the API server never allocates: ${pick}`;
  if (block.family === 4 && ip.value === block.last)
    return `is the broadcast address of ${network}, which the API server never allocates: ${pick}`;
  if (ip.value === block.first + 1n)
    return `is ${nth(1n)}, the first address of ${network}, which the \`kubernetes\` Service already holds: ${pick}`;
  if (ip.value === block.first + 10n)
    return `is ${nth(10n)}, the tenth address of ${network}, which K3s gives its CoreDNS Service (the --cluster-dns default): ${pick}`;
  return undefined;
}

/**
 * The cluster IPs the Traefik values ask for, judged against `serviceCidr`: Traefik's own Service and each of
 * `service.additionalServices` (`spec.clusterIP`, `spec.clusterIPs`), and each v1 Service of `extraObjects`. Each problem
 * is at the key that supplies the address, below `prefix`.
 */
export function clusterIpValueProblems(values: Values, prefix: Path, serviceCidr: string): Problem[] {
  const specs: Array<{ spec: unknown; at: Path }> = [];
  const service = isMap(values.service) ? values.service : undefined;
  if (service) {
    // A Service turned off (`enabled: false`) is not rendered (service-spec-values.ts).
    if (service.enabled !== false) specs.push({ spec: service.spec, at: ['service', 'spec'] });
    const additional = isMap(service.additionalServices) ? service.additionalServices : {};
    for (const [name, extra] of Object.entries(additional))
      if (isMap(extra) && extra.enabled !== false) specs.push({ spec: extra.spec, at: ['service', 'additionalServices', name, 'spec'] });
  }
  if (Array.isArray(values.extraObjects))
    values.extraObjects.forEach((item: unknown, i) => {
      if (isMap(item) && item.kind === 'Service' && item.apiVersion === 'v1')
        specs.push({ spec: item.spec, at: ['extraObjects', i, 'spec'] });
    });
  const problems: Problem[] = [];
  const judge = (ip: unknown, at: Path) => {
    const message = typeof ip === 'string' ? clusterIpRangeProblem(ip, serviceCidr) : undefined;
    if (message) problems.push({ path: [...prefix, 'values', ...at], message });
  };
  for (const { spec, at } of specs) {
    if (!isMap(spec)) continue;
    // Traefik's own Service's families are family-rules.ts'; an extraObjects Service gets the same rule here (62b-5).
    if (at[0] === 'extraObjects')
      for (const p of familyProblems(spec, serviceCidr)) problems.push({ ...p, path: [...prefix, 'values', ...at, ...p.path] });
    judge(spec.clusterIP, [...at, 'clusterIP']);
    // clusterIPs[0] equals clusterIP (service-rules.ts): said once, at clusterIP, when both are given.
    if (Array.isArray(spec.clusterIPs))
      spec.clusterIPs.forEach((ip: unknown, i) => {
        if (!(i === 0 && typeof spec.clusterIP === 'string' && spec.clusterIP === ip)) judge(ip, [...at, 'clusterIPs', i]);
      });
  }
  return problems;
}

/**
 * A Service asking for an IP family K3s' Service network lacks: `ipFamilyPolicy: RequireDualStack` on a single-stack
 * network, or an `ipFamilies` entry of a missing family; the API server refuses both
 * (https://kubernetes.io/docs/concepts/services-networking/dual-stack/), as family-rules.ts says for Traefik's own Service.
 */
export function familyProblems(spec: Values, serviceCidr: string): Problem[] {
  const network = new Set(serviceCidr.split(',').flatMap((block) => parseCidr(block.trim())?.family ?? []));
  if (!network.size) return [];
  const text = `k3s.serviceCidr "${serviceCidr}" is IPv${[...network].join(' and IPv')} only`;
  const problems: Problem[] = [];
  if (spec.ipFamilyPolicy === 'RequireDualStack' && network.size < 2)
    problems.push({
      path: ['ipFamilyPolicy'],
      message: `is RequireDualStack, so the Service requires both families, but ${text} and the API server rejects such a Service: use SingleStack or PreferDualStack, or make the cluster dual-stack`,
    });
  if (Array.isArray(spec.ipFamilies))
    spec.ipFamilies.forEach((family: unknown, i) => {
      const n = family === 'IPv4' ? 4 : family === 'IPv6' ? 6 : undefined;
      if (n && !network.has(n))
        problems.push({
          path: ['ipFamilies', i],
          message: `is ${family}, but ${text}, and the API server rejects a Service family the cluster lacks: remove it`,
        });
    });
  return problems;
}
