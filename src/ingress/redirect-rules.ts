import { formatPath, Report } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { EffectiveTraefik } from '../traefik/effective';
import type { Entrypoint } from '../traefik/entrypoints';
import { EntrypointRedirect, entrypointRedirects, redirectChart } from '../traefik/redirects';
import { servesTls } from '../traefik/chart-failures';
import { redirectCycleProblems } from '../traefik/redirect-cycles';

/**
 * The port of the Location a redirect answers: a flag's `:port`, or for a flag naming an entrypoint that entrypoint's
 * address port (Traefik's getEntryPointPort, the container port: 8443 for websecure, which is why the chart renders its
 * key as `to=:<exposedPort>`); undefined for the chart key, which names the entrypoint whose Service port it renders.
 */
function locationPort(redirect: EntrypointRedirect, traefik: EffectiveTraefik): number | undefined {
  if (redirect.port !== undefined || redirect.door === 'key') return redirect.port;
  return traefik.entrypoints.find((entry) => entry.name === redirect.to)?.port;
}

/**
 * The entrypoint a redirect sends clients to. A name is looked up exactly (traefik/redirects.ts). A Location port is
 * reached on the VIP through a Service port (`exposedPort`), or on a node through a host port (or the container port
 * itself under hostNetwork); undefined when nothing listens there.
 */
function redirectTarget(redirect: EntrypointRedirect, port: number | undefined, traefik: EffectiveTraefik): Entrypoint | undefined {
  const { entrypoints } = traefik;
  if (port === undefined) return entrypoints.find((entry) => entry.name === redirect.to);
  return (
    entrypoints.find((entry) => entry.services.length > 0 && entry.exposedPort === port) ??
    entrypoints.find((entry) => entry.hostPort === port) ??
    (traefik.hostNetwork ? entrypoints.find((entry) => entry.port === port) : undefined)
  );
}

/**
 * Why a redirect is broken whatever the Ingresses, with what to write instead, else undefined: a flag's `to` Traefik
 * cannot use (it logs an error and makes no redirection, or answers a Location with a junk port), a target that is the
 * entrypoint itself (every request redirected again, whatever is served there), or a flag's
 * plain HTTP sent to an entrypoint serving TLS. The chart key's own failures are chart-failures.ts'.
 */
function brokenRedirect(redirect: EntrypointRedirect, target: Entrypoint | undefined, tls: boolean): [string, string] | undefined {
  const { from, to, port, door, scheme } = redirect;
  const fix =
    'write :<port>, the port clients reach the entrypoint on (:443 for websecure; a plain number from 1 to 65535), or an ' +
    'entrypoint name exactly as under traefik.values.ports';
  if (door === 'flag' && to === '') return ['to nothing, so Traefik makes no redirection ("the entry point or the port is missing")', fix];
  if (door === 'flag' && to.startsWith(':') && port === undefined) {
    return [`to ${JSON.stringify(to)}, which is no port (a plain number from 1 to 65535, without sign or blank)`, fix];
  }
  if (door === 'flag' && !target && port === undefined) {
    return [
      `to ${JSON.stringify(to)}, which names no entrypoint (Traefik looks it up exactly, case and blanks included, and makes no redirection)`,
      fix,
    ];
  }
  // Wherever it is, whatever is served there: clients reach the entrypoint and are sent back to it forever.
  if (target && target.name.toLowerCase() === from.toLowerCase()) {
    return [`${port === undefined ? '' : `through ${to} `}to itself, where every request is redirected again`, 'remove the redirection'];
  }
  // A scheme flag overrides the chart key's scheme too (the chart writes its flags before additionalArguments).
  if ((door === 'flag' || redirect.schemeFlag) && target && tls && scheme === 'http') {
    const label = port === undefined ? to : `${to} (entrypoint ${target.name})`;
    return [
      `with scheme http to ${label}, which serves TLS, so clients send plain HTTP to a TLS port`,
      `write --entrypoints.${from}.http.redirections.entrypoint.scheme=https (Traefik's default when no scheme is given)`,
    ];
  }
  return undefined;
}

/**
 * An entrypoint redirection sends every request on its entrypoint elsewhere (traefik/redirects.ts). A broken one
 * (brokenRedirect) is refused whatever the Ingresses. The Ingresses served on its entrypoint (`web` for plain HTTP,
 * `websecure` for TLS) cannot be reached when it sends them to a port nothing listens on, to an entrypoint no Service
 * exposes on the VIP (`traefik`, `metrics`: clients cannot follow), or from websecure to plain `web` or with
 * `scheme: http` anywhere (a TLS Ingress' routers match HTTPS only): judged like taking the entrypoint off every
 * Service (rules.ts). A plain Ingress is served on websecure too, so websecure to web keeps it reachable.
 */
export function checkRedirects(config: ClusterConfig, traefik: EffectiveTraefik, error: Report): void {
  const users = (tls: boolean) => config.ingresses.flatMap((ingress, i) => (!!ingress.tls === tls ? [i] : []));
  const chart = redirectChart(config.traefik.chartVersion);
  for (const cycle of redirectCycleProblems(traefik.values, config.traefik.chartVersion, traefik.entrypoints, ['traefik']))
    error(cycle.path, cycle.message);
  for (const redirect of entrypointRedirects(traefik.values, config.traefik.chartVersion, ['traefik'])) {
    const { from, to, port, path } = redirect;
    const source = from.toLowerCase();
    const served = source === 'websecure' ? users(true) : source === 'web' ? users(false) : [];
    const location = locationPort(redirect, traefik);
    const named = port === undefined ? traefik.entrypoints.find((entry) => entry.name === to) : undefined;
    const target = redirectTarget(redirect, location, traefik);
    const reach = () =>
      served.length
        ? `, so ${served.map((i) => `ingresses[${i}]`).join(', ')} (${source === 'websecure' ? 'https://' : 'http://'}` +
          `${config.ingresses[served[0]].host}) cannot be reached on the VIP`
        : '';
    const aimed = named ?? target;
    const broken = brokenRedirect(redirect, aimed, !!aimed && servesTls(traefik.values, aimed.name, chart));
    if (broken) {
      const at = redirect.door === 'key' && redirect.schemeFlag && broken[0].startsWith('with scheme http') ? redirect.schemeFlag : path;
      error(at, `redirects entrypoint ${from} ${broken[0]}${reach()}: ${broken[1]}`);
      continue;
    }
    // A chart key naming no entrypoint fails the chart itself (chart-failures.ts).
    if (!served.length || (!target && location === undefined)) continue;
    const hit = named ?? target;
    const label = port === undefined ? to : `${to} (entrypoint ${target?.name})`;
    const unexposed = (entry: Entrypoint) => !entry.services.length && entry.hostPort === undefined && !traefik.hostNetwork;
    // The most basic reason first: an entrypoint clients cannot reach, then plain HTTP on websecure, then the Location's port.
    const why =
      hit && unexposed(hit)
        ? `to ${label}, which no Service exposes on the VIP, so clients cannot follow it`
        : source === 'websecure' && (hit?.name.toLowerCase() === 'web' || redirect.scheme === 'http')
          ? `to plain HTTP on ${label}, where TLS routers never match`
          : !target
            ? `to ${port === undefined ? `${to}, whose address port ${location} Traefik puts in the Location (not the Service port),` : `port ${port},`} ` +
              "where no entrypoint of Traefik's listens on the VIP (no Service port, host port or hostNetwork port)"
            : undefined;
    const fix =
      !target && named?.exposedPort !== undefined && !unexposed(named)
        ? `write :${named.exposedPort}, its Service port, or remove the redirection`
        : 'remove the redirection';
    if (why) error(path, `redirects entrypoint ${from} ${why}${reach()}: ${fix}`);
  }
}

/**
 * Why `url` (http://) is not sent to HTTPS on the VIP (traefik/redirect-reach.ts webRedirectsToTls is false), and the
 * fix: no redirect, or the one Traefik keeps, which a later flag in additionalArguments makes over traefik.redirectToHttps'
 * own (the chart writes its flags first, traefik/templates/_podtemplate.tpl, and Traefik takes the last of a flag given twice).
 */
export function noHttpsRedirect(config: ClusterConfig, traefik: EffectiveTraefik, url: string): string {
  const web = entrypointRedirects(traefik.values, config.traefik.chartVersion, ['traefik']).find((r) => r.from.toLowerCase() === 'web');
  if (!web) {
    const why = config.traefik.redirectToHttps ? 'while entrypoint web redirects nowhere' : 'while traefik.redirectToHttps is false';
    return `${why}, so ${url} answers 404: set traefik.redirectToHttps: true`;
  }
  const over = web.door === 'flag' && config.traefik.redirectToHttps ? ', overriding the redirect traefik.redirectToHttps writes,' : '';
  const port = traefik.entrypoints.find((entry) => entry.name === 'websecure')?.exposedPort ?? 443;
  const fix =
    web.door === 'key'
      ? 'write websecure there, or remove the key and set traefik.redirectToHttps: true'
      : `write --entrypoints.web.http.redirections.entrypoint.to=:${port} (websecure's Service port), or remove the flag` +
        (config.traefik.redirectToHttps ? '' : ' and set traefik.redirectToHttps: true');
  return (
    `while ${formatPath(web.path)} redirects entrypoint web to ${JSON.stringify(web.to)}${over} where no HTTPS entrypoint answers ` +
    `on the VIP, so ${url} never reaches HTTPS: ${fix}`
  );
}
