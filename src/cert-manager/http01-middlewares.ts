import type { ClusterConfig } from '../config/schema';
import { isMap } from '../core/is-map';
import { keyText, Report } from '../core/problem';
import { traefikFlags } from '../traefik/arguments';
import { readChartVersion } from '../traefik/chart-versions';
import type { EffectiveTraefik } from '../traefik/effective';
import { entrypointMiddlewares } from '../traefik/entrypoint-middlewares';
import { traefikNamespace } from '../traefik/extra-object-rules';
import { renderedObjects } from '../traefik/extra-objects';
import { goTruthy } from '../traefik/go-truth';
import { apiGroup } from '../validate/kinds';
import { http01Hosts } from './http01-hosts';

type Values = Readonly<Record<string, unknown>>;

/**
 * 71b-6: an entrypoint middleware that turns the CA away on the entrypoint where cert-manager's HTTP-01 challenge arrives
 * (a TCP entrypoint exposed on port 80, http01-reach.ts). Traefik puts an entrypoint's middlewares in front of every
 * router on it (traefik/entrypoint-middlewares.ts), the solver Ingress's too, so a basicAuth or digestAuth answers the
 * CA 401, and an ipAllowList (ipWhiteList) 403 unless it admits every address: Let's Encrypt does not publish the
 * addresses it validates from (letsencrypt.org/docs/faq, "What IP addresses does Let's Encrypt use to validate my web
 * server?"). The certificate is never issued or renewed: refused, as a route that takes the challenge is (70b-10,
 * ingress/extra-routes.ts). Middlewares are found among `extraObjects` by the CRD provider's
 * `<namespace>-<name>@kubernetescrd`; another provider's, or one defined elsewhere, is not judged.
 */
export function checkHttp01Middlewares(config: ClusterConfig, traefik: EffectiveTraefik, error: Report): void {
  const [certificate] = http01Hosts(config);
  if (!certificate || !goTruthy(traefik.enabled.value)) return;
  const { values } = traefik;
  const flags = traefikFlags(values, ['traefik'], config.traefik.chartVersion);
  const chart = readChartVersion(config.traefik.chartVersion);
  const middlewares = crdMiddlewares(values);
  const on80 = traefik.entrypoints.filter(
    (entry) => entry.protocol.toUpperCase() === 'TCP' && ((entry.services.length > 0 && entry.exposedPort === 80) || entry.hostPort === 80),
  );
  for (const entry of on80)
    for (const source of entrypointMiddlewares(values, flags, entry.name, chart)) {
      const path = 'flag' in source ? source.flag.path : ['traefik', 'values', ...source.key];
      source.text.split(',').forEach((item, i) => {
        const found = middlewares.get(item.trim());
        const answer = found && turnsAway(found.spec);
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

/** The Traefik Middleware objects among `extraObjects`, by the name the CRD provider gives them (`<namespace>-<name>@kubernetescrd`). */
function crdMiddlewares(values: Values): Map<string, { name: string; spec: Values }> {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  const found = new Map<string, { name: string; spec: Values }>();
  for (const object of items.flatMap(renderedObjects)) {
    const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
    if (object.kind !== 'Middleware' || (group !== 'traefik.io' && group !== 'traefik.containo.us')) continue;
    const metadata = isMap(object.metadata) ? object.metadata : {};
    const namespace = typeof metadata.namespace === 'string' && metadata.namespace ? metadata.namespace : traefikNamespace(values);
    if (typeof metadata.name !== 'string') continue;
    const name = `${namespace}/${metadata.name}`;
    found.set(`${namespace}-${metadata.name}@kubernetescrd`, { name, spec: isMap(object.spec) ? object.spec : {} });
  }
  return found;
}

/** What a Middleware answers a CA's request with, when it turns it away; undefined when it lets it through. */
function turnsAway(spec: Values): string | undefined {
  if (isMap(spec.basicAuth)) return 'basicAuth answers 401 to the CA, which sends no credentials';
  if (isMap(spec.digestAuth)) return 'digestAuth answers 401 to the CA, which sends no credentials';
  for (const key of ['ipAllowList', 'ipWhiteList']) {
    const list = spec[key];
    if (!isMap(list)) continue;
    const ranges = Array.isArray(list.sourceRange) ? list.sourceRange : [];
    if (!ranges.some((range) => range === '0.0.0.0/0' || range === '::/0'))
      return `${key} answers 403 to the CA, whose validation addresses are not published, so no sourceRange can list them`;
  }
  return undefined;
}
