import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { renderedObjects } from './extra-objects';

type Values = Readonly<Record<string, unknown>>;

/** An environment variable the Traefik container gets through `envFrom`, and where the config names it. */
export interface EnvFromName {
  readonly name: string;
  /** Below the reader's prefix: the ConfigMap's or Secret's data key, or the envFrom item's `prefix`. */
  readonly at: Path;
  /** The envFrom item that gives it. */
  readonly source: number;
  /** The variable's text as the kubelet sets it; undefined for a `prefix` entry or a value that is no text. */
  readonly value?: string;
  /** Whether it comes from a Secret: its value is never shown. */
  readonly secret?: boolean;
}

/** One key of a ConfigMap or Secret of `extraObjects`: where it is written and the text the kubelet gives a variable from it. */
export interface SourceKey {
  readonly key: string;
  readonly at: Path;
  readonly value?: string;
}

/** The namespace of the Traefik release (k3s deploys the chart into kube-system): where the pod's envFrom looks. */
const TRAEFIK_NAMESPACE = 'kube-system';

/**
 * The text a data value gives a variable: a ConfigMap's `data` and a Secret's `stringData` as written, a `binaryData` or a
 * Secret's `data` decoded from base64 (core/v1 ConfigMap.binaryData, Secret.data: `[]byte`, base64 in JSON).
 */
function dataText(kind: string, field: string, value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const base64 = field === 'binaryData' || (kind === 'Secret' && field === 'data');
  return base64 ? Buffer.from(value, 'base64').toString('utf8') : value;
}

/**
 * The keys of the ConfigMap or Secret `name` that `extraObjects` renders in Traefik's namespace (`data`, `binaryData`, a
 * Secret's `stringData`, which the API server merges over `data`), paths below the reader's prefix.
 */
export function sourceKeys(values: Values, kind: 'ConfigMap' | 'Secret', name: string): SourceKey[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): SourceKey[] => {
      const meta = isMap(object.metadata) ? object.metadata : {};
      const namespace = meta.namespace ?? TRAEFIK_NAMESPACE;
      if (object.kind !== kind || meta.name !== name || namespace !== TRAEFIK_NAMESPACE) return [];
      return ['data', 'binaryData', 'stringData'].flatMap((field) => {
        const data = object[field];
        const at = typeof item === 'string' ? ['values', 'extraObjects', i] : ['values', 'extraObjects', i, field];
        return isMap(data)
          ? Object.entries(data).map(([key, value]) => {
              const text = dataText(kind, field, value);
              return { key, at: typeof item === 'string' ? at : [...at, key], ...(text !== undefined && { value: text }) };
            })
          : [];
      });
    }),
  );
}

/** The ConfigMap or Secret an `envFrom` item or a `valueFrom` reference names. */
export function referencedSource(ref: Values, keys: readonly [string, string]): { kind: 'ConfigMap' | 'Secret'; name: string } | undefined {
  for (const [key, kind] of [
    [keys[0], 'ConfigMap'],
    [keys[1], 'Secret'],
  ] as const) {
    const named = ref[key];
    if (isMap(named) && typeof named.name === 'string') return { kind, name: named.name };
  }
  return undefined;
}

/**
 * The variable names the chart's `envFrom` gives the Traefik container from a ConfigMap or Secret that `extraObjects`
 * renders in Traefik's namespace (the chart copies `envFrom` into the container, templates/_podtemplate.tpl, v39.0.7):
 * each data key (`data`, `binaryData`, a Secret's `stringData`) with the item's `prefix` before it (Kubernetes
 * core/v1 EnvFromSource). A `prefix` itself starting with TRAEFIK_ is given too (at the prefix): every key of the source,
 * in this config or not, becomes such a name.
 */
export function envFromNames(values: Values): EnvFromName[] {
  const sources: unknown[] = Array.isArray(values.envFrom) ? values.envFrom : [];
  return sources.flatMap((source, s): EnvFromName[] => {
    if (!isMap(source)) return [];
    const prefix = typeof source.prefix === 'string' ? source.prefix : '';
    const own: EnvFromName[] = prefix.toUpperCase().startsWith('TRAEFIK_')
      ? [{ name: prefix, at: ['values', 'envFrom', s, 'prefix'], source: s }]
      : [];
    const ref = referencedSource(source, ['configMapRef', 'secretRef']);
    if (!ref) return own;
    const secret = ref.kind === 'Secret';
    const keys = sourceKeys(values, ref.kind, ref.name).map(({ key, at, value }) => ({
      name: prefix + key,
      at,
      source: s,
      ...(value !== undefined && { value }),
      ...(secret && { secret }),
    }));
    return [...own, ...keys];
  });
}
