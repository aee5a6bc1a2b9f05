import { Chart } from 'cdk8s';
import { FILE, TRAEFIK } from './bad-configs';
import { devConfig, synthFiles } from './helpers';
import * as format from '../src/config/formats';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { KUBE_VIP_TABLE, kubeVipRules } from '../src/kube-vip/versions';
import { wiring } from '../src/main';
import { IpSpan, spansOverlap } from '../src/net/ip';
import { diffTrees } from '../src/output/diff';
import { normaliseRecordedPath } from '../src/output/publish';
import { KUBE_VIP_VERSION, TRAEFIK_CHART_VERSION } from '../src/pins';
import { MAX_VERSION_PART, parseVersion, Version } from '../src/semver';
import { renderClusters } from '../src/synth';
import { TRAEFIK_CHART_TABLE, traefikChartRules } from '../src/traefik/chart-versions';

/**
 * The version just before `v`: the greatest version below it. For X.Y.Z with Z > 0 that is X.Y.(Z-1);
 * for X.Y.0 it is the synthetic X.(Y-1).9999 (MAX_VERSION_PART), so no release of the previous minor,
 * known or future, can fall between it and the boundary; likewise .9999.9999 for X.0.0.
 */
function justBefore(v: Version): Version {
  const max = MAX_VERSION_PART;
  if (v.patch > 0) return parseVersion(`${v.major}.${v.minor}.${v.patch - 1}`);
  if (v.minor > 0) return parseVersion(`${v.major}.${v.minor - 1}.${max}`);
  return parseVersion(`${v.major - 1}.${max}.${max}`);
}

test.each([
  ['v0.9.3', 'v0.9.2'],
  ['v0.9.0', 'v0.8.9999'],
  ['v1.0.0', 'v0.9999.9999'],
])('just before %s is %s', (at, before) => {
  expect(justBefore(parseVersion(at)).tag).toBe(before);
});

/** Every boundary of a version table (all rows but the first): its version and the fields it changes. */
function boundaries(table: ReadonlyArray<{ since: string }>): Array<[string, string[]]> {
  return table.slice(1).map(({ since, ...changes }) => [since, Object.keys(changes).sort()]);
}

describe.each([
  ['kube-vip', KUBE_VIP_TABLE, (v: Version) => kubeVipRules(v) as unknown as Record<string, unknown>],
  ['Traefik chart', TRAEFIK_CHART_TABLE, (v: Version) => traefikChartRules(v) as unknown as Record<string, unknown>],
])('every %s version boundary, on both sides', (_, table, rules) => {
  test.each(boundaries(table))('at %s exactly the fields %j change', (since, fields) => {
    const before = rules(justBefore(parseVersion(since)));
    const at = rules(parseVersion(since));
    for (const field of Object.keys(at)) {
      if (fields.includes(field)) expect([field, at[field]]).not.toEqual([field, before[field]]);
      else expect([field, at[field]]).toEqual([field, before[field]]);
    }
  });

  test('rows are sorted by version (the fold relies on it)', () => {
    const versions = table.map((row) => parseVersion(row.since));
    const sorted = [...versions].sort((a, b) => a.major - b.major || a.minor - b.minor || a.patch - b.patch);
    expect(versions).toEqual(sorted);
  });
});

/**
 * The upstream facts the tables must encode, written out independently of them: boundary, field, value
 * just before, value at it. A moved or dropped row fails here, which the generated checks above cannot see.
 */
const KUBE_VIP_FACTS: Array<[string, string, unknown, unknown]> = [
  ['v0.5.5', 'localEndpointWatch', false, true], // pkg/manager/watch_endpoints.go first at v0.5.5
  [
    'v0.5.6',
    'fixedServiceLeases',
    { global: { duration: 10, renewDeadline: 5, retryPeriod: 1 }, perService: { duration: 60, renewDeadline: 15, retryPeriod: 5 } },
    null,
  ], // commit a4b11e6: pkg/manager/manager_arp.go and servicesLeader.go read the env from v0.5.6
  ['v0.5.8', 'ipv6BgpPeers', false, true],
  ['v0.5.12', 'loadBalancerIPsAnnotation', false, true],
  ['v0.6.1', 'vipLeaseNameEnv', false, true],
  ['v0.6.3', 'svcLeaseNameEnv', false, true],
  ['v0.7.0', 'dnsModeEnv', false, true],
  ['v0.7.0', 'emitsDdnsOff', true, false],
  ['v0.7.0', 'multipleServiceIPs', false, true],
  ['v0.7.0', 'bgpFollowsLocalEndpoints', false, true], // commit fa1b2c9
  ['v0.8.0', 'nodeNameEnv', false, true],
  ['v0.8.0', 'imagePullPolicy', 'Always', 'IfNotPresent'],
  ['v0.8.10', 'dropCapabilities', [], ['ALL']],
  ['v0.9.0', 'maskEnv', 'vip_cidr', 'vip_subnet'],
  ['v1.0.1', 'leaseNameAnnotation', 'none', 'same-namespace'], // pkg/kubevip/annotations.go ServiceLease at v1.0.1
  ['v1.1.0', 'leaseNameAnnotation', 'same-namespace', 'any-namespace'], // pkg/lease/lease.go ServiceName at v1.1.0
  // kube-vip.io/serviceInterface: pkg/manager/instance.go reads it from v0.8.0 (PR #816), `auto` from v0.8.5 (commit 73e6ade)
  ['v0.8.0', 'serviceInterfaceAnnotation', 'none', 'name'],
  ['v0.8.5', 'serviceInterfaceAnnotation', 'name', 'name-or-auto'],
  ['v1.1.0', 'lease', { duration: 5, renewDeadline: 3, retryPeriod: 1 }, { duration: 15, renewDeadline: 10, retryPeriod: 2 }],
  ['v1.1.0', 'commonLease', false, true],
];

const TRAEFIK_CHART_FACTS: Array<[string, string, unknown, unknown]> = [
  ['25.0.0', 'redirectKey', 'ports.web.redirectTo', 'ports.web.redirectTo.port'],
  ['33.0.0', 'certResolversKey', 'certResolvers', 'certificatesResolvers'],
  // traefik/templates/_helpers.tpl `traefik.yaml2CommandLineArgsRec`: every leaf (v33.0.0), `with $value` (v34.2.0),
  // `ne $value nil` (v39.0.0), a boolean or `not (empty $value)` (v39.0.1)
  ['34.2.0', 'resolverLeaves', 'every', 'truthy'],
  ['39.0.0', 'resolverLeaves', 'truthy', 'non-null'],
  ['39.0.1', 'resolverLeaves', 'non-null', 'bool-or-non-empty'],
  // traefik/templates/_podtemplate.tpl `with .Values.globalArguments` up to v35.4.0, `with .Values.global` from v36.0.0 (PR #1436)
  ['36.0.0', 'globalArguments', true, false],
  // traefik/crds/traefik.io_serverstransports.yaml, _middlewares.yaml: no `pattern` up to v35.2.0, duration and status patterns from v35.3.0 (commit 704f23fa)
  ['35.3.0', 'crdPatterns', false, true],
  ['34.0.0', 'redirectKey', 'ports.web.redirectTo.port', 'ports.web.redirections'],
  ['39.0.0', 'redirectKey', 'ports.web.redirections', 'ports.web.http.redirections'],
  ['31.1.1', 'recreateStrategy', 'type-and-null-rolling-update', 'type'],
  ['40.0.0', 'serviceFields', 'service', 'service.spec'],
  // traefik/templates/_service.tpl `default "LoadBalancer" .service.type` up to v39.0.7; from v40.0.0 only `.service.spec`
  ['40.0.0', 'additionalServiceType', 'type', 'spec.type'],
  // bundle-version of traefik/crds/gateway-standard-install.yaml; providers.kubernetesGateway from v30.0.0
  ['30.0.0', 'gatewayApi', 'no-provider', 'unverified'],
  // traefik/templates/rbac/clusterrole.yaml grants discovery.k8s.io endpointslices and nodes from v30.0.0 (Traefik v3.1; k3s-io/k3s#10934)
  ['30.0.0', 'rbacMaximum', '3.0.99', undefined],
  ['34.0.0', 'gatewayApi', 'unverified', 'v1.2.1'],
  ['37.0.0', 'gatewayApi', 'v1.2.1', 'v1.3.0'],
  ['37.3.0', 'gatewayApi', 'v1.3.0', 'v1.4.0'],
  ['40.0.0', 'gatewayApi', 'v1.4.0', 'v1.5.1'],
  ['40.2.0', 'gatewayApi', 'v1.5.1', 'v1.6.1'],
  // traefik/templates/ingressclass.yaml: `ingressClass.name | default fullname` from v23.2.0 (commit 7f0a0fc1, #864)
  ['23.2.0', 'ingressClassName', false, true],
  // traefik/templates/_service.tpl: `if $config.expose` up to v26.1.0, `index (default dict $config.expose) $.serviceName` from v27.0.0
  ['27.0.0', 'servicesByName', false, true],
  // traefik/templates/_podtemplate.tpl: the values key (for a Traefik v3 image, the default from v28.0.0), then rbac.namespaced from v30.1.0
  ['28.0.0', 'classLookupSwitch', 'none', 'values-key'],
  ['30.1.0', 'classLookupSwitch', 'values-key', 'rbac-namespaced'],
  // traefik/templates/_helpers.tpl `traefik.namespace` (v20.2.0), `traefik.instance-name` (v20.3.0); _service.tpl v40.0.0
  ['20.2.0', 'namespaceOverride', undefined, true],
  ['20.3.0', 'instanceLabelOverride', undefined, true],
  ['40.0.0', 'serviceNameOverride', undefined, true],
  // templates/requirements.yaml minimum Traefik; from v41.0.0 traefik/Chart.yaml `traefik.io/proxy-max-version`
  ['28.0.0', 'imageMinimum', undefined, '3.0.0'],
  // traefik/Chart.yaml appVersion: v2.11.2 at v27.0.2, v3.0.0 at v28.0.0 (the Traefik an image.tag naming no release deploys)
  ['28.0.0', 'traefikMajor', 2, 3],
  ['40.0.0', 'imageMinimum', '3.0.0', '3.6.0'],
  ['41.0.0', 'imageMaximum', undefined, '3.7.5'],
  ['41.0.2', 'imageMaximum', '3.7.5', '3.7.6'],
  ['41.1.0', 'imageMaximum', '3.7.6', '3.7.9'],
  ['41.2.0', 'imageMaximum', '3.7.9', '3.7.10'],
  ['41.3.0', 'imageMaximum', '3.7.10', '3.7.11'],
  // Port names: `$name | quote` up to v34.0.0, `$name | lower` from v34.1.0 (commit 7f37baba), `traefik.portname` from v35.0.0
  // (commit 394e3a80), templates/_podtemplate.tpl and _service.tpl
  ['34.1.0', 'portNames', 'as-written', 'lower'],
  ['35.0.0', 'portNames', 'lower', 'portname'],
  // templates/_podtemplate.tpl: hostIP in `--entryPoints.<name>.address` and the probes' host from v27.0.0, in brackets
  // when it holds a colon from v41.1.0
  ['27.0.0', 'hostIpListens', 'no', 'as-is'],
  ['41.1.0', 'hostIpListens', 'as-is', 'bracketed'],
  // templates/_podtemplate.tpl `default $config.port $config.containerPort`, _service.tpl `default $name $config.targetPort`
  ['22.2.0', 'portOverrides', false, true],
  // templates/_podtemplate.tpl: the probes read ports.traefik.healthchecksPort/healthchecksScheme up to v23.2.0,
  // deployment.* from v24.0.0, deployment.healthchecksHost from v27.0.0, deployment.readinessPath/livenessPath from v28.0.0
  ['24.0.0', 'probeKeys', 'ports.traefik', 'deployment'],
  ['27.0.0', 'probeHost', false, true],
  ['28.0.0', 'probePaths', false, true],
  // templates/_podtemplate.tpl: local plugins' hostPath volumes from v37.0.0, none for `type: localPath` from v37.4.0
  // (templates/_helpers.tpl traefik.getLocalPluginType)
  ['37.0.0', 'localPlugins', 'none', 'hostPath'],
  ['37.4.0', 'localPlugins', 'hostPath', 'typed'],
  // traefik/values.schema.json: deployment.healthchecksPort none up to v31.0.x, ["integer","null"] from v31.1.0,
  // ["string","integer","null"] from v41.1.0
  ['31.1.0', 'probePortName', true, false],
  ['41.1.0', 'probePortName', false, true],
  // templates/_podtemplate.tpl: the `hub-token` volume of hub.token from v39.0.8 (commit d39d90a6)
  ['39.0.8', 'hubTokenVolume', false, true],
  // templates/_podtemplate.tpl: `runtimeClassName: {{ . }}` from v26.1.0; env `TZ` `value: {{ .Values.logs.access.timezone }}` from
  // v37.1.0, `{{ .Values.accessLog.timezone }}` from v41.0.0 (commit 16e26ce8); traefik/values.yaml: runAsUser 65532 and
  // runAsNonRoot in securityContext up to v21.2.0, in podSecurityContext from v21.2.1
  ['26.1.0', 'runtimeClassName', false, true],
  ['37.1.0', 'timezoneKey', 'none', 'logs.access.timezone'],
  ['41.0.0', 'timezoneKey', 'logs.access.timezone', 'accessLog.timezone'],
  ['21.2.1', 'runAsUserDefault', 'securityContext', 'podSecurityContext'],
  // traefik/values.yaml: securityContext.allowPrivilegeEscalation: false from v23.2.0 (absent at v23.1.0)
  ['23.2.0', 'noNewPrivsDefault', false, true],
  // traefik/values.yaml: podSecurityContext.seccompProfile.type RuntimeDefault from v38.0.2 (absent at v38.0.1)
  ['38.0.2', 'podSeccompDefault', false, true],
  // templates/_podtemplate.tpl: the `plugins` volume on experimental.plugins.enabled up to v25.x, on a non-empty
  // experimental.plugins from v26.0.0, unless an additionalVolumes item is named plugins from v33.1.0; the
  // `traefik-extra-config` volume of providers.file from v26.0.0
  ['26.0.0', 'pluginStorage', 'enabled', 'non-empty'],
  ['33.1.0', 'pluginStorage', 'non-empty', 'non-empty-unless-given'],
  ['26.0.0', 'fileProviderVolume', false, true],
  // templates/_podtemplate.tpl: the env vars the chart writes before the values' env: GOMAXPROCS/GOMEMLIMIT from v28.0.0,
  // POD_NAME and POD_NAMESPACE from v33.0.0 (commit 20f54b66), USER from v37.1.2 (commit fe84fd00)
  ['28.0.0', 'goRuntimeEnv', false, true],
  ['33.0.0', 'chartEnvNames', [], ['POD_NAME', 'POD_NAMESPACE']],
  ['37.1.2', 'chartEnvNames', ['POD_NAME', 'POD_NAMESPACE'], ['POD_NAME', 'POD_NAMESPACE', 'USER']],
  // templates/_podtemplate.tpl: GOMEMLIMIT a resourceFieldRef up to v36.x, `traefik.gomemlimit` of the limit and
  // goMemLimitPercentage whenever a memory limit is set from v37.0.0 (to v39.0.8), only with a Go-true percentage from v40.0.0
  ['37.0.0', 'goMemLimit', 'limit', 'percentage'],
  ['40.0.0', 'goMemLimit', 'percentage', 'percentage-if-set'],
  // templates/_podtemplate.tpl: with hub.token, env HUB_TOKEN from v28.1.0 to v39.0.7 (a token file from v39.0.8), container
  // ports admission and apiportal from v28.1.0, admission only unless hub.offline from v37.0.0
  ['28.1.0', 'hubTokenEnv', false, true],
  ['39.0.8', 'hubTokenEnv', true, false],
  ['28.1.0', 'hubPorts', 'none', 'with-token'],
  ['37.0.0', 'hubPorts', 'with-token', 'unless-offline'],
  // templates/_podtemplate.tpl: `with .Values.deployment.dnsConfig` from v22.2.0 (none at v22.1.0)
  ['22.2.0', 'dnsConfig', false, true],
  // templates/_podtemplate.tpl: `with .Values.deployment.hostAliases` from v29.0.0 (none at v28.3.0)
  ['29.0.0', 'hostAliases', false, true],
  // templates/_podtemplate.tpl: `if $config.middlewares` up to v38.0.2, `with $config.http` then `with .middlewares` from v39.0.0
  ['39.0.0', 'entrypointMiddlewares', 'middlewares', 'http.middlewares'],
  // templates/_podtemplate.tpl: `emptyDir: {}` for the chart's own volumes up to v41.1.1, `toYaml (default dict
  // .Values.persistence.emptyDir)` and `(.Values.deployment.tmpVolume).emptyDir` from v41.2.0
  ['41.2.0', 'emptyDirOptions', false, true],
];

describe.each([
  ['kube-vip', KUBE_VIP_TABLE, KUBE_VIP_FACTS, (v: Version) => kubeVipRules(v) as unknown as Record<string, unknown>],
  ['Traefik chart', TRAEFIK_CHART_TABLE, TRAEFIK_CHART_FACTS, (v: Version) => traefikChartRules(v) as unknown as Record<string, unknown>],
])('%s version table against the upstream facts', (_, table, facts, rules) => {
  test.each(facts)('at %s %s changes from %j to %j', (since, field, before, after) => {
    expect(rules(justBefore(parseVersion(since)))[field]).toEqual(before);
    expect(rules(parseVersion(since))[field]).toEqual(after);
  });

  test('the table has no boundary beyond these facts', () => {
    const fromFacts = facts.map(([since, field]) => `${since} ${field}`).sort();
    const fromTable = boundaries(table)
      .flatMap(([since, fields]) => fields.map((field) => `${since} ${field}`))
      .sort();
    expect(fromTable).toEqual(fromFacts);
  });
});

test('kube-vip v0.8.10 writes vip_cidr, v0.9.0 vip_subnet (the DaemonSet on both sides)', () => {
  const maskEnv = (version: string) => {
    const text = synthFiles({ ...devConfig(), kubeVip: { ...devConfig().kubeVip, version } }).get('kube-vip.yaml')!;
    return ['vip_cidr', 'vip_subnet'].filter((name) => text.includes(`name: ${name}\n`));
  };
  expect(maskEnv('v0.8.10')).toEqual(['vip_cidr']);
  expect(maskEnv('v0.9.0')).toEqual(['vip_subnet']);
});

describe('address spans overlap when they share even one address (both ends inclusive)', () => {
  const span = (range: string): IpSpan => {
    const [first, last] = range.split('-').map(Number);
    return { family: 4, first: BigInt(first), last: BigInt(last) };
  };
  test.each([
    ['200-210', '210-220', true],
    ['210-220', '200-210', true],
    ['200-209', '210-220', false],
    ['210-220', '200-209', false],
    ['210-210', '210-210', true],
  ])('%s and %s: %s', (a, b, overlap) => {
    expect(spansOverlap(span(a), span(b))).toBe(overlap);
  });

  const pools = (first: string, second: string) =>
    `kubeVip:\n  services:\n    ipPool:\n      global:\n        range: [${first}, ${second}]\ntraefik: {}\n`;
  test.each([
    ['192.168.0.200-192.168.0.210', '192.168.0.210-192.168.0.220'],
    ['192.168.0.210-192.168.0.220', '192.168.0.200-192.168.0.210'],
  ])('pool ranges %s and %s sharing their end address are refused', (first, second) => {
    expect(parseConfigText(FILE, pools(first, second)).errors.map(formatDiagnostic)).toEqual([
      `${FILE}:5:${17 + first.length + 2}: kubeVip.services.ipPool.global.range[1]: ${second} overlaps ${first} (kubeVip.services.ipPool.global.range[0]): one address could be handed to two Services; make the pools disjoint`,
    ]);
  });
});

describe('Service port names: at most 15 characters (IANA_SVC_NAME)', () => {
  test('15 characters pass', () => {
    expect(format.portName('abcdefghijklmno')).toBeUndefined();
  });
  test('16 characters are refused', () => {
    expect(format.portName('abcdefghijklmnop')).toBe(
      `"abcdefghijklmnop" is not a port name: expected a number from 1 to 65535 or a Service port name (at most 15 lower-case letters, digits and '-')`,
    );
  });
});

describe('k3s.nodeCidr: its network and broadcast addresses are no VIP', () => {
  const withLan = (vip: string) => `traefik:\n  loadBalancerIPs: [${vip}]\nk3s:\n  nodeCidr: 192.168.0.0/23\n`;
  test.each([
    ['192.168.0.0', 'network'],
    ['192.168.1.255', 'broadcast'],
  ])('%s is the %s address', (vip, which) => {
    expect(parseConfigText(FILE, withLan(vip)).errors.map(formatDiagnostic)).toEqual([
      `${FILE}:2:21: traefik.loadBalancerIPs[0]: "${vip}" is the ${which} address of k3s.nodeCidr 192.168.0.0/23: pick a host address inside it`,
    ]);
  });
  test('an address ending in .255 inside a /23 is a host address', () => {
    expect(parseConfigText(FILE, withLan('192.168.0.255')).errors).toEqual([]);
  });
});

test.each([
  ['..', undefined],
  ['dev/../..', undefined],
  ['dev/../../x.yaml', undefined],
  ['..x/kube-vip.yaml', '..x/kube-vip.yaml'],
])('recorded path %j never leaves the folder: read as %j', (entry, path) => {
  expect(normaliseRecordedPath(entry)).toBe(path);
});

describe('kubeVip.services.enabled is deprecated', () => {
  const config = (enabled: boolean) => `kubeVip:\n  services:\n    enabled: ${enabled}\n${TRAEFIK}`;
  test('true is accepted with a warning', () => {
    const loaded = parseConfigText(FILE, config(true));
    expect(loaded.errors).toEqual([]);
    expect(loaded.warnings.map(formatDiagnostic)).toEqual([
      `${FILE}:3:14: kubeVip.services.enabled: is deprecated: kube-vip always acts as the LoadBalancer controller; remove the key`,
    ]);
  });
  test('without the key kube-vip still runs as LoadBalancer controller', () => {
    expect(synthFiles(devConfig()).get('kube-vip.yaml')).toContain('- name: svc_enable\n              value: "true"\n');
  });
});

describe('defaults of a missing block are those of its keys', () => {
  test('kubeVip, traefik and k3s', () => {
    const { config } = parseConfigText(
      FILE,
      'kubeVip:\n  services:\n    ipPool:\n      global:\n        range: 192.168.0.200-192.168.0.210\n',
    );
    expect(config?.traefik).toEqual({
      chartVersion: TRAEFIK_CHART_VERSION,
      redirectToHttps: false,
      replicas: 1,
      values: {},
      certResolvers: {},
      externalCertResolvers: [],
      externalTrafficPolicy: 'Cluster',
      trustedProxies: [],
    });
    expect(config?.k3s).toEqual({ clusterCidr: '10.42.0.0/16', serviceCidr: '10.43.0.0/16' });
    expect(parseConfigText(FILE, TRAEFIK).config?.kubeVip).toEqual({ version: KUBE_VIP_VERSION, mode: 'arp', services: {} });
  });
});

test('a chart id that is no valid K3s AddOn name fails the synth, not only the install', () => {
  const loaded = parseConfigText('config/t.yaml', TRAEFIK);
  const addsTraefik = { ...wiring, addClusterCharts: (app: Parameters<typeof wiring.addClusterCharts>[0]) => new Chart(app, 'traefik') };
  expect(() => renderClusters([{ name: 't', file: 'config/t.yaml', config: loaded.config! }], addsTraefik)).toThrow(
    't/traefik.yaml: the chart id is the K3s AddOn name, but "traefik" is the AddOn of a K3s packaged component, which K3s rewrites or deletes: rename the chart',
  );
});

test('the drift diff of a large file shows only the changed hunk', () => {
  const lines = Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`);
  const before = `${lines.join('\n')}\n`;
  const after = before.replace('line 2500\n', 'LINE 2500\n');
  expect(diffTrees(new Map([['f.yaml', before]]), new Map([['f.yaml', after]]))).toEqual([
    '*** f.yaml',
    '@@ -2498,5 +2498,5 @@',
    '  line 2498',
    '  line 2499',
    '- line 2500',
    '+ LINE 2500',
    '  line 2501',
    '  line 2502',
  ]);
});

describe('the oldest supported kube-vip, on both sides', () => {
  const withVersion = (version: string) => `kubeVip:\n  version: ${version}\n${TRAEFIK}`;
  test('v0.5.0 is accepted', () => {
    expect(parseConfigText(FILE, withVersion('v0.5.0')).errors).toEqual([]);
  });
  test('the version just before it is refused', () => {
    expect(parseConfigText(FILE, withVersion(justBefore(parseVersion('v0.5.0')).tag)).errors.map(formatDiagnostic)).toEqual([
      `${FILE}:2:12: kubeVip.version: "v0.4.9999" is older than the oldest supported kube-vip v0.5.0: use v0.5.0 or newer (newest known: ${KUBE_VIP_VERSION})`,
    ]);
  });
});

test.each(['192.168.0.200', '192.168.0.210'])('a fixed VIP on the pool range end %s is refused', (vip) => {
  const config = `kubeVip:\n  services:\n    ipPool:\n      global:\n        range: 192.168.0.200-192.168.0.210\ntraefik:\n  loadBalancerIPs: [${vip}]\n`;
  expect(parseConfigText(FILE, config).errors.map(formatDiagnostic)).toEqual([
    `${FILE}:7:21: traefik.loadBalancerIPs[0]: "${vip}" lies inside the IP pool 192.168.0.200-192.168.0.210 (kubeVip.services.ipPool.global.range), which may hand it to another Service: pick an address outside the pools`,
  ]);
});

test("a port name with '--' is refused", () => {
  expect(format.portName('web--tls')).toBe(
    `"web--tls" is not a port name: expected a number from 1 to 65535 or a Service port name (at most 15 lower-case letters, digits and '-')`,
  );
});

test.each([
  ['192.168.0.0/30', '192.168.0.3', 'broadcast'],
  ['192.168.0.0/30', '192.168.0.0', 'network'],
])('on the smallest LAN with a broadcast address (%s), %s is the %s address', (lan, vip, which) => {
  const config = `traefik:\n  loadBalancerIPs: [${vip}]\nk3s:\n  nodeCidr: ${lan}\n`;
  expect(parseConfigText(FILE, config).errors.map(formatDiagnostic)).toEqual([
    `${FILE}:2:21: traefik.loadBalancerIPs[0]: "${vip}" is the ${which} address of k3s.nodeCidr ${lan}: pick a host address inside it`,
  ]);
});

test('on a /31 LAN (RFC 3021, no broadcast address) both addresses are host addresses', () => {
  expect(parseConfigText(FILE, 'traefik:\n  loadBalancerIPs: [192.168.0.1]\nk3s:\n  nodeCidr: 192.168.0.0/31\n').errors).toEqual([]);
});
