import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { dataProblems } from './data-guard';
import { K3sVipValidationError, propsKind, ValidationProblem } from './errors';
import { dns1123Label } from '../config/formats';
import { literalTokensInData } from '../config/inventory-rules';
import { ClusterDocument, clusterDocuments } from '../docs/cluster-documents';
import { validateClusterConfig } from '../config/load';
import { formatPath } from '../config/rules';
import { ClusterConfig, ClusterConfigInput } from '../config/schema';
import { IngressChart } from '../ingress/chart';
import { addCertManagerCharts } from '../cert-manager/wiring';
import { vipInterface } from '../k3s/inventory';
import { KubeVipChart } from '../kube-vip/chart';
import { KubeVipCloudProviderChart } from '../kube-vip/cloud-provider-chart';
import { IpPoolSettings } from '../kube-vip/ip-pool';
import { BgpSettings } from '../kube-vip/model';
import { LoadBalancerChart } from '../load-balancer/chart';
import { LoadBalancerServicePort } from '../load-balancer/service';
import { sameIp } from '../net/ip';
import { TraefikChart } from '../traefik/chart';
import { TraefikCertResolver } from '../traefik/helm-chart-config';
import { Dns01Solver } from '../cert-manager/cluster-issuer';

/**
 * One K3s cluster's virtual IPs: the same keys as a `config/<cluster>.yaml` file (without `gitops`,
 * which the app writes beside the manifests), with the same defaults and the same checks.
 */
export interface K3sVipClusterProps {
  /**
   * kube-vip: version, mode, control-plane VIP, LoadBalancer controller and IP pools.
   * @default - kube-vip v1.2.3 in ARP mode as LoadBalancer controller, no control-plane VIP
   */
  readonly kubeVip?: ClusterKubeVip;
  /**
   * K3s' packaged Traefik and its LoadBalancer VIP. `traefik.loadBalancerIPs` is required unless an IP pool serves kube-system.
   * @default - the chart `k3s.version` bundles (else 39.0.7), no fixed VIP, no redirect, no resolvers, one replica
   */
  readonly traefik?: ClusterTraefik;
  /**
   * Ingresses routed by Traefik.
   * @default []
   */
  readonly ingresses?: readonly ClusterIngress[];
  /**
   * More LoadBalancer Services with a VIP (databases, game servers, MQTT, ...).
   * @default []
   */
  readonly loadBalancers?: readonly ClusterLoadBalancer[];
  /**
   * K3s' networks, which no VIP may lie in, and the nodes' LAN.
   * @default - clusterCidr 10.42.0.0/16, serviceCidr 10.43.0.0/16, no nodeCidr
   */
  readonly k3s?: ClusterK3s;
  /**
   * Install cert-manager (a K3s HelmChart) and its ACME ClusterIssuers: certificates live in Secrets,
   * so Traefik stays stateless and can run several replicas.
   * @default - no cert-manager
   */
  readonly certManager?: ClusterCertManager;
}

export interface ClusterKubeVip {
  /**
   * kube-vip release tag (v0.5.0 or newer); every version-dependent field follows it.
   * @default "v1.2.3"
   */
  readonly version?: string;
  /**
   * How VIPs reach the network: `arp` (ARP/NDP on the LAN, one leader) or `bgp` (routes to BGP peers).
   * @default "arp"
   */
  readonly mode?: 'arp' | 'bgp';
  /**
   * NIC that carries the VIPs on every control-plane node.
   * @default - the NIC of the default route
   */
  readonly interface?: string;
  /**
   * The API server's VIP (port 6443).
   * @default - none: kube-vip for Services only
   */
  readonly controlPlane?: {
    /** The VIP: a free address on the nodes' LAN, outside every IP pool. */
    readonly address: string;
  };
  /**
   * kube-vip's IP pools (kube-vip is always the LoadBalancer controller).
   * @default - no pools: every Service needs a fixed VIP
   */
  readonly services?: ClusterKubeVipServices;
  /**
   * BGP settings, required with `mode: 'bgp'`.
   * @default - none (ARP mode)
   */
  readonly bgp?: BgpSettings;
}

export interface ClusterKubeVipServices {
  /**
   * Deprecated: kube-vip always acts as the LoadBalancer controller (`svc_enable`), as Traefik's VIP needs
   * it; `true` gives a deprecation warning, `false` an error. Leave it out.
   * @default - always on
   * @deprecated
   */
  readonly enabled?: boolean;
  /**
   * Hand out Service VIPs automatically: deploys kube-vip-cloud-provider with its `kubevip` ConfigMap.
   * @default - no pool: every Service needs fixed VIPs
   */
  readonly ipPool?: IpPoolSettings;
}

export interface ClusterTraefik {
  /**
   * Upstream Traefik chart version K3s deploys (`39.0.7` or `39.0.701+up39.0.7`).
   * @default - the chart `k3s.version` bundles when this tool knows it, else "39.0.7"
   */
  readonly chartVersion?: string;
  /**
   * Fixed VIP(s) of Traefik's LoadBalancer Service, one per IP family.
   * @default - none: one from kubeVip.services.ipPool
   */
  readonly loadBalancerIPs?: readonly string[];
  /**
   * Redirect every HTTP request to HTTPS (permanent).
   * @default false
   */
  readonly redirectToHttps?: boolean;
  /**
   * ACME (Let's Encrypt) certificate resolvers Traefik defines, by name.
   * @default {}
   */
  readonly certResolvers?: Readonly<Record<string, TraefikCertResolver>>;
  /**
   * Resolvers defined outside this library that Ingresses may name.
   * @default []
   */
  readonly externalCertResolvers?: readonly string[];
  /**
   * Traefik pods; 2 or more spread over nodes and get a PodDisruptionBudget (needs certManager, not certResolvers).
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Any other Traefik chart values, deep-merged into the generated ones and checked against the chart's values schema.
   * @default {}
   */
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface ClusterCertManager {
  /**
   * cert-manager chart version (release tag), pinned.
   * @default - the newest version this library knows
   */
  readonly version?: string;
  /**
   * ACME ClusterIssuers by name; Ingresses pick one with `tls.issuer`.
   * @default {}
   */
  readonly issuers?: Readonly<Record<string, ClusterIssuer>>;
}

export interface ClusterIssuer {
  /** ACME account e-mail address. */
  readonly email: string;
  /**
   * Let's Encrypt `production` or `staging`, or the https URL of another ACME directory.
   * @default "production"
   */
  readonly server?: string;
  /**
   * How the ACME server checks domain control: `http01` through Traefik, or DNS-01 with a provider
   * whose API token Secret (namespace cert-manager) is referenced, never written.
   * @default "http01"
   */
  readonly solver?: 'http01' | Dns01Solver;
}

export interface ClusterIngress {
  /** Ingress name. */
  readonly name: string;
  /**
   * Namespace of the Ingress and its Service.
   * @default "default"
   */
  readonly namespace?: string;
  /** DNS host name to route, e.g. `app.example.com` or `*.example.com`. */
  readonly host: string;
  /**
   * URL path prefix (pathType Prefix).
   * @default "/"
   */
  readonly path?: string;
  /** Backend Service in the same namespace. */
  readonly service: string;
  /** Backend Service port: a number from 1 to 65535, or a Service port name. */
  readonly port: number | string;
  /**
   * Serve HTTPS with a certificate from a Traefik cert resolver or a cert-manager ClusterIssuer (one of the two).
   * @default - plain HTTP
   */
  readonly tls?: {
    /**
     * Traefik ACME resolver (`traefik.certResolvers` or `traefik.externalCertResolvers`) that issues the certificate.
     * @default - none: give `issuer`
     */
    readonly certResolver?: string;
    /**
     * cert-manager ClusterIssuer (`certManager.issuers`) that issues the certificate into the Secret `<name>-tls`.
     * @default - none: give `certResolver`
     */
    readonly issuer?: string;
  };
}

export interface ClusterLoadBalancer {
  /** Service name. */
  readonly name: string;
  /**
   * Namespace of the Service.
   * @default "default"
   */
  readonly namespace?: string;
  /** Pod labels the Service routes to. */
  readonly selector: Readonly<Record<string, string>>;
  /** Ports the Service exposes, at least one. */
  readonly ports: readonly LoadBalancerServicePort[];
  /**
   * Fixed VIP(s), one per IP family.
   * @default - none: one from kubeVip.services.ipPool
   */
  readonly ips?: readonly string[];
  /**
   * `spec.loadBalancerClass`, e.g. `kube-vip.io/kube-vip-class`.
   * @default - none
   */
  readonly loadBalancerClass?: string;
  /**
   * `Local` keeps client source IPs, but only nodes with a ready endpoint answer.
   * @default - Kubernetes' default, Cluster
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
}

export interface ClusterK3s {
  /**
   * K3s `--cluster-cidr` (pods).
   * @default "10.42.0.0/16"
   */
  readonly clusterCidr?: string;
  /**
   * K3s `--service-cidr` (ClusterIPs).
   * @default "10.43.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * The nodes' LAN; when set, every VIP must lie inside it.
   * @default - a /24 is assumed for the network/broadcast check
   */
  readonly nodeCidr?: string;
  /**
   * K3s release the bootstrap runbook installs (`v1.33.5+k3s1`); also picks the Traefik chart it bundles.
   * @default - the runbook installs the current stable release
   */
  readonly version?: string;
  /**
   * Absolute path of the cluster token file on every node; the token itself never enters the config.
   * @default "/etc/rancher/k3s/cluster-token"
   */
  readonly tokenFile?: string;
  /**
   * Control-plane nodes in bootstrap order (the first initialises embedded etcd); 3 or another odd number.
   * @default - no inventory: one K3s drop-in for every server, no runbook
   */
  readonly servers?: readonly ClusterServer[];
  /**
   * Worker nodes; they join after the servers.
   * @default - none
   */
  readonly agents?: readonly ClusterNode[];
}

export interface ClusterNode {
  /** Node name (K3s `node-name`), a DNS label unique across servers and agents. */
  readonly name: string;
  /** The node's own LAN address (K3s `node-ip`). */
  readonly address: string;
}

export interface ClusterServer extends ClusterNode {
  /**
   * This node's NIC for the VIPs.
   * @default - the NIC of the default route, unless `kubeVip.interface` is set
   */
  readonly interface?: string;
}

/** Options of `K3sVipCluster.documents()`. */
export interface ClusterDocumentsOptions {
  /**
   * Where the cluster is defined, named in the first line of every file (`# Generated from <source> by ...`)
   * and at the top of the README.
   * @default - `K3sVipCluster <construct path>`
   */
  readonly source?: string;
  /**
   * The command that writes the files, named beside the source.
   * @default "cdk8s synth"
   */
  readonly command?: string;
}

/**
 * A bare-metal K3s cluster's virtual IPs as cdk8s charts, one per file, named as `npm run synth`
 * names the files in `dist/<cluster>/`: `kube-vip` (RBAC and DaemonSet), `kube-vip-cloud-provider`
 * (with an IP pool), `traefik-config` (the HelmChartConfig pinning Traefik's VIP), `cert-manager` and
 * `cert-manager-issuers` (with `certManager`), `load-balancers` and `ingresses` (when there are any).
 * The per-node K3s configs and the cluster README with its bootstrap runbook are not charts:
 * `documents()` returns them.
 *
 * The props pass the config files' validation (schema and cross-value rules) before anything is
 * created; every problem is reported at once in one K3sVipValidationError.
 *
 * @throws K3sVipValidationError when the props break a rule
 */
export class K3sVipCluster extends Construct {
  /** The validated props with the schema's defaults filled in (`k3s.tokenFile` stays as given: its default is the runbook's). */
  public readonly config: ClusterConfig;
  /** Findings that do not stop synthesis (e.g. a kube-vip newer than this library knows). */
  public readonly warnings: readonly ValidationProblem[];

  constructor(scope: Construct, id: string, props: K3sVipClusterProps = {}) {
    super(scope, id);
    const badId = dns1123Label(id);
    if (badId) {
      const message = `id: it starts the name of every chart and of its file in cdk8s synth (${id}-kube-vip-...), but ${badId}`;
      throw new K3sVipValidationError([{ path: [], message }], 'K3sVipCluster');
    }
    if (props === null || typeof props !== 'object' || Array.isArray(props)) {
      const message = `props are ${propsKind(props)}: expected an object with the config file's keys (kubeVip, traefik, ...), or none at all`;
      throw new K3sVipValidationError([{ path: [], message }]);
    }
    // Cycles, deep nesting and values YAML cannot hold would make the schema recurse or serialise wrongly.
    const badData = dataProblems(props);
    if (badData.length) throw new K3sVipValidationError(badData);
    const { config, errors, warnings } = validateClusterConfig(props);
    // The config files' reader also scans comments; props have none, so the keys and values are enough.
    const tokens = literalTokensInData(props);
    if (!config || tokens.length) {
      throw new K3sVipValidationError(
        [...tokens, ...errors.filter((e) => !tokens.some((t) => formatPath(t.path) === formatPath(e.path)))].map(({ path, message }) => ({
          path,
          message,
        })),
      );
    }
    this.config = config;
    this.warnings = warnings.map(({ path, message }) => ({ path, message }));

    const { kubeVip, traefik } = config;
    const controlPlaneAddress = kubeVip.controlPlane?.address;
    const serviceIps = [...(traefik.loadBalancerIPs ?? []), ...config.loadBalancers.flatMap((lb) => lb.ips ?? [])];
    new KubeVipChart(this, 'kube-vip', {
      version: kubeVip.version,
      interface: vipInterface(config),
      controlPlaneAddress,
      shareControlPlaneVip: !!controlPlaneAddress && serviceIps.some((ip) => sameIp(ip, controlPlaneAddress)),
      bgp: kubeVip.mode === 'bgp' ? kubeVip.bgp : undefined,
    });
    if (kubeVip.services.ipPool) {
      new KubeVipCloudProviderChart(this, 'kube-vip-cloud-provider', { pool: kubeVip.services.ipPool });
    }
    new TraefikChart(this, 'traefik-config', {
      chartVersion: traefik.chartVersion,
      kubeVipVersion: kubeVip.version,
      loadBalancerIPs: traefik.loadBalancerIPs,
      redirectToHttps: traefik.redirectToHttps,
      certResolvers: traefik.certResolvers,
      replicas: traefik.replicas,
      values: traefik.values,
    });
    addCertManagerCharts(this, config);
    if (config.loadBalancers.length) {
      new LoadBalancerChart(this, 'load-balancers', {
        services: config.loadBalancers.map(({ ips, ...service }) => ({ ...service, ips, kubeVipVersion: kubeVip.version })),
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
    }
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
   */
  public documents(options: ClusterDocumentsOptions = {}): ClusterDocument[] {
    const manifests = this.node
      .findAll()
      .filter((child): child is Chart => Chart.isChart(child))
      .map((chart) => `${chart.node.id}.yaml`);
    return clusterDocuments({
      name: this.node.id,
      config: this.config,
      manifests,
      source: options.source ?? `K3sVipCluster ${this.node.path}`,
      command: options.command ?? 'cdk8s synth',
    });
  }
}

/** Deep `readonly` removed, to compare the props with the schema's (mutable) input type. */
type Mutable<T> = T extends ReadonlyArray<infer E> ? Array<Mutable<E>> : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** Compiles only when the props and the config schema accept exactly the same values. */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const propsMatchSchema: SameShape<Mutable<K3sVipClusterProps>, Omit<ClusterConfigInput, 'gitops'>> = true;
void propsMatchSchema;
