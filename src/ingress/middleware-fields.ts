import type { Path, Problem } from '../core/problem';
import { apiGroup } from '../validate/kinds';
import { renderedObjects } from '../traefik/extra-objects';
import { crdFieldProblems, type CrdLevel, type Deployed } from './traefik-service-fields';
import { ALWAYS, type Since, TRAEFIK_2_11, TRAEFIK_3_0, TRAEFIK_3_7 } from './traefik-releases';

type Values = Readonly<Record<string, unknown>>;

const kinds = (names: string, since: Since) => Object.fromEntries(names.split(' ').map((name) => [name, since]));

/**
 * 68b-18: the kinds a Middleware's and a MiddlewareTCP's `spec` may hold, by the first traefik/traefik-helm-chart tag whose
 * CRD has them, with the Traefik that first reads them: traefik/crds/middlewares.yaml and middlewarestcp.yaml up to
 * v22.2.0, traefik.io_middlewares.yaml and traefik.io_middlewaretcps.yaml (and the traefik.containo.us_ pair, alike,
 * up to v27.0.2) from v22.3.0, read at every tag v20.1.1 to v41.3.0: `ipAllowList` from v26.1.0 (Traefik v2.11.0),
 * `grpcWeb` from v28.0.0 (v3.0.0), `encodedCharacters` from v40.0.0 (v3.7.0); traefik/traefik
 * pkg/provider/kubernetes/crd/traefik(io)/v1alpha1 middleware.go `MiddlewareSpec` and middlewaretcp.go
 * `MiddlewareTCPSpec` at v2.10.0, v2.11.0, v3.0.0, v3.6.0 and v3.7.0 agree. The API server prunes a field its CRD
 * lacks (and Traefik's client drops one its release does not know), so the middleware loses that kind, and Traefik
 * refuses every router naming a middleware of no kind ("invalid middleware type or middleware does not exist",
 * pkg/server/middleware/middlewares.go and tcp/middlewares.go, v2.11.0 and v3.6.0). A kind's own options are not judged.
 */
const DROPPED = ' (a middleware left with no kind makes Traefik refuse every router naming it)';
const MIDDLEWARE: CrdLevel = {
  name: 'spec',
  dropped: DROPPED,
  crd: ['Middleware', 'traefik.io_middlewares.yaml'],
  fields: {
    ...kinds(
      'addPrefix basicAuth buffering chain circuitBreaker compress contentType digestAuth errors forwardAuth headers inFlightReq ' +
        'ipWhiteList passTLSClientCert plugin rateLimit redirectRegex redirectScheme replacePath replacePathRegex retry stripPrefix stripPrefixRegex',
      ALWAYS,
    ),
    ipAllowList: TRAEFIK_2_11,
    grpcWeb: TRAEFIK_3_0,
    encodedCharacters: TRAEFIK_3_7,
  },
};
const MIDDLEWARE_TCP: CrdLevel = {
  name: 'spec',
  dropped: DROPPED,
  crd: ['MiddlewareTCP', 'traefik.io_middlewaretcps.yaml'],
  fields: { ...kinds('inFlightConn ipWhiteList', ALWAYS), ipAllowList: TRAEFIK_2_11 },
};

/** Every `extraObjects` Middleware's and MiddlewareTCP's `spec` fields, by the CRD of the deployed chart and its Traefik. */
export function middlewareFieldProblems(values: Values, prefix: Path, deployed: Deployed): Problem[] {
  const items = Array.isArray(values.extraObjects) ? values.extraObjects : [];
  return items.flatMap((item, i) =>
    renderedObjects(item).flatMap((object): Problem[] => {
      const group = typeof object.apiVersion === 'string' ? apiGroup(object.apiVersion) : '';
      const level = object.kind === 'Middleware' ? MIDDLEWARE : object.kind === 'MiddlewareTCP' ? MIDDLEWARE_TCP : undefined;
      if (!level || (group !== 'traefik.io' && group !== 'traefik.containo.us')) return [];
      return crdFieldProblems(object.spec, level, [...prefix, 'values', 'extraObjects', i, 'spec'], deployed, ALWAYS);
    }),
  );
}
