import { posix } from 'node:path';
import type { Path } from '../core/problem';
import { readHelmManifestText } from '../core/manifest-text';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/** A file Traefik's file provider reads from a ConfigMap of `extraObjects`: its text, where it is written, its name. */
interface MountedFile {
  readonly path: Path;
  readonly file: string;
  readonly text: unknown;
}

/** A `--providers.file.directory` or `--providers.file.filename` whose files this tool cannot trace to a ConfigMap. */
export interface UntracedFiles {
  readonly path: Path;
  readonly what: string;
}

/** One file of a mounted volume: where it lands in the container, where its text is written. */
interface Landed {
  readonly at: string;
  readonly path: Path;
  readonly text: unknown;
}

/**
 * The files the file provider reads through `--providers.file.directory=` or `--providers.file.filename=` (57b-5) in
 * `additionalArguments` or `globalArguments` (paerser reads flag names in any case), from a ConfigMap of `extraObjects`
 * in the release's namespace (kube-system) mounted at that path (its `data` and its `binaryData` that is text, 81b-16): by `volumes` (the chart mounts ConfigMap `name` at
 * `mountPath`, traefik/templates/_podtemplate.tpl) or `additionalVolumeMounts` with a `deployment.additionalVolumes`
 * item's `configMap` or `projected` configMap sources (their `items` key→path, a mount's non-empty `subPath`). A directory is read with its subdirectories, its
 * .yml, .yaml and .toml files only (traefik/traefik pkg/provider/file/file.go `loadFileConfigFromDirectory`, v3.6.0).
 * A path no such mount covers is `untraced`: its routers are not judged.
 */
export function mountedDynamicFiles(values: Values): { files: MountedFile[]; untraced: UntracedFiles[] } {
  const files: MountedFile[] = [];
  const untraced: UntracedFiles[] = [];
  const landed = landedFiles(values);
  for (const list of ['globalArguments', 'additionalArguments']) {
    const items = values[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, i) => {
      const flag = typeof item === 'string' ? /^--?providers\.file\.(directory|filename)=(.+)$/i.exec(item.trim()) : null;
      if (!flag) return;
      const target = posix.normalize(flag[2].trim().replace(/^["']|["']$/g, ''));
      const directory = flag[1].toLowerCase() === 'directory';
      const under = landed.all.filter((file) =>
        directory ? file.at.startsWith(`${target.replace(/\/$/, '')}/`) && /\.(ya?ml|toml)$/i.test(file.at) : file.at === target,
      );
      if (!under.length || landed.unknownMounts.some((mount) => covers(mount, target, directory)))
        untraced.push({
          path: ['values', list, i],
          what: `${directory ? 'directory' : 'file'} ${/^[\w./-]{1,100}$/.test(target) ? target : 'it names'}`,
        });
      for (const file of under) files.push({ path: file.path, file: posix.basename(file.at), text: file.text });
    });
  }
  return { files, untraced };
}

/** Whether a mount at `mount` may put files where the provider reads (`target`, a directory or a file). */
const covers = (mount: string, target: string, directory: boolean): boolean =>
  mount === target || target.startsWith(`${mount.replace(/\/$/, '')}/`) || (directory && mount.startsWith(`${target.replace(/\/$/, '')}/`));

/**
 * 81b-16: the text of a `binaryData` value, base64 as Kubernetes reads a `[]byte` field (Go encoding/json: standard
 * alphabet, padded; it skips \r and \n), when its bytes are UTF-8: the kubelet writes the bytes as the key's file, as it
 * writes a `data` value's text, and Traefik reads that file alike. Undefined for bytes that are no text (a real binary).
 */
function binaryText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const base64 = value.replace(/[\r\n]/g, '');
  if (base64.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(base64)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(base64, 'base64'));
  } catch {
    return undefined;
  }
}

/** An `extraObjects` ConfigMap's files by key: each one's text (`data`, or `binaryData` decoded) and where it is written. */
interface ConfigMapFiles {
  readonly at: Path;
  readonly files: Map<string, { text: unknown; path: Path }>;
}

/** The files of `extraObjects` ConfigMaps as mounted in Traefik's container, and the mount paths of volumes not traced to one. */
function landedFiles(values: Values): { all: Landed[]; unknownMounts: string[] } {
  const configMaps = new Map<string, ConfigMapFiles>();
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  items.forEach((item: unknown, i) => {
    // A text item is one YAML document here; the data of a ConfigMap in a text with several is not located by key.
    const objects = typeof item === 'string' ? readHelmManifestText(item).documents : [item];
    if (objects.length !== 1 || !isMap(objects[0])) return;
    const object = objects[0];
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const namespace = metadata.namespace ?? 'kube-system';
    if (object.kind !== 'ConfigMap' || typeof metadata.name !== 'string' || namespace !== 'kube-system') return;
    if (!isMap(object.data) && !isMap(object.binaryData)) return;
    const at = ['values', 'extraObjects', i];
    const files: ConfigMapFiles['files'] = new Map();
    for (const field of ['binaryData', 'data'] as const) {
      const map = object[field];
      if (!isMap(map)) continue;
      for (const [key, value] of Object.entries(map))
        files.set(key, {
          text: field === 'data' ? value : binaryText(value),
          path: [...at, ...(typeof item === 'string' ? [] : [field, key])],
        });
    }
    configMaps.set(metadata.name, { at, files });
  });
  const additional =
    isMap(values.deployment) && Array.isArray(values.deployment.additionalVolumes) ? values.deployment.additionalVolumes : [];
  // A mount's sources: a `configMap` volume's one, or each of a `projected` volume's (one verdict for both, 60b-10).
  type Source = { configMap?: string; items?: unknown };
  const mounts: Array<{ mountPath: string; subPath?: string; sources: Source[] }> = [];
  // The kubelet takes `subPath: ""` as no subPath (kubernetes pkg/kubelet/kubelet_pods.go makeMounts: `if subPath != ""`).
  const subPathOf = (mount: Values) => (typeof mount.subPath === 'string' && mount.subPath !== '' ? mount.subPath : undefined);
  const sourceOf = (configMap: unknown): Source =>
    isMap(configMap) && typeof configMap.name === 'string' ? { configMap: configMap.name, items: configMap.items } : {};
  for (const volume of Array.isArray(values.volumes) ? values.volumes : []) {
    if (!isMap(volume) || typeof volume.mountPath !== 'string') continue;
    const configMap = volume.type === 'configMap' && typeof volume.name === 'string' ? volume.name : undefined;
    mounts.push({ mountPath: volume.mountPath, subPath: subPathOf(volume), sources: [{ configMap }] });
  }
  for (const mount of Array.isArray(values.additionalVolumeMounts) ? values.additionalVolumeMounts : []) {
    if (!isMap(mount) || typeof mount.mountPath !== 'string') continue;
    const volume = additional.find((v: unknown) => isMap(v) && v.name === mount.name);
    const projected = isMap(volume) && isMap(volume.projected) ? volume.projected.sources : undefined;
    const sources = Array.isArray(projected)
      ? projected.map((source: unknown) => (isMap(source) ? sourceOf(source.configMap) : {}))
      : [sourceOf(isMap(volume) ? volume.configMap : undefined)];
    mounts.push({ mountPath: mount.mountPath, subPath: subPathOf(mount), sources });
  }
  const all: Landed[] = [];
  const unknownMounts: string[] = [];
  for (const mount of mounts) {
    const mountPath = posix.normalize(mount.mountPath);
    for (const source of mount.sources) {
      const found = source.configMap === undefined ? undefined : configMaps.get(source.configMap);
      if (!found) {
        unknownMounts.push(mountPath);
        continue;
      }
      // A volume's files: each key, or each listed item at its path (a Kubernetes ConfigMap volume or projection).
      const keyed: Array<[string, string]> = Array.isArray(source.items)
        ? source.items.flatMap((it: unknown): Array<[string, string]> =>
            isMap(it) && typeof it.key === 'string' && typeof it.path === 'string' ? [[it.path, it.key]] : [],
          )
        : [...found.files.keys()].map((key) => [key, key]);
      for (const [file, key] of keyed) {
        // A key the ConfigMap lacks (an item's `key: toString`, 61-5) has no text.
        const { text, path } = found.files.get(key) ?? { text: undefined, path: found.at };
        if (mount.subPath === undefined) all.push({ at: posix.join(mountPath, file), path, text });
        else if (posix.normalize(mount.subPath) === posix.normalize(file)) all.push({ at: mountPath, path, text });
      }
    }
  }
  return { all, unknownMounts };
}
