import { CERT_MANAGER_HELM_CHART } from '../cert-manager/names';
import { isMap } from '../core/is-map';
import { identityText } from '../core/object-identity';
import { helmControllerProblem } from '../traefik/extra-object-rules';
import { FIXED_OBJECTS } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';
import { AppObject, where } from './construct-app-objects';

type Values = Record<string, unknown>;

/**
 * The charts of the components this tool installs itself, by the name each chart carries (its Chart.yaml `name`):
 * traefik/traefik-helm-chart `traefik`, cert-manager/cert-manager deploy/charts `cert-manager`, kube-vip/helm-charts
 * `kube-vip` and `kube-vip-cloud-provider`. Compared whole (round 68): `traefik-dashboards` or `cert-manager-csi-driver`
 * is another chart, and so is `traefik-crds` (traefik-helm-chart's CRDs-only chart, like K3s' own `traefik-crd`): it
 * installs the CRDs, no Traefik, Service or VIP, so it is no second Traefik release.
 */
const OWN_CHARTS = new Set(['traefik', 'cert-manager', 'kube-vip', 'kube-vip-cloud-provider']);
/** The release objects this tool writes itself: a duplicate of one is said by identityFindings. */
const OWN_RELEASES = new Set([FIXED_OBJECTS.find((o) => o.startsWith('HelmChartConfig ')), identityText(CERT_MANAGER_HELM_CHART)]);

/**
 * The chart a source names by its last segment (split, not a trailing-slash regex: linear on a long run of slashes), `.`
 * segments aside: `oci://ghcr.io/traefik/helm/traefik` and `charts/traefik/` -> `traefik`, `.../traefik-helm-chart.git`
 * -> `traefik-helm-chart`, and a packaged chart `<name>-<version>.tgz` (helm package; K3s' HelmCharts point at
 * `.../traefik-crd-25.0.3+up25.0.0.tgz`) -> its name. Undefined for a source that names none (`.`).
 */
function chartName(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const last = text
    .split('/')
    .filter((segment) => segment && segment !== '.')
    .pop();
  if (last === undefined) return undefined;
  const name = last.replace(/\.git$/i, '');
  const packaged = /\.tgz$/i.test(name) ? /-v?\d/.exec(name) : null;
  return packaged ? name.slice(0, packaged.index) : name;
}

/**
 * What an Argo CD source deploys: its `chart` (a Helm repository's or OCI registry's), else the folder `path` names,
 * else the repository's root (an OCI artifact `oci://…/traefik` included) unless the source is a `ref` that only lends
 * values files to the others (argoproj/argo-cd#11770: a source with neither path nor chart renders no manifests).
 */
function argoSourceChart(source: Values): string | undefined {
  return chartName(source.chart) ?? chartName(source.path) ?? (source.ref === undefined ? chartName(source.repoURL) : undefined);
}

/**
 * The charts a release object deploys, read where its controller takes them: a helm-controller HelmChart's (or Rancher
 * ManagedChart's) `spec.chart`; a Flux HelmRelease's `spec.chart.spec.chart` (a name, or a path in a Git source), its
 * v1 (helm.fluxcd.io) `spec.chart.name`/`path`, and (66b-7) its `spec.chartRef`; an Argo CD Application's
 * `spec.source(s)`, an ApplicationSet's `spec.template.spec.source(s)`; a Rancher App's `spec.chart.metadata.name`, a
 * k0s Chart's `spec.chartName`, a Fleet HelmOp's or Bundle's `spec.helm.chart`. None read: the object's name stands for
 * it (a HelmChartConfig configures the HelmChart of its name; a HelmChart given as `chartContent`; the other kinds).
 */
function deployedCharts(object: Values, all: readonly AppObject[]): string[] {
  const metadata = isMap(object.metadata) ? object.metadata : {};
  const spec = isMap(object.spec) ? object.spec : {};
  const template = isMap(spec.template) && isMap(spec.template.spec) ? spec.template.spec : {};
  const chart = isMap(spec.chart) ? spec.chart : {};
  const argo = [spec, template].flatMap((s) => [s.source, ...(Array.isArray(s.sources) ? s.sources : [])]).filter(isMap);
  const charts = [
    chartName(spec.chart),
    isMap(chart.spec) ? chartName(chart.spec.chart) : undefined,
    chartName(chart.name) ?? chartName(chart.path),
    isMap(chart.metadata) ? chartName(chart.metadata.name) : undefined,
    chartName(spec.chartName),
    isMap(spec.helm) ? chartName(spec.helm.chart) : undefined,
    ...argo.map(argoSourceChart),
    ...chartRefCharts(spec.chartRef, metadata.namespace, all),
  ].filter((name): name is string => name !== undefined);
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  return charts.length ? charts : name === undefined ? [] : [name];
}

/**
 * A release object (helm-controller HelmChart or HelmChartConfig, Flux HelmRelease, Argo CD Application, ...,
 * extra-object-rules.ts helmControllerProblem) that deploys Traefik's, cert-manager's or kube-vip's chart: it installs
 * one of them outside this tool's rules (c2 hcCustom: an upstream Traefik with a LoadBalancer Service kube-vip serves).
 * A release of any other chart is not judged: it belongs beside this tool's objects.
 */
export function releaseFindings(objects: readonly AppObject[], all: readonly AppObject[]): string[] {
  return objects.flatMap((o) => {
    if (helmControllerProblem(o.object, []) === undefined) return [];
    const metadata = isMap(o.object.metadata) ? o.object.metadata : {};
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'kube-system';
    if (OWN_RELEASES.has(identityText({ kind: String(o.object.kind), namespace, name: String(metadata.name) }))) return [];
    if (!deployedCharts(o.object, all).some((chart) => OWN_CHARTS.has(chart.toLowerCase()))) return [];
    return [
      `${where(o)}: is a release of Traefik, cert-manager or kube-vip, which installs outside this tool's rules (the ` +
        "cert-manager version and its CRDs, kube-vip, Traefik's values and VIPs): use a CertManagerHelmChart for cert-manager, " +
        'a KubeVipChart for kube-vip, and the TraefikHelmChartConfig props (or K3sVipCluster traefik) for Traefik',
    ];
  });
}

/**
 * A Flux `chartRef`'s chart (fluxcd/helm-controller api/v2 `CrossNamespaceSourceReference`, namespace defaulting to the
 * HelmRelease's): the `url` of the app's OCIRepository or the `chart` of its HelmChart it names, else (a source kept
 * outside the app) the source's name.
 */
function chartRefCharts(ref: unknown, namespace: unknown, all: readonly AppObject[]): Array<string | undefined> {
  if (!isMap(ref)) return [];
  const inNamespace = typeof ref.namespace === 'string' && ref.namespace ? ref.namespace : namespace;
  const source = all.find(({ object }) => {
    const metadata = isMap(object.metadata) ? object.metadata : {};
    return (
      typeof object.apiVersion === 'string' &&
      apiGroup(object.apiVersion) === 'source.toolkit.fluxcd.io' &&
      object.kind === ref.kind &&
      metadata.name === ref.name &&
      (metadata.namespace ?? 'default') === (inNamespace ?? 'default')
    );
  });
  if (!source) return [chartName(ref.name)];
  const spec: Values = isMap(source.object.spec) ? source.object.spec : {};
  return [chartName(spec.url) ?? chartName(spec.chart)];
}
