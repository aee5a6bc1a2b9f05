import { isMap } from '../core/is-map';
import type { Deployed } from './traefik-service-fields';
import { fieldSince, runningTraefikHas } from './file-provider-release';
import { ALWAYS, type Since, TRAEFIK_3_2 as V32, TRAEFIK_3_4 as V34, TRAEFIK_3_6 as V36, TRAEFIK_3_7 as V37 } from './traefik-releases';

type Values = Readonly<Record<string, unknown>>;

/**
 * 66b-4: the fields paerser finds on an HTTP service of the file provider and on its load balancers, by Go field name in
 * any case (traefik/paerser v0.2.0 parser/nodes_metadata.go `findTypedField`: strings.EqualFold, else "field not found",
 * and file.DecodeContent fails, so the provider loads nothing of the file, as for a router's, file-routes.ts): traefik/
 * traefik pkg/config/dynamic/http_config.go `Service`, `ServersLoadBalancer`, `WeightedRoundRobin`, `Mirroring`,
 * `Failover`, `HighestRandomWeight`, read at v2.11.0, v2.11.53 and v3.0.0 to v3.7.9. Fields only added since v2.11.0:
 * `mirrorBody` v3.2.0, `strategy` v3.4.0, `highestRandomWeight` and `passiveHealthCheck` v3.6.0, a service's
 * `middlewares`, `failover.errors` and `nginxUpstreamHashBy` (`file:"-"`: found, then ignored) v3.7.0. Deeper maps
 * (`sticky`, `healthCheck`, `servers[]`) are not judged.
 */
const LEVELS: Readonly<Record<string, Readonly<Record<string, Since>>>> = {
  service: { loadBalancer: ALWAYS, weighted: ALWAYS, mirroring: ALWAYS, failover: ALWAYS, highestRandomWeight: V36, middlewares: V37 },
  loadBalancer: {
    sticky: ALWAYS,
    servers: ALWAYS,
    healthCheck: ALWAYS,
    passHostHeader: ALWAYS,
    responseForwarding: ALWAYS,
    serversTransport: ALWAYS,
    strategy: V34,
    passiveHealthCheck: V36,
    nginxUpstreamHashBy: V37,
  },
  weighted: { services: ALWAYS, sticky: ALWAYS, healthCheck: ALWAYS },
  mirroring: { service: ALWAYS, maxBodySize: ALWAYS, mirrors: ALWAYS, healthCheck: ALWAYS, mirrorBody: V32 },
  failover: { service: ALWAYS, fallback: ALWAYS, healthCheck: ALWAYS, errors: V37 },
  highestRandomWeight: { services: V36, healthCheck: V36 },
};

/** A key for a message: a short word as written, else only its length (a key may be anything, a token too). */
const shown = (key: string): string => (/^[A-Za-z][A-Za-z0-9_-]{0,23}$/.test(key) ? key : `<a key of ${key.length} characters>`);

/** The keys of a map paerser reads as `name` (any case). */
const spelt = (map: Values, name: string): unknown[] =>
  Object.keys(map)
    .filter((key) => key.toLowerCase() === name.toLowerCase())
    .map((key) => map[key]);

/**
 * The fields of each `http.services.<name>` (the maps of every spelling of `services` in `sections`, the `http` maps) and
 * of its load balancers that the running Traefik does not have (file-provider-release.ts), as `http.services.<name>.<field>`
 * with the release that brings a newer one. Without `deployed`, a field of any release counts as known.
 */
export function unknownFileServiceFields(sections: readonly Values[], deployed?: Deployed): string[] {
  const services: Values = Object.assign({}, ...sections.flatMap((http) => spelt(http, 'services').filter(isMap)));
  const out: string[] = [];
  const judge = (map: Values, level: string, at: string) => {
    const fields = LEVELS[level];
    for (const key of Object.keys(map)) {
      const name = Object.keys(fields).find((field) => field.toLowerCase() === key.toLowerCase());
      const since = name === undefined ? undefined : fields[name];
      if (since === undefined) out.push(`${at}.${shown(key)}`);
      else if (since !== ALWAYS && deployed && !runningTraefikHas(deployed, since))
        out.push(`${at}.${shown(key)} ${fieldSince(since, deployed)}`);
      else if (name !== undefined && level === 'service' && LEVELS[name])
        for (const inner of spelt(map, name).filter(isMap)) judge(inner, name, `${at}.${name}`);
    }
  };
  for (const [name, service] of Object.entries(services))
    if (isMap(service)) judge(service, 'service', `http.services.${/^[\w-]+$/.test(name) ? name : JSON.stringify(name.slice(0, 60))}`);
  return [...new Set(out)];
}
