import { formatPath, Path, Problem, quotedText, shownValue } from '../core/problem';
import { goTruthy } from './go-truth';
import { knownVolumeNames } from './container-mounts';
import { podVolumes, VolumeRules } from './pod-volumes';
import { isTemplated } from './service-facts';
import { readsAsPhrase, unquotedPhrase, unquotedReading } from './unquoted-scalar';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;
const FAILS = 'so the whole Traefik release fails to install';
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const show = (text: string) => (text.length > 80 ? `(${quotedText(text, () => false, '')})` : quotedText(text, () => false, ''));
const list = (node: Values, key: string): unknown[] => (Array.isArray(node[key]) ? (node[key] as unknown[]) : []);

/**
 * Items of `volumes`, `deployment.additionalVolumes` and `additionalVolumeMounts` that are no map: the chart reads
 * `.name` of each `volumes` item (templates/_podtemplate.tpl `range .Values.volumes`, v20.1.1 to v41.3.0: a null or a
 * text fails Helm's render) and writes the other two lists with toYaml, where `- null` or `- x` is no volume or mount
 * the API server takes.
 */
function notMapProblems(values: Values, at: (...key: Path) => Path): Problem[] {
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const lists: [Path, unknown[], string][] = [
    [['volumes'], list(values, 'volumes'), 'the chart reads its name and mountPath, so Helm fails to render the chart'],
    [
      ['deployment', 'additionalVolumes'],
      list(deployment, 'additionalVolumes'),
      'the chart writes it as a pod volume, which the API server refuses',
    ],
    [
      ['additionalVolumeMounts'],
      list(values, 'additionalVolumeMounts'),
      "the chart writes it as a volume mount of Traefik's container, which the API server refuses",
    ],
  ];
  return lists.flatMap(([key, items, why]) =>
    items.flatMap((item, i) =>
      isMap(item)
        ? []
        : [
            {
              path: at(...key, i),
              message: `is ${shownValue(item)}, not a map, but ${why}, ${FAILS}: write a map such as {name: config, ...}, or remove the item`,
            },
          ],
    ),
  );
}

/**
 * A text the chart writes unquoted, at its key, when it does not read back as itself (unquoted-scalar.ts); `written` is the
 * text as the chart writes it when that differs (a `volumes[].name` with each "." written as "-").
 */
export function unquotedProblem(key: Path, text: string, what: string, fix: string, written = text): Problem[] {
  const reading = unquotedReading(written);
  if (reading === undefined || isTemplated(text)) return [];
  const how =
    written === text
      ? unquotedPhrase(reading)
      : `which the chart writes unquoted as ${show(written)} (each "." written as "-") into the pod template, ${readsAsPhrase(reading)}`;
  return [{ path: key, message: `is ${show(text)}, ${how}, and the API server refuses ${what} that is no text, ${FAILS}: ${fix}` }];
}

/**
 * Names, mount paths and the hub-token Secret name the chart writes unquoted into Traefik's pod template
 * (templates/_podtemplate.tpl at v41.3.0: `- name: {{ .Values.persistence.name }}`, `mountPath: {{ .Values.persistence.path }}`,
 * `mountPath: {{ .Values.hub.tokenMountPath }}`, `secretName: {{ le (len .Values.hub.token) 64 | ternary .Values.hub.token ... }}`,
 * `- name: {{ tpl (.name) $ | replace "." "-" }}` and `mountPath: {{ .mountPath }}` for `volumes[]`), where a text YAML reads
 * as a number, a boolean or null (unquoted-scalar.ts) is no name or path; and a `volumes[].name` that is no text, on which
 * the chart's `tpl` fails, or a `deployment.additionalVolumes[].name` that is no text, which toYaml writes as such.
 * Names that are no DNS-1123 label are pod-volumes.ts' to refuse; empty paths pod-volume-mounts.ts'.
 */
function unquotedTextProblems(values: Values, at: (...key: Path) => Path, rules: VolumeRules): Problem[] {
  const problems: Problem[] = [];
  const rename = 'rename it, with a letter in it that makes it no number, boolean or null (e.g. "vol-123")';
  const repath = 'write an absolute path such as /config, without blanks around it';
  const persistence = isMap(values.persistence) ? values.persistence : {};
  if (typeof persistence.name === 'string' && DNS_LABEL.test(persistence.name))
    problems.push(...unquotedProblem(at('persistence', 'name'), persistence.name, 'a volume name', rename));
  if (typeof persistence.path === 'string' && persistence.path !== '')
    problems.push(...unquotedProblem(at('persistence', 'path'), persistence.path, 'a mountPath', repath));
  // `if .Values.persistence.subPath` / `subPath: {{ .Values.persistence.subPath }}` (every chart v20.1.1 to v41.3.0).
  if (typeof persistence.subPath === 'string' && persistence.subPath !== '')
    problems.push(...unquotedProblem(at('persistence', 'subPath'), persistence.subPath, 'a subPath', RESUBPATH));
  problems.push(...localPluginTextProblems(values, at, rules));
  const hub = isMap(values.hub) ? values.hub : {};
  if (rules.hubTokenVolume && goTruthy(hub.token)) {
    if (typeof hub.tokenMountPath === 'string' && hub.tokenMountPath !== '')
      problems.push(...unquotedProblem(at('hub', 'tokenMountPath'), hub.tokenMountPath, 'a mountPath', repath));
    // The token is a Secret's name here; judged without showing it.
    const token = hub.token;
    if (typeof token === 'string' && token.length <= 64 && unquotedReading(token) !== undefined && !isTemplated(token)) {
      problems.push({
        path: at('hub', 'token'),
        message:
          `is a text the chart writes unquoted into the pod template as the hub-token volume's secretName, ${readsAsPhrase(unquotedReading(token) as string)}, ` +
          `and the API server refuses a secretName that is no text, ${FAILS}: name the license Secret with a letter in it`,
      });
    }
  }
  list(values, 'volumes').forEach((volume, i) => {
    if (!isMap(volume)) return;
    const name = volume.name;
    if (typeof name === 'string' && DNS_LABEL.test(name.replace(/\./g, '-')))
      // `- name: {{ tpl (.name) $ | replace "." "-" }}`: judged as written, so "1.5" (written 1-5) is a text.
      problems.push(...unquotedProblem(at('volumes', i, 'name'), name, 'a volume name', rename, name.replace(/\./g, '-')));
    else if (name !== undefined && name !== null && typeof name !== 'string')
      problems.push({
        path: at('volumes', i, 'name'),
        message: `is ${shownValue(name)}, not a text, but the chart renders each volumes[].name with Helm's tpl, which takes only a text, so Helm fails to render the chart, ${FAILS}: write the name as a text with a letter in it`,
      });
    if (typeof volume.mountPath === 'string' && volume.mountPath !== '')
      problems.push(...unquotedProblem(at('volumes', i, 'mountPath'), volume.mountPath, 'a mountPath', repath));
  });
  const deployment = isMap(values.deployment) ? values.deployment : {};
  list(deployment, 'additionalVolumes').forEach((volume, i) => {
    const name = isMap(volume) ? volume.name : undefined;
    if (name !== undefined && name !== null && typeof name !== 'string')
      problems.push({
        path: at('deployment', 'additionalVolumes', i, 'name'),
        message: `is ${shownValue(name)}, not a text, which the chart writes as is (toYaml) as a pod volume's name, and the API server refuses a name that is no text, ${FAILS}: write the name as a text with a letter in it`,
      });
  });
  return problems;
}

const RESUBPATH = 'write a relative path such as data, without blanks around it';

/**
 * The texts of `experimental.localPlugins` the chart writes unquoted (templates/_podtemplate.tpl from v37.0.0, chart-versions.ts
 * `localPlugins`): each plugin's key as its volume's name, `- name: {{ $localPluginName | replace "." "-" }}` (every plugin up
 * to v37.3.x, from v37.4.0 those not of `type: localPath`); and from v37.4.0 a `type: localPath` plugin's `volumeName` and
 * `subPath` in its mount (`- name: {{ $localPathConfig.volumeName }}`, `subPath: {{ $localPathConfig.subPath }}`, after
 * `traefik.getLocalPluginLocalPath`'s toYaml and fromYaml, which keep a text a text).
 */
function localPluginTextProblems(values: Values, at: (...key: Path) => Path, rules: VolumeRules): Problem[] {
  const experimental = isMap(values.experimental) ? values.experimental : {};
  const plugins = rules.localPlugins !== 'none' && isMap(experimental.localPlugins) ? experimental.localPlugins : {};
  return Object.entries(plugins).flatMap(([name, plugin]) => {
    if (rules.localPlugins === 'typed' && isMap(plugin) && plugin.type === 'localPath') {
      const problems: Problem[] = [];
      const { volumeName, subPath } = plugin;
      if (typeof volumeName === 'string' && volumeName !== '')
        problems.push(
          ...unquotedProblem(at('experimental', 'localPlugins', name, 'volumeName'), volumeName, "a volume mount's name", RENAME_VOLUME),
        );
      if (typeof subPath === 'string' && subPath !== '')
        problems.push(...unquotedProblem(at('experimental', 'localPlugins', name, 'subPath'), subPath, 'a subPath', RESUBPATH));
      return problems;
    }
    // A written name that is no DNS-1123 label is pod-volumes.ts' to refuse.
    const written = name.replace(/\./g, '-');
    const reading = unquotedReading(written);
    if (!DNS_LABEL.test(written) || reading === undefined || isTemplated(name)) return [];
    const as = written === name ? '' : ` as ${show(written)} (each "." written as "-")`;
    return [
      {
        path: at('experimental', 'localPlugins', name),
        message:
          `is local plugin ${show(name)}, whose name the chart writes unquoted${as} as a pod volume's name, ${readsAsPhrase(reading)}, ` +
          `and the API server refuses a volume name that is no text, ${FAILS}: rename the plugin, with a letter in it that makes it no number, boolean or null (e.g. "plugin-1")`,
      },
    ];
  });
}

const RENAME_VOLUME =
  'name the deployment.additionalVolumes item (and this volumeName) with a letter in it that makes it no number, boolean or null (e.g. "vol-123")';

interface Mount {
  readonly path: string;
  readonly key?: Path;
  readonly label: string;
}

/**
 * The mount paths of Traefik's container in the order the chart writes them (templates/_podtemplate.tpl `volumeMounts:`
 * at v41.3.0): persistence.path (default /data), /tmp, hub.tokenMountPath (default /etc/secrets) with the hub-token
 * volume, each volumes[].mountPath, /plugins-storage, /etc/traefik/dynamic, additionalVolumeMounts[].mountPath, each
 * experimental.localPlugins mountPath. A text that reads as another value, or holds a Helm template, is left out.
 */
function mounts(values: Values, prefix: Path, rules: VolumeRules): Mount[] {
  const at = (key: Path) => formatPath([...prefix, 'values', ...key]);
  const result: Mount[] = [];
  const given = (node: Values, name: string, fallback: string, key: Path) => {
    const text = Object.hasOwn(node, name) ? node[name] : fallback;
    if (typeof text !== 'string' || text === '' || unquotedReading(text) !== undefined || isTemplated(text)) return;
    result.push(
      Object.hasOwn(node, name)
        ? { path: text, key, label: at(key) }
        : { path: text, label: `the chart's own mount ${show(text)} (${at(key)}, unset)` },
    );
  };
  given(isMap(values.persistence) ? values.persistence : {}, 'path', '/data', ['persistence', 'path']);
  result.push({ path: '/tmp', label: 'the chart\'s own mount "/tmp" (volume tmp)' });
  const hub = isMap(values.hub) ? values.hub : {};
  if (rules.hubTokenVolume && goTruthy(hub.token)) given(hub, 'tokenMountPath', '/etc/secrets', ['hub', 'tokenMountPath']);
  list(values, 'volumes').forEach((volume, i) => {
    if (isMap(volume) && Object.hasOwn(volume, 'mountPath')) given(volume, 'mountPath', '', ['volumes', i, 'mountPath']);
  });
  const own = podVolumes(values, prefix, rules);
  if (own.some((volume) => volume.name === 'plugins' && !volume.key))
    result.push({ path: '/plugins-storage', label: 'the chart\'s own mount "/plugins-storage" (for experimental.plugins)' });
  if (own.some((volume) => volume.name === 'traefik-extra-config' && !volume.key))
    result.push({ path: '/etc/traefik/dynamic', label: 'the chart\'s own mount "/etc/traefik/dynamic" (for providers.file)' });
  list(values, 'additionalVolumeMounts').forEach((mount, i) => {
    if (isMap(mount) && typeof mount.mountPath === 'string' && mount.mountPath !== '' && !isTemplated(mount.mountPath))
      result.push({
        path: mount.mountPath,
        key: ['additionalVolumeMounts', i, 'mountPath'],
        label: at(['additionalVolumeMounts', i, 'mountPath']),
      });
  });
  const experimental = isMap(values.experimental) ? values.experimental : {};
  const plugins = rules.localPlugins !== 'none' && isMap(experimental.localPlugins) ? experimental.localPlugins : {};
  for (const [name, plugin] of Object.entries(plugins)) {
    // `mountPath: {{ $localPlugin.mountPath | quote }}`: written as the text it is.
    if (isMap(plugin) && typeof plugin.mountPath === 'string' && plugin.mountPath !== '' && !isTemplated(plugin.mountPath)) {
      const key = ['experimental', 'localPlugins', name, 'mountPath'];
      result.push({ path: plugin.mountPath, key, label: at(key) });
    }
  }
  return result;
}

/**
 * Mounts of Traefik's container the API server refuses (kubernetes pkg/apis/core/validation ValidateVolumeMounts: a
 * mountPath only once per container, "must be unique"; a mount's name must be a volume of the pod, "Not found"):
 * two mounts at one path, and an `additionalVolumeMounts[].name` that names no pod volume. The chart writes
 * additionalVolumeMounts through `tpl (toYaml ...)`: templated names are left alone, and every name where the pod's
 * volumes are not known (container-mounts.ts knownVolumeNames). A `localPath` local plugin adds no volume: it mounts
 * one of `deployment.additionalVolumes` (its `volumeName`).
 */
function mountProblems(values: Values, prefix: Path, rules: VolumeRules): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, Mount>();
  for (const mount of mounts(values, prefix, rules)) {
    const other = seen.get(mount.path);
    if (!other) {
      seen.set(mount.path, mount);
      continue;
    }
    const [mine, theirs] = mount.key ? [mount, other] : other.key ? [other, mount] : [undefined, undefined];
    if (!mine?.key) continue;
    problems.push({
      path: [...prefix, 'values', ...mine.key],
      message: `mounts at ${show(mine.path)} in Traefik's container, the same path as ${theirs.label}, and the API server refuses one mountPath twice in a container, ${FAILS}: mount it at another path`,
    });
  }
  const known = knownVolumeNames(values, prefix, rules);
  if (!known) return problems;
  const names = new Set(known);
  list(values, 'additionalVolumeMounts').forEach((mount, i) => {
    if (!isMap(mount) || typeof mount.name !== 'string' || mount.name === '' || isTemplated(mount.name) || names.has(mount.name)) return;
    problems.push({
      path: [...prefix, 'values', 'additionalVolumeMounts', i, 'name'],
      message:
        `is ${show(mount.name)}, which names no volume of Traefik's pod (the pod's volumes: ${known.map((name) => show(name)).join(', ')}), and the API server ` +
        `refuses a mount of a volume the pod does not have, ${FAILS}: add the volume under deployment.additionalVolumes, or name one of these`,
    });
  });
  return problems;
}

/** What pod-volumes.ts and pod-volume-mounts.ts leave: items that are no map, unquoted texts, mount paths twice, unknown mounts. */
export function podVolumeTextProblems(values: Values, prefix: Path, rules: VolumeRules): Problem[] {
  const at = (...key: Path) => [...prefix, 'values', ...key];
  return [...notMapProblems(values, at), ...unquotedTextProblems(values, at, rules), ...mountProblems(values, prefix, rules)];
}
