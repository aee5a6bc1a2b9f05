import type { ClusterConfig } from '../config/schema';
import { formatPath, keyText, Report } from '../core/problem';
import type { EffectiveTraefik } from '../traefik/effective';
import { goTruthy } from '../traefik/go-truth';

/**
 * 69b-18: an HTTP-01 issuer's solver is an Ingress of class traefik (cluster-issuer.ts), and the CA asks for the
 * challenge over TCP on port 80 of the host (RFC 8555 section 8.3). When no TCP entrypoint of the Traefik deployed is
 * exposed on port 80 (a Service port or a host port), the challenge never reaches the solver and no certificate is issued:
 * refused as for a Traefik resolver's HTTP challenge (traefik/acme-challenges.ts).
 */
export function checkHttp01Reach(config: ClusterConfig, traefik: EffectiveTraefik, error: Report): void {
  if (!config.certManager || !goTruthy(traefik.enabled.value)) return;
  const on80 = traefik.entrypoints.some(
    (entry) => entry.protocol.toUpperCase() === 'TCP' && ((entry.services.length > 0 && entry.exposedPort === 80) || entry.hostPort === 80),
  );
  if (on80) return;
  const web = traefik.entrypoints.find((entry) => entry.name === 'web');
  const where = web
    ? `entrypoint ${keyText(web.name)} is exposed on ${web.services.length > 0 ? `Service port ${web.exposedPort ?? 'none'}` : 'no Service'}`
    : 'there is no entrypoint web';
  for (const [name, issuer] of Object.entries(config.certManager.issuers)) {
    if (issuer.solver !== 'http01') continue;
    error(
      ['certManager', 'issuers', name, 'solver'],
      `issuer ${keyText(name)} uses HTTP-01, which the CA sends over TCP to port 80, where no entrypoint of Traefik is exposed (${where}), ` +
        `so it never gets a certificate: expose a TCP entrypoint on port 80 (${formatPath(['traefik', 'values', 'ports', 'web', 'exposedPort'])}: 80), or give the issuer a dns01 solver`,
    );
  }
}
