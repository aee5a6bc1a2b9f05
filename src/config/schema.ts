import { z } from 'zod';
import * as format from './formats';
import * as k3sFormat from './k3s-formats';
import { tokenFilePath } from './token-file';
import { PROPS_CHECKS } from './props-wording';
import { markedIfNotShown } from './unshown-values';
import { CERT_MANAGER_VERSION, DEFAULT_CLUSTER_CIDR, DEFAULT_SERVICE_CIDR, KUBE_VIP_VERSION, TRAEFIK_CHART_VERSION } from '../pins';

/**
 * The config file contract: one `config/<cluster>.yaml` per cluster. This schema is the single
 * source of the config's TypeScript types (`ClusterConfig`), of its structural rules and of their
 * messages; rules that compare several values live in `rules.ts`. A synth parses with its plain
 * twin in config-shape.ts first and loads this module only for a config that twin refuses; change
 * both together (test/config-shape.test.ts fails on any difference).
 */

/** A string that must pass a format rule; the rule's sentence becomes the error message. */
function formatted(check: format.FormatCheck, description: string) {
  // A number or boolean where text belongs (YAML reads `version: 1.2` as a number): say what the
  // text should look like, not only that it is not a string.
  // A mapping or a list has no text form to judge: say what text belongs there.
  const notText = (input: unknown) =>
    typeof input === 'object' && input !== null
      ? `expected text: ${description.replace(/\.$/, '')}`
      : (check(String(input)) ?? `write it as text: "${String(input)}"`);
  const pattern = format.EDITOR_PATTERNS.get(check);
  const schema = z
    .string({ error: (issue) => (issue.input === undefined ? undefined : notText(issue.input)) })
    .meta({ description, ...(pattern ? { pattern } : {}) })
    .superRefine((value, ctx) => {
      const problem = check(value);
      // The construct door's words where they differ (props-wording.ts); the message stays the config file's.
      const props = problem && PROPS_CHECKS.get(check)?.(value);
      if (problem)
        ctx.addIssue({ code: 'custom', message: problem, input: value, ...(props !== problem && props && { params: { props } }) });
    });
  return markedIfNotShown(check, schema);
}

const virtualIp = formatted(format.virtualIp, "A single IPv4 or IPv6 address on the nodes' LAN.");
const cidr = (description: string) => formatted(format.cidr, description);

/** A TCP/UDP port number. */
export const portNumber = z.number().int().min(1).max(65535);
/** A `loadBalancers` port's protocol, for the config and LoadBalancerService alike (61b-4); the API server takes upper case only. */
export const servicePortProtocol = z.enum(['TCP', 'UDP']);
/** A BGP autonomous system number (4-byte ASNs included). */
export const asNumber = z.number().int().min(1).max(4294967295).describe('an AS number');

const port = z
  .union([portNumber, formatted(format.portName, 'Named port of the Service.')])
  .describe('Service port: a number from 1 to 65535 or the name of a Service port.');

const poolEntry = z
  .strictObject({
    cidr: z
      .union([cidr('Block(s) to hand out.'), z.array(cidr('Block to hand out.')).min(1)])
      .describe('CIDR block(s) whose addresses kube-vip-cloud-provider hands out (first and last skipped).')
      .optional(),
    range: z
      .union([formatted(format.ipRange, 'Range to hand out.'), z.array(formatted(format.ipRange, 'Range to hand out.')).min(1)])
      .describe('Address range(s) `first-last` to hand out, e.g. 192.168.0.200-192.168.0.220.')
      .optional(),
    allowShare: z.boolean().describe('Services with different ports may share one IPv4 address.').default(false),
  })
  .describe('One address pool: a `cidr` or a `range`.');

/** Whole seconds of a leader-election timing. */
const electionSeconds = (description: string) => z.number().int().min(1).max(3600).describe(description);

/** kube-vip's leader-election timings (env vip_leaseduration, vip_renewdeadline, vip_retryperiod). */
export const leaderElectionSchema = z
  .strictObject({
    leaseDuration: electionSeconds('Seconds a lease stays valid without renewal: how long a dead leader keeps its VIPs at most.'),
    renewDeadline: electionSeconds('Seconds the leader keeps trying to renew before it gives the VIPs up; below leaseDuration.'),
    retryPeriod: electionSeconds('Seconds between attempts to take or renew a lease; renewDeadline must exceed 1.2 times it.'),
  })
  .describe(
    "Leader-election timings in whole seconds (ARP mode); a VIP moves within leaseDuration + retryPeriod of its node's failure. Omit for the release's defaults (5/3/1 up to v1.0.x, 15/10/2 from v1.1.0).",
  );

const kubeVip = z.strictObject({
  version: formatted(format.version, 'kube-vip release tag; every version-dependent field follows it.')
    .overwrite(format.releaseTag)
    .default(KUBE_VIP_VERSION),
  mode: z
    .enum(['arp', 'bgp'])
    .describe('How VIPs reach the network: arp (ARP/NDP on the LAN, one leader) or bgp (routes to BGP peers).')
    .default('arp'),
  interface: formatted(
    format.interfaceName,
    'NIC that carries the VIPs on every control-plane node. Omit to let kube-vip use the NIC of the default route.',
  ).optional(),
  controlPlane: z
    .strictObject({
      address: virtualIp.describe('Virtual IP of the Kubernetes API server (port 6443).'),
    })
    .describe('Control-plane VIP. Omit the block to run kube-vip for Services only.')
    .optional(),
  services: z
    .strictObject({
      enabled: z
        .boolean()
        .meta({ deprecated: true })
        .describe('Deprecated, must be true or absent: kube-vip always acts as the LoadBalancer controller (svc_enable).')
        .optional(),
      ipPool: z
        .strictObject({
          global: poolEntry.optional(),
          namespaces: z
            .record(formatted(format.dns1123Label, 'Namespace.'), poolEntry)
            .describe('Pools for Services of one namespace; they win over the global pool.')
            .default({}),
        })
        .describe('Hand out Service VIPs automatically: deploys kube-vip-cloud-provider with its `kubevip` ConfigMap.')
        .optional(),
    })
    .prefault({}),
  bgp: z
    .strictObject({
      as: asNumber.describe('Local AS number of every control-plane node.'),
      peers: z
        .array(
          z.strictObject({
            address: formatted(format.peerIp, 'Address of the BGP peer (router).'),
            as: asNumber.describe('AS number of the peer.'),
            multihop: z.boolean().describe('The peer is more than one hop away (eBGP multihop).').default(false),
          }),
        )
        .min(1)
        .describe('BGP peers every node announces the VIPs to.'),
      passwordSecret: z
        .strictObject({
          name: formatted(format.secretName, 'Secret in kube-system.'),
          key: formatted(format.secretKey, 'Key in the Secret.'),
        })
        .describe("Kubernetes Secret (in kube-system) holding the peers' MD5 password; never written to dist/.")
        .optional(),
    })
    .describe("BGP settings, required with mode: bgp. The router id is each node's own IP.")
    .optional(),
  leaderElection: leaderElectionSchema.optional(),
});

const certResolver = z.strictObject({
  email: formatted(format.email, 'ACME account e-mail address.'),
  challenge: z.enum(['tls', 'http']).describe('ACME challenge: tls (TLS-ALPN-01 on 443) or http (HTTP-01 on 80).').default('tls'),
  caServer: formatted(format.httpsUrl, "ACME directory URL, e.g. Let's Encrypt staging.").optional(),
});

const traefik = z.strictObject({
  chartVersion: formatted(
    format.chartVersion,
    'Upstream Traefik chart version K3s deploys: the +upX.Y.Z part of `kubectl -n kube-system get helmchart traefik -o jsonpath={.spec.chart}`. Chart keys follow it.',
  ).default(TRAEFIK_CHART_VERSION),
  loadBalancerIPs: z
    .array(virtualIp)
    .min(1)
    .describe('Fixed VIP(s) of the Traefik LoadBalancer Service (one per IP family). Omit to take one from kubeVip.services.ipPool.')
    .optional(),
  redirectToHttps: z.boolean().describe('Redirect every HTTP request to HTTPS (permanent).').default(false),
  certResolvers: z
    .record(formatted(format.certResolverName, 'Resolver name.'), certResolver)
    .describe("ACME (Let's Encrypt) certificate resolvers Traefik defines; their certificates persist in a volume.")
    .default({}),
  externalCertResolvers: z
    .array(formatted(format.certResolverName, 'Resolver name.'))
    .describe('Resolvers defined outside this project (e.g. by hand in another HelmChartConfig) that Ingresses may use.')
    .default([]),
  replicas: z
    .number()
    .int()
    .min(1)
    .max(100)
    .describe(
      "Traefik pods (K3s' default: 1). 2 or more spread over nodes and get a PodDisruptionBudget; needs certManager instead of certResolvers.",
    )
    .default(1),
  externalTrafficPolicy: z
    .enum(['Cluster', 'Local'])
    .describe(
      "Local: Traefik sees the client's own IP; its VIP is announced only from a control-plane node running a Traefik pod (kube-vip per-Service election), and Traefik runs only on control-plane nodes. Cluster: any node forwards, and Traefik sees a node's address.",
    )
    .default('Cluster'),
  trustedProxies: z
    .array(formatted(format.trustedNetwork, 'Address or CIDR block of a proxy in front of Traefik.'))
    .describe(
      'Proxies (addresses or CIDR blocks) whose X-Forwarded-* headers Traefik believes on the web and websecure entrypoints; needs externalTrafficPolicy: Local to see their addresses.',
    )
    .default([]),
  values: z
    .record(z.string(), z.unknown())
    .describe(
      "Any other Traefik chart values (logs, dashboard, resources, ...), deep-merged into the generated ones; checked against the chart's values schema.",
    )
    .default({}),
  gateway: z
    .strictObject({
      name: formatted(format.dns1123Subdomain, 'Name of the Gateway in kube-system.').default('traefik'),
      routeNamespaces: z
        .union([z.enum(['All', 'Same']), z.array(formatted(format.dns1123Label, 'Namespace.')).min(1)])
        .describe(
          'Namespaces whose HTTPRoutes may attach: a list, All, or Same (kube-system only). Omit it for the namespaces of httpRoutes.',
        )
        .optional(),
    })
    .describe(
      "Turn on Traefik's Gateway API provider and write one Gateway in kube-system on Traefik's VIP, for httpRoutes: `gateway: {}`.",
    )
    .optional(),
});

const certManagerIssuer = z.strictObject({
  email: formatted(format.email, 'ACME account e-mail address.'),
  server: z
    .union([z.enum(['production', 'staging']), formatted(format.httpsUrl, 'ACME directory URL.')])
    .describe("Let's Encrypt `production` or `staging`, or the https URL of another ACME directory.")
    .default('production'),
  solver: z
    .union([
      z.literal('http01').describe('HTTP-01 through Traefik (IngressClass traefik); no wildcard hosts.'),
      z
        .strictObject({
          dns01: z.strictObject({
            provider: z.literal('cloudflare').describe('DNS provider.'),
            tokenSecret: z
              .strictObject({
                name: formatted(format.secretName, 'Secret in namespace cert-manager.'),
                key: formatted(format.secretKey, 'Key in the Secret.'),
              })
              .describe("Secret (in namespace cert-manager) holding the provider's API token; referenced, never written to dist/."),
          }),
        })
        .describe('DNS-01 through a DNS provider; needed for wildcard hosts.'),
    ])
    .describe('How the ACME server checks domain control: http01, or a dns01 block.')
    .default('http01'),
});

const certManager = z
  .strictObject({
    version: formatted(format.version, "cert-manager chart version (release tag), pinned; installed by K3s' helm-controller.")
      .overwrite(format.releaseTag)
      .default(CERT_MANAGER_VERSION),
    issuers: z
      .record(formatted(format.dns1123Subdomain, 'ClusterIssuer name.'), certManagerIssuer)
      .describe('ACME ClusterIssuers, by name; Ingresses pick one with tls.issuer.')
      .default({}),
  })
  .describe('Install cert-manager: certificates live in Secrets, so Traefik stays stateless and can run several replicas.');

const loadBalancer = z.strictObject({
  name: formatted(format.dns1035Label, 'Service name.'),
  namespace: formatted(format.dns1123Label, 'Namespace of the Service.').default('default'),
  selector: z
    .record(formatted(format.labelKey, 'Label key.'), formatted(format.labelValue, 'Label value.'))
    .describe('Pod labels the Service routes to.'),
  ports: z
    .array(
      z.strictObject({
        name: formatted(format.servicePortName, 'Port name.').optional(),
        port: portNumber.describe('Port on the VIP.'),
        targetPort: z
          .union([portNumber, formatted(format.portName, 'Container port name.')])
          .describe('Container port (number or name).')
          .optional(),
        protocol: servicePortProtocol.default('TCP'),
      }),
    )
    .min(1)
    .describe('Ports the Service exposes.'),
  ips: z.array(virtualIp).min(1).describe('Fixed VIP(s); omit to take one from kubeVip.services.ipPool.').optional(),
  loadBalancerClass: formatted(format.labelKey, 'spec.loadBalancerClass, e.g. kube-vip.io/kube-vip-class.').optional(),
  externalTrafficPolicy: z
    .enum(['Cluster', 'Local'])
    .describe('Local keeps client source IPs but only nodes with a ready endpoint answer.')
    .optional(),
});

const ingress = z.strictObject({
  name: formatted(format.dns1123Subdomain, 'Ingress object name.'),
  namespace: formatted(format.dns1123Label, 'Namespace of the Ingress and its Service.').default('default'),
  host: formatted(format.ingressHost, 'Host name the Ingress routes, e.g. app.example.com.'),
  path: formatted(format.routePath, 'URL path prefix (pathType Prefix).').default('/'),
  service: formatted(format.dns1035Label, 'Backend Service name in the same namespace.'),
  port,
  tls: z
    .strictObject({
      certResolver: formatted(format.certResolverName, 'Traefik certificate resolver that issues the certificate.').optional(),
      issuer: formatted(
        format.dns1123Subdomain,
        'cert-manager ClusterIssuer (certManager.issuers) that issues the certificate.',
      ).optional(),
    })
    .describe('Serve HTTPS with a certificate from a Traefik cert resolver or a cert-manager issuer (one of the two). Omit for plain HTTP.')
    .optional(),
});

const NODE_ADDRESS =
  "The node's own LAN address (K3s node-ip); in a dual-stack cluster one per IP family, comma-separated, in the order of clusterCidr.";

/** An HTTPRoute: exactly the keys of an Ingress entry, so a host moves from one list to the other unchanged. */
const httpRoute = z.strictObject({
  name: formatted(format.dns1123Subdomain, 'HTTPRoute object name.'),
  namespace: formatted(format.dns1123Label, 'Namespace of the HTTPRoute and its Service.').default('default'),
  host: formatted(format.routeHostname, 'Host name the HTTPRoute routes, e.g. app.example.com.'),
  path: formatted(format.routePath, 'URL path prefix (match type PathPrefix).').default('/'),
  service: formatted(format.dns1035Label, 'Backend Service name in the same namespace.'),
  port: z
    .union([portNumber, formatted(format.portName, 'Named port of the Service.')])
    .describe('Service port number, from 1 to 65535 (an HTTPRoute takes no port names).'),
  tls: z
    .strictObject({
      certResolver: formatted(
        format.certResolverName,
        "Not for HTTPRoutes: Traefik's ACME resolvers cannot serve Gateway listeners.",
      ).optional(),
      issuer: formatted(
        format.dns1123Subdomain,
        'cert-manager ClusterIssuer (certManager.issuers) that issues the certificate of the Gateway listener.',
      ).optional(),
    })
    .describe(
      "Serve HTTPS only, with a certificate from a cert-manager issuer on the Gateway's listener for the host. Omit for plain HTTP.",
    )
    .optional(),
});

const k3s = z.strictObject({
  clusterCidr: formatted(
    format.clusterNetworks,
    'K3s --cluster-cidr (pods): one block, or for dual-stack one per IP family, comma-separated (primary family first).',
  ).default(DEFAULT_CLUSTER_CIDR),
  serviceCidr: formatted(
    format.clusterNetworks,
    'K3s --service-cidr (ClusterIPs): one block, or for dual-stack one per IP family in the order of clusterCidr.',
  ).default(DEFAULT_SERVICE_CIDR),
  nodeCidr: cidr(
    "The nodes' LAN. When set, every VIP must lie inside it; when not, a /24 is assumed for the network/broadcast check.",
  ).optional(),
  // The node inventory (bootstrap runbook, per-node K3s configs): see src/k3s/inventory.ts.
  version: formatted(
    k3sFormat.k3sVersion,
    'K3s release the runbook installs (INSTALL_K3S_VERSION); also picks the Traefik chart it bundles.',
  ).optional(),
  tokenFile: formatted(
    tokenFilePath,
    'Path of the file holding the cluster token on every node (token-file); the token itself never enters the repository. Default /etc/rancher/k3s/cluster-token.',
  ).optional(),
  servers: z
    .array(
      z.strictObject({
        name: formatted(format.dns1123Label, 'Node name (K3s node-name), unique across servers and agents.'),
        address: formatted(k3sFormat.nodeAddresses, NODE_ADDRESS),
        interface: formatted(format.interfaceName, "This node's NIC for the VIPs.").optional(),
      }),
    )
    .min(1)
    .describe('Control-plane nodes in bootstrap order; the first initialises embedded etcd. Use 3 (or another odd number).')
    .optional(),
  agents: z
    .array(
      z.strictObject({
        name: formatted(format.dns1123Label, 'Node name (K3s node-name), unique across servers and agents.'),
        address: formatted(k3sFormat.nodeAddresses, NODE_ADDRESS),
      }),
    )
    .min(1)
    .describe('Worker nodes; they join after the servers.')
    .optional(),
});

const gitops = z
  .strictObject({
    engine: z
      .enum(['argocd', 'flux'])
      .describe('GitOps controller that deploys dist/<cluster>/: argocd (an Application) or flux (a GitRepository and a Kustomization).'),
    repoURL: formatted(format.gitUrl, 'URL of the Git repository that holds this project, as the GitOps controller clones it.'),
    revision: formatted(
      format.gitRevision,
      'Branch to deploy, or a full reference (refs/tags/v1) or a commit id; Argo CD takes a tag name too (Flux reads a bare name as a branch).',
    ).default('main'),
    // `./dist//dev/` becomes `dist/dev`: Flux's ignore rules match one path component at a time (normaliseRepoPath in formats.ts).
    path: formatted(format.repoPath, "Folder of this cluster's manifests inside the repository.")
      .overwrite(format.normaliseRepoPath)
      .optional(),
  })
  .describe("Opt-in: also write the GitOps object that deploys this cluster's folder, into dist/<cluster>/gitops/.");

export const clusterConfigSchema = z
  .strictObject({
    // prefault: a missing block is parsed as `{}`, so its keys' own defaults apply (they are written once).
    kubeVip: kubeVip.prefault({}),
    traefik: traefik.prefault({}),
    certManager: certManager.optional(),
    ingresses: z.array(ingress).default([]),
    httpRoutes: z.array(httpRoute).describe('Gateway API HTTPRoutes through the Gateway of traefik.gateway.').default([]),
    loadBalancers: z
      .array(loadBalancer)
      .describe('More LoadBalancer Services with a VIP (databases, game servers, MQTT, ...).')
      .default([]),
    k3s: k3s.prefault({}),
    gitops: gitops.optional(),
  })
  .describe('One K3s cluster: kube-vip, the Traefik VIP and the Ingresses behind it.');

/** A validated cluster config with every default filled in. */
export type ClusterConfig = z.output<typeof clusterConfigSchema>;
/** A cluster config as written in the YAML file. */
export type ClusterConfigInput = z.input<typeof clusterConfigSchema>;
export type IngressConfig = ClusterConfig['ingresses'][number];
export type HttpRouteConfig = ClusterConfig['httpRoutes'][number];
export type LoadBalancerConfig = ClusterConfig['loadBalancers'][number];
export type PoolEntry = z.output<typeof poolEntry>;
export type CertManagerIssuerConfig = z.output<typeof certManagerIssuer>;
