import { formatPath, Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { apiGroup } from '../validate/kinds';
import { controllerLabels, podLabels, selects, traefikNamespace, WORKLOADS, workloadName } from './extra-object-rules';
import { FoundProgram, workloadPodLabels, workloadProgram } from './extra-workload-programs';
import { article } from './extra-object-kinds';

/**
 * Round 81b: `extraObjects` items that take over what this tool manages and judges (the VIPs, Traefik, kube-vip, the
 * CRDs its rules judge against, the namespace its pods run in). The chart renders each item as written
 * (traefik/templates/extra-objects.yaml), so whatever such an object does happens after every rule has passed.
 * One row per family: which objects, what they take over, what to do instead. These say precisely why an item cannot
 * be; an item of no row meets the kinds extraObjects carry (extra-object-kinds.ts) and the other rules.
 */

type Values = Readonly<Record<string, unknown>>;

/** What a row reads of an item. */
interface Item {
  readonly object: Values;
  readonly group: string;
  readonly kind: string;
  /** Its namespace: an item without one lands in the release's, kube-system. */
  readonly namespace: string;
  readonly name: unknown;
  readonly values: Values;
}

interface Takeover {
  /** Which objects the row holds (for the reader of this table). */
  readonly objects: string;
  /** Whether the item is one: what shows it (a container's image, the Service it joins), '' when its kind says it, or undefined. */
  readonly match: (item: Item) => string | undefined;
  /** What the object takes over, after "is a <Kind> that". */
  readonly takesOver: string;
  /** What to write instead: in a config (`config`) or beside the constructs, with the release's values. */
  readonly instead: (config: boolean, values: Values) => string;
}

/** A row of kinds, by API group (any kind of the group when `kinds` is empty). */
const ofKinds =
  (table: Readonly<Record<string, readonly string[]>>) =>
  ({ group, kind }: Item): string | undefined =>
    Object.hasOwn(table, group) && (!table[group].length || table[group].includes(kind)) ? '' : undefined;

const ownRelease = "install it in a release of its own beside this tool's manifests, not in Traefik's";
const declareVips = (config: boolean) =>
  config
    ? `declare every VIP in kubeVip and loadBalancers[] (where every VIP rule applies), and run no second announcer: kube-vip is this cluster's`
    : "declare every VIP through a KubeVipChart and LoadBalancerService constructs, and run no second announcer: kube-vip is this cluster's";

/**
 * The announcers' own API groups: MetalLB (metallb/metallb config/crd, group metallb.io: IPAddressPool, L2Advertisement,
 * BGPAdvertisement, BGPPeer...), Cilium's LB IPAM and announcements (cilium/cilium pkg/k8s/apis/cilium.io/v2alpha1 and v2:
 * CiliumLoadBalancerIPPool, CiliumL2AnnouncementPolicy, the CiliumBGP* kinds), OpenELB (openelb/openelb api/v1alpha2,
 * group network.kubesphere.io: Eip, BgpConf, BgpPeer) and PureLB (gitlab.com/purelb/purelb, group purelb.io:
 * ServiceGroup, LBNodeAgent).
 */
const ANNOUNCER_KINDS: Readonly<Record<string, readonly string[]>> = {
  'metallb.io': [],
  'cilium.io': [
    'CiliumLoadBalancerIPPool',
    'CiliumL2AnnouncementPolicy',
    'CiliumBGPPeeringPolicy',
    'CiliumBGPClusterConfig',
    'CiliumBGPAdvertisement',
  ],
  'network.kubesphere.io': ['Eip', 'BgpConf', 'BgpPeer'],
  'purelb.io': [],
};

/**
 * Admission mutation and policy: the webhooks and admission policies of Kubernetes (admissionregistration.k8s.io),
 * Kyverno's policies (kyverno/kyverno api/kyverno/v1 and api/policies.kyverno.io), Gatekeeper's mutators, templates and
 * constraints (open-policy-agent/gatekeeper apis/mutations, templates.gatekeeper.sh, constraints.gatekeeper.sh).
 */
const ADMISSION_KINDS: Readonly<Record<string, readonly string[]>> = {
  'admissionregistration.k8s.io': [],
  'kyverno.io': ['Policy', 'ClusterPolicy', 'CleanupPolicy', 'ClusterCleanupPolicy'],
  'policies.kyverno.io': [],
  'mutations.gatekeeper.sh': [],
  'templates.gatekeeper.sh': [],
  'constraints.gatekeeper.sh': [],
};

/** The namespaces of the pods this tool deploys: Traefik's (kube-system unless `namespaceOverride`) and kube-vip's. */
const ownNamespaces = (values: Values): string[] => [traefikNamespace(values), 'kube-system'];

/** kube-vip's pod labels (kube-vip/daemon-set.ts, kube-vip/cloud-provider.ts); `app.kubernetes.io/version` may be any. */
const KUBE_VIP_PODS: ReadonlyArray<Record<string, string>> = [
  { 'app.kubernetes.io/name': 'kube-vip-ds' },
  { app: 'kube-vip', component: 'kube-vip-cloud-provider' },
];

/** Whether a NetworkPolicy's podSelector (empty: every pod of its namespace) selects Traefik's or kube-vip's pods. */
function selectsOwnPods({ object, namespace, values }: Item): string | undefined {
  const spec = isMap(object.spec) ? object.spec : {};
  const selector = isMap(spec.podSelector) ? spec.podSelector : {};
  if (namespace === traefikNamespace(values) && selects(selector, podLabels(values), controllerLabels(values), true))
    return "of Traefik's pods";
  if (namespace !== 'kube-system') return undefined;
  const kubeVip = KUBE_VIP_PODS.some((labels) =>
    selects(
      selector,
      labels,
      ['app.kubernetes.io/version', 'controller-revision-hash', 'pod-template-generation', 'pod-template-hash'],
      true,
    ),
  );
  return kubeVip ? "of kube-vip's pods" : undefined;
}

/**
 * The Services the chart renders, by name in Traefik's namespace: its own (traefik.fullname) and one per
 * `service.additionalServices.<name>` (`<fullname>-<name>`: traefik/traefik-helm-chart templates/service.yaml v39.0.7),
 * and the API server's `default/kubernetes`, whose endpoints are the control plane behind the API VIP.
 */
function ownServiceNamed(name: unknown, namespace: string, values: Values): boolean {
  if (typeof name !== 'string') return false;
  if (namespace === 'default' && name === 'kubernetes') return true;
  if (namespace !== traefikNamespace(values)) return false;
  const full = workloadName(values);
  const service = isMap(values.service) ? values.service : {};
  const additional = isMap(service.additionalServices) ? Object.keys(service.additionalServices) : [];
  return name === full || additional.some((key) => name === `${full}-${key}`);
}

/** An EndpointSlice joins the Service its `kubernetes.io/service-name` label names; Endpoints the Service of its own name. */
function endpointsOfOwnService({ object, kind, group, namespace, name, values }: Item): string | undefined {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const labels = isMap(metadata.labels) ? metadata.labels : {};
  const service =
    kind === 'EndpointSlice' && group === 'discovery.k8s.io'
      ? labels['kubernetes.io/service-name']
      : kind === 'Endpoints' && group === ''
        ? name
        : undefined;
  return ownServiceNamed(service, namespace, values) ? `of Service ${namespace}/${String(service)}` : undefined;
}

/** A workload whose pods carry the labels Traefik's Service selects (traefik.labelselector: name and instance). */
function joinsTraefikService({ object, kind, namespace, values }: Item): string | undefined {
  if (!WORKLOADS.has(kind) || namespace !== traefikNamespace(values)) return undefined;
  const own = podLabels(values);
  const labels = workloadPodLabels(object);
  const keys = ['app.kubernetes.io/name', 'app.kubernetes.io/instance'];
  return keys.every((key) => labels[key] === own[key]) ? `whose pods Service ${namespace}/${workloadName(values)} selects` : undefined;
}

/** The class of Traefik's Gateways (the chart's `gatewayClass.name`, "traefik" when empty). */
const traefikClass = (values: Values): string =>
  isMap(values.gatewayClass) && typeof values.gatewayClass.name === 'string' && values.gatewayClass.name !== ''
    ? values.gatewayClass.name
    : 'traefik';

/** The program a workload runs (extra-workload-programs.ts), remembered for the rule that found it. */
const programOf = ({ object, kind }: Item, program: FoundProgram['program']): string | undefined => {
  if (!WORKLOADS.has(kind)) return undefined;
  const found = workloadProgram(object);
  return found?.program === program ? `whose ${formatPath(found.at)} runs ${found.shown}` : undefined;
};

/** The table: the first row an item matches refuses it. */
export const TAKEOVERS: readonly Takeover[] = [
  {
    objects: 'MetalLB, Cilium LB IPAM/L2/BGP, OpenELB and PureLB kinds',
    match: ofKinds(ANNOUNCER_KINDS),
    takesOver: "announces or hands out load-balancer addresses beside kube-vip (a second owner of this cluster's VIPs)",
    instead: declareVips,
  },
  {
    objects: 'a workload whose image is keepalived, MetalLB, ServiceLB (klipper-lb), OpenELB or PureLB',
    match: (item) => programOf(item, 'announcer'),
    takesOver: "announces addresses beside kube-vip (a second owner of this cluster's VIPs)",
    instead: declareVips,
  },
  {
    objects: "a workload whose image is Traefik's (traefik, rancher/mirrored-library-traefik, any registry, tag or digest)",
    match: (item) => programOf(item, 'traefik'),
    takesOver:
      "runs a second Traefik, with flags and a service account outside this tool's Traefik rules (it may serve the generated Ingresses too)",
    instead: (config) => (config ? 'change Traefik through the traefik keys' : 'change Traefik through the TraefikHelmChartConfig props'),
  },
  {
    objects: "a workload that runs helm install|upgrade, kubectl apply|create|replace|patch, or helm-controller's klipper-helm",
    match: (item) => programOf(item, 'deployer'),
    takesOver:
      "installs manifests or a Helm release from inside the cluster, outside this tool's rules (kube-vip, cert-manager, Traefik's values and VIPs)",
    instead: (config) =>
      `${config ? 'declare cert-manager in certManager, kube-vip in kubeVip, Traefik through the traefik keys' : "use this tool's constructs for cert-manager, kube-vip and Traefik"}, and install any other application in a release of its own beside this tool's manifests`,
  },
  {
    objects: 'CustomResourceDefinition (any)',
    match: ofKinds({ 'apiextensions.k8s.io': ['CustomResourceDefinition'] }),
    takesOver:
      'defines a kind for the whole cluster (the CRDs of Traefik, the Gateway API and cert-manager belong to their own releases, and this tool judges objects against them)',
    instead: () => `CRDs belong to the release of their controller: ${ownRelease}`,
  },
  {
    objects: 'admission webhooks and policies, Kyverno policies, Gatekeeper mutators, templates and constraints',
    match: ofKinds(ADMISSION_KINDS),
    takesOver: 'mutates or refuses objects as the API server admits them (the Services, pods and VIPs this tool has judged included)',
    instead: () => `admission policy belongs to the policy engine's release: ${ownRelease}`,
  },
  {
    objects: "NetworkPolicy in Traefik's or kube-vip's namespace whose podSelector selects their pods (empty included)",
    match: (item) => (item.kind === 'NetworkPolicy' && item.group === 'networking.k8s.io' ? selectsOwnPods(item) : undefined),
    takesOver: "restricts the traffic of pods this tool deploys (the VIP's ingress, the API server's egress)",
    instead: () => "select only your application's pods, in its own namespace",
  },
  {
    objects: "ResourceQuota and LimitRange in Traefik's or kube-vip's namespace",
    match: ({ kind, group, namespace, values }) =>
      (kind === 'ResourceQuota' || kind === 'LimitRange') && group === '' && ownNamespaces(values).includes(namespace)
        ? `in ${namespace}`
        : undefined,
    takesOver: 'limits the pods and Services this tool deploys in their own namespace (a quota of 0 pods leaves no Traefik or kube-vip)',
    instead: () => "put quotas and limits in your applications' namespaces",
  },
  {
    objects: 'EndpointSlice or Endpoints of a Service the chart renders (or of default/kubernetes)',
    match: endpointsOfOwnService,
    takesOver: 'adds backends to a Service this tool or the chart owns, behind its VIP',
    instead: () => 'give your backends a Service of their own',
  },
  {
    objects: "a workload in Traefik's namespace whose pods carry the labels Traefik's Service selects",
    match: joinsTraefikService,
    takesOver: "makes its pods backends of Traefik's Service, behind the VIP",
    instead: () => "give the pods labels of their own (not app.kubernetes.io/name and app.kubernetes.io/instance of Traefik's)",
  },
  {
    objects: 'coordination.k8s.io Lease (any)',
    match: ofKinds({ 'coordination.k8s.io': ['Lease'] }),
    takesOver: "holds a controller's election state (kube-vip elects its VIP leaders with Leases)",
    instead: () => 'remove the item: controllers create and renew their own Leases',
  },
  {
    objects: 'Namespace (any)',
    match: ofKinds({ '': ['Namespace'] }),
    takesOver: "is the cluster's (and with Helm's labels Traefik's release adopts it: its labels and its deletion follow the release)",
    instead: () => "create namespaces beside this tool's manifests (kubectl create namespace, or your applications' releases)",
  },
  {
    objects: "Gateway (gateway.networking.k8s.io) whose gatewayClassName is not Traefik's",
    match: ({ object, kind, group, values }) => {
      const spec = isMap(object.spec) ? object.spec : {};
      const className = spec.gatewayClassName;
      return kind === 'Gateway' &&
        group === 'gateway.networking.k8s.io' &&
        typeof className === 'string' &&
        className !== traefikClass(values)
        ? `of class ${JSON.stringify(className)}`
        : undefined;
    },
    takesOver: "belongs to another Gateway controller, which makes a LoadBalancer Service (and VIP) for it outside this tool's VIP rules",
    instead: (_, values) =>
      `use gatewayClassName ${JSON.stringify(traefikClass(values))} (Traefik's), or install the other implementation's Gateways in its own release`,
  },
];

/** The one-line refusal of an item a row of TAKEOVERS holds, or undefined. `prefix` is empty beside the constructs. */
export function takeoverProblem(object: Values, values: Values, prefix: Path): string | undefined {
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : 'kube-system';
  const item: Item = { object, group: apiGroup(apiVersion), kind, namespace, name: metadata.name, values };
  for (const row of TAKEOVERS) {
    const shown = row.match(item);
    if (shown === undefined) continue;
    const detail = shown === '' ? '' : ` (${shown})`;
    return `is ${article(kind)} ${kind}${detail} that ${row.takesOver}, which this tool cannot judge: ${row.instead(prefix.length > 0, values)}`;
  }
  return undefined;
}
