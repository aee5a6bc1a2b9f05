import { formatPath, Path, Problem, quotedText } from '../core/problem';
import type { TraefikChartRules } from './chart-versions';
import { goTruthy } from './go-truth';
import { isTemplated } from './service-facts';
import { isMap } from '../core/is-map';
import { generatedReferenceProblems } from '../validate/secret-refs';
import { VOLUME_NAME_TWICE } from '../validate/workload-spec-rules';

type Values = Readonly<Record<string, unknown>>;

/** A volume of Traefik's pods, as the chart names it, with the key that names it. */
export interface PodVolume {
  readonly name: string;
  /** Below the values; undefined for the chart's own `tmp`. */
  readonly key?: Path;
  /** What the volume is, for a message about another. */
  readonly label: string;
  /** How the key becomes the name, when not as written. */
  readonly how?: string;
  /** What the key holds when it gives no name (null, or no `name` at all), for the message. */
  readonly none?: string;
  /** A `volumes[]` item of `type: secret`: its name is the Secret's name too (`secretName: {{ tpl .name $ }}`), never shown (47a-12). */
  readonly secret?: boolean;
}

/** The API server's volume name rule (IsDNS1123Label, apimachinery pkg/util/validation). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
// A long name is named by its size, in brackets so that the sentence still reads ("local plugin (a text of 120 characters)").
const shown = (text: string) => (text.length > 80 ? `(${quotedText(text, () => false, '')})` : quotedText(text, () => false, ''));
const DOTS = 'each "." written as "-"';
/** What a message says of a Secret volume's name instead of quoting it. */
const SECRET_NAME = 'the name of a Secret (not shown: a password may have been pasted here)';
const named = (volume: PodVolume, text: string) => (volume.secret ? SECRET_NAME : shown(text));

/**
 * The volumes of Traefik's pods in the order the chart writes them (traefik/templates/_podtemplate.tpl `volumes:`, read
 * at traefik/traefik-helm-chart v20.1.1, v33.0.0, v37.0.0, v37.4.0, v39.0.7 and v41.3.0): `{{ .Values.persistence.name }}`
 * (values.yaml default `data`) and `tmp` always; from v39.0.8 `hub-token` when `hub.token` is set (chart-versions.ts `hubTokenVolume`); each `volumes[].name` through `tpl | replace "." "-"`;
 * `deployment.additionalVolumes` as written (toYaml); from v37.0.0 each `experimental.localPlugins` key through
 * `replace "." "-"` (chart-versions.ts `localPlugins`: from v37.4.0 not one of `type: localPath`, which mounts a volume
 * of additionalVolumes instead); then `plugins` for `experimental.plugins` (chart-versions.ts `pluginStorage`) and, from
 * v26.0.0, `traefik-extra-config` when `providers.file.enabled` (`fileProviderVolume`). A name holding a Helm template is
 * rendered at install time and left alone.
 */
export function podVolumes(values: Values, prefix: Path, rules: VolumeRules): PodVolume[] {
  const { localPlugins, pluginStorage, fileProviderVolume, hubTokenVolume } = rules;
  const at = (key: Path) => formatPath([...prefix, 'values', ...key]);
  const persistence = isMap(values.persistence) ? values.persistence : {};
  const set = typeof persistence.name === 'string';
  // A null deletes the chart's default `data` (Helm drops a null value), so the chart writes `- name: ` with nothing.
  const nulled = !set && Object.hasOwn(persistence, 'name') && persistence.name === null;
  const result: PodVolume[] = [
    set || nulled
      ? {
          name: set ? (persistence.name as string) : '',
          key: ['persistence', 'name'],
          label: at(['persistence', 'name']),
          ...(nulled && { none: NULLED }),
        }
      : { name: 'data', label: `the chart's own volume "data" (${at(['persistence', 'name'])}, unset)` },
    { name: 'tmp', label: 'the chart\'s own volume "tmp" (mounted at /tmp)' },
  ];
  const hub = isMap(values.hub) ? values.hub : {};
  if (hubTokenVolume && goTruthy(hub.token))
    result.push({ name: 'hub-token', label: 'the chart\'s own volume "hub-token" (for hub.token, mounted at hub.tokenMountPath)' });
  (Array.isArray(values.volumes) ? values.volumes : []).forEach((volume, i) => {
    const key = ['volumes', i, 'name'];
    if (isMap(volume) && typeof volume.name === 'string')
      result.push({
        name: volume.name.replace(/\./g, '-'),
        key,
        label: at(key),
        ...(volume.name.includes('.') && { how: DOTS }),
        ...(volume.type === 'secret' && { secret: true }),
      });
    else if (isMap(volume) && (volume.name ?? null) === null) result.push({ name: '', key, label: at(key), none: nameless(volume) });
  });
  const deployment = isMap(values.deployment) ? values.deployment : {};
  (Array.isArray(deployment.additionalVolumes) ? deployment.additionalVolumes : []).forEach((volume, i) => {
    const key = ['deployment', 'additionalVolumes', i, 'name'];
    if (isMap(volume) && typeof volume.name === 'string') result.push({ name: volume.name, key, label: at(key) });
    else if (isMap(volume) && (volume.name ?? null) === null) result.push({ name: '', key, label: at(key), none: nameless(volume) });
  });
  const experimental = isMap(values.experimental) ? values.experimental : {};
  const plugins = localPlugins !== 'none' && isMap(experimental.localPlugins) ? experimental.localPlugins : {};
  for (const [name, plugin] of Object.entries(plugins)) {
    if (localPlugins === 'typed' && isMap(plugin) && plugin.type === 'localPath') continue;
    const key = ['experimental', 'localPlugins', name];
    result.push({ name: name.replace(/\./g, '-'), key, label: `local plugin ${shown(name)}`, ...(name.includes('.') && { how: DOTS }) });
  }
  if (pluginsVolume(values, experimental, pluginStorage))
    result.push({ name: 'plugins', label: 'the chart\'s own volume "plugins" (for experimental.plugins, mounted at /plugins-storage)' });
  const providers = isMap(values.providers) ? values.providers : {};
  if (fileProviderVolume && isMap(providers.file) && goTruthy(providers.file.enabled))
    result.push({ name: 'traefik-extra-config', label: 'the chart\'s own volume "traefik-extra-config" (for providers.file)' });
  return result.filter((volume) => !isTemplated(volume.name));
}

export type VolumeRules = Pick<TraefikChartRules, 'localPlugins' | 'pluginStorage' | 'fileProviderVolume' | 'hubTokenVolume'>;
const NULLED = 'null, which deletes the chart\'s default "data" (Helm drops a null value), so the chart writes the pod volume with no name';
const nameless = (volume: Values) =>
  Object.hasOwn(volume, 'name') ? 'null, so the pod volume gets no name' : 'missing, so the pod volume gets no name';

/** Whether the chart writes its own `plugins` volume (templates/_podtemplate.tpl, `if` at each boundary of `pluginStorage`). */
function pluginsVolume(values: Values, experimental: Values, rule: TraefikChartRules['pluginStorage']): boolean {
  const plugins = experimental.plugins;
  if (rule === 'enabled') return isMap(plugins) && goTruthy(plugins.enabled);
  const some = isMap(plugins) && Object.keys(plugins).length > 0;
  if (rule === 'non-empty' || !some) return some;
  const deployment = isMap(values.deployment) ? values.deployment : {};
  const given = Array.isArray(deployment.additionalVolumes) ? deployment.additionalVolumes : [];
  return !given.some((volume) => isMap(volume) && volume.name === 'plugins');
}

/**
 * Pod volume names the API server refuses in Traefik's Deployment or DaemonSet (ValidatePodSpec: each name a DNS-1123
 * label, no name twice), so the whole Traefik release fails to install. `values` are the merged values.
 */
export function podVolumeProblems(values: Values, prefix: Path, rules: VolumeRules): Problem[] {
  const problems: Problem[] = [];
  const fails = 'so the whole Traefik release fails to install';
  const seen = new Map<string, PodVolume>();
  for (const volume of podVolumes(values, prefix, rules)) {
    if (!volume.key) {
      // The chart's own volume after a user's of the same name: refused at the user's key.
      const mine = seen.get(volume.name);
      if (mine?.key) {
        problems.push({
          path: [...prefix, 'values', ...mine.key],
          // The chart's own volume's name is the chart's, not a secret: shown.
          message: `names pod volume ${shown(mine.name)}, the same as ${volume.label}, and ${VOLUME_NAME_TWICE}, ${fails}: give it another name`,
        });
      }
      seen.set(volume.name, volume);
      continue;
    }
    const path = [...prefix, 'values', ...volume.key];
    const plugin = volume.key[1] === 'localPlugins';
    const as =
      volume.how || plugin
        ? `, which the chart writes as pod volume name ${named(volume, volume.name)}${volume.how ? ` (${volume.how})` : ''}`
        : '';
    if (volume.none) {
      problems.push({
        path,
        message: `is ${volume.none}, where the API server takes only a DNS-1123 label as a volume name, ${fails}: write a name${volume.none === NULLED ? ', or remove the key (the chart\'s default is "data")' : ''}`,
      });
      continue;
    }
    if (volume.name.length > 63 || !DNS_LABEL.test(volume.name)) {
      const written = plugin ? `local plugin ${shown(String(volume.key[2]))}` : named(volume, String(valueAt(values, volume.key)));
      problems.push({
        path,
        message:
          `is ${written}${as}, where the API server takes only a DNS-1123 label as a volume name (lower-case letters, digits ` +
          `and "-", starting and ending with a letter or digit, at most 63 characters), ${fails}: ` +
          `${volume.secret ? "write the Secret's name (e.g. app-tls), never the password itself" : 'rename it'}`,
      });
      continue;
    }
    // A Secret's name that looks generated: the password pasted there, as at every Secret reference (validate/secret-refs.ts).
    const generated = volume.secret ? generatedReferenceProblems(valueAt(values, volume.key), path, 'name') : [];
    if (generated.length) {
      problems.push(...generated.map(({ message }) => ({ path, message })));
      continue;
    }
    const other = seen.get(volume.name);
    if (other === undefined) {
      seen.set(volume.name, volume);
      continue;
    }
    problems.push({
      path,
      message:
        `${plugin ? `is local plugin ${shown(String(volume.key[2]))}, which names` : 'names'} pod volume ${other.key && (volume.secret || other.secret) ? SECRET_NAME : shown(volume.name)}${volume.how ? ` (${volume.how})` : ''}, ` +
        `the same as ${other.label}, and ${VOLUME_NAME_TWICE}, ${fails}: give it another name`,
    });
  }
  return problems;
}

const valueAt = (values: Values, key: Path) =>
  key.reduce<unknown>((node, part) => (isMap(node) || Array.isArray(node) ? (node as Record<string, unknown>)[part] : undefined), values);
