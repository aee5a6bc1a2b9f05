import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';

/** A shell or Compose reference (`${API_TOKEN}`, `${X:-y}`), which the kubelet does not expand. */
const SHELL_REFERENCE = /\$\{[A-Za-z_]\w{0,127}(?:[:?=+-][^{}]{0,256})?\}/;

/**
 * Round 59a-8: in a container's `env[].value` Kubernetes expands only `$(VAR)`, from variables defined before it, and
 * passes anything else as written (kubernetes.io/docs/tasks/inject-data-application/define-interdependent-environment-variables;
 * kubernetes/kubernetes third_party/forked/golang/expansion/expand.go reads `$(` only). A `${VAR}` there reaches Traefik
 * literally: warned, with the ways that work. Traefik's chart writes `env` as given (traefik-helm-chart
 * traefik/templates/_podtemplate.tpl `env`).
 */
export function unexpandedEnvWarnings(values: Readonly<Record<string, unknown>>, prefix: Path): Problem[] {
  const env: unknown[] = Array.isArray(values.env) ? values.env : [];
  return env.flatMap((item, i): Problem[] => {
    const value = isMap(item) ? item.value : undefined;
    if (typeof value !== 'string' || value.length > 65_536 || !SHELL_REFERENCE.test(value)) return [];
    return [
      {
        path: [...prefix, 'values', 'env', i, 'value'],
        message:
          'holds a `${…}` reference, which Kubernetes does not expand in an env value (it expands only `$(VAR)`, from variables ' +
          'defined above it), so the container gets the text as written: write `$(VAR)`, or take the value from a Secret ' +
          'with valueFrom.secretKeyRef',
      },
    ];
  });
}
