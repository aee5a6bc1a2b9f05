import { tlsSecretName } from '../ingress/ingress';
import { ClusterConfig } from './schema';
import { certManagerVersionSupport } from '../cert-manager/versions';
import { traefikValuesProblems } from '../traefik/values-check';

type Path = ReadonlyArray<string | number>;
type Report = (path: Path, message: string) => void;

/**
 * What is known about the cluster's nodes (from the inventory, when the config has one).
 * Without it the checks that need node counts are skipped.
 */
export interface NodeInventory {
  /** K3s servers (etcd members). */
  readonly servers: number;
  /** Nodes Traefik can run on (servers and agents without a taint that keeps it off). */
  readonly traefikNodes: number;
}

/** The HA rules: Traefik replicas and its certificate store, cert-manager issuers, and the Traefik values escape hatch. */
export function checkHaRules(config: ClusterConfig, error: Report, warn: Report, inventory?: NodeInventory): void {
  checkTraefikReplicas(config, error, warn, inventory);
  checkCertManager(config, error, warn);
  checkIngressTls(config, error);
  checkTraefikValuesEscapeHatch(config, error, warn);
}

/**
 * Several Traefik replicas with ACME resolvers: the refusal, else undefined. `keys` names the settings as the
 * caller's users write them (config keys or construct props).
 */
export function replicasWithCertResolversProblem(
  replicas: number,
  resolvers: readonly string[],
  keys: { readonly certResolvers: string; readonly certManager: string },
): string | undefined {
  if (!(replicas > 1 && resolvers.length)) return undefined;
  return (
    `is ${replicas}, but ${keys.certResolvers} (${resolvers.join(', ')}) keep ACME certificates in one acme.json ` +
    'that Traefik OSS cannot share between replicas (https://doc.traefik.io/traefik/https/acme/): issue the certificates with ' +
    `cert-manager instead (${keys.certManager}) and remove ${keys.certResolvers}, or keep replicas: 1`
  );
}

function checkTraefikReplicas(config: ClusterConfig, error: Report, warn: Report, inventory?: NodeInventory) {
  const { replicas, certResolvers } = config.traefik;
  const resolvers = Object.keys(certResolvers);
  const sharedAcme = replicasWithCertResolversProblem(replicas, resolvers, {
    certResolvers: 'traefik.certResolvers',
    certManager: 'certManager.issuers, and tls.issuer on each Ingress',
  });
  if (sharedAcme) {
    error(['traefik', 'replicas'], sharedAcme);
  } else if (resolvers.length && inventory && inventory.servers > 1) {
    warn(
      ['traefik', 'certResolvers'],
      "keep their certificates on a ReadWriteOnce volume; on K3s' local-path storage it lives on one node " +
        'and pins Traefik there for good, so losing that node stops all ingress until it returns: for a multi-node cluster use ' +
        'cert-manager (certManager.issuers, tls.issuer), which keeps certificates in Secrets, and traefik.replicas: 2',
    );
  }
  if (inventory && replicas > inventory.traefikNodes) {
    warn(
      ['traefik', 'replicas'],
      `is ${replicas}, but only ${inventory.traefikNodes} node(s) can run Traefik, so some nodes run two ` +
        'pods and losing one of them loses both: use at most one replica per node',
    );
  }
}

function checkCertManager(config: ClusterConfig, error: Report, warn: Report) {
  if (!config.certManager) return;
  const support = certManagerVersionSupport(config.certManager.version);
  if (support.error) error(['certManager', 'version'], support.error);
  if (support.warning) warn(['certManager', 'version'], support.warning);
}

/**
 * An Ingress naming both a cert-manager issuer and a Traefik resolver: one certificate source serves a host.
 * The message is about the issuer, written `issuerKey`; `prefix` leads the resolver's key path (`tls.` in a config).
 */
export function twoCertificateSourcesProblem(issuer: string, certResolver: string, issuerKey: string, prefix: string): string {
  return (
    `"${issuer}" and ${prefix}certResolver "${certResolver}" are both set, but one certificate source serves a host: ` +
    `keep ${issuerKey} (cert-manager, for several Traefik replicas) or certResolver (Traefik ACME, one replica)`
  );
}

function checkIngressTls(config: ClusterConfig, error: Report) {
  const issuers = config.certManager?.issuers ?? {};
  config.ingresses.forEach((ingress, i) => {
    const tls = ingress.tls;
    if (!tls) return;
    const path = ['ingresses', i, 'tls'];
    if (!tls.certResolver && !tls.issuer) {
      error(
        path,
        'names no certificate source: give certResolver (a Traefik ACME resolver) or issuer (a cert-manager ClusterIssuer), ' +
          'or remove tls for plain HTTP',
      );
    }
    if (!tls.issuer) return;
    const secretName = tlsSecretName(ingress.name);
    if (secretName.length > 253) {
      error(
        [...path.slice(0, -1), 'name'],
        `is ${ingress.name.length} characters long, and cert-manager stores its certificate in Secret "<name>-tls", which may have ` +
          'at most 253: shorten the name to 249 characters',
      );
    }
    if (tls.certResolver) {
      error([...path, 'issuer'], twoCertificateSourcesProblem(tls.issuer, tls.certResolver, 'issuer', 'tls.'));
    }
    const issuer = issuers[tls.issuer];
    if (!issuer) {
      const defined = Object.keys(issuers).map((n) => `"${n}"`);
      const known = defined.length ? `certManager.issuers has ${defined.join(', ')}` : 'there is no certManager.issuers';
      error([...path, 'issuer'], `"${tls.issuer}" is not defined: ${known}; add it under certManager.issuers`);
    } else if (issuer.solver === 'http01' && ingress.host.startsWith('*.')) {
      error(
        ['ingresses', i, 'host'],
        `"${ingress.host}" is a wildcard, but issuer "${tls.issuer}" uses HTTP-01, which cannot issue wildcard ` +
          'certificates (only DNS-01 can): list the host names, or give the issuer a dns01 solver',
      );
    }
  });
}

function checkTraefikValuesEscapeHatch(config: ClusterConfig, error: Report, warn: Report) {
  const { traefik } = config;
  const { errors, unchecked } = traefikValuesProblems(
    { ...traefik, gateway: !!traefik.gateway, kubeVipVersion: config.kubeVip.version },
    'traefik.',
  );
  for (const problem of errors) error(['traefik', 'values', ...problem.path], problem.message);
  if (unchecked) warn(['traefik', 'values'], unchecked);
}
