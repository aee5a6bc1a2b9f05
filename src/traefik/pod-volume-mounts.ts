import { Path, Problem, shownInSentence } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';

/** How a key that gives the chart no text is shown: null, missing, or an empty text. */
function emptyText(node: Values, key: string): string | undefined {
  if (!Object.hasOwn(node, key)) return 'missing';
  const value = node[key];
  if (value === null) return 'null';
  if (value === '') return '""';
  return undefined;
}

/**
 * The mount paths of Traefik's pod volumes that the API server refuses (ValidatePodSpec: every volumeMount needs a
 * `mountPath`), and `volumes[]` items the chart writes with no source, which the API server does not refuse but fills
 * with an empty folder (pkg/apis/core/v1/defaults.go SetDefaults_Volume: no source is an emptyDir), read in traefik/templates/_podtemplate.tpl at v20.1.1,
 * v30.0.0, v39.0.7, v39.0.8, v40.0.0 and v41.3.0: `mountPath: {{ .Values.persistence.path }}` (values.yaml default
 * `/data`; a null deletes it), `mountPath: {{ .Values.hub.tokenMountPath }}` when `hub.token` is set (from v39.0.8,
 * chart-versions.ts `hubTokenVolume`; default `/etc/secrets`), and for each `volumes[]` item `mountPath: {{ .mountPath }}`
 * (printed raw: a value that is no text is no path) and a source only for `eq .type "secret"` or `eq .type "configMap"` (exactly so,
 * in every version). `values` are the merged values.
 */
export function podVolumeMountProblems(
  values: Values,
  prefix: Path,
  { hubTokenVolume }: Pick<TraefikChartRules, 'hubTokenVolume'>,
): Problem[] {
  const problems: Problem[] = [];
  const at = (...key: Path) => [...prefix, 'values', ...key];
  const persistence = isMap(values.persistence) ? values.persistence : {};
  const path = Object.hasOwn(persistence, 'path') ? emptyText(persistence, 'path') : undefined;
  if (path) {
    problems.push({
      path: at('persistence', 'path'),
      message:
        `is ${path === 'null' ? 'null, which deletes the chart\'s default "/data" (Helm drops a null value)' : path}, so the chart writes the ` +
        `persistence volume's mountPath empty, which the API server refuses, ${FAILS}: write a path such as /data, or remove the key`,
    });
  }
  const hub = isMap(values.hub) ? values.hub : {};
  const tokenPath =
    hubTokenVolume && goTruthy(hub.token) && Object.hasOwn(hub, 'tokenMountPath') ? emptyText(hub, 'tokenMountPath') : undefined;
  if (tokenPath) {
    problems.push({
      path: at('hub', 'tokenMountPath'),
      message:
        `is ${tokenPath === 'null' ? 'null, which deletes the chart\'s default "/etc/secrets" (Helm drops a null value)' : tokenPath}, so with hub.token set ` +
        `the chart writes the hub-token volume's mountPath empty, which the API server refuses, ${FAILS}: write a path such as /etc/secrets, or remove the key`,
    });
  }
  (Array.isArray(values.volumes) ? values.volumes : []).forEach((volume, i) => {
    if (!isMap(volume)) return;
    const mount = emptyText(volume, 'mountPath');
    if (mount) {
      problems.push({
        path: at('volumes', i, 'mountPath'),
        message: `is ${mount}, so the chart writes this volume's mountPath empty, which the API server refuses, ${FAILS}: write the folder to mount it at, such as /config`,
      });
    } else if (typeof volume.mountPath !== 'string') {
      // `mountPath: {{ .mountPath }}` prints a number or boolean as such, a list as a YAML list and a map as Go's `map[a:b]`.
      problems.push({
        path: at('volumes', i, 'mountPath'),
        message:
          `is ${shownInSentence(volume.mountPath)}, not a text, which the chart writes unquoted as this volume's mountPath (a map as Go's text ` +
          `"map[...]"), where the API server takes only the text of a folder, ${FAILS}: write the folder as a text, such as /config`,
      });
    }
    if (volume.type !== 'secret' && volume.type !== 'configMap') {
      const shown = !Object.hasOwn(volume, 'type') ? 'missing' : shownInSentence(volume.type);
      problems.push({
        path: at('volumes', i, 'type'),
        message:
          `is ${shown}, but the chart writes a volume source only for type "secret" or "configMap" (exactly so, case included), so this ` +
          `volume has none, and the API server makes it an empty folder (emptyDir), not the Secret or ConfigMap it names, which Traefik ` +
          `then finds empty: write type: secret or type: configMap, or use deployment.additionalVolumes`,
      });
    }
  });
  return problems;
}
