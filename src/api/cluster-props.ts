import { Dns01Solver } from '../cert-manager/cluster-issuer';
import { IpPoolSettings } from '../kube-vip/ip-pool';
import { LeaderElectionSettings } from '../kube-vip/election';
import { BgpSettings } from '../kube-vip/model';
import { LoadBalancerServicePort } from '../load-balancer/service';
import { TraefikCertResolver } from '../traefik/helm-chart-config';

/**
 * One K3s cluster's virtual IPs: the same keys as a `config/<cluster>.yaml` file, with the same defaults and
 * the same checks, but without `gitops` (refused): `npm run synth` writes the GitOps object from a config file.
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
   * Gateway API HTTPRoutes through the Gateway of `traefik.gateway`: the keys of `ingresses`, so a host
   * moves from one list to the other unchanged (a port number, and `tls.issuer` only).
   * @default []
   */
  readonly httpRoutes?: readonly ClusterHttpRoute[];
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
  /**
   * Leader-election timings in whole seconds (ARP mode): leaseDuration > renewDeadline > 1.2 x retryPeriod;
   * a VIP moves within leaseDuration + retryPeriod of its node's failure.
   * @default - the release's defaults: 5/3/1 up to v1.0.x, 15/10/2 from v1.1.0
   */
  readonly leaderElection?: LeaderElectionSettings;
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
   * `Local` keeps the client's IP: kube-vip announces the VIP only from a control-plane node running a
   * Traefik pod (per-Service election), and Traefik runs only on control-plane nodes, one pod per node.
   * @default "Cluster"
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  /**
   * Addresses or CIDR blocks of proxies in front of Traefik whose X-Forwarded-* headers it believes on `web`
   * and `websecure` (needs `externalTrafficPolicy: 'Local'` to see their addresses).
   * @default []
   */
  readonly trustedProxies?: readonly string[];
  /**
   * Any other Traefik chart values, deep-merged into the generated ones and checked against the chart's values schema.
   * @default {}
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * Turn on Traefik's Gateway API provider and write one Gateway in kube-system on Traefik's VIP, for
   * `httpRoutes` (`{}` for the defaults); Traefik chart 34.0.0 or newer.
   * @default - no Gateway
   */
  readonly gateway?: ClusterTraefikGateway;
}

export interface ClusterTraefikGateway {
  /**
   * Name of the Gateway in kube-system.
   * @default "traefik"
   */
  readonly name?: string;
  /**
   * Namespaces whose HTTPRoutes may attach: a list, `All`, or `Same` (kube-system only).
   * @default - the namespaces of `httpRoutes` (`Same` when there are none)
   */
  readonly routeNamespaces?: 'All' | 'Same' | readonly string[];
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

export interface ClusterHttpRoute {
  /** HTTPRoute name. */
  readonly name: string;
  /**
   * Namespace of the HTTPRoute and its Service.
   * @default "default"
   */
  readonly namespace?: string;
  /** DNS host name to route, e.g. `app.example.com` or `*.example.com`. */
  readonly host: string;
  /**
   * URL path prefix (match type PathPrefix).
   * @default "/"
   */
  readonly path?: string;
  /** Backend Service in the same namespace. */
  readonly service: string;
  /** Backend Service port number (a port name is refused: an HTTPRoute takes numbers only). */
  readonly port: number | string;
  /**
   * Serve HTTPS only, with a certificate from a cert-manager ClusterIssuer on the Gateway's listener for the host.
   * @default - plain HTTP
   */
  readonly tls?: {
    /**
     * Refused: Traefik's ACME resolvers cannot serve Gateway listeners. The key exists so that an Ingress
     * entry moved here is told why.
     * @default - none
     */
    readonly certResolver?: string;
    /**
     * cert-manager ClusterIssuer (`certManager.issuers`); every TLS route of the Gateway names the same one.
     * @default - none: required with `tls`
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
