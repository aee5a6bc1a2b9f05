import type { Problem } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import { TRAEFIK_CHART_VERSION } from '../pins';
import { upstreamChartVersion } from '../traefik/chart-versions';
import { imageRelease } from '../traefik/image-release';
import { compareK3sVersions, compareVersions, parseK3sVersion, parseVersion } from '../semver';

/**
 * The upstream Traefik chart K3s releases bundle, for the releases whose chart is known: each row
 * covers `from` to `to` (both included) of one K3s line. Sources: the release notes
 * (github.com/k3s-io/k3s/releases/tag/<tag>) give the Traefik version a release ships; the chart is
 * the k3s-io/k3s-charts `charts/traefik/<version>/Chart.yaml` whose appVersion matches it (K3s may pin
 * a newer image on the same chart, e.g. Traefik 3.3.6 on chart 34.2.1+up34.2.0), or the chart the
 * notes name themselves ("upgrades Traefik chart to v40.x": 40.1.x+up40.1.0). A release between or
 * after the rows is not guessed: patches sometimes moved the chart by several majors.
 */
const BUNDLED: ReadonlyArray<{ from: string; to: string; chart: string }> = [
  // Traefik 2.11.10 (chart 27.0.201+up27.0.2).
  { from: 'v1.32.0+k3s1', to: 'v1.32.0+k3s1', chart: '27.0.2' },
  // First Traefik v3: 3.3.2 (34.2.1+up34.2.0), then 3.3.6 on the same chart.
  { from: 'v1.32.2+k3s1', to: 'v1.32.9+k3s1', chart: '34.2.0' },
  // Traefik 3.5.1 (37.1.1+up37.1.0).
  { from: 'v1.32.10+k3s1', to: 'v1.32.10+k3s1', chart: '37.1.0' },
  // Traefik 3.3.6.
  { from: 'v1.33.0+k3s1', to: 'v1.33.4+k3s1', chart: '34.2.0' },
  { from: 'v1.34.1+k3s1', to: 'v1.34.1+k3s1', chart: '34.2.0' },
  { from: 'v1.34.2+k3s1', to: 'v1.34.2+k3s1', chart: '37.1.0' },
  { from: 'v1.35.0+k3s1', to: 'v1.35.0+k3s1', chart: '37.1.0' },
  // Traefik 3.6.9 (39.0.201+up39.0.2), 3.6.10 (39.0.501+up39.0.5).
  { from: 'v1.35.2+k3s1', to: 'v1.35.2+k3s1', chart: '39.0.2' },
  { from: 'v1.35.3+k3s1', to: 'v1.35.3+k3s1', chart: '39.0.5' },
  // Traefik 3.7.8 with the "upgrades Traefik chart to v40.x" notice, first in the July releases (v1.35.7, v1.36.3);
  // the June releases are left out: which chart they ship is not verified.
  { from: 'v1.35.7+k3s1', to: 'v1.35.8+k3s1', chart: '40.1.0' },
  { from: 'v1.36.3+k3s1', to: 'v1.36.4+k3s1', chart: '40.1.0' },
];

/** The upstream chart version `k3sVersion` bundles, or undefined when this tool does not know it. */
export function bundledTraefikChart(k3sVersion: string): string | undefined {
  const version = parseK3sVersion(k3sVersion);
  if (!version) return undefined;
  const within = (row: (typeof BUNDLED)[number]) =>
    compareK3sVersions(parseK3sVersion(row.from)!, version) <= 0 && compareK3sVersions(version, parseK3sVersion(row.to)!) <= 0;
  return BUNDLED.find(within)?.chart;
}

/**
 * The first K3s release with Traefik v3 (chart 34.2.1+up34.2.0): earlier ones, v1.32.1 and every older
 * line, bundle Traefik v2 (chart 27.x and older), which has no Gateway API provider (release notes,
 * github.com/k3s-io/k3s/releases/tag/v1.32.2+k3s1: Traefik 3.3.2; k3s-io/docs docs/networking/networking-services.md).
 */
export const FIRST_TRAEFIK_V3_K3S = 'v1.32.2+k3s1';

/** Whether a K3s release (a valid tag) bundles Traefik v2. */
export function bundlesTraefikV2(k3sVersion: string): boolean {
  const version = parseK3sVersion(k3sVersion);
  return !!version && compareK3sVersions(version, parseK3sVersion(FIRST_TRAEFIK_V3_K3S)!) < 0;
}

/**
 * The first Traefik v3 chart (traefik/traefik-helm-chart v28.0.0, "Traefik Proxy v3": its CHANGELOG.md and
 * Chart.yaml appVersion v3.0.0); every earlier chart deploys Traefik v2.
 */
const FIRST_TRAEFIK_V3_CHART = 28;

/**
 * 69b-15: why `chartVersion`, written beside a K3s release that bundles Traefik v2, cannot be what K3s runs: a v3
 * chart. A HelmChartConfig sets the values of K3s' bundled chart, never the chart itself (k3s-io/helm-controller
 * pkg/apis/helm.cattle.io/v1 HelmChartConfigSpec: valuesContent and failurePolicy only), so values written for a v3
 * chart (its resolver keys, its rule syntax) meet a v2 one. Undefined otherwise.
 */
export function traefikMajorProblem(k3sVersion: string | undefined, chartVersion: string): string | undefined {
  if (!k3sVersion || !bundlesTraefikV2(k3sVersion)) return undefined;
  if (parseVersion(upstreamChartVersion(chartVersion)).major < FIRST_TRAEFIK_V3_CHART) return undefined;
  const v2 = bundledTraefikChart(k3sVersion) ?? assumedTraefikV2Chart(k3sVersion);
  return (
    `"${chartVersion}" is a Traefik v3 chart, but K3s ${k3sVersion} bundles Traefik v2, and a HelmChartConfig sets the values of ` +
    'the bundled chart, never the chart: the values would follow a chart K3s does not run (resolvers under keys it ignores, v3 rules ' +
    `it refuses): write chartVersion: ${v2} (or what \`${READ_CHART}\` shows), or use K3s ${FIRST_TRAEFIK_V3_K3S} or newer`
  );
}

/**
 * 70b-13: the same through `image.tag` (traefik/image-release.ts, as the chart reads it): a Traefik v3 image on the v2
 * chart K3s bundles runs v3 under templates, RBAC and CRDs written for v2. Undefined otherwise (a v2 tag is fine).
 */
export function traefikImageMajorProblem(k3sVersion: string | undefined, values: Readonly<Record<string, unknown>>): string | undefined {
  if (!k3sVersion || !bundlesTraefikV2(k3sVersion)) return undefined;
  const release = imageRelease(values);
  if (release === undefined || release === 'no release' || release.major < 3) return undefined;
  return (
    `names Traefik ${release.tag}, but K3s ${k3sVersion} bundles Traefik v2, and a HelmChartConfig sets the values of the bundled ` +
    'chart, never the chart: Traefik v3 would run under the templates, RBAC and CRDs of a Traefik v2 chart: ' +
    `remove image.tag (or name a v2 release), or use K3s ${FIRST_TRAEFIK_V3_K3S} or newer`
  );
}

const READ_CHART = "kubectl -n kube-system get helmchart traefik -o jsonpath='{.spec.chart}'";

/**
 * 68b-17: the chart an unlisted K3s release before FIRST_TRAEFIK_V3_K3S is judged by: the newest Traefik v2 chart of the
 * table, as its Traefik is v2 (the default chart, v3's, would refuse its traefik.containo.us objects and pass v3-only
 * rules); undefined for a release from FIRST_TRAEFIK_V3_K3S on, which follows the default chart.
 */
function assumedTraefikV2Chart(k3sVersion: string): string | undefined {
  if (!bundlesTraefikV2(k3sVersion)) return undefined;
  const first = parseK3sVersion(FIRST_TRAEFIK_V3_K3S)!;
  const v2 = BUNDLED.filter((row) => compareK3sVersions(parseK3sVersion(row.to)!, first) < 0).map((row) => parseVersion(row.chart));
  return v2.sort(compareVersions).at(-1)?.tag.slice(1);
}

/**
 * `k3s.version` decides `traefik.chartVersion` when the config does not: `input` is the config as
 * written (to tell an explicit chart version from the default), `config` the validated one.
 */
export function applyBundledTraefikChart(input: unknown, config: ClusterConfig): { config: ClusterConfig; warnings: Problem[] } {
  const k3sVersion = config.k3s.version;
  if (!k3sVersion) return { config, warnings: [] };
  const written = (input as { traefik?: { chartVersion?: unknown } } | null)?.traefik?.chartVersion;
  const bundled = bundledTraefikChart(k3sVersion);
  if (written === undefined && bundled) {
    return { config: { ...config, traefik: { ...config.traefik, chartVersion: bundled } }, warnings: [] };
  }
  const assumed = written === undefined ? assumedTraefikV2Chart(k3sVersion) : undefined;
  if (assumed) {
    return {
      config: { ...config, traefik: { ...config.traefik, chartVersion: assumed } },
      warnings: [
        {
          path: ['k3s', 'version'],
          message:
            `this tool does not know which Traefik chart K3s ${k3sVersion} bundles; K3s before ${FIRST_TRAEFIK_V3_K3S} bundles Traefik v2, so ` +
            `the Traefik values follow chart ${assumed}, the newest Traefik v2 chart this tool knows K3s to bundle (older lines may bundle an ` +
            `older one): set traefik.chartVersion to what \`${READ_CHART}\` shows`,
        },
      ],
    };
  }
  if (written === undefined) {
    return {
      config,
      warnings: [
        {
          path: ['k3s', 'version'],
          message:
            `this tool does not know which Traefik chart K3s ${k3sVersion} bundles, so the Traefik values follow the default ` +
            `chart ${TRAEFIK_CHART_VERSION}: set traefik.chartVersion to what \`${READ_CHART}\` shows`,
        },
      ],
    };
  }
  // A v3 chart on a v2 K3s is refused (traefikMajorProblem, k3s/version-rules.ts): no second word here.
  const majorProblem = traefikMajorProblem(k3sVersion, config.traefik.chartVersion);
  if (bundled && !majorProblem && upstreamChartVersion(config.traefik.chartVersion) !== bundled) {
    return {
      config,
      warnings: [
        {
          path: ['traefik', 'chartVersion'],
          message:
            `"${config.traefik.chartVersion}" is not the Traefik chart K3s ${k3sVersion} bundles (${bundled}), and the values follow ` +
            `"${config.traefik.chartVersion}": remove traefik.chartVersion to follow k3s.version, or check with \`${READ_CHART}\``,
        },
      ],
    };
  }
  return { config, warnings: [] };
}
