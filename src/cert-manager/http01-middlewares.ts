import type { ClusterConfig } from '../config/schema';
import { isMap } from '../core/is-map';
import { keyText, Report } from '../core/problem';
import { traefikFlags } from '../traefik/arguments';
import { readChartVersion } from '../traefik/chart-versions';
import type { EffectiveTraefik } from '../traefik/effective';
import { entrypointMiddlewares } from '../traefik/entrypoint-middlewares';
import { goTruthy } from '../traefik/go-truth';
import { definedMiddlewares, type DefinedMiddleware } from '../ingress/defined-middlewares';
import { http01Hosts } from './http01-hosts';

/**
 * 71b-6: an entrypoint middleware that turns the CA away on the entrypoint where cert-manager's HTTP-01 challenge arrives
 * (a TCP entrypoint exposed on port 80, http01-reach.ts). Traefik puts an entrypoint's middlewares in front of every
 * router on it (traefik/entrypoint-middlewares.ts), the solver Ingress's too, so a basicAuth or digestAuth answers the
 * CA 401, and an ipAllowList (ipWhiteList) 403 unless it admits every address: Let's Encrypt does not publish the
 * addresses it validates from (letsencrypt.org/docs/faq, "What IP addresses does Let's Encrypt use to validate my web
 * server?"). The certificate is never issued or renewed: refused, as a route that takes the challenge is (70b-10,
 * ingress/extra-routes.ts). Middlewares are found among `extraObjects` by the CRD provider's
 * `<namespace>-<name>@kubernetescrd` and in the file provider's texts by `<name>@file` (81b-27, ingress/defined-middlewares.ts);
 * another provider's, or one defined elsewhere, is not judged.
 */
export function checkHttp01Middlewares(config: ClusterConfig, traefik: EffectiveTraefik, error: Report): void {
  const [certificate] = http01Hosts(config);
  if (!certificate || !goTruthy(traefik.enabled.value)) return;
  const { values } = traefik;
  const flags = traefikFlags(values, ['traefik'], config.traefik.chartVersion);
  const chart = readChartVersion(config.traefik.chartVersion);
  const defined = definedMiddlewares(values);
  const on80 = traefik.entrypoints.filter(
    (entry) => entry.protocol.toUpperCase() === 'TCP' && ((entry.services.length > 0 && entry.exposedPort === 80) || entry.hostPort === 80),
  );
  for (const entry of on80)
    for (const source of entrypointMiddlewares(values, flags, entry.name, chart)) {
      const path = 'flag' in source ? source.flag.path : ['traefik', 'values', ...source.key];
      source.text.split(',').forEach((item, i) => {
        const found = defined.get(item.trim());
        const answer = found && turnsAway(found, defined, new Set([item.trim()]));
        if (!answer) return;
        error(
          path,
          `item ${i + 1} puts Middleware ${found.name} in front of every router on entrypoint ${keyText(entry.name)} (port 80), ` +
            `the solver Ingress of cert-manager's HTTP-01 challenge for "${certificate.host}" (${certificate.owner}) too, and its ${answer}, ` +
            "so the certificate is never issued or renewed: put the middleware on the routers that need it (an IngressRoute's middlewares, " +
            "an Ingress' traefik.ingress.kubernetes.io/router.middlewares annotation), or give the issuer a dns01 solver",
        );
      });
    }
}

/** How deep a chain of chains is followed: Traefik itself refuses a chain that names itself ("recursion detected"). */
const CHAIN_DEPTH = 8;

/**
 * What a Middleware answers a CA's request with, when it turns it away; undefined when it lets it through. A `chain` turns
 * it away when a member does (Traefik runs its members in turn, 81b-28); a forwardAuth asks another service about every
 * request, and an authentication service turns the CA's anonymous request away (401, 403, or a redirect to sign in).
 */
function turnsAway(
  middleware: DefinedMiddleware,
  defined: ReadonlyMap<string, DefinedMiddleware>,
  seen: ReadonlySet<string>,
): string | undefined {
  const { spec } = middleware;
  if (isMap(spec.basicAuth)) return 'basicAuth answers 401 to the CA, which sends no credentials';
  if (isMap(spec.digestAuth)) return 'digestAuth answers 401 to the CA, which sends no credentials';
  if (isMap(spec.forwardAuth))
    return "forwardAuth asks another service about every request, and an authentication service turns the CA's anonymous request away (401, 403 or a redirect to sign in)";
  for (const key of ['ipAllowList', 'ipWhiteList']) {
    const list = spec[key];
    if (!isMap(list)) continue;
    const ranges = Array.isArray(list.sourceRange) ? list.sourceRange : [];
    if (!ranges.some((range) => range === '0.0.0.0/0' || range === '::/0'))
      return `${key} answers 403 to the CA, whose validation addresses are not published, so no sourceRange can list them`;
  }
  if (!isMap(spec.chain) || seen.size >= CHAIN_DEPTH) return undefined;
  for (const member of middleware.members) {
    const found = defined.get(member);
    if (!found || seen.has(member)) continue;
    const answer = turnsAway(found, defined, new Set([...seen, member]));
    if (answer) return `chain runs Middleware ${found.name}, whose ${answer}`;
  }
  return undefined;
}
