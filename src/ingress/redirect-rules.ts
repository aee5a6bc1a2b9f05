import { formatPath, Path, Report } from '../core/problem';
import type { ClusterConfig } from '../config/schema';
import type { EffectiveTraefik } from '../traefik/effective';
import type { Entrypoint } from '../traefik/entrypoints';
import { EntrypointRedirect, entrypointRedirects, redirectChart, redirectToFailures } from '../traefik/redirects';
import { servesTls } from '../traefik/chart-failures';
import { redirectCycleProblems } from '../traefik/redirect-cycles';
import { landings, locationPort, redirectTarget } from '../traefik/redirect-reach';
import { vipServicesOf } from '../kube-vip/client-ip';
import { redirectMiddlewareProblems } from './redirect-middlewares';

/**
 * Why a redirect is broken whatever the Ingresses, with what to write instead, else undefined: a flag's `to` Traefik
 * cannot use (it logs an error and makes no redirection, or answers a Location with a junk port), a target that is the
 * entrypoint itself (every request redirected again, whatever is served there), or a flag's
 * plain HTTP sent to an entrypoint serving TLS. The chart key's own failures are chart-failures.ts'.
 */
function brokenRedirect(
  redirect: EntrypointRedirect,
  target: Entrypoint | undefined,
  tls: boolean,
  prefix: Path,
): [string, string] | undefined {
  const { from, to, port, door, scheme } = redirect;
  const fix =
    'write :<port>, the port clients reach the entrypoint on (:443 for websecure; a plain number from 1 to 65535), or an ' +
    `entrypoint name exactly as under ${formatPath([...prefix, 'values', 'ports'])}`;
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
  const { chartVersion, values } = config.traefik;
  checkEntrypointRedirects({ chartVersion, values, ingresses: config.ingresses, prefix: ['traefik'] }, traefik, error);
}

/** Where the redirect rules run: a config (prefix `traefik`, its Ingresses), or a TraefikHelmChartConfig (no prefix, no Ingresses). */
export interface RedirectScope {
  readonly chartVersion: string;
  /** The user's own values, which tell a redirect they wrote from redirectToHttps' own. */
  readonly values: Readonly<Record<string, unknown>> | undefined;
  readonly ingresses: ReadonlyArray<Pick<ClusterConfig['ingresses'][number], 'host' | 'tls'>>;
  readonly prefix: Path;
}

/** checkRedirects' rules in `scope`: with no Ingresses, the cycles and the redirects broken whatever is served. */
export function checkEntrypointRedirects(scope: RedirectScope, traefik: EffectiveTraefik, error: Report): void {
  const { chartVersion, ingresses, prefix } = scope;
  const user = scope.values ?? {};
  const users = (tls: boolean) => ingresses.flatMap((ingress, i) => (!!ingress.tls === tls ? [i] : []));
  const chart = redirectChart(chartVersion);
  const where = landings(traefik.entrypoints);
  // The chart key before v34 (`redirectTo`), which the chart fails on; from v34, chart-failures.ts judges `redirections`.
  const names = traefik.entrypoints.map((entry) => entry.name);
  for (const failure of redirectToFailures(traefik.values, chartVersion, names, prefix, user)) error(failure.path, failure.message);
  for (const cycle of redirectCycleProblems(traefik.values, chartVersion, traefik.entrypoints, prefix, user))
    error(cycle.path, cycle.message);
  for (const redirect of entrypointRedirects(traefik.values, chartVersion, prefix, user)) {
    const { from, to, port, path } = redirect;
    const source = from.toLowerCase();
    const served = source === 'websecure' ? users(true) : source === 'web' ? users(false) : [];
    const location = locationPort(redirect, where);
    const named = port === undefined ? where.byName.get(to) : undefined;
    const target = redirectTarget(redirect, where, !!traefik.hostNetwork);
    const reach = () =>
      served.length
        ? `, so ${served.map((i) => `ingresses[${i}]`).join(', ')} (${source === 'websecure' ? 'https://' : 'http://'}` +
          `${ingresses[served[0]].host}) cannot be reached on the VIP`
        : '';
    const aimed = named ?? target;
    const broken = brokenRedirect(redirect, aimed, !!aimed && servesTls(traefik.values, aimed.name, chart), prefix);
    if (broken) {
      const at = redirect.door === 'key' && redirect.schemeFlag && broken[0].startsWith('with scheme http') ? redirect.schemeFlag : path;
      error(at, `redirects entrypoint ${from} ${broken[0]}${reach()}: ${broken[1]}`);
      continue;
    }
    // A chart key naming no entrypoint fails the chart itself (chart-failures.ts).
    if (!served.length || (!target && location === undefined)) continue;
    const hit = named ?? target;
    const label = port === undefined ? to : `${to} (entrypoint ${target?.name})`;
    const unexposed = (entry: Entrypoint) =>
      !vipServicesOf(entry, traefik.services).length && entry.hostPort === undefined && !traefik.hostNetwork;
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
  // 81b-18: the same redirect written as an entrypoint's redirectScheme middleware.
  const served = (entrypoint: string) => {
    const source = entrypoint.toLowerCase();
    const indexes = source === 'websecure' ? users(true) : source === 'web' ? users(false) : [];
    const url = indexes.length ? `${source === 'websecure' ? 'https://' : 'http://'}${ingresses[indexes[0]].host}` : '';
    return indexes.length ? { indexes, url } : undefined;
  };
  for (const problem of redirectMiddlewareProblems(traefik, chartVersion, prefix, served)) error(problem.path, problem.message);
}

/**
 * Why `url` (http://) gets no redirect to HTTPS on the VIP, with the fix, else undefined. First `web` off Traefik's
 * Service by the values (dropped, or its `expose` off): http:// gets no answer at all. Then a redirect that does not land
 * on HTTPS (traefik/redirect-reach.ts webRedirectsToTls): none, or the one Traefik keeps, which a later flag in
 * additionalArguments makes over traefik.redirectToHttps' own (the chart writes its flags first,
 * traefik/templates/_podtemplate.tpl, and Traefik takes the last of a flag given twice).
 */
export function noHttpsRedirect(config: ClusterConfig, traefik: EffectiveTraefik, url: string): string | undefined {
  const { redirectToHttps } = config.traefik;
  const offVip = webOffVip(config, traefik);
  if (offVip) {
    const redirect = redirectToHttps ? ' and traefik.redirectToHttps does nothing' : '';
    return (
      `while entrypoint web is on no port of the VIP, so ${url} gets no answer${redirect}: remove ${formatPath(offVip)} ` +
      "(the chart's web is on port 80 of Traefik's Service)"
    );
  }
  if (traefik.httpsRedirect) return undefined;
  const user = config.traefik.values ?? {};
  const web = entrypointRedirects(traefik.values, config.traefik.chartVersion, ['traefik'], user).find(
    (r) => r.from.toLowerCase() === 'web',
  );
  if (!web) {
    const why = redirectToHttps ? 'while entrypoint web redirects nowhere' : 'while traefik.redirectToHttps is false';
    return `${why}, so ${url} answers 404: set traefik.redirectToHttps: true`;
  }
  const over = web.door === 'flag' && redirectToHttps ? ', overriding the redirect traefik.redirectToHttps writes,' : '';
  const port = traefik.entrypoints.find((entry) => entry.name === 'websecure')?.exposedPort ?? 443;
  // The redirect names websecure already (the key by name, a flag by its Service port): it is websecure that does not
  // answer HTTPS on the VIP.
  const atWebsecure = web.door === 'flag' ? web.port === port : web.to === 'websecure';
  const fix = atWebsecure
    ? "keep websecure exposed on Traefik's Service with TLS on (remove the traefik.values.ports.websecure keys that change " +
      "its expose or http.tls; the chart's websecure has both)"
    : web.door === 'flag'
      ? `write --entrypoints.web.http.redirections.entrypoint.to=:${port} (websecure's Service port), or remove the flag` +
        (redirectToHttps ? '' : ' and set traefik.redirectToHttps: true')
      : `write websecure there, or remove the key${redirectToHttps ? '' : ' and set traefik.redirectToHttps: true'}`;
  return (
    `while ${formatPath(web.path)} redirects entrypoint web to ${JSON.stringify(web.to)}${over} where no HTTPS entrypoint answers ` +
    `on the VIP, so ${url} never reaches HTTPS: ${fix}`
  );
}

/**
 * The key that takes `web` off every Service on the VIP (`ports.web: null` or `ports: null`, or its `expose` off or
 * only on Services that carry no VIP, as the Ingress rule reads it: kube-vip/client-ip.ts vipServicesOf), else undefined.
 */
function webOffVip(config: ClusterConfig, traefik: EffectiveTraefik): Path | undefined {
  const removed = traefik.removedEntrypoints.find((entry) => entry.name === 'web');
  if (removed) return removed.path;
  const web = traefik.entrypoints.find((entry) => entry.name === 'web');
  const ports = config.traefik.values?.ports;
  const own = typeof ports === 'object' && ports !== null ? (ports as Record<string, unknown>).web : undefined;
  const typed = typeof own === 'object' && own !== null && Object.hasOwn(own, 'expose');
  return web && !vipServicesOf(web, traefik.services).length && typed ? [...web.path, 'expose'] : undefined;
}
