import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterDocumentsOptions, K3sVipClusterProps } from './cluster-props';
import { clusterPropProblems } from './cluster-prop-keys';
import { validateClusterConfig } from '../cluster/validate';
import { clusterNameProblem, unshownName } from '../config/cluster-name';
import { checkDocumentLabels, ClusterDocument, clusterDocuments } from '../docs/cluster-documents';
import { ClusterConfig, ClusterConfigInput } from '../config/schema';
import { checkNamePath, scopeArgs } from '../core/construct-args';
import { redactMessage } from '../core/redact-message';
import { isList } from '../core/snapshot';
import { K3sVipValidationError, propsKind, ValidationProblem } from '../core/validation-error';
import { IngressChart } from '../ingress/chart';
import { addCertManagerCharts } from '../cert-manager/wiring';
import { addGatewayApiChart } from '../gateway/wiring';
import { vipInterface } from '../k3s/inventory';
import { KubeVipChart } from '../kube-vip/chart';
import type * as CloudProviderChart from '../kube-vip/cloud-provider-chart';
import type * as IngressWarnings from '../output/construct-ingress-warnings';
import type * as IssuerObjects from '../output/construct-issuer-objects';
import { clusterLeaseNames, clusterVipServices, usesServicesElection } from '../kube-vip/client-ip';
import { LoadBalancerChart } from '../load-balancer/chart';
import { sameIp } from '../net/ip';
import { TraefikChart } from '../traefik/chart';
import { traefikSettings } from '../traefik/settings';
import { vipServicesUnchanged } from '../output/construct-vip-services';
import { constructRefusal, gateWhatItRenders, secretsInTexts } from '../output/construct-gate';
import { notesClusterConfig } from '../output/construct-services';

/**
 * A bare-metal K3s cluster's virtual IPs as cdk8s charts, one per file, named as `npm run synth`
 * names the files in `dist/<cluster>/`: `kube-vip` (RBAC and DaemonSet), `kube-vip-cloud-provider`
 * (with an IP pool), `traefik-config` (the HelmChartConfig pinning Traefik's VIP), `cert-manager` and
 * `cert-manager-issuers` (with `certManager`), `gateway-api` (with `traefik.gateway`), `load-balancers` and
 * `ingresses` (when there are any). The per-node K3s configs and the cluster README with its bootstrap
 * runbook are not charts: `documents()` returns them.
 *
 * The props pass the config files' validation (schema and cross-value rules) before anything is
 * created, and every problem found then is reported at once in one K3sVipValidationError. A ClusterIssuer the props
 * name but do not define (a `tls.issuer` outside `certManager.issuers`) is judged at synth instead, when the app's
 * own ClusterIssuers are known, as are the app's objects beside the cluster.
 *
 * @throws K3sVipValidationError at construction when the props break a rule; at synth, for the issuer and the app's objects
 */
export class K3sVipCluster extends Construct {
  /** The validated props with the schema's defaults filled in, frozen (`k3s.tokenFile` stays as given: its default is the runbook's). */
  public readonly config: ClusterConfig;
  /** The props' warnings, found when they were validated. */
  private readonly propWarnings: readonly ValidationProblem[];

  /**
   * Findings that do not stop synthesis (e.g. a kube-vip newer than this library knows), and those about the app's
   * Ingresses beside it as they stand when read (a reserved or single-label host asked of a certificate source).
   */
  public get warnings(): readonly ValidationProblem[] {
    // Loaded when read: an app that never reads its warnings does not load the app-wide reader.
    const { siblingIngressWarnings } = require('../output/construct-ingress-warnings') as typeof IngressWarnings;
    return [...this.propWarnings, ...siblingIngressWarnings(this)];
  }

  constructor(scope: Construct, id: string, props: K3sVipClusterProps = {}) {
    super(...clusterArgs(scope, id));
    // The cluster's own Service network, for the cluster IPs of what it renders (a patch, an object added under it).
    gateWhatItRenders(this, () => this.config && { cidr: this.config.k3s.serviceCidr, key: 'k3s.serviceCidr' });
    if (props === null || typeof props !== 'object' || isList(props)) {
      const message = `props are ${propsKind(props)}: expected an object with the config file's keys (kubeVip, traefik, ...), or none at all`;
      throw new K3sVipValidationError([{ path: [], message }]);
    }
    // The props are read once, into frozen plain data, and everything below renders that validated copy.
    // An undefined ClusterIssuer is judged at synth, when the app's objects may define it (72a-8).
    const validation = validateClusterConfig(props, undefined, undefined, [], (problem) => problem.undefinedIssuer !== undefined);
    const { config, errors: configErrors, warnings, deferred = [] } = validation;
    // The config file's keys but `gitops`, which only synth writes (61b-9); a config the pipeline gave (synth's, read
    // from a file: validateClusterConfig hands it back as is) keeps its gitops, which synth writes beside the charts.
    const errors = config === props ? configErrors : clusterPropProblems(props, configErrors);
    if (!config || errors.length) throw new K3sVipValidationError(errors);
    this.config = config;
    notesClusterConfig(this, config);
    this.propWarnings = warnings.map(({ path, message }) => ({ path, message }));

    const { kubeVip } = config;
    const controlPlaneAddress = kubeVip.controlPlane?.address;
    // Every Service VIP kube-vip will serve, a VIP annotation under traefik.values included.
    const serviceIps = clusterVipServices(config).flatMap((service) => service.ips);
    const leaseNames = clusterLeaseNames(config);
    // The config's networks, so every construct judges the VIPs and the pool as the config's rules did (60b-5).
    const { clusterCidr, serviceCidr, nodeCidr } = config.k3s;
    const networks = { clusterCidr, serviceCidr, ...(nodeCidr && { nodeCidr }), mode: kubeVip.mode };
    new KubeVipChart(this, 'kube-vip', {
      version: kubeVip.version,
      interface: vipInterface(config),
      controlPlaneAddress,
      shareControlPlaneVip: !!controlPlaneAddress && serviceIps.some((ip) => sameIp(ip, controlPlaneAddress)),
      bgp: kubeVip.mode === 'bgp' ? kubeVip.bgp : undefined,
      servicesElection: usesServicesElection(config),
      leaderElection: kubeVip.leaderElection,
      networks,
    });
    if (kubeVip.services.ipPool) {
      // Loaded only for a config with an IP pool: most configs have none, and every synth would load it.
      const { KubeVipCloudProviderChart } = require('../kube-vip/cloud-provider-chart') as typeof CloudProviderChart;
      new KubeVipCloudProviderChart(this, 'kube-vip-cloud-provider', {
        pool: kubeVip.services.ipPool,
        networks: { clusterCidr, serviceCidr },
      });
    }
    // The resolvers configured outside this tool, which Traefik's CRDs in extraObjects may name as the Ingresses do.
    new TraefikChart(this, 'traefik-config', {
      ...traefikSettings(config),
      externalCertResolvers: config.traefik.externalCertResolvers,
      servicesElection: usesServicesElection(config),
      networks,
    });
    addCertManagerCharts(this, config);
    addGatewayApiChart(this, config);
    if (config.loadBalancers.length) {
      new LoadBalancerChart(this, 'load-balancers', {
        services: config.loadBalancers.map(({ ips, ...service }) => ({
          ...service,
          ips,
          kubeVipVersion: kubeVip.version,
          leaseName: leaseNames.get(`${service.namespace}/${service.name}`),
          networks,
        })),
      });
    }
    if (config.ingresses.length) {
      new IngressChart(this, 'ingresses', {
        ingresses: config.ingresses.map(({ service, port, tls, ...ingress }) => ({
          ...ingress,
          service,
          port,
          certResolver: tls?.certResolver,
          clusterIssuer: tls?.issuer,
        })),
      });
    } // The VIP Services made above are the ones the config's rules judged: one added or patched later is refused (63b-1).
    this.node.addValidation({ validate: vipServicesUnchanged(this) });
    if (deferred.length) this.node.addValidation({ validate: () => deferredIssuers().deferredIssuerFindings(this, deferred) });
  }

  /**
   * The files `npm run synth` writes beside the manifests in `dist/<cluster>/`, with the same paths and
   * content (for the same `source` and `command`): with `k3s.servers` each node's whole K3s config
   * `k3s/<node>.yaml`, else the servers' drop-in `k3s/config.yaml`; then `README.md` with the traffic
   * path, the VIP and failure tables and, with `k3s.servers`, the bootstrap runbook. The README names
   * the manifests `<chart id>.yaml` (`kube-vip.yaml`, ...), as `npm run synth` writes them.
   *
   * @param options where the cluster is defined, for the first line of every file
   * @returns one `{ path, content }` per file, the K3s configs first
   * @throws K3sVipValidationError when a file would hold a secret-shaped value (the gate `npm run synth` runs)
   */
  public documents(options: ClusterDocumentsOptions = {}): ClusterDocument[] {
    // Read once and checked as props: both land in every file (a null, a number or a line break is refused by name).
    const labels = checkDocumentLabels(options);
    const manifests = this.node
      .findAll()
      .filter((child): child is Chart => Chart.isChart(child))
      .map((chart) => `${chart.node.id}.yaml`);
    const documents = clusterDocuments({
      name: this.node.id,
      config: this.config,
      manifests,
      source: labels.source ?? `K3sVipCluster ${this.node.path}`,
      command: labels.command ?? 'cdk8s synth',
    });
    // The write gate synth runs over these files too (the labels and the config's free text land in them).
    const secrets = secretsInTexts(new Map(documents.map(({ path, content }) => [path, content])));
    if (secrets.length) {
      throw new K3sVipValidationError(
        secrets.map((finding) => ({ path: [], message: constructRefusal(finding) })),
        'K3sVipCluster.documents()',
      );
    }
    return documents;
  }
}

/**
 * The scope and id checked before anything is added: the id starts the name of every chart and of its file, so it
 * must be a DNS label; the ids of the scopes above make up those names too, so none may hold a secret.
 */
function clusterArgs(scope: unknown, id: unknown): [Construct, string] {
  const [parent, name] = scopeArgs(scope, id, 'K3sVipCluster');
  const badId = clusterNameProblem(name);
  if (badId) {
    const message = `id: it starts the name of every chart and of its file in cdk8s synth (${name}-kube-vip-...), but ${badId}`;
    // An id holding a secret (a shape, `password=abc`) is redacted in every form, also the cut one the name check quotes.
    throw new K3sVipValidationError([{ path: [], message: redactMessage(message, unshownName(name)) }], 'K3sVipCluster');
  }
  checkNamePath(parent, 'K3sVipCluster');
  return [parent, name];
}

/** Deep `readonly` removed, to compare the props with the schema's (mutable) input type. */
type Mutable<T> = T extends ReadonlyArray<infer E> ? Array<Mutable<E>> : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** Compiles only when the props and the config schema accept exactly the same values. */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const propsMatchSchema: SameShape<Mutable<K3sVipClusterProps>, Omit<ClusterConfigInput, 'gitops'>> = true;
void propsMatchSchema;

/** The app-wide issuer reader, loaded only for a cluster whose props name a ClusterIssuer they do not define. */
const deferredIssuers = (): typeof IssuerObjects => require('../output/construct-issuer-objects') as typeof IssuerObjects;
