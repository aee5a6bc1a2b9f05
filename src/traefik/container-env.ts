import type { Path } from '../core/problem';
import { isMap } from '../core/is-map';
import { envFromNames, referencedSource, sourceKeys } from './env-from-keys';

type Values = Readonly<Record<string, unknown>>;

/** A variable of Traefik's container as the kubelet sets it, and where the config gives it. */
export interface ContainerVar {
  readonly name: string;
  /** Below the reader's prefix: the `env` item, or the data key of the envFrom source. */
  readonly at: Path;
  /** Its text; undefined when this config cannot read it (a reference to an object it does not write, `$(VAR)`). */
  readonly value?: string;
  /** `envFrom[0]` when an envFrom source gives it. */
  readonly via?: string;
  /** Whether a Secret gives it: its value is never shown. */
  readonly secret?: boolean;
}

/** A `valueFrom` of an `env` item: the text of the extraObjects ConfigMap or Secret key it names, else unknown. */
function referencedValue(values: Values, from: unknown): Pick<ContainerVar, 'value' | 'secret'> {
  const ref = isMap(from) ? referencedSource(from, ['configMapKeyRef', 'secretKeyRef']) : undefined;
  if (!ref || !isMap(from)) return {};
  const selector = from[ref.kind === 'ConfigMap' ? 'configMapKeyRef' : 'secretKeyRef'] as Values;
  // The API server merges a Secret's stringData over its data: the last key of the name wins.
  const found = sourceKeys(values, ref.kind, ref.name)
    .filter((entry) => entry.key === selector.key)
    .at(-1);
  return { ...(found?.value !== undefined && { value: found.value }), ...(ref.kind === 'Secret' && { secret: true }) };
}

/**
 * The variable `name` of Traefik's container, or undefined when it is not set as far as this config shows (kubernetes
 * pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, v1.31: the `envFrom` sources in order, a later one overriding an
 * earlier one's key, then `env` in order, each item overriding what came before). Names are case-sensitive. Sources this
 * config does not write give no name here.
 */
export function containerVar(values: Values, name: string): ContainerVar | undefined {
  let found: ContainerVar | undefined;
  for (const entry of envFromNames(values))
    if (entry.name === name && entry.at.at(-1) !== 'prefix')
      found = {
        name,
        at: entry.at,
        via: `envFrom[${entry.source}]`,
        ...(entry.value !== undefined && { value: entry.value }),
        ...(entry.secret && { secret: true }),
      };
  const env: unknown[] = Array.isArray(values.env) ? values.env : [];
  env.forEach((item, i) => {
    if (!isMap(item) || item.name !== name) return;
    const at = ['values', 'env', i];
    if (item.valueFrom !== undefined && item.valueFrom !== null) found = { name, at, ...referencedValue(values, item.valueFrom) };
    else if (typeof item.value === 'string' && item.value.includes('$(')) found = { name, at };
    else found = { name, at, value: typeof item.value === 'string' ? item.value : '' };
  });
  return found;
}

/**
 * The variable Go reads under one of two spellings, as golang.org/x/net/http/httpproxy `FromEnvironment` does
 * (http/httpproxy/proxy.go `getEnvAny("HTTPS_PROXY", "https_proxy")`: the first that is set and not empty), and
 * k8s.io/apimachinery pkg/util/net/http.go `NewProxierWithNoProxyCIDR` for NO_PROXY alike. A first spelling of unknown
 * value is taken as the one read.
 */
export function goEnvAny(values: Values, upper: string, lower: string): ContainerVar | undefined {
  const first = containerVar(values, upper);
  if (first && first.value !== '') return first;
  const second = containerVar(values, lower);
  return second && second.value !== '' ? second : undefined;
}
