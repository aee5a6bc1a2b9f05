import { CERT_MANAGER_HELM_CHART } from '../cert-manager/names';
import { isMap } from '../core/is-map';
import { identityText } from '../core/object-identity';
import { helmControllerProblem } from '../traefik/extra-object-rules';
import { FIXED_OBJECTS } from '../traefik/extra-objects';
import { apiGroup } from '../validate/kinds';
import { AppObject, where } from './construct-app-objects';

type Values = Record<string, unknown>;

/** The components this tool installs itself, by the names a release of them carries (its name, or the chart's). */
const OWN_COMPONENTS = /traefik|cert-manager|kube-vip/i;
/** The release objects this tool writes itself: a duplicate of one is said by identityFindings. */
const OWN_RELEASES = new Set([FIXED_OBJECTS.find((o) => o.startsWith('HelmChartConfig ')), identityText(CERT_MANAGER_HELM_CHART)]);

/** The last segment of a source URL or path (split, not a trailing-slash regex: linear on a long run of slashes) (`oci://ghcr.io/traefik/helm/traefik` -> `traefik`, `.../traefik-helm-chart.git`). */
const lastSegment = (text: unknown): unknown =>
  typeof text === 'string'
    ? text
        .split('/')
        .filter(Boolean)
        .pop()
        ?.replace(/\.git$/i, '')
    : undefined;

/**
 * A release object (helm-controller HelmChart or HelmChartConfig, Flux HelmRelease, Argo CD Application, ...,
 * extra-object-rules.ts helmControllerProblem) whose name or chart is Traefik's, cert-manager's or kube-vip's: it installs
 * one of them outside this tool's rules (c2 hcCustom: an upstream Traefik with a LoadBalancer Service kube-vip serves).
 * The chart is read where each controller takes it: `spec.chart`, Flux `spec.chart.spec.chart`, and (66b-7) Flux
 * `spec.chartRef` (its name, and the `url` or `chart` of the app's OCIRepository or HelmChart it names: fluxcd/helm-controller
 * api/v2 `CrossNamespaceSourceReference`, namespace defaulting to the HelmRelease's), Argo CD `source(s).chart`, and the
 * repository and folder a chart is read from (`repoURL`, `path`: https://github.com/traefik/traefik-helm-chart with
 * `path: traefik`), by their last segment. A release of any other application is not judged: it belongs beside this
 * tool's objects.
 */
export function releaseFindings(objects: readonly AppObject[], all: readonly AppObject[]): string[] {
  return objects.flatMap((o) => {
    if (helmControllerProblem(o.object, []) === undefined) return [];
    const metadata = isMap(o.object.metadata) ? o.object.metadata : {};
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : 'kube-system';
    if (OWN_RELEASES.has(identityText({ kind: String(o.object.kind), namespace, name: String(metadata.name) }))) return [];
    const spec = isMap(o.object.spec) ? o.object.spec : {};
    const flux = isMap(spec.chart) && isMap(spec.chart.spec) ? spec.chart.spec.chart : undefined;
    const argo = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])]
      .filter(isMap)
      .flatMap((s) => [s.chart, lastSegment(s.repoURL), lastSegment(s.path)]);
    const names = [metadata.name, spec.chart, flux, ...argo, ...chartRefNames(spec.chartRef, metadata.namespace, all)];
    if (!names.some((name) => typeof name === 'string' && OWN_COMPONENTS.test(name))) return [];
    return [
      `${where(o)}: is a release of Traefik, cert-manager or kube-vip, which installs outside this tool's rules (the ` +
        "cert-manager version and its CRDs, kube-vip, Traefik's values and VIPs): use a CertManagerHelmChart for cert-manager, " +
        'a KubeVipChart for kube-vip, and the TraefikHelmChartConfig props (or K3sVipCluster traefik) for Traefik',
    ];
  });
}

/** A Flux `chartRef`'s name, and the chart of the app's source object it names (OCIRepository `url`, HelmChart `chart`). */
function chartRefNames(ref: unknown, namespace: unknown, all: readonly AppObject[]): unknown[] {
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
  const spec: Values = source && isMap(source.object.spec) ? source.object.spec : {};
  return [ref.name, lastSegment(spec.url), spec.chart];
}
