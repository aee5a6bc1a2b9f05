import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { renderedObjects } from './extra-objects';

type Values = Readonly<Record<string, unknown>>;

/** An environment variable the Traefik container gets through `envFrom`, and where the config names it. */
export interface EnvFromName {
  readonly name: string;
  /** Below the reader's prefix: the ConfigMap's or Secret's data key, or the envFrom item's `prefix`. */
  readonly at: Path;
}

/** The namespace of the Traefik release (k3s deploys the chart into kube-system): where the pod's envFrom looks. */
const TRAEFIK_NAMESPACE = 'kube-system';

/**
 * The variable names the chart's `envFrom` gives the Traefik container from a ConfigMap or Secret that `extraObjects`
 * renders in Traefik's namespace (the chart copies `envFrom` into the container, templates/_podtemplate.tpl, v39.0.7):
 * each data key (`data`, `binaryData`, a Secret's `stringData`) with the item's `prefix` before it (Kubernetes
 * core/v1 EnvFromSource). A `prefix` itself starting with TRAEFIK_ is given too (at the prefix): every key of the source,
 * in this config or not, becomes such a name.
 */
export function envFromNames(values: Values): EnvFromName[] {
  const sources: unknown[] = Array.isArray(values.envFrom) ? values.envFrom : [];
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return sources.flatMap((source, s): EnvFromName[] => {
    if (!isMap(source)) return [];
    const prefix = typeof source.prefix === 'string' ? source.prefix : '';
    const own: EnvFromName[] = prefix.toUpperCase().startsWith('TRAEFIK_')
      ? [{ name: prefix, at: ['values', 'envFrom', s, 'prefix'] }]
      : [];
    const ref = isMap(source.configMapRef)
      ? ['ConfigMap', source.configMapRef]
      : isMap(source.secretRef)
        ? ['Secret', source.secretRef]
        : undefined;
    if (!ref || !isMap(ref[1]) || typeof ref[1].name !== 'string') return own;
    const [kind, { name }] = ref as [string, Values];
    const keys = items.flatMap((item, i) =>
      renderedObjects(item).flatMap((object): EnvFromName[] => {
        const meta = isMap(object.metadata) ? object.metadata : {};
        const namespace = meta.namespace ?? TRAEFIK_NAMESPACE;
        if (object.kind !== kind || meta.name !== name || namespace !== TRAEFIK_NAMESPACE) return [];
        return ['data', 'binaryData', 'stringData'].flatMap((field) => {
          const data = object[field];
          const at = typeof item === 'string' ? ['values', 'extraObjects', i] : ['values', 'extraObjects', i, field];
          return isMap(data)
            ? Object.keys(data).map((key) => ({ name: prefix + key, at: typeof item === 'string' ? at : [...at, key] }))
            : [];
        });
      }),
    );
    return [...own, ...keys];
  });
}
