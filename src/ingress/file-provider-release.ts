import { compareVersions, parseVersion } from '../semver';
import type { Since } from './traefik-releases';
import type { Deployed } from './traefik-service-fields';

/**
 * 68b-1: Traefik decodes its file provider's dynamic configuration itself (traefik/paerser, into pkg/config/dynamic), no
 * CRD is involved, so a field is there when the Traefik that runs has it: the release `image.tag` names, else the
 * chart's appVersion, which is that release's from the chart tag of `since` on (traefik-releases.ts). The chart's
 * CRDs never matter here.
 */
export function runningTraefikHas(deployed: Deployed, since: Since): boolean {
  return deployed.traefik
    ? compareVersions(deployed.traefik, parseVersion(since[1])) >= 0
    : compareVersions(deployed.chart, parseVersion(since[0])) >= 0;
}

/** When a field came, for a message: `(a field from Traefik v3.6.0)`, and the first chart deploying it when the image is not pinned. */
export const fieldSince = (since: Since, deployed: Deployed): string =>
  deployed.traefik ? `(a field from Traefik v${since[1]})` : `(a field from Traefik v${since[1]}, which chart v${since[0]} first deploys)`;

/** The Traefik that runs, for a message. */
export const runningTraefik = (deployed?: Deployed): string =>
  deployed?.traefik
    ? `Traefik ${deployed.traefik.tag}`
    : deployed
      ? `the Traefik of chart ${deployed.chart.tag} (its appVersion)`
      : 'Traefik';
