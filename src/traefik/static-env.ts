import type { Path, Problem } from '../core/problem';
import { isMap } from '../core/is-map';
import { envFromNames } from './env-from-keys';
import { reference, segmentMatches } from './flag-reference';

type Values = Readonly<Record<string, unknown>>;

/**
 * What to write instead of a TRAEFIK_* variable (58a-21): the flag, when Traefik's flag table (flag-reference.ts, any
 * vendored release) has it; else no flag is suggested: the name is no static option, and a router, middleware, service
 * or TLS setting is dynamic configuration.
 */
function insteadOf(name: string): string {
  const flag = name.slice('TRAEFIK_'.length).toLowerCase().replace(/_/g, '.');
  const parts = flag.split('.');
  const known = reference().patterns.some(
    (pattern) => pattern.parts.length >= parts.length && parts.every((part, i) => segmentMatches(pattern.parts[i], part)),
  );
  return known
    ? `give it as a flag in additionalArguments instead (e.g. --${flag}=…)`
    : `Traefik has no static option --${flag} (no flag to give it as); if it is dynamic configuration (a router, middleware, service or TLS ` +
        'setting), give it through the file provider (providers.file.content) or a CRD object in extraObjects';
}

const WHY =
  'a Traefik setting as an environment variable, which Traefik never reads: it takes its static options from one source, ' +
  'and the chart always passes command-line flags';

/**
 * Traefik reads its static configuration from one source only: a configuration file, else command-line flags, else
 * TRAEFIK_* environment variables, "mutually exclusive ... evaluated in the order listed" (traefik/traefik
 * docs/content/getting-started/configuration-overview.md, v3.6; cmd/traefik/traefik.go: the loaders FileLoader,
 * FlagLoader, EnvLoader, the first that loads ends the search). The chart always passes flags (templates/_podtemplate.tpl
 * `args`), so a TRAEFIK_* variable in the chart's `env`, or through `envFrom` (env-from-keys.ts), is never read: warned.
 */
export function staticEnvWarnings(values: Values, prefix: Path): Problem[] {
  const env: unknown[] = Array.isArray(values.env) ? values.env : [];
  const direct = env.flatMap((item, i): Problem[] => {
    const name = isMap(item) ? item.name : undefined;
    if (typeof name !== 'string' || !/^TRAEFIK_[A-Z0-9_]+$/.test(name)) return [];
    return [{ path: [...prefix, 'values', 'env', i, 'name'], message: `is ${JSON.stringify(name)}, ${WHY}: ${insteadOf(name)}` }];
  });
  const fromSources = envFromNames(values).flatMap(({ name, at }): Problem[] => {
    if (at.at(-1) === 'prefix')
      return [
        {
          path: [...prefix, ...at],
          message: `is ${JSON.stringify(name)}: every key of the envFrom source becomes a TRAEFIK_* variable, ${WHY}: give the settings as flags in additionalArguments instead`,
        },
      ];
    if (!/^TRAEFIK_[A-Z0-9_]+$/.test(name)) return [];
    return [
      {
        path: [...prefix, ...at],
        message: `gives the Traefik container ${JSON.stringify(name)} through envFrom, ${WHY}: ${insteadOf(name)}`,
      },
    ];
  });
  return [...direct, ...fromSources];
}
