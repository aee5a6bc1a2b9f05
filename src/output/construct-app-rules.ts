import { IConstruct } from 'constructs';
import { isMap } from '../core/is-map';
import { formatPath, Path } from '../core/problem';
import type { NamedCidr } from '../k3s/networks';
import { networkBlocks } from '../k3s/networks';
import { DeployedService, LocatedIp } from '../load-balancer/deployed';
import { checkSharedVips, checkVipPlacement } from '../load-balancer/rules';
import { kubeVipRules, NEWEST_KNOWN } from '../kube-vip/versions';
import { kubeVipWorkloadProblem } from '../traefik/extra-object-rules';
import { clusterIps } from '../traefik/release-duplicates';
import { VIP_ANNOTATION } from '../traefik/service-facts';
import { LEASE_NAME_ANNOTATION } from '../kube-vip/shared-lease';
import { apiGroup, CLUSTER_SCOPED_KINDS, groupKind } from '../validate/kinds';
import type { ServiceNetwork } from './construct-cluster-ips';
import { notedClusterConfig, notedClusterIps, notedServices, notedTraefikRelease } from './construct-services';
import { countFinding, deployedKubeVipFindings, electionFindings, RenderedService, siblingVipFindings } from './construct-sibling-vips';
import { unreadVipAnnotation } from '../traefik/service-facts';
import { blankedPath } from './construct-render';
import { AppObject, appObjects, refOf, Scope, where } from './construct-app-objects';
import { releaseFindings } from './construct-release-rules';
import { besideCrdProblems, traefikParityFindings } from './construct-traefik-parity';
import { ingressObjectFindings } from './construct-ingress-rules';
import { ingressReaderFindings } from './construct-ingress-readers';
import { issuerObjectFindings } from './construct-issuer-objects';
import { siblingPoolFindings } from './construct-sibling-pools';
import { siblingPodFindings } from './construct-sibling-pods';
import { siblingServiceFindings } from './construct-sibling-services';
import { siblingFileRouteFindings } from './construct-sibling-file-routes';
import { besideRouteProblems, gatewayParityFindings } from './construct-gateway-parity';
import { controlPlaneVip, deployedKubeVip, hostIp, splitLeaseProblem } from './construct-control-plane';
import { externalIpFindings } from './construct-external-ips';
import { ingressTwinFindings } from './construct-ingress-owners';
import { vipSpellingFindings } from './construct-vip-spelling';
import { DEFAULT_SERVICE_CIDR } from '../pins';
import { clusterScope } from './cluster-scope';

type Values = Record<string, unknown>;

/**
 * Round 64 (64b-4, 64b-5): the rules the YAML door applies across objects (traefik/release-duplicates.ts,
 * traefik/extra-objects.ts, load-balancer/rules.ts), over every object of the app the gated construct lies in, as
 * `App.synth()` renders them: one identity written twice, one cluster IP asked twice, a helm-controller or other release
 * object that installs Traefik, cert-manager or kube-vip outside this tool's rules, two LoadBalancer Services (or one and
 * Traefik's) on one VIP and port, a VIP inside the Service network. The objects are those of the construct's cluster
 * (cluster-scope.ts: each K3sVipCluster of an app is one; a second Traefik HelmChartConfig in one is refused). Only findings that involve an object the gated
 * construct holds are its own (another gated construct says the rest); round 65 (65b-3, 65b-4): those among objects
 * no gated construct holds (a sibling `new Chart(app, 'x')`) are the `lead`'s, the app's first gated construct, so the
 * rules hold across the whole app. Messages name file, object and field.
 */
export function appRuleFindings(
  construct: IConstruct,
  network: ServiceNetwork | undefined,
  judged: (object: IConstruct) => boolean,
  lead = false,
): string[] {
  // The app's constructs and this one's, listed once for every rule below.
  const scope: Scope = { all: clusterScope(construct), mine: new Set<IConstruct>(construct.node.findAll()) };
  const objects = appObjects(scope, judged);
  // The objects this construct speaks for: those it holds, and (the lead) those no gated construct holds.
  const speaks = (o: AppObject) => o.mine || (lead && !o.judged);
  const own = (later: AppObject, earlier: AppObject) => ownFinding(later, earlier) || (lead && !later.judged && !earlier.judged);
  return [
    ...identityFindings([...notedIdentities(scope), ...notedExtraObjects(scope), ...objects], own),
    ...ingressTwinFindings(objects, own),
    ...clusterIpFindings([...notedIps(scope), ...objects], own),
    ...releaseFindings(objects.filter(speaks), objects),
    ...traefikParityFindings(scope, objects, speaks),
    ...ingressObjectFindings(scope, objects, speaks),
    ...ingressReaderFindings(scope, objects, speaks),
    ...issuerObjectFindings(scope, objects, speaks),
    ...siblingPoolFindings(scope, objects, speaks),
    ...siblingPodFindings(objects, speaks),
    ...siblingServiceFindings(scope, objects, speaks),
    ...siblingFileRouteFindings(scope, objects, speaks),
    ...gatewayParityFindings(scope, objects, speaks),
    ...besideRouteProblems(scope, objects, speaks).errors,
    ...besideCrdProblems(scope, objects, speaks).errors,
    ...(lead ? kubeVipFindings(objects) : []),
    ...vipFindings(scope, objects, network, judged, lead),
    ...vipSpellingFindings(objects, speaks),
  ];
}

/** The Services the app's constructs note (Traefik's, which its chart renders), by identity, held by their construct. */
function notedIdentities({ all, mine }: Scope): AppObject[] {
  return all.flatMap((owner) =>
    notedServices(owner).map(({ namespace, name, label }) => ({
      object: { apiVersion: 'v1', kind: 'Service', metadata: { namespace, name } },
      file: `construct ${blankedPath(owner)}`,
      path: blankedPath(owner),
      mine: mine.has(owner),
      judged: true,
      ref: `Service ${namespace}/${name} (${label}, which Traefik's chart renders)`,
    })),
  );
}

/**
 * 78b-14: the map items of a noted Traefik release's `extraObjects`, which Helm owns, by identity: one app object of the
 * same identity is a second owner (Helm refuses to adopt it, "invalid ownership metadata", or they overwrite each other).
 * An item without a namespace lands in the release's, kube-system (traefik/release-duplicates.ts); a second item of one
 * identity is the values rules' to refuse, so each identity is noted once.
 */
function notedExtraObjects({ all, mine }: Scope): AppObject[] {
  return all.flatMap((owner) => {
    const items = notedTraefikRelease(owner)?.values.extraObjects;
    if (!Array.isArray(items)) return [];
    const seen = new Set<string>();
    return items.flatMap((item: unknown, i): AppObject[] => {
      if (!isMap(item)) return [];
      const metadata = isMap(item.metadata) ? item.metadata : {};
      const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'kube-system';
      const object = { ...item, metadata: { ...metadata, namespace } };
      const key = identityKey(object);
      if (key === undefined || seen.has(key)) return [];
      seen.add(key);
      return [
        {
          object,
          file: `construct ${blankedPath(owner)}`,
          path: blankedPath(owner),
          mine: mine.has(owner),
          judged: true,
          ref: `${refOf(object)} (values.extraObjects[${i}], which Traefik's chart renders)`,
        },
      ];
    });
  });
}

/** The cluster IPs the app's constructs note (Traefik's values), as objects of their own, held by their construct. */
function notedIps({ all, mine }: Scope): AppObject[] {
  return all.flatMap((owner) =>
    notedClusterIps(owner).map(({ text, at }) => ({
      object: { apiVersion: 'v1', kind: 'Service', spec: { clusterIP: text } },
      file: `construct ${blankedPath(owner)}`,
      path: blankedPath(owner),
      mine: mine.has(owner),
      judged: true,
      ref: `the Traefik Service of ${at}`,
    })),
  );
}

/** `Kind/ns/name`, or how a noted object is named. */
const refOfApp = (o: AppObject): string => o.ref ?? refOf(o.object);

/** Each finding is said once: by the construct holding the later object, or the earlier one's when none holds that. */
const ownFinding = (later: AppObject, earlier: AppObject): boolean => later.mine || (earlier.mine && !later.judged);

/** The API server's identity (group, kind, namespace, name); a namespaced object without a namespace is told apart as such. */
function identityKey(object: Values): string | undefined {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof metadata.name !== 'string' || !metadata.name) return undefined;
  const scoped = CLUSTER_SCOPED_KINDS.has(groupKind(apiVersion, kind));
  // No namespace is `default` (65b-4): `kubectl apply` and Flux' Kustomization put it there without a target namespace.
  const namespace = scoped ? '' : typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : 'default';
  return JSON.stringify([apiGroup(apiVersion), kind, namespace, metadata.name]);
}

/** One identity rendered twice (c1 dupObj, dupKubeVip; c2/c3 a second HelmChartConfig kube-system/traefik). */
type Own = (later: AppObject, earlier: AppObject) => boolean;

function identityFindings(objects: readonly AppObject[], own: Own): string[] {
  const seen = new Map<string, AppObject>();
  const findings: string[] = [];
  for (const o of objects) {
    const key = identityKey(o.object);
    if (key === undefined) continue;
    const other = seen.get(key);
    if (!other) seen.set(key, o);
    else if (own(o, other))
      findings.push(
        `${where(o)}: is the same object (API group, kind, namespace, name) as ${refOfApp(other)} in ${other.file} ` +
          `(construct ${other.path}): two owners overwrite each other when applied, and Helm or Flux refuse the second: ` +
          'give one another name, or change the object through its construct props',
      );
  }
  return findings;
}

/** One cluster IP asked by two Services (the API server gives it to one only: "provided IP is already allocated"). */
function clusterIpFindings(objects: readonly AppObject[], own: Own): string[] {
  const taken = new Map<string, AppObject>();
  const findings: string[] = [];
  for (const o of objects) {
    if (o.object.apiVersion !== 'v1' || o.object.kind !== 'Service' || !isMap(o.object.spec)) continue;
    for (const { key, text: ip } of clusterIps(o.object.spec)) {
      const other = taken.get(key);
      if (!other) taken.set(key, o);
      else if (other !== o && own(o, other))
        findings.push(
          `${where(o)}: spec.clusterIP asks for cluster IP ${ip}, but ${refOfApp(other)} in ${other.file} already asks for it, ` +
            'and the API server gives a cluster IP to one Service only ("provided IP is already allocated"): give each Service ' +
            'its own address, or remove the key (Kubernetes then picks one)',
        );
    }
  }
  return findings;
}

/** A LoadBalancer Service as rendered, with its VIPs (the kube-vip annotation's list, else spec.loadBalancerIP). */
function renderedService(o: AppObject): RenderedService | undefined {
  const { object } = o;
  if (object.apiVersion !== 'v1' || object.kind !== 'Service' || !isMap(object.spec) || object.spec.type !== 'LoadBalancer')
    return undefined;
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const annotation = isMap(metadata.annotations) ? metadata.annotations[VIP_ANNOTATION] : undefined;
  const at: Path = [`${o.file}: ${refOf(object)}`];
  const field: Path = typeof annotation === 'string' ? ['metadata', 'annotations', VIP_ANNOTATION] : ['spec', 'loadBalancerIP'];
  const texts = typeof annotation === 'string' ? annotation.split(',').map((t) => t.trim()) : [object.spec.loadBalancerIP];
  // Compared as hosts read them (66b-10): an IPv4-mapped spelling is its IPv4 address.
  const ips = texts.flatMap((text): LocatedIp[] => {
    const ip = typeof text === 'string' ? hostIp(text) : undefined;
    return ip ? [{ path: [...at, ...field], ip, text: String(text) }] : [];
  });
  const ports = (Array.isArray(object.spec.ports) ? object.spec.ports : [])
    .filter(isMap)
    .map((p) => `${String(p.port)}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`);
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'default';
  const name = String(metadata.name);
  const { spec } = object;
  const policy = spec.externalTrafficPolicy;
  const lease = isMap(metadata.annotations) ? metadata.annotations[LEASE_NAME_ANNOTATION] : undefined;
  return {
    path: at,
    label: `Service ${namespace}/${name}`,
    namespace,
    name,
    type: { value: 'LoadBalancer', path: at },
    ips,
    ports,
    annotations: isMap(metadata.annotations) ? metadata.annotations : {},
    ...(typeof policy === 'string' && { externalTrafficPolicy: { value: policy, path: [...at, 'spec', 'externalTrafficPolicy'] } }),
    // As rendered (69b-23, 69b-26): its families and lease are what it asks for, none written by this tool.
    familiesAsRendered: true,
    ...(spec.ipFamilyPolicy !== undefined && { ipFamilyPolicy: { value: spec.ipFamilyPolicy, path: [...at, 'spec', 'ipFamilyPolicy'] } }),
    ...(spec.ipFamilies !== undefined && { ipFamilies: { value: spec.ipFamilies, path: [...at, 'spec', 'ipFamilies'] } }),
    ...(lease !== undefined && { leaseName: lease }),
    ...(spec.loadBalancerClass !== undefined && { loadBalancerClass: spec.loadBalancerClass }),
    ...(spec.loadBalancerIP !== undefined && { loadBalancerIP: spec.loadBalancerIP }),
  };
}

/**
 * One VIP and port served by two LoadBalancer Services of the app, Traefik's among them (load-balancer/rules.ts
 * checkSharedVips: c10, c9 sib, c11), and a VIP the gated construct renders that lies in its Service network
 * (checkVipPlacement: c9 ann). The VIPs are no secret: they are shown, as the config's rules show them.
 */
function vipFindings(
  { all, mine }: Scope,
  objects: readonly AppObject[],
  network: ServiceNetwork | undefined,
  judged: (object: IConstruct) => boolean,
  lead: boolean,
): string[] {
  const mineAt = new Set<string>();
  const unjudgedAt = new Set<string>();
  const services: DeployedService[] = [];
  const rendered: RenderedService[] = [];
  const siblings: RenderedService[] = [];
  for (const o of objects) {
    const service = renderedService(o);
    if (!service) continue;
    services.push(service);
    rendered.push(service);
    // A sibling: a Service no K3sVipCluster made, plain or a LoadBalancerService beside it (69b-16).
    if (!o.judged || !o.construct?.node.scopes.some((scope) => notedClusterConfig(scope))) siblings.push(service);
    if (o.mine) mineAt.add(String(service.path[0]));
    if (!o.judged) unjudgedAt.add(String(service.path[0]));
  }
  for (const owner of all) {
    const at = `construct ${blankedPath(owner)}`;
    const noted = notedServices(owner).filter((s) => s.type.value === 'LoadBalancer');
    if (noted.length && mine.has(owner)) mineAt.add(at);
    if (noted.length && !judged(owner)) unjudgedAt.add(at);
    for (const s of noted)
      services.push({
        ...s,
        path: [at, ...s.path],
        ips: s.ips.map((ip) => ({ ...ip, path: [at, ...ip.path] })),
        ...(s.externalTrafficPolicy && {
          externalTrafficPolicy: { ...s.externalTrafficPolicy, path: [at, ...s.externalTrafficPolicy.path] },
        }),
      });
  }
  const judgedAt = services.map((s) => String(s.path[0])).filter((at) => !unjudgedAt.has(at));
  // The control-plane VIP the app's kube-vip announces, judged with the Services as the YAML door does (66b-11).
  const cp = controlPlaneVip(objects);
  const findings: string[] = [...externalIpFindings(objects, services, cp, mineAt, lead ? unjudgedAt : new Set(), lead)];
  const said = (path: Path, message: string) => {
    const [head, ...rest] = path;
    const earlierMine = unjudgedAt.has(String(head)) && [...mineAt].some((at) => message.includes(at));
    // Between objects no gated construct holds: the lead's (65b-3).
    const leads = lead && unjudgedAt.has(String(head)) && !judgedAt.some((at) => message.includes(at));
    if (mineAt.has(String(head)) || earlierMine || leads) findings.push(`${String(head)}: ${formatPath(rest)} ${message}`);
  };
  // The split-brain rule (kube-vip before v1.1.0) and port 6443 on the control-plane VIP, with its DaemonSet's version.
  checkSharedVips(services, cp?.vip, cp?.version ?? NEWEST_KNOWN, cp?.rules ?? kubeVipRules(NEWEST_KNOWN), said);
  if (cp)
    for (const service of services)
      for (const vip of service.ips) {
        const split = splitLeaseProblem(cp, service, vip);
        if (split) said(vip.path, split);
      }
  // The app's cluster config (a K3sVipCluster's): its siblings get the config's VIP rules (68b-4), every rendered
  // LoadBalancer Service those of the kube-vip it deploys, else of the KubeVipChart's DaemonSet (68b-5, 68b-12).
  const config = all.map(notedClusterConfig).find((c) => c !== undefined);
  const kubeVip = deployedKubeVip(objects);
  const version = config?.kubeVip.version ?? kubeVip?.version;
  if (version) for (const service of rendered) deployedKubeVipFindings(service, version, said);
  // A TraefikHelmChartConfig written for another kube-vip than the app deploys (68b-12): judged for the deployed one.
  for (const owner of version ? all : []) {
    const written = notedTraefikRelease(owner)?.kubeVipVersion;
    if (!written || written === version) continue;
    const at = `construct ${blankedPath(owner)}`;
    for (const s of notedServices(owner).filter((n) => n.type.value === 'LoadBalancer' && n.ips.length)) {
      const ips = s.ips.map((ip) => ({ ...ip, path: [at, ...ip.path] }));
      const unread = !unreadVipAnnotation(written, false) && unreadVipAnnotation(version!, false);
      if (unread) said(ips[0].path, unread);
      countFinding({ ...s, ips }, version!, said);
    }
  }
  // Each sibling is judged by the construct holding it, or the lead when none does.
  const spoken = siblings.filter((s) => mineAt.has(String(s.path[0])) || (lead && unjudgedAt.has(String(s.path[0]))));
  if (config && spoken.length) siblingVipFindings(config, spoken, services, said);
  // With the Services a construct beside no K3sVipCluster notes (a TraefikHelmChartConfig's), judged for the app's kube-vip.
  const freeNoted = all.filter((owner) => mine.has(owner) && !owner.node.scopes.some((scope) => notedClusterConfig(scope)));
  const free = [...spoken, ...services.filter((s) => freeNoted.some((owner) => s.path[0] === `construct ${blankedPath(owner)}`))];
  if (kubeVip) electionFindings(kubeVip, free, services, said);
  // The lead judges the Services no gated construct holds (67b-5) in its network, K3s' default when it notes none.
  const placed = network ?? (lead ? { cidr: DEFAULT_SERVICE_CIDR, key: "K3s' default serviceCidr" } : undefined);
  if (placed) {
    const internal: NamedCidr[] = networkBlocks(placed.cidr).map((cidr) => ({
      key: placed.key,
      cidr,
      what: `the Service network (${placed.key})`,
    }));
    // With the cluster's config the siblings were placed in all its networks above.
    const judges = (at: string) => (mineAt.has(at) && network !== undefined) || (lead && !config && unjudgedAt.has(at));
    for (const service of services.filter((s) => judges(String(s.path[0])) && !String(s.path[0]).startsWith('construct ')))
      for (const vip of service.ips) checkVipPlacement(vip, { internal }, [], false, said);
  }
  return findings;
}

/**
 * Round 65 (65b-3): a workload no gated construct holds that runs kube-vip or kube-vip-cloud-provider, in an app whose
 * constructs deploy one (traefik/extra-object-rules.ts kubeVipWorkloadProblem, as extraObjects are judged): the second
 * copy announces addresses (or hands out pool addresses) beside this tool's, outside its kube-vip rules. An app whose
 * constructs deploy no kube-vip (a LoadBalancerService alone) may run its own: not judged then.
 */
function kubeVipFindings(objects: readonly AppObject[]): string[] {
  if (!objects.some((o) => o.judged && kubeVipWorkloadProblem(o.object, []))) return [];
  return objects.flatMap((o) => {
    const found = o.judged ? undefined : kubeVipWorkloadProblem(o.object, []);
    if (!found) return [];
    return [
      `${where(o)}: ${formatPath(found.at)} runs kube-vip (or kube-vip-cloud-provider) beside the one this app's ` +
        "K3sVipCluster or KubeVipChart deploys: the second copy announces addresses outside this tool's kube-vip rules " +
        '(version, VIPs, interface, leases and leader election): remove it, and set kube-vip through the construct props',
    ];
  });
}
