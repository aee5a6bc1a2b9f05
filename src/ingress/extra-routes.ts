import { Path, Problem } from '../core/problem';
import { extraObjectRoutes } from '../traefik/extra-objects';
import { renderedChartIngressRoutes } from '../traefik/chart-ingress-routes';
import type { Version } from '../semver';
import { isMap } from '../core/is-map';
import { hostRegexpMatches } from '../traefik/rule-regexps';
import { RuleRoutes, ruleRoutes } from './route-alternatives';
import { tcpRouteProblems } from './tcp-routes';
import { fileRoutes } from './file-routes';
import { RULE_BOUNDS } from '../traefik/rule-syntax';
import { regexpCatchesChallenge } from '../cert-manager/challenge-requests';
import { coversPath, defaultPriority, ingressRouterRule, routePriority } from './router-priority';

type Values = Readonly<Record<string, unknown>>;

/**
 * A route as the duplicate-route rule compares them: host in lower case without one trailing dot (Traefik's Host
 * matcher takes `a.b.` for `a.b`: traefik/traefik pkg/muxer/http/matcher.go `host`, v3), path with one trailing
 * slash (pathType Prefix).
 */
export const routeKey = (host: string, path: string): string => `${host.toLowerCase().replace(/\.$/, '')}${path.replace(/\/+$/, '')}/`;

/** An Ingress holding a route: `ingresses[0]`, and whether its routers are TLS routers (they then match HTTPS only). */
export interface RouteOwner {
  readonly owner: string;
  readonly tls: boolean;
  /** The Ingress' host and path as written, for the priority of its router (router-priority.ts). */
  readonly host?: string;
  readonly path?: string;
  /** Its router's rule when not the Ingress' own (ingressRouterRule): cert-manager's HTTP-01 solver (cert-manager/http01-hosts.ts). */
  readonly rule?: string;
  /** An HTTP-01 solver: only a router outranking it takes its requests; a TCP route's connections are told by the Ingresses. */
  readonly solver?: boolean;
}

/**
 * Whether an IngressRoute on `entryPoints` (none: every entrypoint) with `tls` meets a route of `owner`. An Ingress'
 * routers are TLS routers only through a `router.tls*` annotation (traefik/traefik pkg/provider/kubernetes/ingress
 * kubernetes.go loadRouter, v3.6: `rt.TLS = rtConfig.Router.TLS`; `spec.tls` only loads certificates), which this tool
 * writes for a certResolver (router.tls.certresolver); plain HTTP never matches them, so only an IngressRoute serving
 * HTTPS meets them: one with `tls` (the CRD provider makes TLS routers of a non-nil `spec.tls`), or on websecure, which
 * the chart makes TLS (`ports.websecure.tls.enabled`). Other Ingresses' routers are on every entrypoint, plain or TLS.
 */
function meets(owner: RouteOwner, entryPoints: readonly unknown[], tls: unknown): boolean {
  if (!owner.tls) return true;
  return (tls !== undefined && tls !== null) || !entryPoints.length || entryPoints.includes('websecure');
}

/** The duplicate-route rule's message, for the route of `host` and `path` already routed by `owner` (`ingresses[0]`). */
export const sameRouteMessage = (host: string, path: string, owner: string): string =>
  `host "${host}" with path "${path}" is already routed by ${owner}; only one of the two would get the traffic: change the host or the path`;

/** What the duplicate-route rule finds: refusals, and warnings for rules on an Ingress' host it cannot read. */
export interface RouteFindings {
  readonly errors: Problem[];
  readonly warnings: Problem[];
}

/**
 * The findings for one router rule at `path`: an error per host and path of its simple alternatives that an Ingress it
 * meets already routes (route-alternatives.ts), else, when some alternative is in a form not read here and the rule
 * names the host of such an Ingress, a warning (as for a ping router's rule this tool cannot judge).
 */
function ruleFindings(
  match: unknown,
  path: Path,
  routes: ReadonlyMap<string, RouteOwner>,
  meet: (owner: RouteOwner) => boolean,
  priority?: unknown,
  chartRoute = false,
): RouteFindings {
  const read = ruleRoutes(match);
  const errors = read.routes.flatMap((route) => {
    const owner = routes.get(routeKey(route.host, route.path));
    return owner && meet(owner) ? [{ path, message: sameRouteMessage(route.host, route.path, owner.owner) }] : [];
  });
  // A priority that is no whole number Traefik holds is refused on its own (route-fields.ts): no rank is told from it.
  const ranked = priority === undefined || priority === null || Number.isSafeInteger(priority);
  if (!errors.length && typeof match === 'string' && ranked && read.unparsed !== 'grammar') {
    const outranked = outrankedFindings(read, match, priority, path, routes, meet, chartRoute);
    if (outranked.errors.length || outranked.warnings.length) return outranked;
  }
  // A rule not in Traefik's grammar is refused on its own (route-fields.ts, 52b-7): no warning besides.
  if (errors.length || !read.unread || typeof match !== 'string' || read.unparsed === 'grammar') return { errors, warnings: [] };
  // A HostRegexp names a host with escaped dots (`a\\.b`): the backslashes are dropped before looking for it.
  const text = match.toLowerCase().replace(/\\/g, '');
  const named = [...routes]
    .filter(([key, owner]) => meet(owner) && !owner.solver && text.includes(key.slice(0, key.indexOf('/'))))
    .map(([key, owner]) => ({ host: key.slice(0, key.indexOf('/')), owner: owner.owner }));
  if (!named.length) return { errors, warnings: [] };
  const { host, owner } = named[0];
  return {
    errors,
    warnings: [
      {
        path,
        message:
          `names host "${host}", which ${owner} routes, in a rule this tool cannot judge (a matcher other than Host and PathPrefix, ` +
          `a negation or a form it does not read); if it matches that host's requests, Traefik gives them to the router with the longer ` +
          `rule and only one of the two gets the traffic: write it as Host(\`...\`) || Host(\`...\`) alternatives (each with at most one ` +
          'PathPrefix), or use another host',
      },
    ],
  };
}

/**
 * A rule whose alternative takes the requests of an Ingress' host and path, by its priority (router-priority.ts), as the
 * same host and path would (50b-4): one with no host matcher and a PathPrefix covering the Ingress' path, or with the
 * Ingress' host and such a PathPrefix, whose priority (set, or the rule's length) is not below the Ingress router's, is
 * refused; one with no host matcher in a form not read here (another matcher) that outranks it gets the "cannot judge"
 * warning.
 */
function outrankedFindings(
  read: RuleRoutes,
  match: string,
  priority: unknown,
  path: Path,
  routes: ReadonlyMap<string, RouteOwner>,
  meet: (owner: RouteOwner) => boolean,
  chartRoute: boolean,
): RouteFindings {
  const own = routePriority(priority, match);
  // The chart renders no `priority` for its own routes (chart-ingress-routes.ts): only their rule can change.
  const fix = chartRoute ? 'write a matchRule with a Host matcher' : 'add a Host matcher';
  const taken = [...routes.values()].flatMap((owner) => {
    if (!meet(owner) || owner.host === undefined || owner.path === undefined) return [];
    const rule = owner.rule ?? ingressRouterRule(owner.host, owner.path);
    return own.value >= defaultPriority(rule) ? [{ owner, rule }] : [];
  });
  const why = own.explicit ? `its priority ${own.value}` : `its priority (Traefik's default: the rule's length, ${own.value})`;
  const sameHost = (host: string, owner: RouteOwner) => routeKey(host, '/') === routeKey(owner.host!, '/');
  for (const { owner, rule } of taken) {
    const prefix =
      read.anyHost.find((p) => coversPath(p, owner.path!)) ??
      read.routes.find((route) => sameHost(route.host, owner) && coversPath(route.path, owner.path!))?.path;
    // A HostRegexp that may match the Ingress' host is no bound on it (51b-2).
    const regexp = read.regexpHosts.find(
      (r) => r.path !== undefined && coversPath(r.path, owner.path!) && r.regexps.some((re) => hostRegexpMatches(re, owner.host!) === true),
    );
    // A PathRegexp is judged against the challenge requests only: an Ingress' path is a prefix no regexp is told against.
    const caught = owner.solver
      ? read.regexpPaths.find((r) => (r.host === undefined || sameHost(r.host, owner)) && regexpCatchesChallenge(r.regexp) === true)
      : undefined;
    if (prefix === undefined && !regexp && !caught) continue;
    const everyHost = prefix !== undefined ? read.anyHost.includes(prefix) : caught?.host === undefined;
    const whose =
      prefix === undefined && !caught
        ? `has a HostRegexp that may match host "${owner.host}", with`
        : everyHost
          ? 'matches every host with'
          : `matches host "${owner.host}" with`;
    const matcher = caught && prefix === undefined ? `PathRegexp "${caught.regexp}"` : `PathPrefix "${prefix ?? regexp!.path}"`;
    return {
      errors: [
        {
          path,
          message:
            `${whose} ${matcher}, and ${why} is not below ${defaultPriority(rule)}, that of ${owner.owner}'s router ` +
            `(the length of its rule ${rule}), so Traefik gives it ` +
            (owner.solver
              ? `cert-manager's HTTP-01 challenge for "${owner.host}" and the certificate is never issued or renewed: `
              : `host "${owner.host}" with path "${owner.path}" and only one of the two gets the traffic: ${fix} for the hosts it serves, `) +
            `${chartRoute ? '' : 'lower its priority, '}or change the path`,
        },
      ],
      warnings: [],
    };
  }
  const unbounded = taken.find(
    ({ owner }) =>
      read.anyHostUnread ||
      read.regexpHosts.some((r) => r.regexps.some((re) => hostRegexpMatches(re, owner.host!) !== false)) ||
      // An every-host PathRegexp is told against the solver's challenge path (70b-3 for IngressRoutes); not against an Ingress' path.
      read.regexpPaths.some((r) => r.host === undefined && (!owner.solver || regexpCatchesChallenge(r.regexp) === undefined)),
  );
  if (!unbounded) return { errors: [], warnings: [] };
  const { owner, rule } = unbounded;
  return {
    errors: [],
    warnings: [
      {
        path,
        message:
          (read.unparsed === 'bounds'
            ? `is a rule past what this tool reads (over ${RULE_BOUNDS.chars} characters, ${RULE_BOUNDS.tokens} tokens or 64 alternatives), so it may ` +
              `have an alternative with no Host matcher, and ${why} `
            : 'has an alternative whose hosts this tool cannot bound (no Host matcher, a negated Host, or a HostRegexp it cannot run), ' +
              `in a form it cannot judge (a matcher other than PathPrefix, or a negation), and ${why} `) +
          `is not below ${defaultPriority(rule)}, that of ${owner.owner}'s router (${rule}): if it matches requests of host ` +
          `"${owner.host}", Traefik gives them to it and only one of the two gets the traffic: ${fix}${chartRoute ? '' : ', or lower its priority'}`,
      },
    ],
  };
}

const joinFindings = (all: readonly RouteFindings[]): RouteFindings => ({
  errors: all.flatMap((f) => f.errors),
  warnings: all.flatMap((f) => f.warnings),
});

/**
 * `extraObjects` IngressRoutes (traefik.io, or the older traefik.containo.us) whose route has the host and path of
 * one of `routes` (the first-class Ingresses, by routeKey): two routers on one host and path, as two Ingresses would
 * be, so only one gets the traffic. A route on entrypoints that are neither web nor websecure does not meet them, nor
 * a plain-HTTP one a TLS Ingress' (meets).
 */
export function extraRouteProblems(values: Values, prefix: Path, routes: ReadonlyMap<string, RouteOwner>, chart: Version): RouteFindings {
  // The chart's own IngressRoutes, as it renders them (68b-7: its default matchRule and enabled included), are judged as an
  // extraObjects one is; `with $config.tls` writes no TLS for the default `tls: {}` (chart-ingress-routes.ts).
  const fromChart = renderedChartIngressRoutes(values, chart).flatMap((route) => {
    const entryPoints = Array.isArray(route.entryPoints) ? route.entryPoints : [];
    if (entryPoints.length && !entryPoints.some((entry) => entry === 'web' || entry === 'websecure')) return [];
    const path = [...prefix, 'values', 'ingressRoute', route.name, 'matchRule'];
    const found = ruleFindings(route.matchRule, path, routes, (owner) => meets(owner, entryPoints, route.tls), undefined, true);
    if (!route.defaultRule || typeof route.matchRule !== 'string') return [found];
    // The key is unset: say the rule it stands for.
    const told = (p: Problem): Problem => ({
      ...p,
      message: `is unset, so the chart writes its default ${route.matchRule}, which ${p.message}`,
    });
    return [{ errors: found.errors.map(told), warnings: found.warnings.map(told) }];
  });
  const tcp = {
    errors: tcpRouteProblems(
      values,
      prefix,
      [...routes.values()].filter((owner) => !owner.solver),
    ),
    warnings: [],
  };
  return joinFindings([...fromChart, ...extraItemRouteProblems(values, prefix, routes), ...fileRouteProblems(values, prefix, routes), tcp]);
}

/**
 * The file provider's HTTP routers, judged as an IngressRoute is (57b-4): on every entrypoint when `entryPoints` is unset
 * (Traefik's default for a router of a provider other than the CRD one: all entrypoints), TLS routers when `tls` is set
 * (`tls: {}` too: file:"allowEmpty", pkg/config/dynamic http_config.go v3.6.0). At `content`, named by their key path.
 */
function fileRouteProblems(values: Values, prefix: Path, routes: ReadonlyMap<string, RouteOwner>): RouteFindings[] {
  return fileRoutes(values)
    .routes.filter((route) => !route.tcp)
    .map(({ path: where, at, keys, rule, priority, entryPoints: given, tls }) => {
      const path = [...prefix, ...where];
      const entryPoints = Array.isArray(given) ? given : [];
      if (entryPoints.length && !entryPoints.some((name) => name === 'web' || name === 'websecure')) return { errors: [], warnings: [] };
      const found = ruleFindings(rule, path, routes, (owner) => meets(owner, entryPoints, tls), priority);
      // 73a-4: at the router's own line of the text (textPath) where its keys are plain words.
      const named = (p: Problem): Problem => ({ path, message: `${at}.rule ${p.message}`, textPart: at, ...(keys && { textPath: keys }) });
      return { errors: found.errors.map(named), warnings: found.warnings.map(named) };
    });
}

/** The routes of `extraObjects` IngressRoutes that an Ingress already routes. */
function extraItemRouteProblems(values: Values, prefix: Path, routes: ReadonlyMap<string, RouteOwner>): RouteFindings[] {
  return extraObjectRoutes(values, ['IngressRoute']).map(({ spec, route, at }) => {
    const entryPoints = Array.isArray(spec.entryPoints) ? spec.entryPoints : [];
    // Routes on other entrypoints meet no Ingress; priority, kind and the rule's grammar are judged without one (route-fields.ts).
    const other = entryPoints.length > 0 && !entryPoints.some((name) => name === 'web' || name === 'websecure');
    return other
      ? { errors: [], warnings: [] }
      : ruleFindings(
          isMap(route) ? route.match : undefined,
          [...prefix, ...at, 'match'],
          routes,
          (owner) => meets(owner, entryPoints, spec.tls),
          isMap(route) ? route.priority : undefined,
        );
  });
}
