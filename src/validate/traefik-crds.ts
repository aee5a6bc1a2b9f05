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
