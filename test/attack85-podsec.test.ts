import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';
import { deploymentOf } from './traefik-fixtures';

// Round 85 (85b-2, -3, -4, -7): the pod security controls every place a pod's security settings arrive is held to, by
// the Kubernetes of k3s.version: Traefik's own pod (podSecurityContext, securityContext), the user's containers in it
// (deployment.additionalContainers/initContainers), and extraObjects pods; through the config file, K3sVipCluster and
// TraefikHelmChartConfig alike.

type Door = 'config' | 'cluster' | 'chart';
const DOORS: readonly Door[] = ['config', 'cluster', 'chart'];

/** Each door's refusal of `traefik.values` on the K3s release `k3sVersion` (k3s.version, the k3sVersion prop). */
function doors(values: object, k3sVersion?: string): Record<Door, string> {
  const config = withChanges(devConfig(), { traefik: { values }, ...(k3sVersion && { k3s: { version: k3sVersion } }) });
  return {
    config: parseConfigText('config/t.yaml', stringify(config)).errors.map(formatDiagnostic).join('\n'),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
    chart: refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: values as Record<string, unknown>,
          ...(k3sVersion && { k3sVersion }),
        }),
    ),
  };
}

/** Refused at every door at `key` (below traefik.values) with `words` on that line. */
function refused(values: object, key: string, words: readonly string[], k3sVersion?: string): void {
  const said = doors(values, k3sVersion);
  for (const door of DOORS) {
    const line = said[door].split('\n').find((text) => text.includes(`${key}: `) || text.includes(`${key} `));
    expect([door, line]).toEqual([door, expect.stringContaining(key)]);
    for (const word of words) expect([door, line]).toEqual([door, expect.stringContaining(word)]);
  }
}

/** Passes every door: nothing refused at all (`field`, the key the row is about, is named for the failure's text). */
function passes(values: object, field: string, k3sVersion?: string): void {
  const said = doors(values, k3sVersion);
  for (const door of DOORS) expect([door, field, said[door]]).toEqual([door, field, '']);
}

const sidecar = (securityContext: object) => ({
  deployment: { additionalContainers: [{ name: 'side', image: 'busybox:1.36', command: ['sleep', 'infinity'], securityContext }] },
});
const init = (securityContext: object) => ({
  deployment: { initContainers: [{ name: 'prep', image: 'busybox:1.36', command: ['true'], securityContext }] },
});
const extraPod = (securityContext: object, containerContext?: object) =>
  deploymentOf({
    securityContext,
    containers: [
      { name: 'h', image: 'busybox:1.36', command: ['sleep', 'infinity'], ...(containerContext && { securityContext: containerContext }) },
    ],
  });
const EXTRA = 'extraObjects[0].spec.template.spec';

describe('85b-2: windowsOptions.hostProcess true is refused wherever a pod security context arrives', () => {
  const HOST_PROCESS = { windowsOptions: { hostProcess: true } };
  it.each<[string, object, string]>([
    ["Traefik's pod (podSecurityContext)", { podSecurityContext: HOST_PROCESS }, 'podSecurityContext.windowsOptions.hostProcess'],
    ["Traefik's own container (securityContext)", { securityContext: HOST_PROCESS }, 'values.securityContext.windowsOptions.hostProcess'],
    ['a sidecar', sidecar(HOST_PROCESS), 'deployment.additionalContainers[0].securityContext.windowsOptions.hostProcess'],
    ['an init container', init(HOST_PROCESS), 'deployment.initContainers[0].securityContext.windowsOptions.hostProcess'],
    ['an extraObjects pod', extraPod(HOST_PROCESS), `${EXTRA}.securityContext.windowsOptions.hostProcess`],
    ["an extraObjects pod's container", extraPod({}, HOST_PROCESS), `${EXTRA}.containers[0].securityContext.windowsOptions.hostProcess`],
  ])('%s: refused, saying what it is and what the API server and baseline make of it', (_, values, key) => {
    refused(values, key, ['is true', 'HostProcess', 'baseline Pod Security Standard', 'hostNetwork', 'remove it']);
  });
  it.each<[string, object]>([
    ['hostProcess false in podSecurityContext', { podSecurityContext: { windowsOptions: { hostProcess: false } } }],
    ['hostProcess false in an extraObjects pod', extraPod({ windowsOptions: { hostProcess: false } })],
  ])('%s passes', (_, values) => passes(values, 'hostProcess'));
});

describe('85b-3: sysctls outside the safe set of the release are refused; safe ones pass', () => {
  const sysctls = (...names: string[]) => ({ sysctls: names.map((name) => ({ name, value: '1' })) });
  it.each<[string, object, string, string]>([
    [
      "kernel.core_pattern in Traefik's pod",
      { podSecurityContext: sysctls('kernel.core_pattern') },
      'podSecurityContext.sysctls[0].name',
      'kernel.core_pattern',
    ],
    [
      "net.core.somaxconn in Traefik's pod",
      { podSecurityContext: sysctls('net.ipv4.ip_local_port_range', 'net.core.somaxconn') },
      'podSecurityContext.sysctls[1].name',
      'net.core.somaxconn',
    ],
    [
      'kernel.core_pattern in an extraObjects pod',
      extraPod(sysctls('kernel.core_pattern')),
      `${EXTRA}.securityContext.sysctls[0].name`,
      'kernel.core_pattern',
    ],
  ])('%s: refused as outside the safe set the kubelet and baseline allow', (_, values, key, name) => {
    refused(values, key, [`"${name}"`, 'safe', 'SysctlForbidden', 'baseline Pod Security Standard', 'remove it']);
  });
  it.each<[string, object]>([
    ["net.ipv4.ip_unprivileged_port_start in Traefik's pod", { podSecurityContext: sysctls('net.ipv4.ip_unprivileged_port_start') }],
    [
      'every safe sysctl of 1.27 in an extraObjects pod',
      extraPod(
        sysctls(
          'kernel.shm_rmid_forced',
          'net.ipv4.ip_local_port_range',
          'net.ipv4.tcp_syncookies',
          'net.ipv4.ping_group_range',
          'net.ipv4.ip_local_reserved_ports',
        ),
      ),
    ],
  ])('%s passes without k3s.version', (_, values) => passes(values, 'sysctls'));
  it('a sysctl safe from 1.29 is refused without k3s.version, saying the release it needs', () => {
    refused({ podSecurityContext: sysctls('net.ipv4.tcp_keepalive_time') }, 'podSecurityContext.sysctls[0].name', [
      'Kubernetes 1.29',
      'k3s.version',
      'v1.29.0+k3s1',
    ]);
  });
  it('a sysctl safe from 1.29 passes on K3s v1.29', () => {
    passes({ podSecurityContext: sysctls('net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout') }, 'sysctls', 'v1.29.4+k3s1');
  });
  it('tcp_rmem is refused on v1.31 and passes on v1.32', () => {
    refused(
      extraPod(sysctls('net.ipv4.tcp_rmem')),
      `${EXTRA}.securityContext.sysctls[0].name`,
      ['Kubernetes 1.32', 'Kubernetes 1.31'],
      'v1.31.2+k3s1',
    );
    passes(extraPod(sysctls('net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem')), 'sysctls', 'v1.32.1+k3s1');
  });
  it('a net.* sysctl in a hostNetwork Traefik pod is refused (the kubelet refuses it with the host network)', () => {
    const said = doors({ hostNetwork: true, podSecurityContext: sysctls('net.ipv4.ip_unprivileged_port_start') });
    expect(said.config).toMatch(/podSecurityContext\.sysctls\[0\]\.name: is "net\.ipv4\.ip_unprivileged_port_start", .*hostNetwork/);
    expect(said.chart).toContain('podSecurityContext.sysctls[0].name');
  });
  it('a safe sysctl written with slashes passes (the kubelet reads it as the dotted one); an unsafe one is still refused', () => {
    passes({ podSecurityContext: sysctls('net/ipv4/ip_local_port_range') }, 'sysctls');
    refused({ podSecurityContext: sysctls('kernel/core_pattern') }, 'podSecurityContext.sysctls[0].name', [
      '"kernel/core_pattern"',
      'outside the safe set',
    ]);
  });
});

describe('85b-4: seccompProfile shapes the API server refuses', () => {
  const LOCALHOST = 'Localhost';
  it.each<[string, object, string, readonly string[]]>([
    [
      'Localhost without localhostProfile (extraObjects pod)',
      extraPod({ seccompProfile: { type: LOCALHOST } }),
      `${EXTRA}.securityContext.seccompProfile.type`,
      ['without a localhostProfile', 'must be set when seccomp type is Localhost'],
    ],
    [
      'a ".." localhostProfile (extraObjects pod)',
      extraPod({ seccompProfile: { type: LOCALHOST, localhostProfile: '../x.json' } }),
      `${EXTRA}.securityContext.seccompProfile.localhostProfile`,
      ['"../x.json"', "must not contain '..'", 'profiles/traefik.json'],
    ],
    [
      'an absolute localhostProfile (extraObjects pod)',
      extraPod({ seccompProfile: { type: LOCALHOST, localhostProfile: '/etc/x.json' } }),
      `${EXTRA}.securityContext.seccompProfile.localhostProfile`,
      ['"/etc/x.json"', 'must be a relative path'],
    ],
    [
      'localhostProfile beside RuntimeDefault (extraObjects pod)',
      extraPod({ seccompProfile: { type: 'RuntimeDefault', localhostProfile: 'x.json' } }),
      `${EXTRA}.securityContext.seccompProfile.localhostProfile`,
      ['can only be set when seccomp type is Localhost', 'type: Localhost'],
    ],
    [
      "an absolute localhostProfile in Traefik's pod",
      { podSecurityContext: { seccompProfile: { type: LOCALHOST, localhostProfile: '/etc/x.json' } } },
      'podSecurityContext.seccompProfile.localhostProfile',
      ['must be a relative path'],
    ],
    [
      "Localhost without a profile in Traefik's own container",
      { securityContext: { seccompProfile: { type: LOCALHOST } } },
      'values.securityContext.seccompProfile.type',
      ['without a localhostProfile'],
    ],
    [
      'a ".." localhostProfile in a sidecar',
      sidecar({ seccompProfile: { type: LOCALHOST, localhostProfile: '../../../x' } }),
      'deployment.additionalContainers[0].securityContext.seccompProfile.localhostProfile',
      ["must not contain '..'"],
    ],
  ])('%s: refused', (_, values, key, words) => refused(values, key, [...words, 'API server']));
  it.each<[string, object]>([
    ["RuntimeDefault in Traefik's pod", { podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } } }],
    [
      "a relative Localhost profile in Traefik's pod",
      { podSecurityContext: { seccompProfile: { type: LOCALHOST, localhostProfile: 'profiles/traefik.json' } } },
    ],
    [
      "a relative Localhost profile in Traefik's own container",
      { securityContext: { seccompProfile: { type: LOCALHOST, localhostProfile: 'profiles/traefik.json' } } },
    ],
    ['a relative Localhost profile in a sidecar', sidecar({ seccompProfile: { type: LOCALHOST, localhostProfile: 'profiles/side.json' } })],
    [
      'a relative Localhost profile with a dotted name in an extraObjects pod',
      extraPod({ seccompProfile: { type: LOCALHOST, localhostProfile: 'my..profile.json' } }),
    ],
    ['a null localhostProfile beside RuntimeDefault', extraPod({ seccompProfile: { type: 'RuntimeDefault', localhostProfile: null } })],
  ])('%s passes', (_, values) => passes(values, 'seccompProfile'));
});

describe('85b-7: the SELinux types the baseline allows follow the Kubernetes of k3s.version', () => {
  const ENGINE = { seLinuxOptions: { type: 'container_engine_t' } };
  it.each<[string, object]>([
    ['a sidecar', sidecar(ENGINE)],
    ['an extraObjects pod', extraPod(ENGINE)],
  ])('container_engine_t in %s passes on K3s v1.33 (baseline allows it from 1.31)', (_, values) => {
    passes(values, 'seLinuxOptions', 'v1.33.5+k3s1');
    passes(values, 'seLinuxOptions', 'v1.31.0+k3s1');
  });
  it('container_engine_t is refused on v1.30, saying the release that allows it', () => {
    refused(
      sidecar(ENGINE),
      'deployment.additionalContainers[0].securityContext.seLinuxOptions.type',
      ['"container_engine_t"', 'Kubernetes 1.31', 'K3s v1.30.6+k3s1 is Kubernetes 1.30'],
      'v1.30.6+k3s1',
    );
  });
  it('container_engine_t is refused without k3s.version, judged as the oldest supported release', () => {
    refused(extraPod(ENGINE), `${EXTRA}.securityContext.seLinuxOptions.type`, ['Kubernetes 1.31', 'k3s.version']);
  });
  it('spc_t is still refused on v1.33', () => {
    refused(
      sidecar({ seLinuxOptions: { type: 'spc_t' } }),
      'deployment.additionalContainers[0].securityContext.seLinuxOptions.type',
      ['"spc_t"', 'baseline Pod Security Standard'],
      'v1.33.5+k3s1',
    );
  });
  it('container_t and container_init_t pass without k3s.version', () => {
    passes(sidecar({ seLinuxOptions: { type: 'container_init_t', level: 's0:c1,c2' } }), 'seLinuxOptions');
  });
});
