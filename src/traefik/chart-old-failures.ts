import type { Path, Problem } from '../core/problem';
import { shownValue } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { compareVersions, parseVersion, Version } from '../semver';
import { goTruthy as truthy } from './go-truth';
import { imageRelease } from './image-release';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
type Source = <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>;
const valueAt = (values: unknown, path: readonly string[]) =>
  path.reduce<unknown>((node, key) => (isMap(node) && Object.hasOwn(node, key) ? node[key] : undefined), values);
const inRange = (chart: Version, since: string, until: string) =>
  compareVersions(parseVersion(since), chart) <= 0 && compareVersions(chart, parseVersion(until)) < 0;

/**
 * Whether the chart deploys Traefik v2, as its v3-only `fail`s judge it (traefik/traefik-helm-chart
 * traefik/templates/_podtemplate.tpl): v20.8.0 to v23.1.0 `eq ($.Values.experimental.v3.enabled | toString) "false"`
 * (the chart's default is false); v23.2.0 to v27.0.2 `semverCompare "<3.0.0-0"` of `image.tag`, else the chart's
 * appVersion, a Traefik v2 at each of those tags (and K3s pins a v2 image on them, src/k3s/bundled-traefik.ts).
 */
function traefikV2(values: Values, chart: Version): boolean {
  if (compareVersions(chart, parseVersion('v23.2.0')) < 0)
    return String(valueAt(values, ['experimental', 'v3', 'enabled']) ?? false) === 'false';
  // As before 81b-4 on these old charts: with versionOverride the tag is not read, and the chart's v2 default stands.
  const release = values.versionOverride ? undefined : imageRelease(values);
  return release === undefined || (typeof release === 'object' && release.major < 3);
}

/**
 * `fail`s of the charts before v34.0.0 that later charts dropped (scripts/chart-reads.js --fails over v20.1.1 to v33.2.1):
 * the Traefik v3-only features on a Traefik v2 image (v20.8.0 to v27.0.2), deployment.yaml's map check on
 * `experimental.plugins` (v26.0.0 to v31.0.0) and _podtemplate.tpl's log level check (v30.0.0 to v31.0.0).
 */
export function oldChartFailures(values: Values, chart: Version, sourced: Source, chartName: string): Problem[] {
  const problems: Problem[] = [];
  const blame = (path: readonly string[], says: string, fix: string) => {
    const given = sourced(path, undefined);
    problems.push({ path: given.path, message: `is ${shownValue(given.value)}, and ${chartName} fails on it ("${says}"): ${fix}` });
  };
  if (inRange(chart, 'v20.8.0', 'v28.0.0') && traefikV2(values, chart)) {
    const fix = 'remove it, or use K3s v1.32.2+k3s1 or newer (Traefik v3) and its chart';
    for (const [name, port] of Object.entries(isMap(values.ports) ? values.ports : {})) {
      // `range $name, $config := .Values.ports`, `if $config`, `with $config.asDefault`.
      if (isMap(port) && truthy(port.asDefault))
        blame(['ports', name, 'asDefault'], 'Default entrypoints are only available on Traefik v3', fix);
    }
    const telemetry = [['metrics', 'openTelemetry'], ...(inRange(chart, 'v23.2.0', 'v28.0.0') ? [['tracing', 'openTelemetry']] : [])];
    for (const path of telemetry.filter((at) => truthy(valueAt(values, at)))) {
      blame(path, 'OpenTelemetry features are only available on Traefik v3', fix);
    }
  }
  const plugins = valueAt(values, ['experimental', 'plugins']);
  // `ne (typeOf .Values.experimental.plugins) "map[string]interface {}"`; a null is deleted-maps.ts' refusal.
  if (inRange(chart, 'v26.0.0', 'v31.1.0') && plugins !== undefined && plugins !== null && !isMap(plugins)) {
    blame(
      ['experimental', 'plugins'],
      '.Values.experimental.plugins should be a map',
      'give the plugins as a map of names to {moduleName, version}',
    );
  }
  // `with .Values.logs`, `if and .general.level (not (has (.general.level | upper) (list ...)))`.
  const level = valueAt(values, ['logs', 'general', 'level']);
  const levels = ['DEBUG', 'PANIC', 'FATAL', 'ERROR', 'WARN', 'INFO'];
  if (inRange(chart, 'v30.0.0', 'v31.1.0') && truthy(level) && !(typeof level === 'string' && levels.includes(level.toUpperCase()))) {
    blame(
      ['logs', 'general', 'level'],
      '.Values.logs.level must be DEBUG, PANIC, FATAL, ERROR, WARN, and INFO',
      `write one of ${levels.join(', ')}`,
    );
  }
  return problems;
}
