import { formatPath, Path, Problem } from '../core/problem';
import { apiGroup } from '../validate/kinds';
import { show } from '../validate/paths';
import { isMap } from '../core/is-map';

/**
 * `extraObjects` items that stand for something a first-class key declares with its rules, judged by what they
 * point at rather than by their name (attack round 19, D6 and D7): a disruption budget or autoscaler over Traefik's
 * own pods, a second kube-vip, a helm-controller release. extra-objects.ts applies these to each rendered item.
 */

type Values = Readonly<Record<string, unknown>>;
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** K3s installs the chart as release `traefik` in kube-system. */
const RELEASE = 'traefik';
const RELEASE_NAMESPACE = 'kube-system';

/** Where the chart puts Traefik's pods: `namespaceOverride`, else the release's namespace (traefik.namespace). */
export function traefikNamespace(values: Values): string {
  return text(values.namespaceOverride) ?? RELEASE_NAMESPACE;
}

/**
 * The labels every Traefik pod carries (traefik/templates/_helpers.tpl, v20 to v41: `traefik.labelselector` is
 * `app.kubernetes.io/name` (`nameOverride`, else the chart's name) and `app.kubernetes.io/instance`
 * (`instanceLabelOverride`, else `<release>-<namespace>`); `traefik.labels` adds `app.kubernetes.io/managed-by: Helm`,
 * `helm.sh/chart` and `commonLabels`; the pod template adds `deployment.podLabels`). `helm.sh/chart` holds the chart's
 * version, which an item's rules need not know: any `traefik-*` value counts.
 */
export function podLabels(values: Values): Record<string, string> {
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': text(values.nameOverride) ?? RELEASE,
    'app.kubernetes.io/instance': text(values.instanceLabelOverride) ?? `${RELEASE}-${traefikNamespace(values)}`,
    'app.kubernetes.io/managed-by': 'Helm',
  };
  const deployment = isMap(values.deployment) ? values.deployment : {};
  for (const extra of [values.commonLabels, deployment.podLabels]) {
    if (isMap(extra)) for (const [key, value] of Object.entries(extra)) if (typeof value === 'string') labels[key] = value;
  }
  return labels;
}

/** The name of Traefik's Deployment or DaemonSet (traefik.fullname, for release `traefik`). */
export function workloadName(values: Values): string {
  const full = text(values.fullnameOverride);
  if (full) return full.slice(0, 63).replace(/-+$/, '');
  const name = text(values.nameOverride) ?? RELEASE;
  return RELEASE.includes(name) ? RELEASE : `${RELEASE}-${name}`.slice(0, 63).replace(/-+$/, '');
}

/**
 * The labels the workload's controller adds to each pod, whose values it derives and no rule can know: a
 * Deployment's ReplicaSets add `pod-template-hash` (k8s.io/kubernetes pkg/controller/deployment/sync.go), a
 * DaemonSet adds `controller-revision-hash` and `pod-template-generation` (pkg/controller/daemon/util). An unknown
 * `deployment.kind` gets both sets.
 */
export function controllerLabels(values: Values): string[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const kind = deployment.kind ?? 'Deployment';
  const daemonSet = ['controller-revision-hash', 'pod-template-generation'];
  if (kind === 'Deployment') return ['pod-template-hash'];
  return kind === 'DaemonSet' ? daemonSet : ['pod-template-hash', ...daemonSet];
}

/**
 * Whether a label selector (matchLabels and matchExpressions, k8s.io/apimachinery LabelSelectorAsSelector) may select
 * a pod with `labels` and the controller's `unknown` ones. `helm.sh/chart` matches any `traefik-*` value; a
 * controller's label is present with a value this rule cannot know, so only DoesNotExist rules it out (an equality,
 * In or NotIn may match: it counts as matching). `empty` is what a selector with no requirement selects: every pod
 * for a policy/v1 budget, none for policy/v1beta1.
 */
export function selects(selector: unknown, labels: Record<string, string>, unknown: readonly string[], empty: boolean): boolean {
  if (!isMap(selector)) return false;
  const has = (key: string) => Object.hasOwn(labels, key) || key === 'helm.sh/chart' || unknown.includes(key);
  const equals = (key: string, value: unknown) =>
    unknown.includes(key) || (key === 'helm.sh/chart' ? typeof value === 'string' && value.startsWith('traefik-') : labels[key] === value);
  const matchLabels = isMap(selector.matchLabels) ? Object.entries(selector.matchLabels) : [];
  const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isMap) : [];
  if (!matchLabels.length && !expressions.length) return empty;
  if (!matchLabels.every(([key, value]) => equals(key, value))) return false;
  return expressions.every(({ key, operator, values: list }) => {
    if (typeof key !== 'string') return false;
    const listed = Array.isArray(list) ? list : [];
    const inList = has(key) && listed.some((value) => equals(key, value));
    if (operator === 'In') return inList;
    if (operator === 'NotIn') return unknown.includes(key) || !inList;
    if (operator === 'Exists') return has(key);
    if (operator === 'DoesNotExist') return !has(key);
    return false;
  });
}

const where = (prefix: Path, ...keys: string[]) => formatPath([...prefix, 'values', ...keys]);

/**
 * A PodDisruptionBudget or HorizontalPodAutoscaler over Traefik's own pods: the chart's `podDisruptionBudget` and
 * `autoscaling` render the same objects, and this tool's rules hold those (a budget that lets no drain evict a pod,
 * more than one pod next to an ACME resolver); an item escapes them. A budget next to the chart's own also makes the
 * eviction API refuse every Traefik pod (k8s.io/kubernetes pkg/registry/core/pod/storage/eviction.go: "This pod has
 * more than one PodDisruptionBudget, which the eviction subresource does not support"). Either object acts only in
 * its own namespace; an item without a namespace lands in the release's, kube-system.
 */
export function traefikPodObjectProblem(item: Values, values: Values, prefix: Path): string | undefined {
  const { kind, apiVersion } = item;
  if (typeof apiVersion !== 'string') return undefined;
  const metadata = isMap(item.metadata) ? item.metadata : {};
  // An empty or null namespace is none: the object lands in the release's.
  if ((text(metadata.namespace) ?? RELEASE_NAMESPACE) !== traefikNamespace(values)) return undefined;
  const spec = isMap(item.spec) ? item.spec : {};
  const group = apiGroup(apiVersion);
  if (
    kind === 'PodDisruptionBudget' &&
    group === 'policy' &&
    selects(spec.selector, podLabels(values), controllerLabels(values), apiVersion !== 'policy/v1beta1')
  ) {
    return (
      "is a PodDisruptionBudget whose selector matches Traefik's pods, but a budget written in extraObjects escapes this tool's " +
      'disruption-budget rule (one that lets no drain evict a Traefik pod makes every node drain, and K3s upgrade, hang), and next to ' +
      "the chart's own budget (which this tool sets for 2 or more replicas) the eviction API refuses to evict a pod that two budgets " +
      `cover, so drains hang as well: remove the item, and set ${where(prefix, 'podDisruptionBudget')} instead`
    );
  }
  const target = isMap(spec.scaleTargetRef) ? spec.scaleTargetRef : {};
  if (
    kind === 'HorizontalPodAutoscaler' &&
    group === 'autoscaling' &&
    (target.kind === 'Deployment' || target.kind === 'DaemonSet') &&
    target.name === workloadName(values)
  ) {
    return (
      `is a HorizontalPodAutoscaler of Traefik's ${target.kind} ${target.name}, but one written in extraObjects escapes this tool's ` +
      'replica rules (more than one Traefik pod next to an ACME resolver, whose acme.json pods cannot share, is refused; the disruption ' +
      `budget follows the replicas): remove the item, and set ${where(prefix, 'autoscaling')} instead`
    );
  }
  // 69b-6: a KEDA ScaledObject makes that HorizontalPodAutoscaler itself (keda-hpa-<name>); its scaleTargetRef kind
  // defaults to Deployment (kedacore/keda apis/keda/v1alpha1/scaledobject_types.go ScaleTarget, docs keda.sh/docs/2.16/reference/scaledobject-spec).
  const kedaKind = target.kind ?? 'Deployment';
  if (
    kind === 'ScaledObject' &&
    group === 'keda.sh' &&
    (kedaKind === 'Deployment' || kedaKind === 'DaemonSet') &&
    target.name === workloadName(values)
  ) {
    return (
      `is a KEDA ScaledObject of Traefik's ${kedaKind} ${target.name}, which makes a HorizontalPodAutoscaler of it, but one written ` +
      "outside the chart's autoscaling escapes this tool's replica rules (more than one Traefik pod next to an ACME resolver, whose " +
      `acme.json pods cannot share, is refused; the disruption budget follows the replicas): remove the item, and set ${where(prefix, 'autoscaling')} instead`
    );
  }
  return undefined;
}

/** The workload kinds whose pods a controller of K3s starts (k8s.io/api core/v1, apps/v1, batch/v1). */
export const WORKLOADS: ReadonlySet<unknown> = new Set([
  'Pod',
  'Deployment',
  'DaemonSet',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
]);

/** The pod specs of a workload item: a Pod's own, a template's (Deployment, DaemonSet, Job...), a CronJob's job template's. */
export function podSpecs(item: Values): Array<{ spec: Values; at: string[] }> {
  const spec = isMap(item.spec) ? item.spec : {};
  if (item.kind === 'Pod') return [{ spec, at: ['spec'] }];
  const template =
    isMap(spec.template) && isMap(spec.template.spec) ? [{ spec: spec.template.spec, at: ['spec', 'template', 'spec'] }] : [];
  const job = isMap(spec.jobTemplate) && isMap(spec.jobTemplate.spec) ? spec.jobTemplate.spec : {};
  const cron =
    isMap(job.template) && isMap(job.template.spec)
      ? [{ spec: job.template.spec, at: ['spec', 'jobTemplate', 'spec', 'template', 'spec'] }]
      : [];
  return [...template, ...cron];
}

/**
 * Which kube-vip program an image reference runs, by its name with any registry, owner, tag or digest: kube-vip
 * (`kube-vip/kube-vip`, the older `plndr/kube-vip`, a mirror's `mirror/kube-vip` or `rancher/mirrored-kube-vip-kube-vip`,
 * and the `-iptables` build) or
 * kube-vip-cloud-provider (also the older `plndr/plndr-cloud-provider`).
 */
function kubeVipImage(image: unknown): 'kube-vip' | 'cloud-provider' | undefined {
  if (typeof image !== 'string') return undefined;
  const path = image.trim().toLowerCase().split('@')[0];
  const segments = path.split('/');
  // Rancher's mirrors flatten the path into the name (`rancher/mirrored-kube-vip-kube-vip-iptables`, 84a-17).
  const last = (segments.pop()?.split(':')[0] ?? '').replace(/^mirrored-kube-vip-/, '');
  // kube-vip's own names, under any owner: a registry mirror keeps the name, not always the path (`mirror/kube-vip`).
  if (last === 'kube-vip' || last === 'kube-vip-iptables') return 'kube-vip';
  if (last === 'kube-vip-cloud-provider') return 'cloud-provider';
  const owner = segments.pop() ?? '';
  if (!['kube-vip', 'kubevip', 'plndr'].includes(owner)) return undefined;
  return last === 'plndr-cloud-provider' ? 'cloud-provider' : undefined;
}

/** Why a container of `program` may not run where `written` says (extraObjects, or Traefik's own pods). */
function kubeVipMessage(program: 'kube-vip' | 'cloud-provider', prefix: Path, written: string): string {
  const declare =
    program === 'kube-vip'
      ? prefix.length
        ? 'kubeVip'
        : 'a KubeVipChart construct'
      : prefix.length
        ? 'kubeVip.services'
        : 'a KubeVipCloudProviderChart construct';
  const rules =
    program === 'kube-vip'
      ? 'kube-vip rules (version, VIPs, interface, leases and leader election), and it announces addresses next to the kube-vip this tool deploys'
      : 'IP-pool rules, and it hands out addresses next to the kube-vip-cloud-provider this tool deploys';
  return `runs ${program === 'kube-vip' ? 'kube-vip' : 'kube-vip-cloud-provider'}, but a copy written ${written} escapes this tool's ${rules}: declare it in ${declare} instead`;
}

/**
 * A workload that runs kube-vip or kube-vip-cloud-provider: a second copy announces addresses (or hands out pool
 * addresses) next to the one this tool deploys, outside every kubeVip rule. Returns the image's path and the message.
 */
export function kubeVipWorkloadProblem(item: Values, prefix: Path): { at: Array<string | number>; message: string } | undefined {
  for (const { spec, at } of podSpecs(item)) {
    for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
      const containers = Array.isArray(spec[list]) ? spec[list] : [];
      for (const [i, container] of containers.entries()) {
        const program = isMap(container) ? kubeVipImage(container.image) : undefined;
        if (program) return { at: [...at, list, i, 'image'], message: kubeVipMessage(program, prefix, 'in extraObjects') };
      }
    }
  }
  return undefined;
}

/**
 * kube-vip or kube-vip-cloud-provider among the user's containers in Traefik's own pods (`deployment.additionalContainers`
 * and `deployment.initContainers`, which the chart's pod template renders as written): a second copy, as in extraObjects.
 */
export function kubeVipSidecarProblems(values: Values, prefix: Path): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  return ['additionalContainers', 'initContainers'].flatMap((list) => {
    const containers = Array.isArray(deployment[list]) ? deployment[list] : [];
    return containers.flatMap((container: unknown, i: number) => {
      const program = isMap(container) ? kubeVipImage(container.image) : undefined;
      return program
        ? [
            {
              path: [...prefix, 'values', 'deployment', list, i, 'image'],
              message: kubeVipMessage(program, prefix, `in Traefik's own pods (deployment.${list})`),
            },
          ]
        : [];
    });
  });
}

/**
 * The controllers' objects that install manifests or a Helm chart from elsewhere, any version: helm-controller's
 * HelmChart and HelmChartConfig (helm.cattle.io, which K3s runs), Flux's HelmRelease and Kustomization
 * (helm.toolkit.fluxcd.io, kustomize.toolkit.fluxcd.io; Flux v1's helm.fluxcd.io), Argo CD's Application and
 * ApplicationSet (argoproj.io), Rancher Fleet's GitRepo, Bundle, BundleDeployment and HelmOp (HelmApp before Fleet
 * renamed it), Rancher's App and ManagedChart, the Flux Operator's ResourceSet, k0s' Chart and kapp-controller's App
 * and PackageInstall. The gitops key writes a Flux Kustomization or an Argo CD Application: the same job.
 */
const RELEASE_KINDS: ReadonlyArray<{ group: string; kinds: readonly string[]; what: string; applier: string }> = [
  { group: 'helm.cattle.io', kinds: ['HelmChart', 'HelmChartConfig'], what: 'a helm-controller', applier: 'K3s applies' },
  { group: 'helm.toolkit.fluxcd.io', kinds: ['HelmRelease'], what: 'a Flux', applier: 'Flux installs' },
  { group: 'helm.fluxcd.io', kinds: ['HelmRelease'], what: 'a Flux', applier: 'Flux installs' },
  { group: 'kustomize.toolkit.fluxcd.io', kinds: ['Kustomization'], what: 'a Flux', applier: 'Flux applies' },
  { group: 'argoproj.io', kinds: ['Application', 'ApplicationSet'], what: 'an Argo CD', applier: 'Argo CD installs' },
  {
    group: 'fleet.cattle.io',
    kinds: ['GitRepo', 'Bundle', 'BundleDeployment', 'HelmOp', 'HelmApp'],
    what: 'a Fleet',
    applier: 'Fleet applies',
  },
  { group: 'catalog.cattle.io', kinds: ['App'], what: 'a Rancher', applier: 'Rancher installs' },
  { group: 'management.cattle.io', kinds: ['ManagedChart'], what: 'a Rancher', applier: 'Rancher installs' },
  { group: 'fluxcd.controlplane.io', kinds: ['ResourceSet'], what: 'a Flux Operator', applier: 'the Flux Operator applies' },
  { group: 'helm.k0sproject.io', kinds: ['Chart'], what: 'a k0s', applier: 'k0s installs' },
  { group: 'kappctrl.k14s.io', kinds: ['App'], what: 'a kapp-controller', applier: 'kapp-controller applies' },
  { group: 'packaging.carvel.dev', kinds: ['PackageInstall'], what: 'a kapp-controller', applier: 'kapp-controller installs' },
];

/**
 * A release another controller installs from Traefik's release: a helm-controller HelmChart or HelmChartConfig, a
 * Flux HelmRelease, an Argo CD Application or ApplicationSet. Each installs outside this tool's rules, for the
 * components it declares first-class (cert-manager's version, which an older one would downgrade with its CRDs,
 * kube-vip, and Traefik's values).
 */
export function helmControllerProblem(item: Values, prefix: Path): string | undefined {
  const { kind, apiVersion } = item;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const release = RELEASE_KINDS.find((entry) => entry.group === apiGroup(apiVersion) && entry.kinds.includes(kind));
  if (!release) return undefined;
  const instead = prefix.length
    ? 'declare cert-manager in certManager, kube-vip in kubeVip, and change Traefik through the traefik keys'
    : 'use a CertManagerHelmChart construct for cert-manager, a KubeVipChart for kube-vip, and the TraefikHelmChartConfig props for Traefik';
  const gitops = release.group !== 'helm.cattle.io' && prefix.length ? ' (which the gitops key has Flux or Argo CD deploy as well)' : '';
  return (
    `is ${release.what} ${kind}, which ${release.applier} outside this tool's rules (the cert-manager version and its CRDs, ` +
    `kube-vip, Traefik's values and VIPs), and one the API server refuses fails the whole Traefik release: ${instead} ` +
    `(a release of any other application belongs beside this tool's manifests${gitops}, not in Traefik's release)`
  );
}

/**
 * The kinds Traefik's CRDs define, by API group, each served as v1alpha1 only (traefik/traefik-helm-chart traefik/crds/,
 * v22.3.0 to v41.3.0; K3s packages them as its traefik-crd chart). The union over those charts: an item is judged by
 * spelling, not by chart version. traefik.containo.us is in v22.3.0 to v27.0.2 (dropped in v28.0.0; before v22.3.0 the
 * only group); hub.traefik.io came in v28.1.0, with EdgeIngress until v28.2.0, APIAccess until v35.0.1, AIService,
 * APICatalogItem and ManagedSubscription from v33.1.0, APIBundle and APIPlan from v32.0.0, ManagedApplication from
 * v36.2.0, APIAuth and APIPortalAuth from v37.0.0, ContentItem and Uplink from v40.0.0; ServersTransportTCP from v23.2.0.
 */
export const TRAEFIK_CRD_KINDS: Readonly<Record<string, readonly string[]>> = {
  'traefik.io': [
    'IngressRoute',
    'IngressRouteTCP',
    'IngressRouteUDP',
    'Middleware',
    'MiddlewareTCP',
    'ServersTransport',
    'ServersTransportTCP',
    'TLSOption',
    'TLSStore',
    'TraefikService',
  ],
  'traefik.containo.us': [
    'IngressRoute',
    'IngressRouteTCP',
    'IngressRouteUDP',
    'Middleware',
    'MiddlewareTCP',
    'ServersTransport',
    'TLSOption',
    'TLSStore',
    'TraefikService',
  ],
  'hub.traefik.io': [
    'AccessControlPolicy',
    'AIService',
    'API',
    'APIAccess',
    'APIAuth',
    'APIBundle',
    'APICatalogItem',
    'APIPlan',
    'APIPortal',
    'APIPortalAuth',
    'APIRateLimit',
    'APIVersion',
    'ContentItem',
    'EdgeIngress',
    'ManagedApplication',
    'ManagedSubscription',
    'Uplink',
  ],
};
const TRAEFIK_CRD_VERSION = 'v1alpha1';

/** Why a Traefik CRD object must be spelt exactly: Helm maps each object to a resource by its group, version and kind. */
const UNMAPPED = 'and Helm maps group, version and kind exactly (or fails the whole Traefik release)';

/**
 * The group, kind or version of an object in one of Traefik's API groups (any letter case, blanks or dots around) that Traefik's CRDs do not
 * define, with where (the first of the three): as a core kind's misspelling is refused (validate/schemas.ts).
 */
export function traefikCrdProblem(item: Values): { at: Path; message: string } | undefined {
  const { apiVersion, kind } = item;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const written = apiGroup(apiVersion);
  // Blanks and dots around a group name no API server strips (`traefik.io.`, ` traefik.io`): a misspelling too.
  const normalised = written.toLowerCase().replace(/^[\s.]+|[\s.]+$/g, '');
  const group = Object.keys(TRAEFIK_CRD_KINDS).find((known) => known === normalised);
  if (!group) return undefined;
  const kinds = TRAEFIK_CRD_KINDS[group];
  const expected = `${group}/${TRAEFIK_CRD_VERSION}`;
  if (written !== group) {
    return {
      at: ['apiVersion'],
      // traefik.containo.us is Traefik v2's group only (charts before v28.0.0): the spelling to write on v3 is traefik.io (52b-4).
      message:
        group === 'traefik.containo.us'
          ? `is ${show(apiVersion)}, but Traefik v2's CRDs (charts before v28.0.0) define the API group ${group}, and Traefik v3's only traefik.io, ` +
            `${UNMAPPED}: check the spelling and write ${expected} on a Traefik v2 chart, traefik.io/${TRAEFIK_CRD_VERSION} on Traefik v3`
          : `is ${show(apiVersion)}, but Traefik's CRDs define the API group ${group}, ${UNMAPPED}: check the spelling and write ${expected}`,
    };
  }
  if (!kinds.includes(kind)) {
    const spelt = kinds.find((known) => known.toLowerCase() === kind.toLowerCase());
    const instead = spelt ? `write ${spelt}` : `the CRDs of ${group} define ${kinds.join(', ')}`;
    return {
      at: ['kind'],
      message: `is ${show(kind)}, which Traefik's CRDs do not define in ${group}, ${UNMAPPED}: check the spelling (${instead})`,
    };
  }
  if (apiVersion !== expected) {
    return {
      at: ['apiVersion'],
      message: `is ${show(apiVersion)}, but Traefik's CRDs serve ${kind} only as ${expected}, ${UNMAPPED}: write ${expected}`,
    };
  }
  return undefined;
}
