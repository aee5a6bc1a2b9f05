import { Path, Problem, quotedText, shownInSentence } from '../core/problem';
import { descendingPathProblem, extraVolumeSources, secondSourceMessage, subPathProblems } from '../validate/mount-paths';
import { podVolumes, VolumeRules } from './pod-volumes';
import { isTemplated } from './service-facts';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const list = (node: Values, key: string): unknown[] => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []);
const FAILS = 'so the whole Traefik release fails to install';
const show = (text: string) => (text.length > 80 ? `(${quotedText(text, () => false, '')})` : quotedText(text, () => false, ''));
/** The blanks YAML drops around a plain scalar, which the chart writes unquoted (unquoted-scalar.ts judges them). */
const unblanked = (text: string) => text.replace(/^[ \t]+|[ \t]+$/g, '');

/**
 * The names of Traefik's pod volumes (pod-volumes.ts), or undefined when a name is a Helm template the chart renders
 * at install time (`volumes[].name` through tpl), or an additional volume's name is no text: then which names exist
 * is not known here.
 */
export function knownVolumeNames(values: Values, prefix: Path, rules: VolumeRules): string[] | undefined {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const given = [...list(values, 'volumes'), ...list(deployment, 'additionalVolumes')];
  if (given.some((volume) => isMap(volume) && (isTemplated(volume.name) || !['string', 'undefined'].includes(typeof volume.name))))
    return undefined;
  return [...new Set(podVolumes(values, prefix, rules).map((volume) => volume.name))];
}

/** What a key that must hold a text holds instead, for a message; undefined for a non-empty text. */
function notText(node: Values, key: string): string | undefined {
  if (!Object.hasOwn(node, key)) return 'missing';
  const value = node[key];
  if (typeof value === 'string') return value === '' ? '""' : undefined;
  return value === null ? 'null' : `${shownInSentence(value)}, not a text`;
}

interface MountScope {
  /** Below `values`: the mount list's key. */
  readonly at: Path;
  /** The container, for messages. */
  readonly container: string;
  /** The pod's volume names, when known. */
  readonly volumes?: readonly string[];
  /** Whether the chart renders the list through tpl (a templated value is left alone). */
  readonly templated: boolean;
}

/**
 * One container's mounts as the API server judges them (ValidateVolumeMounts, kubernetes/kubernetes
 * pkg/apis/core/validation/validation.go): each a map, with a name of a pod volume ("Required value", "Not found") and a
 * mountPath ("Required value"), both texts (the API server's decoder refuses another value), one mountPath once per
 * container ("must be unique"), and subPath and subPathExpr as mount-paths.ts says. `own` (Traefik's own container) leaves
 * what pod-volume-texts.ts judges there: items that are no map, names of no volume and one mountPath twice.
 */
function mountListProblems(mounts: unknown, scope: MountScope, prefix: Path, own = false): Problem[] {
  const problems: Problem[] = [];
  const at = (...key: Path) => [...prefix, 'values', ...scope.at, ...key];
  if (mounts === undefined || mounts === null) return problems;
  if (!Array.isArray(mounts)) {
    return [
      {
        path: at(),
        message: `is ${shownInSentence(mounts)}, not a list, but the chart writes it as the volumeMounts of ${scope.container}, which the API server refuses, ${FAILS}: write a list of mounts such as [{name: tmp, mountPath: /x}]`,
      },
    ];
  }
  const seen = new Map<string, number>();
  mounts.forEach((mount, j) => {
    if (!isMap(mount)) {
      if (own) return;
      problems.push({
        path: at(j),
        message: `is ${shownInSentence(mount)}, not a map, but the chart writes it as a volume mount of ${scope.container}, which the API server refuses, ${FAILS}: write a map such as {name: tmp, mountPath: /x}, or remove the item`,
      });
      return;
    }
    const left = (value: unknown) => scope.templated && isTemplated(value);
    const name = notText(mount, 'name');
    if (name)
      problems.push({
        path: at(j, 'name'),
        message: `is ${name}, but the API server requires the name of a pod volume as a text for each mount, ${FAILS}: name the volume to mount`,
      });
    else if (!own && scope.volumes && !left(mount.name) && !scope.volumes.includes(mount.name as string))
      problems.push({
        path: at(j, 'name'),
        message:
          `is ${show(mount.name as string)}, which names no volume of Traefik's pod (the pod's volumes: ${scope.volumes.map(show).join(', ')}), and the API ` +
          `server refuses a mount of a volume the pod does not have, ${FAILS}: add the volume under deployment.additionalVolumes, or name one of these`,
      });
    const path = notText(mount, 'mountPath');
    if (path)
      problems.push({
        path: at(j, 'mountPath'),
        message: `is ${path}, but the API server requires a mountPath as a text for each mount, ${FAILS}: write the folder to mount the volume at, such as /config`,
      });
    else if (!own && !left(mount.mountPath)) {
      const first = seen.get(mount.mountPath as string);
      if (first === undefined) seen.set(mount.mountPath as string, j);
      else
        problems.push({
          path: at(j, 'mountPath'),
          message: `is ${show(mount.mountPath as string)}, the same as volumeMounts[${first}].mountPath of ${scope.container}, and the API server refuses one mountPath twice in a container, ${FAILS}: mount it at another path`,
        });
    }
    for (const key of ['subPath', 'subPathExpr'] as const) {
      const value = mount[key];
      if (value !== undefined && value !== null && typeof value !== 'string')
        problems.push({
          path: at(j, key),
          message: `is ${shownInSentence(value)}, not a text, and the API server takes only a text as a ${key}, ${FAILS}: write the folder inside the volume as a text`,
        });
    }
    for (const { key, problem } of subPathProblems(mount, `, ${FAILS}`)) {
      if (!left(mount[key])) problems.push({ path: at(j, key), message: `is ${show(mount[key] as string)}, ${problem}` });
    }
  });
  return problems;
}

/**
 * The mounts the chart writes into Traefik's pods that the API server refuses, beyond what pod-volume-texts.ts judges of
 * Traefik's own container (mountPaths twice, `additionalVolumeMounts` of no volume). Read in
 * traefik/traefik-helm-chart templates/_podtemplate.tpl (v20.1.1, v37.4.0, v41.3.0):
 * - `subPath: {{ .Values.persistence.subPath }}` when set, and, for a `type: localPath` local plugin (from v37.4.0,
 *   chart-versions.ts `localPlugins: 'typed'`), `subPath: {{ $localPathConfig.subPath }}`, both unquoted: a path that
 *   leaves the volume (mount-paths.ts);
 * - `tpl (toYaml .Values.additionalVolumeMounts)` into Traefik's container: a mount without a name or mountPath, or with
 *   a subPath or subPathExpr the API server refuses (a templated value is left alone);
 * - `toYaml` of `deployment.additionalContainers` and `deployment.initContainers`: their mounts as any container's
 *   (volume-mount-rules.ts judges an `extraObjects` workload's alike), against the volumes of Traefik's pod;
 * - `toYaml .Values.deployment.additionalVolumes`: a volume of two sources.
 */
export function containerMountProblems(values: Values, prefix: Path, rules: VolumeRules): Problem[] {
  const problems: Problem[] = [];
  const at = (...key: Path) => [...prefix, 'values', ...key];
  const persistence = isMap(values.persistence) ? values.persistence : {};
  const subPaths: Array<[Path, unknown, string]> = [[['persistence', 'subPath'], persistence.subPath, 'the persistence volume']];
  const experimental = isMap(values.experimental) ? values.experimental : {};
  const plugins = rules.localPlugins === 'typed' && isMap(experimental.localPlugins) ? experimental.localPlugins : {};
  for (const [name, plugin] of Object.entries(plugins))
    if (isMap(plugin) && plugin.type === 'localPath')
      subPaths.push([['experimental', 'localPlugins', name, 'subPath'], plugin.subPath, `local plugin ${show(name)}'s volume`]);
  for (const [key, value, what] of subPaths) {
    const problem = typeof value === 'string' ? descendingPathProblem(unblanked(value), `, ${FAILS}`) : undefined;
    if (problem) problems.push({ path: at(...key), message: `is ${show(value as string)} (the folder of ${what} to mount), ${problem}` });
  }
  const volumes = knownVolumeNames(values, prefix, rules);
  const traefik = { at: ['additionalVolumeMounts'], container: "Traefik's container", volumes, templated: true };
  problems.push(...mountListProblems(list(values, 'additionalVolumeMounts'), traefik, prefix, true));
  const deployment = isMap(values.deployment) ? values.deployment : {};
  for (const key of ['additionalContainers', 'initContainers']) {
    list(deployment, key).forEach((container, i) => {
      if (!isMap(container)) return;
      const named = typeof container.name === 'string' ? ` ${show(container.name)}` : '';
      const scope = { at: ['deployment', key, i, 'volumeMounts'], container: `container${named}`, volumes, templated: false };
      problems.push(...mountListProblems(container.volumeMounts, scope, prefix));
    });
  }
  list(deployment, 'additionalVolumes').forEach((volume, i) => {
    if (!isMap(volume)) return;
    const { first, extra } = extraVolumeSources(volume);
    for (const key of extra)
      problems.push({ path: at('deployment', 'additionalVolumes', i, key), message: secondSourceMessage(first as string, `, ${FAILS}`) });
  });
  return problems;
}
