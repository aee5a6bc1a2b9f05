import { Path } from '../core/problem';
import { isMap } from '../core/is-map';

type Values = Record<string, unknown>;

/** The names Traefik looks for (traefik/traefik cmd/traefik/traefik.go: the file loader's `traefik` base name, toml/yaml/yml). */
const FILE_NAME = /^traefik\.(ya?ml|toml)$/;

/** `/etc//traefik/` and `/etc/traefik/../traefik` as `/etc/traefik` (`..` above the root stays at the root, as in a path lookup). */
function normalize(path: string): string {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '' && part !== '.') parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The env names whose value moves a directory Traefik searches for its static configuration file. */
const SEARCH_DIRECTORY_ENV: ReadonlySet<string> = new Set(['XDG_CONFIG_HOME', 'HOME']);

/**
 * The directories Traefik searches for a static configuration file when no `--configfile` is given
 * (doc.traefik.io/traefik/reference/install-configuration/boot-environment/, "Configuration File":
 * "traefik.yml (or traefik.yaml or traefik.toml) in /etc/traefik/, $XDG_CONFIG_HOME/, $HOME/.config/,
 * and the working directory"). The image sets no working directory, XDG_CONFIG_HOME or HOME, so those are
 * `/`, or what `env` gives them; a `.config` directory anywhere may be $HOME's.
 */
function searchedDirectories(values: Values): string[] {
  const dirs = ['/etc/traefik', '/'];
  const env = Array.isArray(values.env) ? values.env : [];
  for (const item of env) {
    if (!isMap(item) || typeof item.value !== 'string' || item.value === '') continue;
    // A relative value is taken from the working directory, which is `/`.
    if (item.name === 'XDG_CONFIG_HOME') dirs.push(normalize(`/${item.value}`));
    if (item.name === 'HOME') dirs.push(normalize(`/${item.value}/.config`));
  }
  return dirs;
}

/** Whether a volume mounted at `mountPath` in Traefik's container can put a static configuration file where Traefik looks. */
function holdsConfigFile(mountPath: string, dirs: readonly string[]): boolean {
  const path = normalize(mountPath);
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  const name = path.slice(path.lastIndexOf('/') + 1);
  const searched = (dir: string) => dirs.includes(dir) || dir === '.config' || dir.endsWith('/.config');
  // The directory itself (or /etc, above /etc/traefik), or the file in it.
  if (path !== '/' && (searched(path) || dirs.some((dir) => dir.startsWith(`${path}/`)))) return true;
  return FILE_NAME.test(name) && searched(parent);
}

/**
 * The `traefik.values` keys that mount a volume into Traefik's container where Traefik looks for its static
 * configuration file: `volumes[].mountPath` (traefik/templates/_podtemplate.tpl mounts each in the traefik
 * container), `additionalVolumeMounts[].mountPath` (with `deployment.additionalVolumes`), and the
 * `persistence.path` of an enabled volume. A file there has the effect of `--configfile`.
 */
export function staticConfigMounts(user: Values, prefix: Path): Path[] {
  return configMountPaths(user, prefix)
    .filter(({ holds }) => holds(searchedDirectories(user)))
    .map(({ path }) => path);
}

/**
 * The `env` entries (XDG_CONFIG_HOME, HOME) whose value the static-configuration rule needs but cannot know: set
 * from `valueFrom` or through `$(VAR)`, while a volume is mounted into Traefik's container. Each path is the entry's.
 */
function unknowableSearchDirectories(user: Values, prefix: Path): Path[] {
  if (!configMountPaths(user, prefix).length || !Array.isArray(user.env)) return [];
  return user.env.flatMap((item: unknown, i) =>
    isMap(item) &&
    typeof item.name === 'string' &&
    SEARCH_DIRECTORY_ENV.has(item.name) &&
    (item.valueFrom !== undefined || (typeof item.value === 'string' && item.value.includes('$(')))
      ? [[...prefix, 'values', 'env', i]]
      : [],
  );
}

/**
 * The volumes the chart itself mounts writable into Traefik's container (templates/_podtemplate.tpl, v20 to v41.3.0):
 * the `tmp` emptyDir at /tmp, and the `data` volume at `persistence.path` (default /data), an emptyDir or a claim.
 */
function chartVolumes(user: Values): Array<{ mountPath: string; volume: string }> {
  const persistence = isMap(user.persistence) ? user.persistence : {};
  const dataPath = typeof persistence.path === 'string' && persistence.path !== '' ? normalize(persistence.path) : '/data';
  return [
    { mountPath: '/tmp', volume: "the chart's writable tmp emptyDir at /tmp" },
    { mountPath: dataPath, volume: `the chart's writable data volume at ${dataPath}` },
  ];
}

/**
 * 81b-21: `env` XDG_CONFIG_HOME or HOME that put a directory Traefik searches for traefik.yml on a volume the chart
 * itself mounts writable (an init container or an exec can write the file there), with the effect of a volume mounted at
 * /etc/traefik. Traefik's file loader (traefik/traefik pkg/cli/loader_file.go, v3.x: file.Finder BasePaths
 * "/etc/traefik/traefik", "$XDG_CONFIG_HOME/traefik", "$HOME/.config/traefik", "./traefik") expands them from its env.
 */
function chartVolumeSearchDirectories(user: Values, prefix: Path): Array<{ path: Path; name: string; volume: string }> {
  const env = Array.isArray(user.env) ? user.env : [];
  const volumes = chartVolumes(user);
  return env.flatMap((item: unknown, i) => {
    if (!isMap(item) || typeof item.value !== 'string' || item.value === '' || !SEARCH_DIRECTORY_ENV.has(item.name as string)) return [];
    const dir = item.name === 'HOME' ? normalize(`/${item.value}/.config`) : normalize(`/${item.value}`);
    const on = volumes.find(({ mountPath }) => dir === mountPath || dir.startsWith(`${mountPath}/`));
    return on ? [{ path: [...prefix, 'values', 'env', i], name: item.name as string, volume: on.volume }] : [];
  });
}

/** The `env` entries that move Traefik's config-file lookup where no rule can judge it: unknowable, or onto a chart volume. */
export function searchDirectoryEntries(user: Values, prefix: Path) {
  return { unknowable: unknowableSearchDirectories(user, prefix), onChartVolume: chartVolumeSearchDirectories(user, prefix) };
}

/** Every volume mount into Traefik's container, with whether it can hold a static configuration file for given search directories. */
function configMountPaths(user: Values, prefix: Path): Array<{ path: Path; holds: (dirs: readonly string[]) => boolean }> {
  const found: Array<{ path: Path; holds: (dirs: readonly string[]) => boolean }> = [];
  for (const key of ['volumes', 'additionalVolumeMounts']) {
    const list = user[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i) => {
      if (isMap(item) && typeof item.mountPath === 'string') {
        const mountPath = item.mountPath;
        found.push({ path: [...prefix, 'values', key, i, 'mountPath'], holds: (dirs) => holdsConfigFile(mountPath, dirs) });
      }
    });
  }
  const persistence = user.persistence;
  // `_podtemplate.tpl` (v20 to v41.3.0) always mounts the `data` volume at persistence.path, a PVC under
  // `if .Values.persistence.enabled` and an emptyDir otherwise, so the path counts whatever `enabled` holds.
  if (isMap(persistence) && typeof persistence.path === 'string') {
    const path = persistence.path;
    found.push({ path: [...prefix, 'values', 'persistence', 'path'], holds: (dirs) => holdsConfigFile(path, dirs) });
  }
  return found;
}
