import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';

type Values = Readonly<Record<string, unknown>>;

/**
 * Traefik reads its static configuration from one source only: a configuration file, else command-line flags, else
 * TRAEFIK_* environment variables, "mutually exclusive ... evaluated in the order listed" (traefik/traefik
 * docs/content/getting-started/configuration-overview.md, v3.6; cmd/traefik/traefik.go: the loaders FileLoader,
 * FlagLoader, EnvLoader, the first that loads ends the search). The chart always passes flags (templates/_podtemplate.tpl
 * `args`), so a TRAEFIK_* variable in the chart's `env` is never read: warned, with the flag that would set it.
 */
export function staticEnvWarnings(values: Values, prefix: Path): Problem[] {
  const env: unknown[] = Array.isArray(values.env) ? values.env : [];
  return env.flatMap((item, i): Problem[] => {
    const name = isMap(item) ? item.name : undefined;
    if (typeof name !== 'string' || !/^TRAEFIK_[A-Z0-9_]+$/.test(name)) return [];
    const flag = `--${name.slice('TRAEFIK_'.length).toLowerCase().replace(/_/g, '.')}`;
    return [
      {
        path: [...prefix, 'values', 'env', i, 'name'],
        message:
          `is ${JSON.stringify(name)}, a Traefik setting as an environment variable, which Traefik never reads: it takes its ` +
          'static options from one source, and the chart always passes command-line flags: give it as a flag in ' +
          `additionalArguments instead (e.g. ${flag}=…)`,
      },
    ];
  });
}
