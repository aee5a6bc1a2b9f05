import type { Path, Problem } from '../core/problem';
import type { Sourced } from '../load-balancer/deployed';
import { isMap } from '../core/is-map';

/**
 * The keys of the chart's `readinessProbe` and `livenessProbe` maps, the same at every tag v20.1.1 to v41.3.0
 * (traefik/traefik-helm-chart traefik/values.yaml; only their values and comments differ).
 */
const CHART_PROBE_KEYS = ['failureThreshold', 'initialDelaySeconds', 'periodSeconds', 'successThreshold', 'timeoutSeconds'];

/**
 * A probe map Helm leaves with nothing in it: a null on a key the chart's map holds deletes that default (Helm's coalesce,
 * helm/helm pkg/chartutil/coalesce.go `coalesceTablesFullKey`: `if dv, ok := dst[key]; ok && !merge && dv == nil { delete(dst, key) }`),
 * so nulls on all five keys leave `{}`, and a map holding only nulls renders nothing of use (newer Helm drops those nulls too).
 * The chart writes the map with toYaml, unguarded, inside the probe it opens itself, right after its own `httpGet:` block
 * (templates/_podtemplate.tpl, `{{- toYaml .Values.readinessProbe | nindent 10 }}`, every tag v20.1.1 to v41.3.0), so the
 * pod template gets a bare `{}` line there, which is no YAML, like the bare `null` line of a null probe (deleted-maps.ts).
 * The only such toYaml of a values key in the chart's templates (every other block sits under `with`/`if`, which skips an
 * empty map). A user map over the chart's is otherwise never empty: `livenessProbe: {}` keeps the chart's timings.
 */
export function emptiedProbeFailures(
  values: Readonly<Record<string, unknown>>,
  chartName: string,
  sourced: <T>(path: readonly string[], fallback: T, fallbackPath?: Path) => Sourced<T>,
): Problem[] {
  return ['readinessProbe', 'livenessProbe'].flatMap((key) => {
    const given = values[key];
    if (!isMap(given)) return [];
    const left = [...new Set([...CHART_PROBE_KEYS, ...Object.keys(given)])].filter((name) =>
      Object.hasOwn(given, name) ? given[name] !== null : true,
    );
    if (left.length) return [];
    return [
      {
        path: sourced([key], undefined).path,
        message:
          `sets every key to null, which deletes each of the chart's ${key} timings (Helm drops a null on a default), so ${chartName}'s pod ` +
          `template writes an empty map with toYaml inside the ${key} it opens itself, a bare "{}" line there, which is no YAML, and the ` +
          `whole Traefik release fails to install: remove the key to keep the chart's timings, or give the ones you mean to change a number`,
      },
    ];
  });
}
