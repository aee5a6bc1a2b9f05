/**
 * 80a-11: the files a container reads from ConfigMap volumes, where the kubelet puts them: a `configMap` volume (or a
 * `projected` volume's `configMap` source) makes a file per `items[].path` holding `items[].key`'s value, or without
 * `items` a file per key, named as the key; a `volumeMounts` entry puts them under its `mountPath`, or with a `subPath`
 * puts that one file at `mountPath` (kubernetes.io/docs/concepts/storage/volumes/#configmap, #using-subpath;
 * api core/v1 types.go ConfigMapVolumeSource, KeyToPath, VolumeMount, v1.31).
 */

/** A file of a ConfigMap volume: its absolute path in the container, and the ConfigMap and key whose value it holds. */
export type ConfigMapFile = { path: string; configMap: string; key: string };

type Node = Record<string, unknown>;
const isRecord = (value: unknown): value is Node => !!value && typeof value === 'object' && !Array.isArray(value);
const MAX_ENTRIES = 512;
/** Files of one container at most (mounts × keys can be 512 × 512): a pod reads its secrets from a few. */
const MAX_FILES = 4096;
const listed = (value: unknown): Node[] => (Array.isArray(value) ? value.slice(0, MAX_ENTRIES).filter(isRecord) : []);

/** A path as a container reads it: `//` as `/`, no `/` at its end, no `./` parts. */
export const normalPath = (path: string): string =>
  path
    .replace(/\/+/g, '/')
    .replace(/\/\.(?=\/|$)/g, '')
    .replace(/(?<=.)\/$/, '');

/** A volume's ConfigMap sources: each ConfigMap's name and its files (relative path and key), by `keysOf` where no `items`. */
function volumeFiles(volume: Node, keysOf: (name: string) => readonly string[]): Array<{ configMap: string; rel: string; key: string }> {
  const projected = isRecord(volume.projected) ? listed(volume.projected.sources) : [];
  const sources = [volume.configMap, ...projected.map((source) => source.configMap)].filter(isRecord);
  return sources.flatMap((source) => {
    if (typeof source.name !== 'string') return [];
    const configMap = source.name;
    const items = listed(source.items).filter((item) => typeof item.key === 'string' && typeof item.path === 'string');
    if (Array.isArray(source.items))
      return items.map((item) => ({ configMap, rel: normalPath(item.path as string), key: item.key as string }));
    return keysOf(configMap).map((key) => ({ configMap, rel: key, key }));
  });
}

/** The files `container` of `pod` (a pod spec) reads from ConfigMap volumes; `keysOf` gives a written ConfigMap's keys. */
export function configMapFiles(pod: Node, container: Node, keysOf: (name: string) => readonly string[]): ConfigMapFile[] {
  const volumes = new Map(listed(pod.volumes).map((volume) => [volume.name, volume]));
  const files: ConfigMapFile[] = [];
  for (const mount of listed(container.volumeMounts)) if (files.length < MAX_FILES) files.push(...mountFiles(mount, volumes, keysOf));
  return files.slice(0, MAX_FILES);
}

/** The files one `volumeMounts` entry puts in the container, from its volume's ConfigMap sources. */
function mountFiles(mount: Node, volumes: ReadonlyMap<unknown, Node>, keysOf: (name: string) => readonly string[]): ConfigMapFile[] {
  const volume = volumes.get(mount.name);
  if (!volume || typeof mount.mountPath !== 'string') return [];
  const at = normalPath(mount.mountPath);
  const files = volumeFiles(volume, keysOf);
  if (typeof mount.subPath === 'string' && mount.subPath !== '')
    return files
      .filter((file) => file.rel === normalPath(mount.subPath as string))
      .map(({ configMap, key }) => ({ path: at, configMap, key }));
  return files.map(({ configMap, rel, key }) => ({ path: normalPath(`${at}/${rel}`), configMap, key }));
}
