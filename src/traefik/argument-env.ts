import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/** The key under which `containerVars` notes that `envFrom` may set any name (no env var name holds a space). */
const FROM_SOURCES = ' envFrom';

/** kubelet expansion: `$$` escapes a `$`, `$(NAME)` is a reference (IsEnvVarName's characters). */
const REFERENCE = /\$\$|\$\(([-._a-zA-Z][-._a-zA-Z0-9]{0,252})\)/g;

/**
 * The env vars of Traefik's container as the kubelet sets them before it expands `args` (kubernetes
 * pkg/kubelet/kubelet_pods.go makeEnvironmentVariables, v1.31: envFrom first, then `env` in order, each value expanded
 * over those set so far): a literal's text, or null for one this config cannot read (valueFrom, an envFrom source).
 */
function containerVars(values: Values): Map<string, string | null> {
  const vars = new Map<string, string | null>();
  // A name no `env` entry sets may come from an `envFrom` source, whose keys are not read here: unknown then.
  if (Array.isArray(values.envFrom) && values.envFrom.length) vars.set(FROM_SOURCES, null);
  for (const item of Array.isArray(values.env) ? values.env : []) {
    if (!isMap(item) || typeof item.name !== 'string') continue;
    if (item.valueFrom !== undefined) vars.set(item.name, null);
    else {
      const expanded = expand(typeof item.value === 'string' ? item.value : '', vars);
      vars.set(item.name, expanded);
    }
  }
  return vars;
}

/** `text` expanded over `vars` (kubernetes third_party/forked/golang/expansion/expand.go: an undefined `$(X)` stays as written); null when it uses a var of unknown value. */
function expand(text: string, vars: ReadonlyMap<string, string | null>): string | null {
  let unknown = false;
  const value = text.replace(REFERENCE, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const known = vars.has(name) ? vars.get(name) : vars.get(FROM_SOURCES);
    if (known === null) unknown = true;
    return typeof known === 'string' ? known : whole;
  });
  return unknown ? null : value;
}

/**
 * 81b-15: a flag value of `additionalArguments` as Traefik gets it: the chart writes the list into the container's
 * `args`, where the kubelet replaces `$(VAR)` with the container's env (kubernetes.io/docs/tasks/inject-data-application/
 * define-command-argument-container, "Use environment variables to define arguments"). Null when a var of unknown value
 * (a Secret or ConfigMap reference) takes part; the text as written when it holds no `$`.
 */
export function expandedFlagValue(value: string, values: Values, vars = new Map<Values, Map<string, string | null>>()): string | null {
  if (!value.includes('$')) return value;
  let known = vars.get(values);
  if (!known) vars.set(values, (known = containerVars(values)));
  return expand(value, known);
}
