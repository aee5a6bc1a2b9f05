import { join } from 'node:path';
import { cachedCrds, Crd, crdDir } from './crds';

/** The API group of Traefik's CRDs (Traefik v3; v2's traefik.containo.us is not vendored). */
export const TRAEFIK_GROUP = 'traefik.io';

/**
 * The chart tag whose `traefik/crds/traefik.io_*.yaml` crds/traefik/ vendors (crds/traefik/README.md): the chart this
 * tool pins (pins.ts TRAEFIK_CHART_VERSION), whose CRDs K3s installs through its `traefik-crd` HelmChart.
 */
export const TRAEFIK_CRD_TAG = 'v39.0.7';

let index: Map<string, Crd> | undefined;

/**
 * The CRD of a Traefik kind (IngressRoute, Middleware, ...), undefined for a kind the chart does not define. Read only
 * when an object of the group is judged, through the same JSON cache as crds/ (a synth without one never reads them).
 */
export function traefikCrd(kind: string): Crd | undefined {
  index ??= cachedCrds(join(crdDir(), 'traefik', TRAEFIK_CRD_TAG));
  return index.get(`${TRAEFIK_GROUP}/${kind}`);
}
