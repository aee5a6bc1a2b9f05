import { Construct } from 'constructs';
import { TRAEFIK_CHART_VERSION } from '../pins';
import { isMap } from '../core/is-map';
import { traefikValues, traefikValuesContent } from './values';
import { HelmChartConfig } from '../../imports/k3s-helm.cattle.io';
import { PropsKeys, PropsValidator } from '../config/props-validator';
import { describeValue } from '../core/snapshot';
import { effectiveTraefik } from './effective';
import { extraObjectResolverProblems } from './extra-objects';
import { entrypointResolverProblems } from './resolver-names';
import { chartVersionSupport, checkTraefikDeployment, replicasWithCertResolversProblem } from './rules';
import * as format from '../config/formats';
import * as k3sFormat from '../config/k3s-formats';
import { kubeVipVersionSupport, serviceVipTextCountProblem } from '../kube-vip/rules';
import { DEFAULT_CLUSTER_CIDR, KUBE_VIP_VERSION } from '../pins';
import { gatewayChartProblem, gatewayValuesProblem } from './chart-versions';
import { checkBehindSourceNat, checkTraefikTrust, checkUdpService } from './client-ip-rules';
import { repeatedVipProblems } from '../load-balancer/service-rules';
import { traefikValuesProblems } from './values-check';
import { checkGatewayProvider } from '../gateway/provider-rules';
import { leaseNameProblem } from '../kube-vip/shared-lease';
import { kubeVipRules } from '../kube-vip/versions';
import { parseVersion } from '../semver';
import { checkTraefikSharedVips } from '../kube-vip/client-ip-rules';
import { constructArgs, shownPath } from '../core/construct-args';
import { checkEntrypointRedirects } from '../ingress/redirect-rules';
import { v3RuleProblems } from '../ingress/v3-rule-syntax';
import { joinedRuleProblems } from '../ingress/rule-problems-joined';
import { v2RuleProblems } from '../ingress/v2-rule-syntax';
import { routeObjectProblems } from '../ingress/route-fields';
import { valuesPatchProblems } from './values-patch';
import { propsServiceNetwork } from '../output/construct-cluster-ips';
import { gateWhatItRenders } from '../output/construct-gate';
import { notesClusterIps, notesServices, notesTraefikRelease } from '../output/construct-services';
import { clusterScope } from '../output/cluster-scope';
import { valuesClusterIps } from './values-cluster-ips';
import { EMPTY_VIP_LIST } from '../load-balancer/service-rules';
import { VIP_NETWORKS_KEYS, VipNetworks, vipNetworkProblems } from '../load-balancer/vip-networks';

export interface TraefikHelmChartConfigProps {
  /**
   * Upstream Traefik chart version your K3s deploys (`39.0.7`, or K3s' `39.0.701+up39.0.7`); the values follow its keys.
   * @default "39.0.7"
   */
  readonly chartVersion?: string;
  /**
   * kube-vip release that announces the VIP; decides how the VIP is written (annotation or `loadBalancerIP`).
   * @default "v1.2.3"
   */
  readonly kubeVipVersion?: string;
  /**
   * Fixed VIP(s) of Traefik's LoadBalancer Service: one IPv4 and/or one IPv6 address.
   * @default - none: kube-vip-cloud-provider assigns one from its pool
   */
  readonly loadBalancerIPs?: readonly string[];
  /**
   * The networks the VIPs (loadBalancerIPs, and those of LoadBalancer Services in the values) are judged against.
   * @default - K3s' default pod and Service networks, ARP mode, a /24 LAN around each VIP
   */
  readonly networks?: VipNetworks;
  /**
   * Redirect every HTTP request to HTTPS (permanent).
   * @default false
   */
  readonly redirectToHttps?: boolean;
  /**
   * ACME certificate resolvers Traefik defines, by name; their certificates persist in a volume.
   * @default - none
   */
  readonly certResolvers?: Readonly<Record<string, TraefikCertResolver>>;
  /**
   * Resolvers defined outside these props (a Traefik static configuration of your own) that Traefik's CRDs in
   * `values.extraObjects` and the entrypoints' default resolvers may name.
   * @default - none
   */
  readonly externalCertResolvers?: readonly string[];
  /**
   * Traefik pods; 2 or more spread over nodes with a PodDisruptionBudget.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * `Local` keeps the client's IP: the Service gets `externalTrafficPolicy: Local`, Traefik runs only on
   * control-plane nodes (where kube-vip runs), one pod per node. kube-vip needs `servicesElection` then (ARP mode).
   * @default "Cluster"
   */
  readonly externalTrafficPolicy?: 'Cluster' | 'Local';
  /**
   * Whether kube-vip elects a leader per Service (`svc_election`, ARP mode), so that Traefik's TCP Service and a
   * separate UDP Service (`service.single: false`) on the same VIP could be announced by two nodes: refused then.
   * `false` says kube-vip elects no leader per Service, where the split is harmless: in BGP mode every node with a
   * local endpoint announces each Service (K3sVipCluster passes `false` with `Local` there), and in ARP mode without
   * it one leader announces every Service. With `Local` in ARP mode write `true` (or leave it out): kube-vip needs
   * per-Service election there, which only the kube-vip construct's props (its mode) can tell.
   * @default - true with externalTrafficPolicy `Local`, which needs per-Service election in ARP mode
   */
  readonly servicesElection?: boolean;
  /**
   * Addresses or CIDR blocks of proxies in front of Traefik whose X-Forwarded-* headers it believes
   * (`web` and `websecure` entrypoints).
   * @default - none: Traefik drops forwarded headers from everyone
   */
  readonly trustedProxies?: readonly string[];
  /**
   * `kube-vip.io/leaseName` of Traefik's Service (kube-vip v1.0.1+, policy Cluster): the per-Service lease it
   * shares with other Services on its VIP, so one node announces it.
   * @default - none: the Service elects its own leader
   */
  readonly leaseName?: string;
  /**
   * Turn on Traefik's Gateway API provider and its RBAC, with the chart's GatewayClass `traefik` and no
   * Gateway of the chart's own (a TraefikGateway writes it); chart 34.0.0 or newer.
   * @default false
   */
  readonly gateway?: boolean;
  /**
   * Further chart values, deep-merged over the generated ones (a key the generator writes keeps its value).
   * @default - none
   */
  readonly values?: Readonly<Record<string, unknown>>;
  /**
   * K3s release of the cluster (`v1.33.1+k3s1`): its Kubernetes decides the pod fields newer than the 1.27 schema that
   * the values' containers and `extraObjects` may use (native sidecars, `initContainers[].restartPolicy: Always`, from 1.29).
   * @default - not named: such fields are refused, naming the release that serves them
   */
  readonly k3sVersion?: string;
}

/** The props of a TraefikHelmChartConfig, for the unknown-key check. */
export const TRAEFIK_HELM_CHART_CONFIG_KEYS: PropsKeys<TraefikHelmChartConfigProps> = {
  chartVersion: true,
  kubeVipVersion: true,
  loadBalancerIPs: true,
  networks: VIP_NETWORKS_KEYS,
  redirectToHttps: true,
  certResolvers: { '*': { email: true, challenge: true, caServer: true } },
  externalCertResolvers: true,
  replicas: true,
  values: true,
  externalTrafficPolicy: true,
  trustedProxies: true,
  leaseName: true,
  gateway: true,
  servicesElection: true,
  k3sVersion: true,
};

export interface TraefikCertResolver {
  /** ACME account e-mail address. */
  readonly email: string;
  /**
   * ACME challenge: `tls` (TLS-ALPN-01 on 443) or `http` (HTTP-01 on 80).
   * @default "tls"
   */
  readonly challenge?: 'tls' | 'http';
  /**
   * ACME directory URL, e.g. Let's Encrypt staging.
   * @default - Let's Encrypt production
   */
  readonly caServer?: string;
}

/**
 * HelmChartConfig for K3s' packaged Traefik, whose values give Traefik's LoadBalancer Service its
 * VIP(s). The helm-controller matches it to the HelmChart with the same namespace and name
 * (k3s-io/helm-controller pkg/controllers/chart/chart.go), so both are fixed: any other name is
 * silently ignored.
 *
 * @throws K3sVipValidationError when a prop is not what the chart, kube-vip or ACME accepts
 */
export class TraefikHelmChartConfig extends Construct {
  public static readonly NAME = 'traefik';
  public static readonly NAMESPACE = 'kube-system';

  constructor(scope: Construct, id: string, props: TraefikHelmChartConfigProps) {
    super(...constructArgs(scope, id, 'TraefikHelmChartConfig'));
    gateWhatItRenders(this, () => propsServiceNetwork(props.networks));
    const check = new PropsValidator<TraefikHelmChartConfigProps>('TraefikHelmChartConfig', props, TRAEFIK_HELM_CHART_CONFIG_KEYS);
    // Only the snapshot is read from here on: what was checked is what is rendered.
    props = check.props;
    // One per cluster: several K3sVipClusters in one App are several clusters (69b-13).
    const other = clusterScope(this).find((c) => c instanceof TraefikHelmChartConfig && c !== this);
    if (other) {
      check.problem(
        [],
        `is defined twice for one cluster (also at ${shownPath(other)}): K3s reads the one HelmChartConfig ` +
          `${TraefikHelmChartConfig.NAMESPACE}/${TraefikHelmChartConfig.NAME}, so give all settings to one`,
      );
    }
    const { chartVersion = TRAEFIK_CHART_VERSION, kubeVipVersion = KUBE_VIP_VERSION } = props;
    const chartSupport =
      typeof chartVersion === 'string' && !format.chartVersion(chartVersion) ? chartVersionSupport(chartVersion) : undefined;
    const kubeVipSupport =
      typeof kubeVipVersion === 'string' && !format.version(kubeVipVersion) ? kubeVipVersionSupport(kubeVipVersion) : undefined;
    check
      .text(['chartVersion'], chartVersion, format.chartVersion)
      .problem(['chartVersion'], chartSupport?.error)
      .text(['kubeVipVersion'], kubeVipVersion, format.version)
      .problem(['kubeVipVersion'], kubeVipSupport?.error)
      .text(['k3sVersion'], props.k3sVersion, k3sFormat.k3sVersion);
    const loadBalancerIPs = check.list(['loadBalancerIPs'], props.loadBalancerIPs);
    // As the config's traefik.loadBalancerIPs (64b-6): an empty list is no VIP, and no "leave it out".
    if (Array.isArray(props.loadBalancerIPs) && !props.loadBalancerIPs.length) check.problem(['loadBalancerIPs'], EMPTY_VIP_LIST);
    loadBalancerIPs.forEach((ip, i) => check.text(['loadBalancerIPs', i], ip, format.virtualIp));
    if (check.valid) check.problem(['loadBalancerIPs'], serviceVipTextCountProblem(kubeVipVersion, loadBalancerIPs));
    if (props.redirectToHttps !== undefined && typeof props.redirectToHttps !== 'boolean') {
      check.problem(['redirectToHttps'], `${describeValue(props.redirectToHttps)}: expected true or false`);
    }
    const resolvers = check.mapping(['certResolvers'], props.certResolvers);
    for (const [name, resolver] of resolvers) {
      check.text(['certResolvers', name], name, format.certResolverName);
      if (resolver === null || typeof resolver !== 'object') {
        check.problem(['certResolvers', name], `${describeValue(resolver)}: expected { email, challenge?, caServer? }`);
        continue;
      }
      check
        .requiredText(['certResolvers', name, 'email'], resolver.email, format.email)
        .text(['certResolvers', name, 'caServer'], resolver.caServer, format.httpsUrl);
      if (resolver.challenge !== undefined && resolver.challenge !== 'tls' && resolver.challenge !== 'http') {
        check.problem(['certResolvers', name, 'challenge'], `${describeValue(resolver.challenge)}: expected "tls" or "http"`);
      }
    }
    const externalCertResolvers = check.list(['externalCertResolvers'], props.externalCertResolvers);
    externalCertResolvers.forEach((name, i) => check.text(['externalCertResolvers', i], name, format.certResolverName));
    const { replicas } = props;
    if (replicas !== undefined && !(typeof replicas === 'number' && Number.isInteger(replicas) && replicas >= 1 && replicas <= 100)) {
      const given = typeof replicas === 'number' ? `${replicas} is not a replica count` : describeValue(replicas);
      check.problem(['replicas'], `${given}: expected a whole number from 1 to 100`);
    }
    const { externalTrafficPolicy } = props;
    if (externalTrafficPolicy !== undefined && externalTrafficPolicy !== 'Cluster' && externalTrafficPolicy !== 'Local') {
      check.problem(['externalTrafficPolicy'], `${describeValue(externalTrafficPolicy)}: expected "Cluster" or "Local"`);
    }
    check
      .list(['trustedProxies'], props.trustedProxies)
      .forEach((entry, i) => check.text(['trustedProxies', i], entry, format.trustedNetwork));
    check.text(['leaseName'], props.leaseName, (name) =>
      kubeVipSupport && !kubeVipSupport.error
        ? leaseNameProblem(name, externalTrafficPolicy, kubeVipVersion, kubeVipRules(parseVersion(kubeVipVersion)))
        : undefined,
    );
    if (props.gateway !== undefined && typeof props.gateway !== 'boolean') {
      check.problem(['gateway'], `${describeValue(props.gateway)}: expected true or false`);
    } else if (props.gateway && chartSupport && !chartSupport.error) {
      check.problem(['gateway'], gatewayChartProblem(chartVersion));
    }
    if (props.servicesElection !== undefined && typeof props.servicesElection !== 'boolean') {
      check.problem(['servicesElection'], `${describeValue(props.servicesElection)}: expected true or false`);
    }
    check.mapping(['values'], props.values);
    const certResolvers = Object.fromEntries(
      resolvers.map(([name, resolver]) => [name, { ...resolver, challenge: resolver?.challenge ?? 'tls' }]),
    );
    const { externalCertResolvers: _external, networks: _networks, ...chartProps } = props;
    const settings = { ...chartProps, chartVersion, kubeVipVersion, certResolvers };
    // The deployment rules render the values, which needs versions this library can read and well-typed props.
    const readable =
      (props.loadBalancerIPs === undefined || Array.isArray(props.loadBalancerIPs)) &&
      (props.trustedProxies === undefined || Array.isArray(props.trustedProxies)) &&
      (props.values === undefined || (typeof props.values === 'object' && props.values !== null && !Array.isArray(props.values)));
    if (chartSupport && !chartSupport.error && kubeVipSupport && !kubeVipSupport.error && readable && check.valid) {
      // The same rules as a config's, on what the chart will deploy, whichever prop asked for it; first, as there,
      // so a rule that explains a value is the one message about it (the values schema's verdict comes after).
      const names = {
        certManager: 'an AcmeClusterIssuer, and clusterIssuer on each TraefikIngress',
        chartVersion,
        loadBalancers: 'a LoadBalancerService construct',
      };
      const model = effectiveTraefik(settings, []);
      // Its Services, for the app-wide VIP rules of the gate (one Service per VIP and port, 64b-5).
      notesServices(this, model.services);
      // And the cluster IPs its values ask for, for the app-wide cluster-IP rule (65b-4).
      notesClusterIps(this, valuesClusterIps(props.values ?? {}));
      // And its chart and values, for the extraObjects rules over the app's objects (66b-5, 66b-6).
      notesTraefikRelease(this, {
        chartVersion,
        values: props.values ?? {},
        resolvers: [...model.resolverNames, ...externalCertResolvers],
        acmeResolvers: model.acmeResolvers,
        kubeVipVersion,
        gateway: !!props.gateway,
      });
      const report = check.problem.bind(check);
      checkTraefikDeployment(model, [], names, undefined, report, () => undefined);
      // Traefik's CRDs among extraObjects, and the entrypoints' default resolvers, may name only the resolvers these
      // props define or list as defined elsewhere.
      const known = new Set([...model.resolverNames, ...externalCertResolvers]);
      const define = 'Define it under certResolvers, or list it in externalCertResolvers if it is configured elsewhere';
      const values = props.values ?? {};
      for (const problem of joinedRuleProblems([
        ...extraObjectResolverProblems(values, [], known, define),
        ...entrypointResolverProblems(values, chartVersion, [], known, define),
        // The deployed Traefik's rule syntax on IngressRoute rules, and the route checks that need no Ingress, as a
        // config's (ingress/rules.ts: 51b-6, 52b-1, 52b-2).
        ...v3RuleProblems(values, [], chartVersion),
        ...v2RuleProblems(values, [], chartVersion),
        // Its warnings (an entrypoint name not found) have no channel here: the construct reports errors only.
        ...routeObjectProblems(values, [], chartVersion).errors,
      ])) {
        report(problem.path, problem.message, problem);
      }
      // The client-IP rules these props can express: no one trusted blindly, and (Local needs per-Service election in ARP mode) one Service per VIP.
      const trusted = checkTraefikTrust(model, [], report);
      // Behind Cluster's source NAT, a trusted pod network trusts every client (71b-3); the props name no nodes, and
      // have no warning channel. An unreadable networks.clusterCidr is said by vipNetworkProblems below.
      const given = isMap(props.networks) ? props.networks.clusterCidr : undefined;
      const clusterCidr = typeof given === 'string' && !format.clusterNetworks(given) ? given : DEFAULT_CLUSTER_CIDR;
      if (externalTrafficPolicy !== 'Local')
        checkBehindSourceNat({ k3s: { clusterCidr } }, trusted, report, () => undefined, 'externalTrafficPolicy');
      // The redirect rules that need no Ingress: cycles, and redirects broken whatever is served (to itself, to no
      // entrypoint or port, plain HTTP to TLS). Which Ingress a redirect leaves unreachable is the cluster's to judge.
      checkEntrypointRedirects({ chartVersion, values: props.values, ingresses: [], prefix: [] }, model, report);
      // A VIP listed twice in one Service's list, from loadBalancerIPs or an annotation in the values (load-balancer/rules.ts).
      for (const service of model.services.filter((s) => s.type.value === 'LoadBalancer')) {
        for (const problem of repeatedVipProblems(service.ips)) report(problem.path, problem.message);
      }
      // Where each VIP may lie, and which IP families the Service network has for it, by the config's rules (60b-5, 61b-1).
      const vips = model.services.filter((s) => s.type.value === 'LoadBalancer').flatMap((s) => s.ips);
      // And the cluster IPs the values ask for, in the props' Service network (61b-5).
      for (const problem of vipNetworkProblems(props.networks, vips, model.services, values))
        report(problem.path, problem.message, problem);
      // An explicit false (BGP, or no per-Service election) lifts the split rule even with Local: one announcer set for all.
      if (props.servicesElection ?? externalTrafficPolicy === 'Local') {
        checkUdpService(model, [], 'kube-vip elects a leader per Service', kubeVipVersion, report);
      }
      checkTraefikSharedVips(model, { ...props, kubeVipVersion }, report);
      if (!props.gateway) for (const path of model.gatewayKeys) report(path, gatewayValuesProblem(chartVersion));
      checkGatewayProvider(
        {
          values: props.values ?? {},
          merged: model.values,
          chartVersion,
          gateway: !!props.gateway,
          gatewayKey: 'the gateway prop',
          turnOn: 'set the gateway prop',
        },
        [],
        report,
      );
      for (const problem of traefikValuesProblems(settings).errors) {
        check.problem(['values', ...problem.path], problem.message, problem);
      }
    } else {
      const resolverNames = resolvers.map(([name]) => name);
      check.problem(
        ['replicas'],
        replicasWithCertResolversProblem(replicas ?? 1, resolverNames, {
          certResolvers: 'certResolvers',
          certManager: 'an AcmeClusterIssuer, and clusterIssuer on each TraefikIngress',
        }),
      );
    }
    check.throwIfInvalid();

    const valuesContent = traefikValuesContent(traefikValues(settings));
    const resource = new HelmChartConfig(this, 'Resource', {
      metadata: { name: TraefikHelmChartConfig.NAME, namespace: TraefikHelmChartConfig.NAMESPACE },
      // valuesContent, not `values`: the structured field needs helm-controller v0.16.20 (K3s v1.36+).
      spec: { valuesContent },
    });
    // What was checked is what is deployed: a patch of the values is refused when the app synthesizes (63b-1).
    this.node.addValidation({ validate: () => valuesPatchProblems(resource, valuesContent) });
  }
}
