import { tlsSecretName } from '../ingress/ingress';
import { closest } from './load';
import { ClusterConfig } from './schema';
import { NEWEST_KNOWN_CERT_MANAGER, OLDEST_CERT_MANAGER } from '../cert-manager/versions';
import { compareVersions, parseVersion } from '../semver';
import { traefikValues } from '../traefik/values';
import { mergeValues, ValueConflict } from '../traefik/values-merge';
import { checkTraefikValues, traefikValuesSchema } from '../traefik/values-schema';

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

function checkTraefikReplicas(config: ClusterConfig, error: Report, warn: Report, inventory?: NodeInventory) {
  const { replicas, certResolvers } = config.traefik;
  const resolvers = Object.keys(certResolvers);
  if (replicas > 1 && resolvers.length) {
    error(
      ['traefik', 'replicas'],
      `is ${replicas}, but traefik.certResolvers (${resolvers.join(', ')}) keep ACME certificates in one acme.json ` +
        'that Traefik OSS cannot share between replicas (https://doc.traefik.io/traefik/https/acme/): issue the certificates with ' +
        'cert-manager instead (certManager.issuers, and tls.issuer on each Ingress) and remove traefik.certResolvers, or keep replicas: 1',
    );
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
  const path = ['certManager', 'version'];
  const version = parseVersion(config.certManager.version);
  if (compareVersions(version, OLDEST_CERT_MANAGER) < 0) {
    error(
      path,
      `"${version.tag}" is older than the oldest supported cert-manager ${OLDEST_CERT_MANAGER.tag} (the first with ` +
        `http01.ingress.ingressClassName): use ${OLDEST_CERT_MANAGER.tag} or newer (newest known: ${NEWEST_KNOWN_CERT_MANAGER.tag})`,
    );
  } else if (compareVersions(version, NEWEST_KNOWN_CERT_MANAGER) > 0) {
    warn(
      path,
      `"${version.tag}" is newer than the newest cert-manager this tool knows (${NEWEST_KNOWN_CERT_MANAGER.tag}); its chart values ` +
        'and ClusterIssuer fields follow that release: check the release notes',
    );
  }
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
      error(
        [...path, 'issuer'],
        `"${tls.issuer}" and tls.certResolver "${tls.certResolver}" are both set, but one certificate source ` +
          'serves a host: keep issuer (cert-manager, for several Traefik replicas) or certResolver (Traefik ACME, one replica)',
      );
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

/** Which config key writes each generated top-level value, so a conflict names both keys. */
function generatorKey(path: readonly string[]): string {
  const [top, second] = path;
  if (top === 'service') return 'traefik.loadBalancerIPs';
  if (top === 'ports') return 'traefik.redirectToHttps';
  if (top === 'deployment' && second === 'replicas') return 'traefik.replicas';
  if (top === 'podDisruptionBudget' || top === 'topologySpreadConstraints') return 'traefik.replicas';
  return 'traefik.certResolvers';
}

function checkTraefikValuesEscapeHatch(config: ClusterConfig, error: Report, warn: Report) {
  const { traefik } = config;
  const user = traefik.values;
  if (!Object.keys(user).length) return;
  const generated = traefikValues({
    chartVersion: traefik.chartVersion,
    kubeVipVersion: config.kubeVip.version,
    loadBalancerIPs: traefik.loadBalancerIPs,
    redirectToHttps: traefik.redirectToHttps,
    certResolvers: traefik.certResolvers,
    replicas: traefik.replicas,
  });
  const { merged, conflicts } = mergeValues(generated, user);
  for (const conflict of conflicts) error(['traefik', 'values', ...conflict.path], conflictMessage(conflict));

  const schema = traefikValuesSchema(traefik.chartVersion);
  if (!schema) {
    warn(
      ['traefik', 'values'],
      `cannot be checked: this tool has no values schema of Traefik chart ${traefik.chartVersion} ` +
        '(vendor/traefik-values-schema/ lists the ones it has), so a misspelt key would be ignored by the chart without a word',
    );
    return;
  }
  for (const key of Object.keys(user).filter((k) => !schema.topLevelKeys.includes(k))) {
    const guess = closest(key, schema.topLevelKeys);
    const hint = guess ? `did you mean "${guess}"?` : "check the chart's values.yaml";
    error(['traefik', 'values', key], `is not a value of Traefik chart ${schema.tag}: ${hint}`);
  }
  for (const v of checkTraefikValues(schema, merged)) error(['traefik', 'values', ...v.path], v.message);
}

function conflictMessage({ path, user, generated }: ValueConflict): string {
  return (
    `is ${JSON.stringify(user)}, but ${generatorKey(path)} makes this tool write ${JSON.stringify(generated)} there: ` +
    `change ${generatorKey(path)} instead, or drop the key from traefik.values`
  );
}
