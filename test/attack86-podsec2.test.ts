import { App, Chart } from 'cdk8s';
import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, withChanges } from './helpers';
import { deploymentOf } from './traefik-fixtures';

// Round 86 (86a-6, -8, -12, -13, 86b-6): the AppArmor profile field's shapes, the seccomp and AppArmor annotations of a
// pod (Traefik's deployment.podAnnotations, an extraObjects pod template's), and the advice for a net.* sysctl under
// hostNetwork, judged as the API server and the kubelet do, through the config file, K3sVipCluster and
// TraefikHelmChartConfig alike.

type Door = 'config' | 'cluster' | 'chart';
const DOORS: readonly Door[] = ['config', 'cluster', 'chart'];
const K133 = 'v1.33.1+k3s1';

/** Each door's refusal of `traefik.values` on the K3s release `k3sVersion` (k3s.version, the k3sVersion prop). */
function doors(values: object, k3sVersion = K133, chartVersion?: string): Record<Door, string> {
  const config = withChanges(devConfig(), { traefik: { values, ...(chartVersion && { chartVersion }) }, k3s: { version: k3sVersion } });
  return {
    config: parseConfigText('config/t.yaml', stringify(config)).errors.map(formatDiagnostic).join('\n'),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config)),
    chart: refusalOf(
      () =>
        new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', {
          loadBalancerIPs: ['192.168.0.41'],
          values: values as Record<string, unknown>,
          k3sVersion,
          ...(chartVersion && { chartVersion }),
        }),
    ),
  };
}

/** The line of each door that names every one of `keys` (path pieces), which must hold every one of `words`. */
function refused(values: object, keys: readonly string[], words: readonly string[], k3sVersion = K133, chartVersion?: string): string[] {
  const said = doors(values, k3sVersion, chartVersion);
  return DOORS.map((door) => {
    const line = said[door].split('\n').find((text) => keys.every((key) => text.includes(key)));
    expect([door, line]).toEqual([door, expect.stringContaining(keys[0])]);
    for (const word of words) expect([door, line]).toEqual([door, expect.stringContaining(word)]);
    return line as string;
  });
}

/** Passes every door: nothing refused at all (`field` names the row's key in a failure's text). */
function passes(values: object, field: string, k3sVersion = K133, chartVersion?: string): void {
  const said = doors(values, k3sVersion, chartVersion);
  for (const door of DOORS) expect([door, field, said[door]]).toEqual([door, field, '']);
}

const sidecar = (name: string, securityContext: object = {}) => ({
  name,
  image: 'busybox:1.36',
  command: ['sleep', 'infinity'],
  securityContext,
});
const withSidecar = (securityContext: object, podAnnotations: object = {}) => ({
  deployment: { podAnnotations, additionalContainers: [sidecar('shipper', securityContext)] },
});
const extraPod = (podSecurity: object, containerSecurity: object, annotations: object = {}) =>
  deploymentOf({ securityContext: podSecurity, containers: [sidecar('m', containerSecurity)] }, { annotations } as { labels?: object });
const EXTRA = 'extraObjects[0].spec.template.spec';
const EXTRA_ANNOTATIONS = 'extraObjects[0].spec.template.metadata.annotations';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_OF = (name: string) => `container.seccomp.security.alpha.kubernetes.io/${name}`;
const APPARMOR_OF = (name: string) => `container.apparmor.security.beta.kubernetes.io/${name}`;

describe('86a-6: an AppArmor profile field of a shape the API server refuses (1.30 on)', () => {
  it.each<[string, object, readonly string[], readonly string[]]>([
    [
      "Traefik's container, Localhost without localhostProfile",
      { securityContext: { appArmorProfile: { type: 'Localhost' } } },
      ['values.securityContext.appArmorProfile.type'],
      ['"Localhost" without a localhostProfile', 'must be set when AppArmor type is Localhost', 'add localhostProfile'],
    ],
    [
      "Traefik's pod, localhostProfile beside RuntimeDefault",
      { podSecurityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: 'k8s-traefik' } } },
      ['podSecurityContext.appArmorProfile.localhostProfile'],
      ['is set while appArmorProfile.type is "RuntimeDefault"', 'can only be set when AppArmor type is Localhost', 'remove it'],
    ],
    [
      'a sidecar, a padded localhostProfile',
      withSidecar({ appArmorProfile: { type: 'Localhost', localhostProfile: ' k8s-shipper' } }),
      ['deployment.additionalContainers[0].securityContext.appArmorProfile.localhostProfile'],
      ['padded with whitespace', 'must not be padded'],
    ],
    [
      "an extraObjects pod's container, Localhost without localhostProfile",
      extraPod({}, { appArmorProfile: { type: 'Localhost' } }),
      [`${EXTRA}.containers[0].securityContext.appArmorProfile.type`],
      ['must be set when AppArmor type is Localhost'],
    ],
    [
      "an extraObjects pod, the annotation's value written as the type",
      extraPod({ appArmorProfile: { type: 'runtime/default' } }, {}),
      [`${EXTRA}.securityContext.appArmorProfile.type`],
      ['"runtime/default", not an AppArmor profile type', 'RuntimeDefault'],
    ],
  ])('%s: refused', (_, values, keys, words) => {
    refused(values, keys, words);
  });
  it('the seccomp twin stays refused', () => {
    refused(
      { securityContext: { seccompProfile: { type: 'Localhost' } } },
      ['values.securityContext.seccompProfile.type'],
      ['must be set when seccomp type is Localhost'],
    );
  });
  it.each<[string, object]>([
    [
      'a named Localhost profile for Traefik',
      { securityContext: { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-traefik' } } },
    ],
    ['RuntimeDefault for the pod', { podSecurityContext: { appArmorProfile: { type: 'RuntimeDefault' } } }],
    [
      'a null localhostProfile beside RuntimeDefault (unset)',
      { podSecurityContext: { appArmorProfile: { type: 'RuntimeDefault', localhostProfile: null } } },
    ],
    [
      'an extraObjects pod with a named Localhost profile',
      extraPod({ appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-app' } }, {}),
    ],
  ])('%s passes', (_, values) => passes(values, 'appArmorProfile'));
});

describe('86a-8: a net.* sysctl under hostNetwork is told a fix that leads to a passing config', () => {
  const hostPod = (name: string) => ({
    hostNetwork: true,
    updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    podSecurityContext: { sysctls: [{ name, value: '4096 87380 6291456' }] },
  });
  const KEY = 'podSecurityContext.sysctls[0].name';
  it('outside the safe set: "remove it", not "drop hostNetwork"', () => {
    for (const line of refused(hostPod('net.core.somaxconn'), [KEY], ['hostNetwork', 'outside the safe set', 'remove it']))
      expect(line).not.toContain('or drop hostNetwork');
  });
  it('safe only on a later release: "remove it", not "drop hostNetwork"', () => {
    for (const line of refused(hostPod('net.ipv4.tcp_rmem'), [KEY], ['only from Kubernetes 1.32', 'remove it'], 'v1.29.6+k3s1'))
      expect(line).not.toContain('or drop hostNetwork');
  });
  it('a safe one under hostNetwork still offers dropping hostNetwork, and passes without it', () => {
    refused(hostPod('net.ipv4.ip_local_port_range'), [KEY], ['not allowed with host net enabled', 'remove it, or drop hostNetwork']);
    passes({ podSecurityContext: { sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65000' }] } }, 'sysctls');
  });
});

describe('86b-6, 86a-13: a seccomp annotation the API server refuses, or unlike the field beside it', () => {
  it.each<[string, object, readonly string[], readonly string[]]>([
    [
      "Traefik's pod annotation, an absolute profile path",
      { deployment: { podAnnotations: { [SECCOMP_POD]: 'localhost//var/lib/kubelet/seccomp/traefik.json' } } },
      ['deployment.podAnnotations', SECCOMP_POD],
      ['absolute path', 'must be a relative path', 'remove the annotation'],
    ],
    [
      "Traefik's pod annotation, the field's type name",
      { deployment: { podAnnotations: { [SECCOMP_POD]: 'Localhost' } } },
      ['deployment.podAnnotations', SECCOMP_POD],
      ['is "Localhost", not a seccomp profile', 'must be a valid seccomp profile'],
    ],
    [
      "Traefik's container annotation, a path with ..",
      { deployment: { podAnnotations: { [SECCOMP_OF('traefik')]: 'localhost/../x.json' } } },
      ['deployment.podAnnotations', SECCOMP_OF('traefik')],
      ['".." element', "must not contain '..'"],
    ],
    [
      "an extraObjects template's annotation, an absolute path",
      extraPod({}, {}, { [SECCOMP_OF('m')]: 'localhost//etc/x.json' }),
      [EXTRA_ANNOTATIONS, SECCOMP_OF('m')],
      ['must be a relative path'],
    ],
    [
      "Traefik's pod annotation unlike podSecurityContext.seccompProfile",
      {
        deployment: { podAnnotations: { [SECCOMP_POD]: 'runtime/default' } },
        podSecurityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/traefik.json' } },
      },
      ['deployment.podAnnotations', SECCOMP_POD],
      ['type "Localhost"', 'seccomp type in annotation and field must match', 'remove the annotation'],
    ],
    [
      "an extraObjects container's annotation unlike its own field",
      extraPod({}, { seccompProfile: { type: 'RuntimeDefault' } }, { [SECCOMP_OF('m')]: 'localhost/profiles/m.json' }),
      [EXTRA_ANNOTATIONS, SECCOMP_OF('m')],
      ['must match'],
    ],
  ])('%s: refused', (_, values, keys, words) => {
    refused(values, keys, words);
  });
  it.each<[string, object]>([
    ['runtime/default for the pod', { deployment: { podAnnotations: { [SECCOMP_POD]: 'runtime/default' } } }],
    [
      'docker/default beside RuntimeDefault',
      {
        deployment: { podAnnotations: { [SECCOMP_POD]: 'docker/default' } },
        podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      },
    ],
    [
      'a relative Localhost annotation matching its field',
      extraPod(
        { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/m.json' } },
        {},
        { [SECCOMP_POD]: 'localhost/profiles/m.json' },
      ),
    ],
    // 86a-12: since Kubernetes 1.27 the annotation sets no field (PR #114947) and the baseline reads only the field: the
    // container keeps its filter, and the API server takes it.
    ["86a-12: a sidecar's unconfined seccomp annotation (ignored since 1.27)", withSidecar({}, { [SECCOMP_OF('shipper')]: 'unconfined' })],
    ["86a-12: an extraObjects pod's unconfined seccomp annotation", extraPod({}, {}, { [SECCOMP_POD]: 'unconfined' })],
  ])('%s passes', (_, values) => passes(values, 'seccomp annotation'));
});

describe("86a-13: a seccomp annotation unlike the chart's own podSecurityContext.seccompProfile (RuntimeDefault from chart v38.0.2)", () => {
  const UNCONFINED_POD = { deployment: { podAnnotations: { [SECCOMP_POD]: 'unconfined' } } };
  it('refused on chart v39.0.7, whose default pod profile is RuntimeDefault', () => {
    refused(UNCONFINED_POD, ['deployment.podAnnotations', SECCOMP_POD], ['type "RuntimeDefault"', 'must match'], K133, '39.0.7');
  });
  it('passes on chart v38.0.1, which sets no pod profile', () => passes(UNCONFINED_POD, 'seccomp annotation', K133, '38.0.1'));
  it('passes when podSecurityContext.seccompProfile is null (Helm drops the default)', () =>
    passes({ ...UNCONFINED_POD, podSecurityContext: { seccompProfile: null } }, 'seccomp annotation', K133, '39.0.7'));
});

describe('86a-13: an AppArmor annotation naming no container, no profile, or unlike the field', () => {
  it.each<[string, object, readonly string[], readonly string[]]>([
    [
      "Traefik's podAnnotations, the container misspelt",
      { deployment: { podAnnotations: { [APPARMOR_OF('trafik')]: 'runtime/default' } } },
      ['deployment.podAnnotations', APPARMOR_OF('trafik')],
      ['for container "trafik"', '"traefik"', 'container not found', 'put one of those names after the slash'],
    ],
    [
      "Traefik's podAnnotations, the profile misspelt",
      { deployment: { podAnnotations: { [APPARMOR_OF('traefik')]: 'runtime-default' } } },
      ['deployment.podAnnotations', APPARMOR_OF('traefik')],
      ['not an AppArmor profile', 'invalid AppArmor profile name', 'runtime/default'],
    ],
    [
      'an extraObjects template, a container of another guide',
      extraPod({}, {}, { [APPARMOR_OF('app')]: 'localhost/k8s-app' }),
      [EXTRA_ANNOTATIONS, APPARMOR_OF('app')],
      ['container not found', '"m"'],
    ],
    [
      "an extraObjects container's annotation unlike the pod's field",
      extraPod({ appArmorProfile: { type: 'RuntimeDefault' } }, {}, { [APPARMOR_OF('m')]: 'localhost/k8s-app' }),
      [EXTRA_ANNOTATIONS, APPARMOR_OF('m')],
      ['stands for "runtime/default"', 'apparmor type in annotation and field must match'],
    ],
  ])('%s: refused', (_, values, keys, words) => {
    refused(values, keys, words);
  });
  it.each<[string, object]>([
    ['runtime/default for Traefik', { deployment: { podAnnotations: { [APPARMOR_OF('traefik')]: 'runtime/default' } } }],
    ['a named Localhost profile for a sidecar', withSidecar({}, { [APPARMOR_OF('shipper')]: 'localhost/k8s-shipper' })],
    [
      'an annotation matching the field',
      extraPod({}, { appArmorProfile: { type: 'Localhost', localhostProfile: 'k8s-app' } }, { [APPARMOR_OF('m')]: 'localhost/k8s-app' }),
    ],
  ])('%s passes', (_, values) => passes(values, 'apparmor annotation'));
  it('before 1.30 the field is not compared (it is refused as a later field instead)', () => {
    const said = doors(
      extraPod({ appArmorProfile: { type: 'RuntimeDefault' } }, {}, { [APPARMOR_OF('m')]: 'localhost/k8s-app' }),
      'v1.29.6+k3s1',
    );
    expect(said.config).toContain('appArmorProfile');
    expect(said.config).not.toContain('must match');
  });
});
