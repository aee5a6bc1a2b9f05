import { identityText } from '../core/object-identity';
import { Path, Problem, formatPath, quotedText } from '../core/problem';
import { isMap } from '../core/is-map';
import { embeddedIpv4, parseIp } from '../net/ip';
import { apiGroup, CLUSTER_SCOPED_KINDS, groupKind } from '../validate/kinds';
import type { TraefikChartRules } from './chart-versions';
import { renderedObjects, renderedObjectsAt } from './extra-objects';
import { chartCrdObjectNames } from './chart-crd-objects';

type Values = Readonly<Record<string, unknown>>;

const FAILS = 'so the whole Traefik release (its objects and extraObjects together) fails to install';

/** K3s installs the chart as release `traefik` in kube-system; name overrides are refused (name-overrides.ts). */
const FULLNAME = 'traefik';
const NAMESPACE = 'kube-system';

interface Identity {
  readonly group: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  /** Who makes it: a values key, or `extraObjects[i]`. */
  readonly by: string;
}

const identityKey = (o: Identity) => `${o.group}\n${o.kind}\n${o.namespace ?? ''}\n${o.name}`;

/**
 * The chart's own objects an `extraObjects` item could repeat (traefik/traefik-helm-chart v39.0.7, release `traefik`
 * in kube-system): the Services of templates/service.yaml (`traefik`, `traefik-<name>` for additionalServices,
 * `traefik.service-name` in _service.tpl l.1-12), the workload of deployment.yaml / daemonset.yaml (`traefik.fullname`),
 * the ServiceAccount of rbac/serviceaccount.yaml when `serviceAccount.name` is empty, the ClusterRole and binding of
 * rbac/ when `rbac.enabled` and not namespaced (`traefik-kube-system`, _helpers.tpl `traefik.clusterRoleName`), and
 * the IngressClass of ingressclass.yaml (`ingressClass.name` or the fullname), and (76b-17) the IngressRoutes, TLSOptions
 * and TLSStores of its CRD keys (chart-crd-objects.ts). The `-udp` Service is left out.
 */
function chartObjects(values: Values, chart: TraefikChartRules): Identity[] {
  const block = (key: string) => (isMap(values[key]) ? (values[key] as Values) : {});
  const service = block('service');
  const objects: Identity[] = [];
  if (service.enabled !== false) objects.push({ group: '', kind: 'Service', namespace: NAMESPACE, name: FULLNAME, by: 'service' });
  const additional = chart.servicesByName && isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, extra] of Object.entries(additional))
    if (isMap(extra) && extra.enabled !== false)
      objects.push({
        group: '',
        kind: 'Service',
        namespace: NAMESPACE,
        name: `${FULLNAME}-${name}`,
        by: formatPath(['service', 'additionalServices', name]),
      });
  const deployment = block('deployment');
  if (deployment.enabled !== false) {
    const kind = deployment.kind === 'DaemonSet' ? 'DaemonSet' : 'Deployment';
    objects.push({ group: 'apps', kind, namespace: NAMESPACE, name: FULLNAME, by: 'deployment' });
  }
  const account = block('serviceAccount');
  if (!account.name) objects.push({ group: '', kind: 'ServiceAccount', namespace: NAMESPACE, name: FULLNAME, by: 'serviceAccount' });
  const rbac = block('rbac');
  if (rbac.enabled !== false && !rbac.namespaced)
    for (const kind of ['ClusterRole', 'ClusterRoleBinding'])
      objects.push({ group: 'rbac.authorization.k8s.io', kind, name: `${FULLNAME}-${NAMESPACE}`, by: 'rbac' });
  const ingressClass = block('ingressClass');
  if (ingressClass.enabled !== false)
    objects.push({
      group: 'networking.k8s.io',
      kind: 'IngressClass',
      name: typeof ingressClass.name === 'string' && ingressClass.name ? ingressClass.name : FULLNAME,
      by: 'ingressClass',
    });
  for (const { kind, name, key } of chartCrdObjectNames(values as Record<string, unknown>))
    objects.push({ group: 'traefik.io', kind, namespace: NAMESPACE, name, by: formatPath(key) });
  return objects;
}

/** An item's identity as the API server tells objects apart; an unnamespaced namespaced object lands in kube-system. */
function itemIdentity(object: Values, by: string): Identity | undefined {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof metadata.name !== 'string' || !metadata.name) return undefined;
  const scoped = CLUSTER_SCOPED_KINDS.has(groupKind(apiVersion, kind));
  const namespace = scoped ? undefined : typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : NAMESPACE;
  return { group: apiGroup(apiVersion), kind, namespace, name: metadata.name, by };
}

/**
 * 63b-5: an `extraObjects` item with the identity (API group, kind, namespace, name) of an object the chart renders, or of
 * an earlier item. Helm creates every object of the release and refuses one it already holds ("already exists",
 * helm/helm pkg/kube client.go; the release's own manifest cannot carry one object twice), {@link FAILS}.
 */
export function duplicateObjectProblems(values: Values, prefix: Path, chart: TraefikChartRules): Problem[] {
  const seen = new Map<string, Identity>(chartObjects(values, chart).map((o) => [identityKey(o), o]));
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const problems: Problem[] = [];
  items.forEach((item, i) => {
    // 76b-17: a List's items too (Helm's kube client flattens it), each named where it sits; a text item at the item.
    for (const { object, at } of renderedObjectsAt(item)) {
      const where = typeof item === 'string' ? ['extraObjects', i] : ['extraObjects', i, ...at];
      const identity = itemIdentity(object, formatPath(where));
      if (!identity) continue;
      const key = identityKey(identity);
      const other = seen.get(key);
      if (!other) {
        seen.set(key, identity);
        continue;
      }
      const shown = identityText({ kind: identity.kind, namespace: identity.namespace, name: quotedText(identity.name, () => false, '') });
      const owner = other.by.startsWith('extraObjects')
        ? `${other.by} is that object too`
        : `Traefik chart renders that object itself (from ${other.by})`;
      problems.push({
        path: [...prefix, 'values', ...where],
        message: `is ${shown}, but ${owner}: Helm refuses a second object of one identity in a release, ${FAILS}: give the item another name, or change the object through its values keys`,
      });
    }
  });
  return problems;
}

/**
 * One Service's cluster IPs (`clusterIP` and `clusterIPs`), without `None` and empty ones, each with the key it is compared
 * by: the parsed address (64b-3), as the API server parses `fd00:43::50` and `fd00:43:0::50` to one IP and its allocator
 * gives it once (kubernetes pkg/registry/core/service/ipallocator: the bitmap offset of the parsed IP). An IPv4-mapped
 * IPv6 spelling counts as its IPv4 address (Go's net.ParseIP gives one 16-byte form for both); text that is no address
 * is compared in lower case (its own rule refuses it).
 */
export function clusterIps(spec: Values): Array<{ key: string; text: string }> {
  // `text` is the address as the message shows it: as written, or quoted when it is no address.
  const ips = [spec.clusterIP, ...(Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [])];
  const own = ips.filter((ip): ip is string => typeof ip === 'string' && ip !== '' && ip !== 'None');
  const byKey = new Map<string, string>();
  for (const text of own) {
    const ip = parseIp(text);
    const mapped = ip && embeddedIpv4(ip)?.kind === 'IPv4-mapped' ? parseIp(embeddedIpv4(ip)!.ipv4) : ip;
    const key = mapped ? `${mapped.family}:${mapped.value}` : text.toLowerCase();
    if (!byKey.has(key)) byKey.set(key, mapped ? text : quotedText(text, () => false, ''));
  }
  return [...byKey].map(([key, text]) => ({ key, text }));
}

/**
 * 63b-4: one cluster IP asked by two Services of the release: Traefik's own (`service.spec`), each additional one and the
 * `extraObjects` Services. The API server's cluster-IP allocator gives an address to one Service only ("provided IP is
 * already allocated", kubernetes pkg/registry/core/service/ipallocator), {@link FAILS}, as for a repeated nodePort
 * (extra-node-ports.ts).
 */
export function duplicateClusterIpProblems(values: Values, prefix: Path, chart: TraefikChartRules): Problem[] {
  const taken = new Map<string, { label: string; text: string }>();
  const problems: Problem[] = [];
  const take = (ips: Array<{ key: string; text: string }>, label: string, path: Path) => {
    for (const { key, text } of ips) {
      const other = taken.get(key);
      if (other === undefined) taken.set(key, { label, text });
      else
        problems.push({
          path,
          message:
            `asks for cluster IP ${text}, but ${other.label} already asks for it${other.text === text ? '' : ` (as ${other.text}, the same address)`}, and the API server gives a cluster IP to one Service only ` +
            `("provided IP is already allocated"), ${FAILS}: give each Service its own address, or remove the key (Kubernetes then picks one)`,
        });
    }
  };
  const service = isMap(values.service) ? values.service : {};
  const blocks: Array<[Values, string[]]> = service.enabled !== false ? [[service, ['service']]] : [];
  const additional = chart.servicesByName && isMap(service.additionalServices) ? service.additionalServices : {};
  for (const [name, extra] of Object.entries(additional))
    if (isMap(extra) && extra.enabled !== false) blocks.push([extra, ['service', 'additionalServices', name]]);
  for (const [block, at] of blocks) {
    const spec = isMap(block.spec) ? block.spec : {};
    const key = [...at, 'spec', spec.clusterIP !== undefined ? 'clusterIP' : 'clusterIPs'];
    take(clusterIps(spec), formatPath(key), [...prefix, 'values', ...key]);
  }
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  items.forEach((item, i) => {
    for (const object of renderedObjects(item)) {
      if (object.kind !== 'Service' || !isMap(object.spec)) continue;
      const key = ['extraObjects', i, 'spec', object.spec.clusterIP !== undefined ? 'clusterIP' : 'clusterIPs'];
      take(clusterIps(object.spec), formatPath(typeof item === 'string' ? ['extraObjects', i] : key), [
        ...prefix,
        'values',
        ...(typeof item === 'string' ? ['extraObjects', i] : key),
      ]);
    }
  });
  return problems;
}
