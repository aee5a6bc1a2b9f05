import { join } from 'node:path';
import { cachedCrds, Crd, crdDir } from './crds';

/** The API group of Traefik's CRDs (Traefik v3; v2's traefik.containo.us is judged by its CRDs too: traefikGroupCrd). */
const TRAEFIK_GROUP = 'traefik.io';

/**
 * Traefik v2's group (charts before v28.0.0) and its kinds: every traefik.io kind but ServersTransportTCP. Verified in
 * traefik/traefik-helm-chart (tags v10.0.0, v20.8.0, v22.0.0, v23.0.0, v27.0.2, traefik/crds/): every field its
 * v1alpha1 CRDs share with traefik.io_*.yaml of v39.0.7 has the same type (408 to 448 fields compared, none differs), so
 * the vendored traefik.io schemas judge its types (74a-19); fields only one group has are not judged by type anyway.
 */
const TRAEFIK_V2_GROUP = 'traefik.containo.us';
const V3_ONLY_KINDS = new Set(['ServersTransportTCP']);

/**
 * The chart tag whose `traefik/crds/traefik.io_*.yaml` crds/traefik/ vendors (crds/traefik/README.md): the chart this
 * tool pins (pins.ts TRAEFIK_CHART_VERSION), whose CRDs K3s installs through its `traefik-crd` HelmChart.
 */
const TRAEFIK_CRD_TAG = 'v39.0.7';

let index: Map<string, Crd> | undefined;

/**
 * The CRD of a Traefik kind (IngressRoute, Middleware, ...), undefined for a kind the chart does not define. Read only
 * when an object of the group is judged, through the same JSON cache as crds/ (a synth without one never reads them).
 */
function traefikCrd(kind: string): Crd | undefined {
  index ??= cachedCrds(join(crdDir(), 'traefik', TRAEFIK_CRD_TAG));
  return index.get(`${TRAEFIK_GROUP}/${kind}`);
}

/** The CRD whose types judge `kind` of API group `group`: traefik.io's, for either Traefik group; else undefined. */
export function traefikGroupCrd(group: string, kind: string): Crd | undefined {
  if (group === TRAEFIK_GROUP || (group === TRAEFIK_V2_GROUP && !V3_ONLY_KINDS.has(kind))) return traefikCrd(kind);
  return undefined;
}

/**
 * 77a-17: fields the CRDs of a later chart (v40.0.0 to v41.3.0) declare that v39.0.7's do not, by kind, as `<parent
 * key>.<field>` (traefik/traefik-helm-chart traefik/crds/traefik.io_*.yaml, v39.0.7 against v41.3.0): K3s may deploy such
 * a chart, so they are not called unknown here; the Traefik rules judge those of a kind's `spec` and backends by the
 * chart deployed (ingress/middleware-fields.ts, traefik-service-fields.ts).
 */
const LATER_CHART_FIELDS: Readonly<Record<string, ReadonlySet<string>>> = {
  IngressRoute: new Set(['spec.ingressClassName', 'services.middlewares']),
  IngressRouteTCP: new Set(['spec.ingressClassName']),
  IngressRouteUDP: new Set(['spec.ingressClassName']),
  Middleware: new Set([
    'spec.encodedCharacters',
    'errors.errorRequestHeaders',
    'service.middlewares',
    'forwardAuth.authSigninURL',
    ...['disableRetryOnNetworkError', 'maxRequestBodyBytes', 'retryNonIdempotentMethod', 'status', 'timeout'].map((f) => `retry.${f}`),
  ]),
  ServersTransport: new Set(['spec.cipherSuites', 'spec.maxVersion', 'spec.minVersion']),
  TraefikService: new Set(['spec.failover', 'services.middlewares', 'mirroring.middlewares', 'mirrors.middlewares']),
};

/** Whether `field` of the map at `path` in a `kind` object is one a later chart's CRD brings (LATER_CHART_FIELDS). */
export function laterChartField(kind: string, path: ReadonlyArray<string | number>, field: string): boolean {
  const parent = path.filter((step): step is string => typeof step === 'string').at(-1);
  return !!LATER_CHART_FIELDS[kind]?.has(`${parent}.${field}`);
}
