import { VersionSupport } from '../core/problem';
import { compareVersions, parseVersion, rulesFor, Version } from '../semver';

/** Where the Traefik Helm chart reads each value we set, by upstream chart version. */
export interface TraefikChartRules {
  /**
   * Where the Service's own fields (`type`, `ipFamilyPolicy`, `ipFamilies`) go: top-level `service.*`
   * up to v39; v40 removed those keys in favour of the free-form `service.spec` (commit b9f3ed34).
   */
  readonly serviceFields: 'service' | 'service.spec';
  /**
   * Where the type of an additional Service is read: `additionalServices.<name>.type`, unset LoadBalancer, up to v39
   * (`default "LoadBalancer" .service.type`); from v40 only its free-form `spec` is rendered, so an unset `spec.type` is
   * the API server's ClusterIP: the values.yaml default `service.spec.type: LoadBalancer` is Traefik's own Service's
   * (traefik/templates/_service.tpl `traefik.service-spec`, service.yaml, values.yaml, v39.0.7 and v40.0.0).
   */
  readonly additionalServiceType: 'type' | 'spec.type';
  /**
   * Key of the HTTP -> HTTPS redirect on the `web` port: a string up to v24, an object with `port`
   * from v25 (PR #934), `redirections.entryPoint` from v34 (commit 30977046), under `http` from v39
   * (commit 266ff0e4).
   */
  readonly redirectKey: 'ports.web.redirectTo' | 'ports.web.redirectTo.port' | 'ports.web.redirections' | 'ports.web.http.redirections';
  /**
   * Key of the ACME resolvers: `certResolvers.<name>.*` up to v32, Traefik's own static-config shape
   * `certificatesResolvers.<name>.acme.*` from v33 (commit 016822d8).
   */
  readonly certResolversKey: 'certResolvers' | 'certificatesResolvers';
  /**
   * Which leaf of `certificatesResolvers` the chart writes as a flag (`traefik.yaml2CommandLineArgsRec`, templates/_helpers.tpl,
   * which recurses into maps, so an empty map writes nothing): every leaf (v33.0.0, null as `=`; up to v32 `certResolvers`
   * writes every option and every field of a map option too, templates/_podtemplate.tpl `range $option, $setting`); only a
   * truthy one (`with $value`, v34.2.0); any but null (`ne $value nil`, v39.0.0); a boolean or a non-empty one (v39.0.1; the
   * integer branch of v40.0.0 never sees a values file's numbers, which Helm reads as float64).
   */
  readonly resolverLeaves: 'every' | 'truthy' | 'non-null' | 'bool-or-non-empty';
  /**
   * Whether the chart passes `globalArguments` to Traefik (templates/_podtemplate.tpl `with .Values.globalArguments`, v20 to
   * v35.4.0); v36.0.0 dropped the key for `global.checkNewVersion` and `global.sendAnonymousUsage` (PR #1436, commit baa573c5).
   */
  readonly globalArguments: boolean;
  /**
   * `updateStrategy` of a Recreate rollout: up to v31.1.0 the block is rendered as is, so the default
   * `rollingUpdate` must be nulled (the API rejects it with Recreate); from v31.1.1 the template drops
   * it (commit 6c1c8c3, issue #1193).
   */
  readonly recreateStrategy: 'type-and-null-rolling-update' | 'type';
  /**
   * The Gateway API CRDs (standard channel) a K3s cluster has with this chart, which every Gateway and
   * HTTPRoute is validated against (crds/gateway-api/<bundle>/): up to v40.1.x the chart's
   * `traefik/crds/gateway-standard-install.yaml`, which K3s installs through its `traefik-crd` HelmChart;
   * from v40.2.0 the chart ships none (PR #1850) and K3s v1.37+ installs v1.6.1 through `gateway-api-crd`.
   * `no-provider`: Traefik v2 charts, no `providers.kubernetesGateway` (it arrives in v30.0.0);
   * `unverified`: v30 to v33, which no K3s release bundles and whose templates this tool has not read.
   */
  readonly gatewayApi: GatewayApiSupport;
  /**
   * Whether the chart's Traefik CRDs hold `pattern`s, which the API server enforces: from v35.3.0 (commit 704f23fa, CRDs
   * of Traefik v3.4) the duration fields of ServersTransport, ServersTransportTCP and Middleware take
   * `^([0-9]+(ns|us|µs|ms|s|m|h)?)+$` and the `errors` middleware's `status` items `^([1-5][0-9]{2}[,-]?)+$`
   * (traefik/traefik-helm-chart traefik/crds/traefik.io_*.yaml, v35.2.0 against v35.3.0; v39.0.7 is vendored).
   */
  readonly crdPatterns: boolean;
  /**
   * Whether `ingressClass.name` names the chart's IngressClass: from v23.2.0 (traefik/templates/ingressclass.yaml, commit 7f0a0fc1 #864:
   * `.Values.ingressClass.name | default (include "traefik.fullname" .)`); before, it is always the release name.
   */
  readonly ingressClassName: boolean;
  /**
   * Which value makes the chart pass Traefik a switch that stops it looking IngressClasses up (so it ignores
   * every Ingress with `spec.ingressClassName`): `providers.kubernetesIngress.disableIngressClassLookup` from
   * v27.0.0 (rendered only for a Traefik v3 image, the default from v28.0.0); from v30.1.0 that key is gone and
   * `rbac.namespaced` passes `disableIngressClassLookup` or `disableClusterScopeResources` instead
   * (traefik/templates/_podtemplate.tpl at v27.0.0, v30.1.0, v33.2.1, v41.3.0).
   */
  readonly classLookupSwitch: 'none' | 'values-key' | 'rbac-namespaced';
  /**
   * Services are rendered by name from v27.0.0 (templates/service.yaml and _service.tpl): Traefik's own (`default`) and
   * each of `service.additionalServices`, and an entrypoint is exposed on one when `ports.<name>.expose.<service>` is
   * true (`if (index (default dict $config.expose) $.serviceName)`). Before, only Traefik's own, and `expose` is one
   * value read by Go truth (`if $config.expose`, v20.1.1 to v26.1.0), so a map such as `{default: false}` exposes it.
   */
  readonly servicesByName: boolean;
  /**
   * How an entrypoint's name (`ports.<name>`) becomes the name of its container port and Service port, which the API
   * server checks as an IANA_SVC_NAME (port-names.ts): as written (`name: {{ $name | quote }}`, templates/_podtemplate.tpl
   * and _service.tpl, v20.1.1 to v34.0.0); lower-cased from v34.1.0 (commit 7f37baba, "support uppercase letters in
   * entrypoint names"; the pod's `<name>-http3` port stays as written); through `traefik.portname` from v35.0.0
   * (`lower | trimPrefix "-" | trunc 15 | trimSuffix "-"`, templates/_helpers.tpl, commit 394e3a80), `<name>-http3` too.
   */
  readonly portNames: 'as-written' | 'lower' | 'portname';
  /**
   * Where `ports.<name>.hostIP` goes besides the container port's `hostIP` (templates/_podtemplate.tpl): nowhere up to
   * v26.1.0; from v27.0.0 into Traefik's listen address (`--entryPoints.<name>.address={{ $config.hostIP }}:{{ $config.port }}`)
   * and, for `ports.traefik`, into the probes' `host` (`default (.Values.ports.traefik).hostIP .Values.deployment.healthchecksHost`);
   * from v41.1.0 an address with a colon is written in brackets (`[%s]`), before as is (`:::8000`, which Go cannot split).
   */
  readonly hostIpListens: 'no' | 'as-is' | 'bracketed';
  /**
   * Whether the chart reads `ports.<name>.containerPort` (`containerPort: {{ default $config.port $config.containerPort }}`)
   * and `targetPort` (`targetPort: {{ default $name $config.targetPort }}`): from v22.2.0 (templates/_podtemplate.tpl,
   * _service.tpl); before, the container port is `port` and the Service targets the entrypoint's name.
   */
  readonly portOverrides: boolean;
  /**
   * Where the chart reads the probes' port and scheme (templates/_podtemplate.tpl): `ports.traefik.healthchecksPort` and
   * `.healthchecksScheme` up to v23.x (`default .Values.ports.traefik.port .Values.ports.traefik.healthchecksPort`);
   * `deployment.healthchecksPort` and `.healthchecksScheme` from v24.0.0 (`default (.Values.ports.traefik).port
   * .Values.deployment.healthchecksPort`, `default "HTTP" .Values.deployment.healthchecksScheme`).
   */
  readonly probeKeys: 'ports.traefik' | 'deployment';
  /** Whether the chart reads `deployment.healthchecksHost` as the probes' `host`: from v27.0.0 (with `ports.traefik.hostIP` as its default). */
  readonly probeHost: boolean;
  /**
   * Whether the chart reads `deployment.readinessPath` and `livenessPath` (`default "/ping"`): from v28.0.0 (v28.0.0-rc.1
   * and older write `path: /ping`).
   */
  readonly probePaths: boolean;
  /**
   * The oldest Traefik the chart renders (its `fail` on an older `image.tag`: v3.0.0 from v28.0.0, v3.6.0 from v40.0.0),
   * and from v41.0.0 its `traefik.io/proxy-max-version` (traefik/Chart.yaml at each tag), whose next major version the
   * chart fails on (chart-image-failures.ts).
   */
  /**
   * Which name overrides the chart reads besides `fullnameOverride`/`nameOverride` (traefik/templates/_helpers.tpl
   * v20.2.0 `traefik.namespace`, v20.3.0 `traefik.instance-name`; _service.tpl v40.0.0 `traefik.service-name`).
   */
  readonly namespaceOverride?: boolean;
  readonly instanceLabelOverride?: boolean;
  readonly serviceNameOverride?: boolean;
  readonly imageMinimum?: string;
  readonly imageMaximum?: string;
  /**
   * 81b-24: the newest Traefik whose Kubernetes providers the chart's ClusterRole serves. Traefik v3.1 lists
   * `discovery.k8s.io` EndpointSlices and Nodes, granted from chart v30.0.0 (appVersion v3.1.0, rbac/clusterrole.yaml);
   * on charts 27 to 29 a v3.1+ image cannot start its providers (k3s-io/k3s#10934, traefik-helm-chart#1143).
   */
  readonly rbacMaximum?: string;
  /**
   * The Traefik major version the chart deploys when `image.tag` names no release (its appVersion, traefik/Chart.yaml):
   * v2 up to v27.0.2 (appVersion v2.9.4 at v20.1.1, v2.11.2 at v27.0.2), v3 from v28.0.0 (appVersion v3.0.0, which is also
   * its `imageMinimum`). K3s pins an image of the same major on its charts (src/k3s/bundled-traefik.ts), maybe a newer minor.
   */
  readonly traefikMajor: 2 | 3;
  /**
   * How the chart turns `experimental.localPlugins.<name>` into a pod volume (templates/_podtemplate.tpl): not at all up to
   * v36.x (no local plugins); from v37.0.0 every plugin gets a hostPath volume named `{{ $localPluginName | replace "." "-" }}`;
   * from v37.4.0 (`traefik.getLocalPluginType`, templates/_helpers.tpl) a plugin of `type: localPath` gets none (it mounts
   * a volume of `deployment.additionalVolumes`), hostPath and inlinePlugin ones keep that name.
   */
  readonly localPlugins: 'none' | 'hostPath' | 'typed';
  /**
   * Whether the chart's values schema takes a text as `deployment.healthchecksPort` (the probes' port, written as is, so
   * the kubelet resolves it as a container port name): no schema up to v31.0.x; `["integer", "null"]` from v31.1.0, so
   * Helm refuses a text; `["string", "integer", "null"]` from v41.1.0 (traefik/values.schema.json at each tag).
   */
  readonly probePortName: boolean;
  /**
   * When the chart writes its own pod volume `plugins` (mounted at /plugins-storage, templates/_podtemplate.tpl):
   * `if .Values.experimental.plugins.enabled` up to v25.x; `if gt (len .Values.experimental.plugins) 0` from v26.0.0;
   * from v33.1.0 also only when no `deployment.additionalVolumes` item is named `plugins` (`traefik.hasPluginsVolume`).
   */
  readonly pluginStorage: 'enabled' | 'non-empty' | 'non-empty-unless-given';
  /** Whether the chart writes its pod volume `traefik-extra-config` when `providers.file.enabled`: from v26.0.0. */
  readonly fileProviderVolume: boolean;
  /**
   * Whether the chart writes its pod volume `hub-token` (a Secret mounted at `hub.tokenMountPath`) when `hub.token` is set:
   * from v39.0.8 (templates/_podtemplate.tpl `if .Values.hub.token`, commit d39d90a6; none at v39.0.7, written at v40.0.0 and v41.3.0).
   */
  readonly hubTokenVolume: boolean;
  /**
   * Whether the chart writes `deployment.runtimeClassName` (`runtimeClassName: {{ . }}`, unquoted, templates/_podtemplate.tpl):
   * from v26.1.0 (none at v26.0.0).
   */
  readonly runtimeClassName: boolean;
  /**
   * Which value the chart writes unquoted as the env var `TZ` of Traefik's container (`value: {{ ... }}`,
   * templates/_podtemplate.tpl): none up to v37.0.0; `logs.access.timezone` from v37.1.0; `accessLog.timezone` from
   * v41.0.0 (commit 16e26ce8, "fix(logs)!: align syntax with upstream").
   */
  readonly timezoneKey: 'none' | 'logs.access.timezone' | 'accessLog.timezone';
  /**
   * Where the chart's default `runAsUser: 65532` and `runAsNonRoot: true` sit (traefik/values.yaml): in the container's
   * `securityContext` up to v21.2.0, in `podSecurityContext` from v21.2.1 (where a container's own value wins); both
   * with `securityContext.capabilities.drop: [ALL]` at every tag v20.1.1 to v41.3.0.
   */
  readonly runAsUserDefault: 'securityContext' | 'podSecurityContext';
  /**
   * Whether the chart's default `securityContext` sets `allowPrivilegeEscalation: false` (no_new_privs): from v23.2.0
   * (traefik/values.yaml: absent at v23.1.0, present at v23.2.0 to v41.3.0).
   */
  readonly noNewPrivsDefault: boolean;
  /** Whether the chart's default `podSecurityContext` sets `seccompProfile: {type: RuntimeDefault}`: from v38.0.2 (traefik/values.yaml). */
  readonly podSeccompDefault: boolean;
  /**
   * The env vars the chart always writes into Traefik's container before the values' `env` (templates/_podtemplate.tpl):
   * none up to v32; `POD_NAME` and `POD_NAMESPACE` from v33.0.0 (commit 20f54b66); `USER` too from v37.1.2 (commit fe84fd00).
   */
  readonly chartEnvNames: readonly string[];
  /**
   * Whether the chart writes `GOMAXPROCS` (with `resources.limits.cpu`) and `GOMEMLIMIT` (with `resources.limits.memory`, see
   * `goMemLimit`) into Traefik's env: from v28.0.0 (_podtemplate.tpl).
   */
  readonly goRuntimeEnv: boolean;
  /**
   * How the chart writes `GOMEMLIMIT` (templates/_podtemplate.tpl): up to v36.x `valueFrom.resourceFieldRef` of `limits.memory`
   * whenever a memory limit is set; from v37.0.0 `value: {{ include "traefik.gomemlimit" ... }}`, the limit times
   * `deployment.goMemLimitPercentage` floored to whole MiB (`printf "%dMiB"`, _helpers.tpl), still whenever a memory limit is set
   * (tags v37.0.0, v39.0.7, v39.0.8); from v40.0.0 only when the percentage is Go-true too (`if and (...).memory
   * $.Values.deployment.goMemLimitPercentage`, "Set to 0 to disable", values.yaml).
   */
  readonly goMemLimit: 'limit' | 'percentage' | 'percentage-if-set';
  /**
   * Whether the chart writes the env var `HUB_TOKEN` (a secretKeyRef, `with .Values.hub.token`) into Traefik's container:
   * from v28.1.0 to v39.0.7; v39.0.8 mounts the token as a file instead (`hubTokenVolume`).
   */
  readonly hubTokenEnv: boolean;
  /**
   * When the chart adds container ports for Traefik Hub (templates/_podtemplate.tpl, `if .Values.hub.token`): none up to
   * v28.0.0; from v28.1.0 `admission` (the port of `hub.apimanagement.admission.listenAddr`, default ":9943") and, with
   * `hub.apimanagement.enabled`, `apiportal` (9903); from v37.0.0 `admission` only unless `hub.offline` (to v41.3.0).
   */
  readonly hubPorts: 'none' | 'with-token' | 'unless-offline';
  /**
   * Whether the chart writes `deployment.dnsConfig` into Traefik's pod (templates/_podtemplate.tpl `with
   * .Values.deployment.dnsConfig`: its `searches`, `nameservers` and `options`, each under `if`, with toYaml): from v22.2.0
   * (none at v22.1.0; the same lines at v27.0.2, v38.0.0 and v41.3.0).
   */
  readonly dnsConfig: boolean;
  /**
   * Whether the chart writes `deployment.hostAliases` into Traefik's pod (templates/_podtemplate.tpl `with
   * .Values.deployment.hostAliases` then `hostAliases: {{- toYaml . | nindent 8 }}`): from v29.0.0 (none at v28.3.0; the
   * same lines at v41.3.0).
   */
  readonly hostAliases: boolean;
  /**
   * Which key of `ports.<name>` the chart writes as `--entryPoints.<name>.http.middlewares={{ join "," ... }}` when Go-true
   * (templates/_podtemplate.tpl): `middlewares` (`if $config.middlewares`, v20.1.1 to v38.0.2); `http.middlewares` from v39.0.0
   * (`with $config.http` then `with .middlewares`; v39.0.0 reads `middlewares` no more).
   */
  readonly entrypointMiddlewares: 'middlewares' | 'http.middlewares';
  /**
   * Whether the chart writes `persistence.emptyDir` (persistence off) and `deployment.tmpVolume.emptyDir` as the emptyDir of
   * its own volumes (`toYaml (default dict ...)`, templates/_podtemplate.tpl): from v41.2.0 (`emptyDir: {}` at v41.1.1).
   */
  readonly emptyDirOptions: boolean;
}

/** A vendored Gateway API bundle (standard channel), or why a chart gets no Gateway from this tool. */
export type GatewayApiSupport = GatewayApiBundle | 'no-provider' | 'unverified';
export type GatewayApiBundle = 'v1.2.1' | 'v1.3.0' | 'v1.4.0' | 'v1.5.1' | 'v1.6.1';

/**
 * Sources: traefik/traefik-helm-chart `traefik/values.yaml` diffed at every tag v20 to v41, and
 * `traefik/templates/_podtemplate.tpl` / `_service.tpl` read at the boundary tags (v24.0.0/v25.0.0,
 * v32.1.1/v33.0.0, v33.2.1/v34.0.0, v34.1.0/v34.2.0, v35.4.0/v36.0.0, v38.x/v39.0.0,
 * v39.0.0/v39.0.1, v39.0.7/v40.0.0); `traefik.yaml2CommandLineArgsRec` in templates/_helpers.tpl at every tag v33.0.0 to v41.3.0.
 */
export const TRAEFIK_CHART_TABLE: ReadonlyArray<{ since: string } & Partial<TraefikChartRules>> = [
  {
    since: '20.0.0',
    serviceFields: 'service',
    additionalServiceType: 'type',
    redirectKey: 'ports.web.redirectTo',
    certResolversKey: 'certResolvers',
    resolverLeaves: 'every',
    globalArguments: true,
    recreateStrategy: 'type-and-null-rolling-update',
    gatewayApi: 'no-provider',
    crdPatterns: false,
    ingressClassName: false,
    classLookupSwitch: 'none',
    servicesByName: false,
    portNames: 'as-written',
    hostIpListens: 'no',
    portOverrides: false,
    probeKeys: 'ports.traefik',
    probeHost: false,
    probePaths: false,
    traefikMajor: 2,
    localPlugins: 'none',
    probePortName: true,
    pluginStorage: 'enabled',
    fileProviderVolume: false,
    hubTokenVolume: false,
    runtimeClassName: false,
    timezoneKey: 'none',
    runAsUserDefault: 'securityContext',
    noNewPrivsDefault: false,
    podSeccompDefault: false,
    chartEnvNames: [],
    goRuntimeEnv: false,
    goMemLimit: 'limit',
    hubTokenEnv: false,
    hubPorts: 'none',
    dnsConfig: false,
    hostAliases: false,
    entrypointMiddlewares: 'middlewares',
    emptyDirOptions: false,
    rbacMaximum: '3.0.99',
  },
  { since: '20.2.0', namespaceOverride: true },
  { since: '20.3.0', instanceLabelOverride: true },
  { since: '21.2.1', runAsUserDefault: 'podSecurityContext' },
  { since: '22.2.0', portOverrides: true, dnsConfig: true },
  { since: '23.2.0', noNewPrivsDefault: true, ingressClassName: true },
  { since: '24.0.0', probeKeys: 'deployment' },
  // v25.0.0 fails on the string form: "Syntax of `ports.web.redirectTo` has changed to `ports.web.redirectTo.port`".
  { since: '25.0.0', redirectKey: 'ports.web.redirectTo.port' },
  { since: '26.0.0', pluginStorage: 'non-empty', fileProviderVolume: true },
  { since: '26.1.0', runtimeClassName: true },
  { since: '27.0.0', servicesByName: true, hostIpListens: 'as-is', probeHost: true },
  { since: '28.0.0', classLookupSwitch: 'values-key', imageMinimum: '3.0.0', probePaths: true, traefikMajor: 3, goRuntimeEnv: true },
  { since: '28.1.0', hubTokenEnv: true, hubPorts: 'with-token' },
  { since: '29.0.0', hostAliases: true },
  { since: '30.0.0', gatewayApi: 'unverified', rbacMaximum: undefined },
  { since: '30.1.0', classLookupSwitch: 'rbac-namespaced' },
  // From v31.1.1 the template drops rollingUpdate under Recreate (commit 6c1c8c3, issue #1193).
  { since: '31.1.0', probePortName: false },
  { since: '31.1.1', recreateStrategy: 'type' },
  // v33.0.0 fails on `certResolvers`: "certResolvers setting has been removed. See v33.0.0 Changelog."
  { since: '33.0.0', certResolversKey: 'certificatesResolvers', chartEnvNames: ['POD_NAME', 'POD_NAMESPACE'] },
  { since: '33.1.0', pluginStorage: 'non-empty-unless-given' },
  // v34.0.0 fails on `redirectTo`: "redirectTo syntax has been removed in v34 of this Chart".
  // Gateway API bundle-version of traefik/crds/gateway-standard-install.yaml at each tag (v33.2.1 to v40.1.0 read).
  { since: '34.0.0', redirectKey: 'ports.web.redirections', gatewayApi: 'v1.2.1' },
  { since: '34.1.0', portNames: 'lower' },
  { since: '34.2.0', resolverLeaves: 'truthy' },
  { since: '35.0.0', portNames: 'portname' },
  { since: '35.3.0', crdPatterns: true },
  { since: '36.0.0', globalArguments: false },
  { since: '37.0.0', gatewayApi: 'v1.3.0', localPlugins: 'hostPath', goMemLimit: 'percentage', hubPorts: 'unless-offline' },
  { since: '37.1.0', timezoneKey: 'logs.access.timezone' },
  { since: '37.1.2', chartEnvNames: ['POD_NAME', 'POD_NAMESPACE', 'USER'] },
  { since: '37.3.0', gatewayApi: 'v1.4.0' },
  { since: '37.4.0', localPlugins: 'typed' },
  { since: '38.0.2', podSeccompDefault: true },
  // v39.0.0 templates ignore `ports.<name>.redirections`; its schema drops it (port entries are closed).
  { since: '39.0.0', redirectKey: 'ports.web.http.redirections', resolverLeaves: 'non-null', entrypointMiddlewares: 'http.middlewares' },
  { since: '39.0.1', resolverLeaves: 'bool-or-non-empty' },
  { since: '39.0.8', hubTokenVolume: true, hubTokenEnv: false },
  {
    since: '40.0.0',
    serviceFields: 'service.spec',
    additionalServiceType: 'spec.type',
    gatewayApi: 'v1.5.1',
    imageMinimum: '3.6.0',
    serviceNameOverride: true,
    goMemLimit: 'percentage-if-set',
  },
  // No CRDs in the chart: K3s v1.37+ brings them (k3s-io/k3s manifests/gateway-api-crd.yaml, chart 1.6.10x).
  { since: '40.2.0', gatewayApi: 'v1.6.1' },
  { since: '41.0.0', imageMaximum: '3.7.5', timezoneKey: 'accessLog.timezone' },
  { since: '41.0.2', imageMaximum: '3.7.6' },
  { since: '41.1.0', imageMaximum: '3.7.9', hostIpListens: 'bracketed', probePortName: true },
  { since: '41.2.0', imageMaximum: '3.7.10', emptyDirOptions: true },
  { since: '41.3.0', imageMaximum: '3.7.11' },
];

export const OLDEST_CHART = parseVersion('20.0.0');
/** Newest upstream chart whose keys were compared (traefik-helm-chart v41.3.0). */
export const NEWEST_KNOWN_CHART = parseVersion('41.3.0');

export function traefikChartRules(version: Version): TraefikChartRules {
  return rulesFor<TraefikChartRules>(TRAEFIK_CHART_TABLE, version);
}

/** A chart version as written, as the rules read it: K3s' `+up` form as upstream's, a chart older than the table (refused on its own) as the oldest. */
export const readChartVersion = (chartVersion: string): Version =>
  chartVersionSupport(chartVersion).error ? OLDEST_CHART : parseVersion(upstreamChartVersion(chartVersion));

/** The rules of a chart version as written (readChartVersion). */
export function chartRulesOf(chartVersion: string): TraefikChartRules {
  return traefikChartRules(readChartVersion(chartVersion));
}

/** K3s packages charts as `39.0.701+up39.0.7`: the part after `+up` is the upstream version. */
export function upstreamChartVersion(value: string): string {
  return /\+up(.+)$/.exec(value)?.[1] ?? value;
}

/** Why a Traefik chart (a valid version) gets no Gateway from this tool, else undefined. */
export function gatewayChartProblem(chartVersion: string): string | undefined {
  const { gatewayApi } = traefikChartRules(parseVersion(upstreamChartVersion(chartVersion)));
  if (gatewayApi === 'no-provider') {
    return (
      `needs Traefik's Gateway API provider, but Traefik chart ${chartVersion} deploys Traefik v2, which has none: ` +
      'use K3s v1.32.2+k3s1 or newer (Traefik v3) and its chart'
    );
  }
  if (gatewayApi === 'unverified') {
    return (
      `is not written for Traefik chart ${chartVersion}: this tool's Gateway starts with chart ${FIRST_GATEWAY_CHART}, the first ` +
      'Traefik v3 chart K3s bundles (v1.32.2+k3s1), whose Gateway API CRDs it validates against'
    );
  }
  return undefined;
}

/** The oldest chart whose Gateway values and CRDs this tool knows: the first row with a Gateway API bundle. */
export const FIRST_GATEWAY_CHART = TRAEFIK_CHART_TABLE.find((row) => row.gatewayApi?.startsWith('v'))!.since;

/** Whether this tool supports a Traefik chart version (already of valid format). */
export function chartVersionSupport(text: string): VersionSupport {
  const chart = parseVersion(upstreamChartVersion(text));
  if (compareVersions(chart, OLDEST_CHART) < 0) {
    return { error: `"${text}" is older than the oldest supported Traefik chart ${OLDEST_CHART.tag.slice(1)} (K3s v1.27+): upgrade K3s` };
  }
  if (compareVersions(chart, NEWEST_KNOWN_CHART) > 0) {
    return {
      warning: `"${text}" is newer than the newest Traefik chart this tool knows (${NEWEST_KNOWN_CHART.tag.slice(1)}); values follow that chart's keys: check the chart's changelog`,
    };
  }
  return {};
}

/**
 * Why a `traefik.values` key that turns Traefik's Gateway API provider (or the chart's Gateway) on cannot
 * work with this chart, else undefined: the same gate as the first-class `gateway`.
 */
export function gatewayValuesProblem(chartVersion: string): string | undefined {
  const { gatewayApi } = traefikChartRules(parseVersion(upstreamChartVersion(chartVersion)));
  if (gatewayApi === 'no-provider') {
    return (
      `is true, but Traefik chart ${chartVersion} deploys Traefik v2, which has no Gateway API provider: ` +
      'remove it, or use K3s v1.32.2+k3s1 or newer (Traefik v3) and its chart'
    );
  }
  if (gatewayApi === 'unverified') {
    return (
      `is true, but this tool knows Traefik's Gateway API provider only from chart ${FIRST_GATEWAY_CHART} (the first Traefik v3 chart ` +
      `K3s bundles, v1.32.2+k3s1), not in chart ${chartVersion}: remove it, or use chart ${FIRST_GATEWAY_CHART} or newer`
    );
  }
  return undefined;
}
