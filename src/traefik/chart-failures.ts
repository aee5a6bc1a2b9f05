import { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { compareVersions, parseVersion, rulesFor, Version } from '../semver';

/**
 * Values the Traefik chart's own templates `fail` on, by upstream chart version: helm-controller's install
 * job then fails and K3s keeps the old Traefik (or none). Only conditions read in the templates of
 * traefik/traefik-helm-chart at every tag from v20.1.1 to v41.3.0 are listed; the values schema catches the rest.
 */
interface ChartFailures {
  /**
   * Oldest Traefik image the chart renders (`image.tag`, digest dropped), or none: templates/requirements.yaml
   * fails "This version of the Chart only supports Traefik Proxy v3" below v3.0.0 from v28.0.0 to v39.x, and
   * "only supports Traefik Proxy v3.6.0+" below the `traefik.io/proxy-min-version` annotation (v3.6.0 at
   * every tag v40.0.0 to v41.3.0) from v40.0.0.
   */
  readonly minimumImage?: string;
  /**
   * `ports.<name>.redirectTo` fails "redirectTo syntax has been removed in v34 of this Chart"
   * (templates/_podtemplate.tpl, v34.0.0 to v37.4.0; from v38.0.0 the values schema closes the port entries).
   */
  readonly redirectToRemoved: boolean;
}

/**
 * Two failures hold at every supported tag (templates/deployment.yaml and daemonset.yaml, v20.1.1 to v41.3.0):
 * `image.tag: latest` ("ERROR: latest tag should not be used"), and a DaemonSet with `hostNetwork: true`
 * whose RollingUpdate `maxUnavailable` is a number below 1 ("maxUnavailable should be greater than 1 when
 * using hostNetwork", "... than 0 ..." in newer tags; the chart's default is 0, traefik/values.yaml).
 */
const CHART_FAILURES: ReadonlyArray<{ since: string } & Partial<ChartFailures>> = [
  { since: '20.0.0', redirectToRemoved: false },
  { since: '28.0.0', minimumImage: '3.0.0' },
  { since: '34.0.0', redirectToRemoved: true },
  { since: '38.0.0', redirectToRemoved: false },
  { since: '40.0.0', minimumImage: '3.6.0' },
];

type Values = Record<string, unknown>;

/**
 * A count as the chart renders it: the templates write `minAvailable`, `maxUnavailable` and `maxSurge` unquoted
 * (`maxUnavailable: {{ .rollingUpdate.maxUnavailable }}` in deployment.yaml and daemonset.yaml,
 * `minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}` in poddisruptionbudget.yaml, v34.2.0 to v41.3.0),
 * so `"1"` reaches the API server as the integer 1. A text of decimal digits is read as that number (a leading
 * zero is left alone: YAML may read it as octal); anything else, a percentage too, stays as written.
 */
export function renderedCount(value: unknown): unknown {
  return typeof value === 'string' && /^(0|[1-9]\d{0,8})$/.test(value) ? Number(value) : value;
}

const isMap = (value: unknown): value is Values => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Where the merged `values` make the chart's templates fail, each at the key that supplied the value.
 * `sourced` finds that key; `kind` is the effective `deployment.kind`.
 */
export function chartFailures(
  values: Values,
  chart: Version,
  kind: Sourced<string>,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  const rules = rulesFor<ChartFailures>(CHART_FAILURES, chart);
  const chartName = `Traefik chart ${chart.tag.slice(1)}`;
  const problems: Problem[] = [];
  const image = isMap(values.image) ? values.image : {};
  if (image.tag === 'latest') {
    problems.push({
      path: sourced(['image', 'tag'], image.tag).path,
      message: `is "latest", which ${chartName} refuses to render ("latest tag should not be used"): pin a Traefik release, or remove the key (K3s pins one)`,
    });
  }
  const release = imageRelease(values);
  if (release === 'no release' && rules.minimumImage) {
    problems.push({
      path: sourced(['image', 'tag'], image.tag).path,
      message:
        `is ${JSON.stringify(image.tag)}, which names no Traefik release, and ${chartName} reads the Traefik version from the tag ` +
        '(its version check fails on it): write a release such as "v3.6.2", or remove the key (K3s pins one)',
    });
  }
  if (typeof release === 'object' && rules.minimumImage && compareVersions(release, parseVersion(rules.minimumImage)) < 0) {
    problems.push({
      path: sourced(['image', 'tag'], image.tag).path,
      message:
        `is ${JSON.stringify(image.tag)}, but ${chartName} renders only Traefik v${rules.minimumImage} or newer ` +
        `("This version of the Chart only supports Traefik Proxy ..."): remove the key (K3s pins a matching image), or use a chart that matches the image`,
    });
  }
  if (rules.redirectToRemoved) {
    const ports = isMap(values.ports) ? values.ports : {};
    for (const [name, port] of Object.entries(ports)) {
      if (!isMap(port) || !port.redirectTo) continue;
      problems.push({
        path: sourced(['ports', name, 'redirectTo'], undefined).path,
        message:
          `is set, but ${chartName} fails on it ("redirectTo syntax has been removed in v34 of this Chart"): ` +
          `use ports.${name}.redirections (or traefik.redirectToHttps)`,
      });
    }
  }
  // The chart's defaults (traefik/values.yaml): RollingUpdate with maxUnavailable 0.
  const strategy = isMap(values.updateStrategy) ? values.updateStrategy : {};
  const rolling = strategy.rollingUpdate === undefined ? {} : strategy.rollingUpdate;
  if (
    kind.value === 'DaemonSet' &&
    values.hostNetwork === true &&
    (strategy.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    isMap(rolling)
  ) {
    const maxUnavailable = renderedCount(rolling.maxUnavailable ?? 0);
    if (typeof maxUnavailable === 'number' && maxUnavailable < 1) {
      const given = sourced(['updateStrategy', 'rollingUpdate', 'maxUnavailable'], undefined, sourced(['hostNetwork'], true).path);
      problems.push({
        path: given.path,
        message:
          `${given.value === undefined ? "is true, and the chart's default updateStrategy.rollingUpdate.maxUnavailable is 0" : `is ${JSON.stringify(given.value)}`}, but a DaemonSet with hostNetwork cannot start a new pod before the old one ` +
          `frees its ports, and ${chartName} refuses it ("maxUnavailable should be greater than ... when using hostNetwork"): ` +
          'set traefik.values.updateStrategy.rollingUpdate.maxUnavailable: 1',
      });
    }
  }
  return problems;
}

/**
 * The Traefik release `image.tag` names, as the chart reads it (templates/_helpers.tpl `traefik.proxyVersion`, v39-v41;
 * `imageVersion` before): the digest cut off, `latest-` and `experimental-` prefixes dropped, missing minor or patch
 * read as 0; `no release` for a tag that names none. Undefined when the chart reads the version elsewhere (`versionOverride`, Traefik Hub, `oci_meta`, Azure
 * images) or the tag names no release.
 */
function imageRelease(values: Values): Version | 'no release' | undefined {
  const image = isMap(values.image) ? values.image : {};
  const elsewhere = [
    ['versionOverride'],
    ['hub', 'token'],
    ['hub', 'enabled'],
    ['oci_meta', 'enabled'],
    ['global', 'azure', 'enabled'],
  ].some((path) => !!path.reduce<unknown>((node, key) => (isMap(node) ? node[key] : undefined), values));
  if (elsewhere || typeof image.tag !== 'string') return undefined;
  const tag = image.tag.split('@')[0].replace('latest-', '').replace('experimental-', '');
  const match = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-|$)/.exec(tag);
  // `master` is read as the chart's own release (v28.1.0+); from v28.0.0 the version check fails on any other text:
  // sprig's semverCompare returns Masterminds/semver's parse error (Masterminds/sprig semver.go), and from v39.0.5
  // the helper fails "version %q is not supported" itself.
  if (!match) return tag.includes('master') || tag === '' ? undefined : 'no release';
  const [major, minor, patch] = [match[1], match[2] ?? '0', match[3] ?? '0'].map(Number);
  return { major, minor, patch, tag: `v${major}.${minor}.${patch}` };
}

/** The chart's supported `deployment.kind` values: deployment.yaml renders only "Deployment", daemonset.yaml only "DaemonSet". */
export const TRAEFIK_KINDS = ['Deployment', 'DaemonSet'] as const;
