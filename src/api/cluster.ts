import { Construct } from 'constructs';
import { validateClusterConfig } from '../cluster/validate';
import { dns1123Label } from '../config/formats';
import { ClusterConfig, ClusterConfigInput } from '../config/schema';
import { redact, secretShape } from '../core/secrets';
import { isList } from '../core/snapshot';
import { K3sVipValidationError, propsKind, ValidationProblem } from '../core/validation-error';
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
   * cert-manager chart version (release tag), pinned: v1.15.0 or newer (the first chart that keeps its CRDs on uninstall).
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
   * K3s `--cluster-cidr` (pods): one block, or for dual-stack one per IP family, comma-separated as K3s splits it,
   * the primary family first (`10.42.0.0/16,fd00:42::/56`).
   * @default "10.42.0.0/16"
   */
  readonly clusterCidr?: string;
  /**
   * K3s `--service-cidr` (ClusterIPs): the families of `clusterCidr` in the same order (`10.43.0.0/16,fd00:43::/112`).
   * VIPs of both families on one Service need a dual-stack Service network.
   * @default "10.43.0.0/16"
   */
  readonly serviceCidr?: string;
  /**
   * The nodes' LAN; when set, every VIP must lie inside it.
   * @default - a /24 is assumed for the network/broadcast check
   */
  readonly nodeCidr?: string;
  /**
   * K3s release the bootstrap runbook installs (`v1.33.5+k3s1`, v1.27.0+k3s1 or newer; with cert-manager before
   * v1.27.3+k3s1 a warning, as its helm-controller ignores `createNamespace`); also picks the Traefik chart it bundles.
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
  /**
   * The node's own LAN address (K3s `node-ip`); in a dual-stack cluster one per IP family, comma-separated, in the
   * order of `clusterCidr` (`192.168.0.11,fd00::11`).
   */
  readonly address: string;
}

export interface ClusterServer extends ClusterNode {
  /**
   * This node's NIC for the VIPs.
   * @default - the NIC of the default route, unless `kubeVip.interface` is set
   */
  readonly interface?: string;
}

/**
 * A bare-metal K3s cluster's virtual IPs as cdk8s charts, one per file, named as `npm run synth`
 * names the files in `dist/<cluster>/`: `kube-vip` (RBAC and DaemonSet), `kube-vip-cloud-provider`
 * (with an IP pool), `traefik-config` (the HelmChartConfig pinning Traefik's VIP), `cert-manager` and
 * `cert-manager-issuers` (with `certManager`), `load-balancers` and `ingresses` (when there are any).
 *
 * The props pass the config files' validation (schema and cross-value rules) before anything is
 * created; every problem is reported at once in one K3sVipValidationError.
 *
 * @throws K3sVipValidationError when the props break a rule
 */
export class K3sVipCluster extends Construct {
  /** The validated props with the schema's defaults filled in, frozen (`k3s.tokenFile` stays as given: its default is the runbook's). */
  public readonly config: ClusterConfig;
  /** Findings that do not stop synthesis (e.g. a kube-vip newer than this library knows). */
  public readonly warnings: readonly ValidationProblem[];

  constructor(scope: Construct, id: string, props: K3sVipClusterProps = {}) {
    super(scope, id);
    const badId = dns1123Label(id);
    if (badId) {
      const message = `id: it starts the name of every chart and of its file in cdk8s synth (${id}-kube-vip-...), but ${badId}`;
      // A secret-shaped id is redacted in every form, also the cut one the name check quotes.
      throw new K3sVipValidationError([{ path: [], message: redact(message, secretShape(id) ? [id] : []) }], 'K3sVipCluster');
    }
    if (props === null || typeof props !== 'object' || isList(props)) {
      const message = `props are ${propsKind(props)}: expected an object with the config file's keys (kubeVip, traefik, ...), or none at all`;
      throw new K3sVipValidationError([{ path: [], message }]);
    }
    // The props are read once, into frozen plain data, and everything below renders that validated copy.
    const { config, errors, warnings } = validateClusterConfig(props);
    if (!config) throw new K3sVipValidationError(errors);
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
          serviceName: service,
          servicePort: port,
          certResolver: tls?.certResolver,
          clusterIssuer: tls?.issuer,
        })),
      });
    }
  }
}

/** Deep `readonly` removed, to compare the props with the schema's (mutable) input type. */
type Mutable<T> = T extends ReadonlyArray<infer E> ? Array<Mutable<E>> : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> } : T;
/** Compiles only when the props and the config schema accept exactly the same values. */
type SameShape<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const propsMatchSchema: SameShape<Mutable<K3sVipClusterProps>, Omit<ClusterConfigInput, 'gitops'>> = true;
void propsMatchSchema;
