import { keyText, type Path, type Problem } from '../core/problem';
import { traefikFlags } from '../traefik/arguments';
import { readChartVersion } from '../traefik/chart-versions';
import type { EffectiveTraefik } from '../traefik/effective';
import { entrypointMiddlewares } from '../traefik/entrypoint-middlewares';
import { landings, redirectTarget } from '../traefik/redirect-reach';
import { isMap } from '../core/is-map';
import { definedMiddlewares } from './defined-middlewares';

/** The port a URL of `scheme` names when it names none. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

/**
 * The port of the Location a redirectScheme middleware answers, or undefined when it cannot be told: its `port`, else
 * the scheme's own (traefik/traefik pkg/middlewares/redirect/redirect_scheme.go `NewRedirectScheme`, v3.6.0: the port
 * is left out of the Location when empty, or 80 with http, 443 with https; the scheme defaults to https).
 */
function redirectSchemePort(spec: unknown): number | undefined {
  if (!isMap(spec)) return undefined;
  const scheme = typeof spec.scheme === 'string' && spec.scheme ? spec.scheme.toLowerCase() : 'https';
  const port = typeof spec.port === 'string' || typeof spec.port === 'number' ? String(spec.port) : '';
  if (port === '') return DEFAULT_PORTS[scheme];
  return /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535 ? Number(port) : undefined;
}

/**
 * 81b-18: a redirectScheme middleware an entrypoint puts in front of every router on it (`entryPoints.<name>.http.middlewares`,
 * traefik/entrypoint-middlewares.ts) redirects every request there, the Ingresses' too, as an entrypoint redirection does
 * (redirect-rules.ts): to a port nothing of Traefik's listens on (no Service port, host port or hostNetwork port) the
 * Ingresses `served` on that entrypoint cannot be reached. Middlewares are read by Traefik's name for them
 * (defined-middlewares.ts); a redirectRegex, whose Location depends on each URL, is not judged here.
 */
export function redirectMiddlewareProblems(
  traefik: EffectiveTraefik,
  chartVersion: string,
  prefix: Path,
  served: (entrypoint: string) => { readonly indexes: readonly number[]; readonly url: string } | undefined,
): Problem[] {
  const { values } = traefik;
  const flags = traefikFlags(values, prefix, chartVersion);
  const chart = readChartVersion(chartVersion);
  const defined = definedMiddlewares(values);
  const where = landings(traefik.entrypoints);
  return traefik.entrypoints.flatMap((entry) => {
    const reached = served(entry.name);
    if (!reached) return [];
    return entrypointMiddlewares(values, flags, entry.name, chart).flatMap((source) => {
      const path = 'flag' in source ? source.flag.path : [...prefix, 'values', ...source.key];
      return source.text.split(',').flatMap((item, i): Problem[] => {
        const found = defined.get(item.trim());
        const port = found && redirectSchemePort(found.spec.redirectScheme);
        if (!found || port === undefined) return [];
        if (redirectTarget({ to: `:${port}`, door: 'flag', port }, where, !!traefik.hostNetwork)) return [];
        const ingresses = reached.indexes.map((n) => `ingresses[${n}]`).join(', ');
        return [
          {
            path,
            message:
              `item ${i + 1} puts Middleware ${found.name} in front of every router on entrypoint ${keyText(entry.name)}, and its ` +
              `redirectScheme sends every request to port ${port}, where no entrypoint of Traefik's listens on the VIP (no Service ` +
              `port, host port or hostNetwork port), so ${ingresses} (${reached.url}) cannot be reached on the VIP: write the port ` +
              'clients reach the target entrypoint on (443 for websecure), or remove the middleware from the entrypoint',
          },
        ];
      });
    });
  });
}
