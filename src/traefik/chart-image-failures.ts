import { formatPath, Path, Problem, quotedText, shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { compareVersions, parseVersion, Version } from '../semver';
import { goTruthy as truthy } from './go-truth';
import { traefikChartRules } from './chart-versions';
import { chartVersionText, imageRelease } from './image-release';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
type Source = <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>;

/*
 * The Traefik releases a chart renders (their rows in chart-versions.ts), by chart version (templates/requirements.yaml): from v28.0.0 it fails "This
 * version of the Chart only supports Traefik Proxy v3" below v3.0.0; from v40.0.0 it reads Chart.yaml's annotations
 * `traefik.io/proxy-min-version` and `traefik.io/proxy-max-version` (traefik/Chart.yaml, read at every tag v40.0.0 to
 * v41.3.0: v3.6.0, and each tag's appVersion, below). From v41.0.0 it fails on a major above the maximum (`traefik.isMajorAboveMax`,
 * `>=<major+1>.0.0-0`, pre-releases too; a minor above is a NOTES.txt warning). Upstream v40.x also fails on any stable
 * version above the maximum, but K3s' package of the chart drops that check (k3s-io/k3s-charts
 * packages/traefik/generated-changes/patch/templates/requirements.yaml.patch, commit ac66da06), and K3s itself pins
 * Traefik 3.7.8 on chart 40.1.x (maximum v3.7.1): not judged.
 */

/** Which key trips a feature check, as the path of the value (undefined: none). */
type Trip = (values: Values) => readonly string[] | undefined;
const at = (values: unknown, path: readonly string[]) => path.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), values);
const split = (path: string) => path.split('.');
/** A Go-true value (sprig's `not (empty ...)` alike). */
const on =
  (...paths: string[]): Trip =>
  (values) =>
    paths.map(split).find((path) => truthy(at(values, path)));
const equal =
  (path: string, value: unknown): Trip =>
  (values) =>
    at(values, split(path)) === value ? split(path) : undefined;
/** `ne <value> nil`: any value given. */
const given =
  (...paths: string[]): Trip =>
  (values) =>
    paths.map(split).find((path) => at(values, path) !== undefined && at(values, path) !== null);
const either =
  (...trips: Trip[]): Trip =>
  (values) =>
    trips.map((trip) => trip(values)).find(Boolean);
/** The same check in `range $name, $config := .Values.<map>` (`ports`, `tlsOptions`). */
const each =
  (map: string, check: (...paths: string[]) => Trip, ...paths: string[]): Trip =>
  (values) =>
    Object.keys(isMap(values[map]) ? values[map] : {})
      .map((name) => check(...paths.map((path) => `${map}.${name}.${path}`))(values))
      .find(Boolean);
const ENCODED = ['Slash', 'BackSlash', 'NullCharacter', 'Semicolon', 'Percent', 'QuestionMark', 'Hash'];

/**
 * templates/requirements.yaml `if and (semverCompare "<vX-0" $version) <value>` fails "<feature> is only available for
 * traefik >= vX" (listed with `node scripts/chart-reads.js --fails`, conditions read at every tag v34.0.0 to v41.3.0).
 * `minimum` is vX without a pre-release: a tag naming a pre-release of it passes (the chart's `-ea.2`/`-rc.1` floors).
 * Left out: Traefik Hub's own floors, v40's "some Kubernetes Ingress NGINX provider options" (a dozen keys against
 * their defaults), and charts before v34.0.0. disableSessionTickets is templates/tlsoption.yaml's (v35.3.0 to v41.3.0).
 */
const FEATURE_FLOORS: ReadonlyArray<{ since: string; until?: string; minimum: string; fails: string; trip: Trip }> = [
  {
    since: '34.0.0',
    until: '40.0.0',
    minimum: '3.1.0',
    trip: on('tracing.safeQueryParams'),
    fails: 'safeQueryParams is a feature only available for traefik >= v3.1.0.',
  },
  {
    since: '34.0.0',
    until: '40.0.0',
    minimum: '3.2.0',
    trip: on('experimental.fastProxy.enabled'),
    fails: 'fastProxy is an experimental feature only available for traefik >= v3.2.0.',
  },
  {
    since: '34.0.0',
    until: '40.0.0',
    minimum: '3.2.0',
    trip: on('providers.kubernetesGateway.nativeLBByDefault'),
    fails: 'nativeLBByDefault has been introduced in Kubernetes Gateway provider in v3.2.0',
  },
  {
    since: '34.0.0',
    until: '40.0.0',
    minimum: '3.3.0',
    trip: on('experimental.abortOnPluginFailure'),
    fails: 'abortOnPluginFailure is an experimental feature only available for traefik >= v3.3.0.',
  },
  {
    since: '35.3.0',
    until: '40.0.0',
    minimum: '3.2.0',
    trip: on('metrics.otlp.serviceName'),
    fails: 'serviceName is a feature only available for traefik >= v3.2.0.',
  },
  {
    since: '35.3.0',
    minimum: '3.4.0',
    trip: each('tlsOptions', on, 'disableSessionTickets'),
    fails: 'disableSessionTickets is a feature only available for traefik >= v3.4.0.',
  },
  {
    since: '37.0.0',
    until: '40.0.0',
    minimum: '3.5.0',
    trip: on('providers.kubernetesIngress.strictPrefixMatching'),
    fails: 'strictPrefixMatching is a feature only available for traefik >= v3.5.0.',
  },
  {
    since: '37.1.1',
    until: '40.0.0',
    minimum: '3.5.2',
    trip: equal('logs.access.format', 'genericCLF'),
    fails: 'genericCLF is an accesslog format option only available for traefik >= v3.5.2.',
  },
  {
    since: '37.2.0',
    until: '40.0.0',
    minimum: '3.5.3',
    trip: on('metrics.otlp.resourceAttributes'),
    fails: 'resourceAttributes with otlp on metrics is a feature only available for traefik >= v3.5.3.',
  },
  {
    since: '37.2.0',
    until: '40.0.0',
    minimum: '3.3.0',
    trip: on('logs.general.otlp.enabled'),
    fails: 'otlp on logs is a feature only available for traefik >= v3.3.0.',
  },
  {
    since: '37.2.0',
    until: '40.0.0',
    minimum: '3.3.0',
    trip: on('logs.access.otlp.enabled'),
    fails: 'otlp on access logs is a feature only available for traefik >= v3.3.0.',
  },
  {
    since: '37.2.0',
    until: '40.0.0',
    minimum: '3.3.0',
    trip: each('ports', given, ...['accessLogs', 'metrics', 'tracing', 'tracingVerbosity'].map((key) => `observability.${key}`)),
    fails: 'per entrypoint observability is a feature only available for traefik >= v3.3.0.',
  },
  {
    since: '37.2.0',
    until: '40.0.0',
    minimum: '3.5.0',
    trip: each('ports', given, 'observability.traceVerbosity'),
    fails: 'traceVerbosity is a feature only available for traefik >= v3.5.0.',
  },
  {
    since: '37.3.0',
    until: '40.0.0',
    minimum: '3.6.0',
    trip: on('experimental.knative'),
    fails: 'Knative provider is an experimental feature only available for traefik >= v3.6.0.',
  },
  {
    since: '37.4.0',
    until: '40.0.0',
    minimum: '3.6.2',
    trip: on('providers.kubernetesIngressNginx.enabled'),
    fails: 'Kubernetes Ingress NGINX provider is only available for traefik >= v3.6.2.',
  },
  {
    since: '40.0.0',
    minimum: '3.6.2',
    trip: on('providers.kubernetesIngressNGINX.enabled'),
    fails: 'Kubernetes Ingress NGINX provider is only available for traefik >= v3.6.2.',
  },
  {
    since: '38.0.0',
    minimum: '3.6.4',
    trip: either(
      equal('ports.websecure.http.sanitizePath', false),
      on(...ENCODED.map((name) => `ports.websecure.http.encodedCharacters.allowEncoded${name}`)),
    ),
    fails: 'request path security options are only available for traefik >= v3.6.4.',
  },
  {
    since: '40.0.0',
    minimum: '3.7.0',
    trip: given('providers.kubernetesIngressNGINX.strictValidatePathType'),
    fails: 'Kubernetes Ingress NGINX provider strictValidatePathType option requires traefik >= v3.7.0-ea.2.',
  },
  {
    since: '40.0.0',
    minimum: '3.7.0',
    trip: on('providers.precedence'),
    fails: 'providers.precedence option requires traefik >= v3.7.0-rc.1.',
  },
  {
    since: '40.0.0',
    minimum: '3.7.0',
    trip: on('providers.kubernetesIngressNGINX.globalAuthUrl'),
    fails: 'Kubernetes Ingress NGINX provider globalAuthUrl option requires traefik >= v3.7.0-rc.1.',
  },
  {
    since: '40.0.0',
    until: '41.0.0',
    minimum: '3.7.0',
    trip: on('logs.access.dualOutput'),
    fails: 'accesslog.dualOutput is only available for traefik >= v3.7.0.',
  },
  {
    since: '41.0.0',
    minimum: '3.7.0',
    trip: on('accessLog.dualOutput'),
    fails: 'accesslog.dualOutput is only available for traefik >= v3.7.0.',
  },
  {
    since: '40.0.0',
    minimum: '3.7.0',
    trip: on('global.notAppendXForwardedFor'),
    fails: 'global.notAppendXForwardedFor is only available for traefik >= v3.7.0.',
  },
  {
    since: '40.0.0',
    minimum: '3.7.0',
    trip: each('ports', on, 'forwardedHeaders.notAppendXForwardedFor'),
    fails: 'forwardedHeaders.notAppendXForwardedFor is only available for traefik >= v3.7.0.',
  },
  {
    since: '40.2.0',
    minimum: '3.7.1',
    trip: on(...['CRD', 'Ingress', 'Gateway'].map((name) => `providers.kubernetes${name}.crossProviderNamespaces`)),
    fails: 'providers.kubernetes{CRD,Ingress,Gateway}.crossProviderNamespaces is only available for traefik >= v3.7.1',
  },
  {
    since: '40.3.0',
    minimum: '3.7.3',
    trip: on('providers.kubernetesGateway.qps', 'providers.kubernetesGateway.burst'),
    fails: 'providers.kubernetesGateway.qps and .burst are only available for traefik >= v3.7.3.',
  },
  {
    since: '40.3.0',
    until: '41.0.0',
    minimum: '3.7.3',
    trip: on('logs.access.fields.queryParameters.defaultmode'),
    fails: 'accesslog.fields.queryParameters.defaultmode is only available for traefik >= v3.7.3.',
  },
  {
    since: '41.0.0',
    minimum: '3.7.3',
    trip: on('accessLog.fields.queryParameters.defaultMode'),
    fails: 'accesslog.fields.queryParameters.defaultmode is only available for traefik >= v3.7.3.',
  },
  {
    since: '41.0.2',
    minimum: '3.7.6',
    trip: each('ports', on, 'http.underscoreHeadersStrategy'),
    fails: 'http.underscoreHeadersStrategy is only available for traefik >= v3.7.6.',
  },
  {
    since: '41.3.0',
    minimum: '3.7.11',
    trip: equal('providers.kubernetesCRD.safeNaming', true),
    fails: 'providers.kubernetesCRD.safeNaming is only available for traefik >= v3.7.11.',
  },
  {
    since: '41.3.0',
    minimum: '3.7.11',
    trip: on('providers.kubernetesCRD.defaultTLSResourcesNamespace'),
    fails: 'providers.kubernetesCRD.defaultTLSResourcesNamespace is only available for traefik >= v3.7.11.',
  },
  {
    since: '41.3.0',
    minimum: '3.7.11',
    trip: on('core.strictTLSOptions'),
    fails: 'core.strictTLSOptions is only available for traefik >= v3.7.11.',
  },
];

const inRange = (chart: Version, row: { since: string; until?: string }): boolean =>
  compareVersions(parseVersion(row.since), chart) <= 0 && (!row.until || compareVersions(chart, parseVersion(row.until)) < 0);

/**
 * The chart's checks of the Traefik release it renders: `image.tag` when it names one (K3s otherwise pins an image its
 * chart renders, with every feature the chart knows), against the chart's range and each feature's floor.
 */
export function imageFailures(values: Values, chart: Version, chartName: string, sourced: Source): Problem[] {
  const image = isMap(values.image) ? values.image : {};
  const tag = sourced(['image', 'tag'], image.tag);
  const release = imageRelease(values);
  const { imageMinimum, imageMaximum } = traefikChartRules(chart);
  const instead = 'remove the key (K3s pins a matching image), or use a chart that matches the image';
  if (values.versionOverride) return overriddenImageFailures(values, chartName, imageMinimum, tag.path);
  if (release === 'no release' && imageMinimum) {
    return [
      {
        path: tag.path,
        message:
          `is ${typeof image.tag === 'string' ? quotedText(image.tag, () => false, '') : shownValue(image.tag)}, which names no Traefik release, and ${chartName} reads the Traefik version from the tag ` +
          '(its version check fails on it): write a release such as "v3.6.2", or remove the key (K3s pins one)',
      },
    ];
  }
  if (typeof release !== 'object') return [];
  const problem = (why: string): Problem[] => [
    { path: tag.path, message: `is ${shownValue(image.tag)}, but ${chartName} ${why}: ${instead}` },
  ];
  const { rbacMaximum } = traefikChartRules(chart);
  if (rbacMaximum && compareVersions(release, parseVersion(rbacMaximum)) > 0) {
    return problem(
      `grants Traefik no EndpointSlices nor Nodes in its ClusterRole, which Traefik v3.1 and newer list, so its Kubernetes providers fail and ` +
        'every Ingress is ignored (k3s-io/k3s#10934); Traefik chart v30.0.0 or newer grants them',
    );
  }
  if (imageMinimum && compareVersions(release, parseVersion(imageMinimum)) < 0) {
    return problem(`renders only Traefik v${imageMinimum} or newer ("This version of the Chart only supports Traefik Proxy ...")`);
  }
  const maximum = imageMaximum ? parseVersion(imageMaximum) : undefined;
  const text = chartVersionText(image.tag as string);
  if (maximum && release.major > maximum.major) {
    return problem(
      `renders no Traefik of a major version above ${maximum.major} ("This Chart does not support Traefik Proxy ${text}, which is a major version above the supported ${maximum.tag}.")`,
    );
  }
  return FEATURE_FLOORS.filter((row) => inRange(chart, row) && compareVersions(release, parseVersion(row.minimum)) < 0).flatMap((row) => {
    const path = row.trip(values);
    if (!path) return [];
    const value = sourced(path, at(values, path));
    return [
      {
        path: value.path,
        message:
          `is ${shownValue(value.value)}, but ${formatPath(tag.path)} ${shownValue(image.tag)} makes ${chartName} render Traefik ${release.tag}, ` +
          `and the chart fails on it ("${row.fails}"): remove the key, or pin Traefik v${row.minimum} or newer (or drop image.tag: K3s pins a matching image)`,
      },
    ];
  });
}

/**
 * 81b-4: with `versionOverride` the chart's version checks read it instead of the tag (`traefik.proxyVersion`), so the
 * chart renders, but the pod still runs `image.tag`'s Traefik: one below the chart's minimum runs under flags, RBAC and
 * CRDs written for a newer Traefik, as the chart's own check exists to prevent.
 */
function overriddenImageFailures(values: Values, chartName: string, imageMinimum: string | undefined, tagPath: Path): Problem[] {
  const release = imageRelease(values);
  if (typeof release !== 'object' || !imageMinimum || compareVersions(release, parseVersion(imageMinimum)) >= 0) return [];
  return [
    {
      path: tagPath,
      message:
        `is ${shownValue((values.image as Values).tag)}, so the pod runs Traefik ${release.tag}, but ${chartName} renders only Traefik v${imageMinimum} or newer; ` +
        `versionOverride ${shownValue(values.versionOverride)} changes only the version the chart's templates believe, not the image: ` +
        'remove both keys (K3s pins a matching image), or pin a matching image',
    },
  ];
}
