import { App, Chart } from 'cdk8s';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { K3sVipCluster, TraefikHelmChartConfig } from '../src/index';
import { devConfig, refusalOf, synth, withChanges } from './helpers';
import { SETCAP_INIT, SETCAP_SECURITY } from './traefik-fixtures';

// Wave 84: an extraObjects pod opens no port of its node (83a-3), and the user's containers in Traefik's own pods hold
// what an extraObjects pod may hold: no ServiceAccount token (83a-21: this tool mounts an empty folder over it), nothing
// of the node (privileged, capabilities, hostPath, hostNetwork: 83a-9), not Traefik's processes; a second Traefik run
// from a copied binary (83a-6) then has neither the API nor the node's network.

const line = (d: Parameters<typeof formatDiagnostic>[0]) => formatDiagnostic({ ...d, file: '', line: undefined }).replace(/^: /, '');
function doors(values: object) {
  const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, values } });
  const parsed = parseConfigText('config/t.yaml', stringify(config));
  return {
    file: parsed.errors.map(line).join('\n'),
    cluster: refusalOf(() => new K3sVipCluster(new App(), 'c', config as never)),
    chart: refusalOf(
      () => new TraefikHelmChartConfig(new Chart(new App(), 'x'), 't', { loadBalancerIPs: ['192.168.0.41'], values: values as never }),
    ),
  };
}
/** The Traefik values this tool writes for `values`. */
function written(values: object): Record<string, any> {
  const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, values } });
  const config_ = [...synth(config).values()].flat().find((o) => o.kind === 'HelmChartConfig' && o.metadata.name === 'traefik');
  return parse((config_ as any).spec.valuesContent);
}
const workload = (kind: string, podSpec: object) => ({
  apiVersion: 'apps/v1',
  kind,
  metadata: { name: 'hp', namespace: 'default' },
  spec: {
    selector: { matchLabels: { app: 'hp' } },
    template: { metadata: { labels: { app: 'hp' } }, spec: podSpec },
  },
});
const nginx = (...ports: object[]) => ({ containers: [{ name: 'c', image: 'nginx:1.27', ports }] });
const TOKEN = '/var/run/secrets/kubernetes.io/serviceaccount';
const HOST_PORT = 'a port of every node the pod runs on';
const OUTSIDE = 'which an extraObjects pod may not';

describe('83a-3: an extraObjects pod opens no port of its node', () => {
  it.each<[string, object, string[]]>([
    [
      'a DaemonSet on 443 and 80',
      workload('DaemonSet', nginx({ containerPort: 443, hostPort: 443 }, { containerPort: 80, hostPort: 80 })),
      ['spec.template.spec.containers[0].ports[0].hostPort: is 443', 'spec.template.spec.containers[0].ports[1].hostPort: is 80'],
    ],
    [
      'a Deployment naming the VIP as its host IP',
      workload('Deployment', nginx({ containerPort: 443, hostPort: 443, hostIP: '192.168.0.41' })),
      ['spec.template.spec.containers[0].ports[0].hostPort: is 443'],
    ],
    [
      "the kubelet's port: one line, this rule's",
      workload('DaemonSet', nginx({ containerPort: 8080, hostPort: 10250 })),
      ['spec.template.spec.containers[0].ports[0].hostPort: is 10250'],
    ],
    [
      'an init container',
      workload('Deployment', {
        initContainers: [{ name: 'i', image: 'busybox:1.36', ports: [{ containerPort: 9000, hostPort: 9000 }] }],
        containers: [{ name: 'c', image: 'nginx:1.27' }],
      }),
      ['spec.template.spec.initContainers[0].ports[0].hostPort: is 9000'],
    ],
  ])('%s: refused at every door, one line per port', (_, item, expected) => {
    const { file, cluster, chart } = doors({ extraObjects: [item] });
    for (const text of expected) {
      expect(file).toContain(`traefik.values.extraObjects[0].${text}, ${HOST_PORT}`);
      const [at, value] = text.split(': ');
      for (const said of [cluster, chart]) expect(said).toMatch(new RegExp(`${at.replace(/[.[\]]/g, '\\$&')}:? ${value}, `));
    }
    expect(file.split('\n')).toHaveLength(expected.length);
    expect(file).toContain('reach the pod through a Service');
  });

  it.each<[string, object]>([
    ['a container port only', workload('Deployment', nginx({ containerPort: 443 }))],
    ['hostPort 0 (none)', workload('Deployment', nginx({ containerPort: 443, hostPort: 0 }))],
  ])('%s passes', (_, item) => {
    expect(doors({ extraObjects: [item] })).toEqual({ file: '', cluster: '', chart: '' });
  });
});

const kubectl = { name: 'dump', image: 'bitnami/kubectl:1.31', command: ['sh', '-c', 'kubectl get secrets -A; sleep infinity'] };
const noTokenMount = { name: 'no-service-account-token', mountPath: TOKEN, readOnly: true };

describe("83a-21: the user's containers in Traefik's pods get no ServiceAccount token", () => {
  it("a sidecar and a user's init container get an empty folder over the token's, and the volume is added once", () => {
    const values = {
      deployment: {
        additionalContainers: [
          kubectl,
          { name: 'logs', image: 'fluent/fluent-bit:3.1.9', volumeMounts: [{ name: 'logs', mountPath: '/logs' }] },
        ],
        initContainers: [{ name: 'wait', image: 'busybox:1.36', command: ['sleep', '1'] }],
        additionalVolumes: [{ name: 'logs', emptyDir: {} }],
      },
    };
    expect(doors(values)).toEqual({ file: '', cluster: '', chart: '' });
    const { deployment } = written(values);
    expect(deployment.additionalContainers[0].volumeMounts).toEqual([noTokenMount]);
    expect(deployment.additionalContainers[1].volumeMounts).toEqual([{ name: 'logs', mountPath: '/logs' }, noTokenMount]);
    const wait = deployment.initContainers.find((c: any) => c.name === 'wait');
    expect(wait.volumeMounts).toEqual([noTokenMount]);
    expect(deployment.additionalVolumes).toEqual([
      { name: 'logs', emptyDir: {} },
      { name: 'no-service-account-token', emptyDir: {} },
    ]);
  });

  it("the init container this tool writes for certResolvers and Traefik's own container are left as they are", () => {
    const config = withChanges(devConfig(), {
      traefik: {
        ...devConfig().traefik,
        certResolvers: { le: { email: 'ops@example.com' } },
        values: { deployment: { additionalContainers: [kubectl] } },
      },
    });
    const helm = [...synth(config).values()].flat().find((o) => o.kind === 'HelmChartConfig' && o.metadata.name === 'traefik');
    const out = parse((helm as any).spec.valuesContent);
    const own = out.deployment.initContainers.find((c: any) => c.name === 'volume-permissions');
    expect(own).toBeDefined();
    expect(JSON.stringify(own)).not.toContain('no-service-account-token');
    expect(out.deployment.additionalContainers[0].volumeMounts).toEqual([noTokenMount]);
    expect(JSON.stringify(out.additionalVolumeMounts ?? [])).not.toContain(TOKEN);
  });

  it('without containers of the user, nothing is added', () => {
    expect(JSON.stringify(written({ logs: { general: { level: 'INFO' } } }))).not.toContain('no-service-account-token');
  });

  it('a container that mounts an empty folder there itself is left as written', () => {
    const values = {
      deployment: {
        additionalContainers: [{ ...kubectl, volumeMounts: [{ name: 'mine', mountPath: TOKEN }] }],
        additionalVolumes: [{ name: 'mine', emptyDir: {} }],
      },
    };
    expect(doors(values)).toEqual({ file: '', cluster: '', chart: '' });
    const { deployment } = written(values);
    expect(deployment.additionalContainers[0].volumeMounts).toEqual([{ name: 'mine', mountPath: TOKEN }]);
    expect(deployment.additionalVolumes).toEqual([{ name: 'mine', emptyDir: {} }]);
  });

  it.each<[string, string]>([
    ['at the folder', TOKEN],
    ['elsewhere', '/tok'],
  ])('a projected ServiceAccount token mounted %s is refused', (_, mountPath) => {
    const values = {
      deployment: {
        additionalContainers: [{ ...kubectl, volumeMounts: [{ name: 'tok', mountPath }] }],
        additionalVolumes: [{ name: 'tok', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
      },
    };
    const { file, cluster, chart } = doors(values);
    const expected = 'is "tok", a projected ServiceAccount token, which in Traefik\'s pods is Traefik\'s';
    expect(file).toContain(`traefik.values.deployment.additionalContainers[0].volumeMounts[0].name: ${expected}`);
    for (const said of [cluster, chart]) expect(said).toContain(expected);
  });

  it('83a-6: a second Traefik from a copied binary is refused; the copying init container gets no token', () => {
    const values = {
      deployment: {
        additionalVolumes: [{ name: 'shared', emptyDir: {} }],
        initContainers: [
          {
            name: 'copy',
            image: 'traefik:v3.3.2',
            command: ['cp', '/usr/local/bin/traefik', '/shared/traefik'],
            volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
          },
        ],
        additionalContainers: [
          {
            name: 'second',
            image: 'busybox:1.36',
            command: ['/shared/traefik'],
            args: ['--entrypoints.alt.address=:9005', '--providers.kubernetesingress=true'],
            volumeMounts: [{ name: 'shared', mountPath: '/shared' }],
          },
        ],
      },
    };
    // 84a-18: the copied binary run by another image is read as the second Traefik it is.
    expect(doors(values).file).toContain(
      'traefik.values.deployment.additionalContainers[0].image: is "busybox:1.36" in Traefik\'s own pods',
    );
    const copyOnly = { deployment: { ...values.deployment, additionalContainers: [] } };
    expect(written(copyOnly).deployment.initContainers[0].volumeMounts).toContainEqual(noTokenMount);
  });
});

describe("83a-9 and the rest: the user's containers in Traefik's pods hold nothing of the node", () => {
  const keepalived = {
    name: 'ka',
    image: 'mycorp/keepalived-exporter:1.4',
    command: ['/usr/sbin/keepalived', '--dont-fork', '--log-console'],
  };
  it.each<[string, object, string, string]>([
    [
      '83a-9 keepalived by command beside a hostNetwork Traefik',
      { hostNetwork: true, deployment: { additionalContainers: [keepalived] } },
      'deployment.additionalContainers[0]',
      "runs in Traefik's pods, on the node's own network under hostNetwork",
    ],
    [
      '83a-9 arping in a native sidecar beside a hostNetwork Traefik',
      {
        hostNetwork: true,
        deployment: {
          initContainers: [{ name: 'arp', image: 'alpine:3.20', restartPolicy: 'Always', command: ['arping', '-U', '192.168.0.41'] }],
        },
      },
      'deployment.initContainers[0]',
      "runs in Traefik's pods, on the node's own network under hostNetwork",
    ],
    [
      'a privileged sidecar',
      { deployment: { additionalContainers: [{ ...kubectl, securityContext: { privileged: true } }] } },
      'deployment.additionalContainers[0].securityContext.privileged',
      "is true, which gives a container of your own the node's devices",
    ],
    [
      'NET_ADMIN in a sidecar',
      { deployment: { additionalContainers: [{ ...kubectl, securityContext: { capabilities: { add: ['NET_ADMIN'] } } }] } },
      'deployment.additionalContainers[0].securityContext.capabilities.add[0]',
      'is "NET_ADMIN", a capability that reaches past the container',
    ],
    [
      'seccomp Unconfined in an init container',
      { deployment: { initContainers: [{ ...kubectl, securityContext: { seccompProfile: { type: 'Unconfined' } } }] } },
      'deployment.initContainers[0].securityContext.seccompProfile.type',
      'is "Unconfined"',
    ],
    [
      "AppArmor unconfined for a sidecar by Traefik's pod annotations",
      {
        deployment: {
          additionalContainers: [kubectl],
          podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/dump': 'unconfined' },
        },
      },
      'deployment.podAnnotations["container.apparmor.security.beta.kubernetes.io/dump"]',
      'is "unconfined"',
    ],
    [
      'a hostPath volume in a sidecar',
      {
        deployment: {
          additionalContainers: [{ ...kubectl, volumeMounts: [{ name: 'h', mountPath: '/h' }] }],
          additionalVolumes: [{ name: 'h', hostPath: { path: '/var/lib/rancher/k3s/server/manifests' } }],
        },
      },
      'deployment.additionalContainers[0].volumeMounts[0].name',
      'is "h", a hostPath volume, which gives a container of your own the node\'s files',
    ],
    [
      'shareProcessNamespace with a sidecar',
      { deployment: { additionalContainers: [kubectl], shareProcessNamespace: true } },
      'deployment.shareProcessNamespace',
      "which then see Traefik's process and, as its user, read its files, its ServiceAccount token included",
    ],
  ])('%s: refused at every door', (_, values, at, expected) => {
    const { file, cluster, chart } = doors(values);
    expect(file).toContain(`traefik.values.${at}: `);
    for (const said of [file, cluster, chart]) expect(said).toContain(expected);
    expect(file).toMatch(/which an extraObjects pod may not|the baseline Pod Security Standard refuses it/);
  });

  it('a known announcer image is said once, by its image, not again for hostNetwork or its mounts', () => {
    const { file } = doors({
      hostNetwork: true,
      deployment: {
        additionalContainers: [
          { name: 'ka', image: 'osixia/keepalived:2.0.20', securityContext: { capabilities: { add: ['NET_ADMIN'] } } },
        ],
      },
    });
    expect(file).toContain('traefik.values.deployment.additionalContainers[0].image: is "osixia/keepalived:2.0.20"');
    expect(file).not.toContain("on the node's own network under hostNetwork");
    expect(file).not.toContain('NET_ADMIN');
  });

  it.each<[string, object]>([
    [
      "the chart's EXAMPLES.md setcap init containers under hostNetwork",
      { ...SETCAP_SECURITY, hostNetwork: true, service: { enabled: false }, ...SETCAP_INIT },
    ],
    ['a log shipper beside Traefik', { deployment: { additionalContainers: [{ name: 'logs', image: 'fluent/fluent-bit:3.1.9' }] } }],
    ['hostNetwork with no container of the user', { hostNetwork: true }],
    ['shareProcessNamespace with no container of the user', { deployment: { shareProcessNamespace: true } }],
    [
      "a hostPath mounted only in Traefik's own container",
      {
        deployment: { additionalVolumes: [{ name: 'logs', hostPath: { path: '/var/log/traefik' } }] },
        additionalVolumeMounts: [{ name: 'logs', mountPath: '/var/log/traefik' }],
      },
    ],
    [
      'NET_BIND_SERVICE and AppArmor RuntimeDefault in a sidecar',
      {
        deployment: {
          additionalContainers: [
            { ...kubectl, securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] }, appArmorProfile: { type: 'RuntimeDefault' } } },
          ],
        },
      },
    ],
  ])('%s passes', (_, values) => {
    const { file } = doors(values);
    expect(file.split('\n').filter((l) => l.includes(OUTSIDE) || l.includes('Pod Security Standard'))).toEqual([]);
  });
});

describe("the user's containers in Traefik's pods read only the kube-system Secrets the items make, as an extraObjects pod there", () => {
  const K3S = 'a Secret of kube-system that no extraObjects item makes';
  it.each<[string, object, string]>([
    [
      "K3s' serving key by secretKeyRef in a sidecar",
      {
        deployment: {
          additionalContainers: [
            { ...kubectl, env: [{ name: 'K', valueFrom: { secretKeyRef: { name: 'k3s-serving', key: 'tls.key' } } }] },
          ],
        },
      },
      'deployment.additionalContainers[0].env[0].valueFrom.secretKeyRef.name',
    ],
    [
      "Helm's release records by envFrom in an init container",
      { deployment: { initContainers: [{ ...kubectl, envFrom: [{ secretRef: { name: 'sh.helm.release.v1.traefik.v1' } }] }] } },
      'deployment.initContainers[0].envFrom[0].secretRef.name',
    ],
    [
      'a node password as a volume a sidecar mounts',
      {
        deployment: {
          additionalContainers: [{ ...kubectl, volumeMounts: [{ name: 'pw', mountPath: '/pw' }] }],
          additionalVolumes: [{ name: 'pw', secret: { secretName: 'k3s-1.node-password.k3s' } }],
        },
      },
      'deployment.additionalVolumes[0].secret.secretName',
    ],
  ])('%s: refused at every door', (_, values, at) => {
    const { file, cluster, chart } = doors(values);
    expect(file).toContain(`traefik.values.${at}: is `);
    for (const said of [file, cluster, chart]) expect(said).toContain(K3S);
    expect(file).toContain('run the container in a pod of its own');
  });

  it.each<[string, object]>([
    [
      "a Secret volume mounted only in Traefik's own container (a DNS provider's token, say)",
      {
        deployment: { additionalVolumes: [{ name: 'dns', secret: { secretName: 'cloudflare' } }] },
        additionalVolumeMounts: [{ name: 'dns', mountPath: '/dns' }],
      },
    ],
    [
      "Traefik's own env from a Secret",
      { env: [{ name: 'CF_DNS_API_TOKEN', valueFrom: { secretKeyRef: { name: 'cloudflare', key: 'token' } } }] },
    ],
    [
      'a Secret the items make in kube-system, read by a sidecar',
      {
        deployment: { additionalContainers: [{ ...kubectl, envFrom: [{ secretRef: { name: 'shipper' } }] }] },
        extraObjects: [{ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'shipper', namespace: 'kube-system' } }],
      },
    ],
  ])('%s passes', (_, values) => {
    expect(doors(values)).toEqual({ file: '', cluster: '', chart: '' });
  });
});

describe("round 84a: the chart's own keys reach your containers in Traefik's pods too", () => {
  const shipper = { name: 'shipper', image: 'fluent/fluent-bit:3.0.0' };
  it.each<[string, object, string, string]>([
    [
      "84a-1 a local plugin's hostPath volume mounted in a sidecar (chart v39)",
      {
        experimental: {
          localPlugins: {
            myplug: {
              moduleName: 'github.com/x/myplug',
              mountPath: '/plugins-local/src/github.com/x/myplug',
              type: 'hostPath',
              hostPath: '/',
            },
          },
        },
        deployment: { additionalContainers: [{ ...shipper, volumeMounts: [{ name: 'myplug', mountPath: '/host' }] }] },
      },
      'deployment.additionalContainers[0].volumeMounts[0].name',
      'is "myplug", a hostPath volume',
    ],
    [
      "84a-5 a volume of the tool's reserved name",
      {
        deployment: {
          additionalVolumes: [{ name: 'no-service-account-token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
          additionalContainers: [shipper],
        },
      },
      'deployment.additionalVolumes[0].name',
      'names pod volume "no-service-account-token", the one this tool mounts over the ServiceAccount token\'s folder in your own containers: give yours another name',
    ],
    [
      '84a-6 seccomp Unconfined for the whole pod, beside a sidecar',
      { podSecurityContext: { seccompProfile: { type: 'Unconfined' } }, deployment: { additionalContainers: [shipper] } },
      'podSecurityContext.seccompProfile.type',
      'is "Unconfined"',
    ],
    [
      '84a-6 SELinux spc_t for the whole pod, beside a sidecar',
      { podSecurityContext: { seLinuxOptions: { type: 'spc_t' } }, deployment: { additionalContainers: [shipper] } },
      'podSecurityContext.seLinuxOptions.type',
      'is "spc_t", an SELinux type outside the container\'s',
    ],
    [
      '84a-8 a sidecar beside a hostNetwork Traefik whose rollout would hang too: both said',
      { hostNetwork: true, deployment: { additionalContainers: [shipper] } },
      'deployment.additionalContainers[0]',
      "runs in Traefik's pods, on the node's own network under hostNetwork",
    ],
    [
      "a Secret of kube-system through the chart's volumes[], mounted in a sidecar",
      {
        volumes: [{ name: 'k3s-serving', mountPath: '/srv', type: 'secret' }],
        deployment: { additionalContainers: [{ ...shipper, volumeMounts: [{ name: 'k3s-serving', mountPath: '/srv' }] }] },
      },
      'volumes[0].name',
      'names a Secret of kube-system that no extraObjects item makes, mounted in a container of your own (the name is not shown',
    ],
  ])('%s: refused', (_, values, at, expected) => {
    const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, chartVersion: '39.0.7', values } });
    const file = parseConfigText('config/t.yaml', stringify(config)).errors.map(line).join('\n');
    expect(file).toContain(`traefik.values.${at}: ${expected}`);
  });

  it("84a-8: the rollout problem on hostNetwork is said beside the sidecar's", () => {
    const config = withChanges(devConfig(), {
      traefik: { ...devConfig().traefik, replicas: 3, values: { hostNetwork: true, deployment: { additionalContainers: [shipper] } } },
    });
    const file = parseConfigText('config/t.yaml', stringify(config)).errors.map(line).join('\n');
    expect(file).toContain("traefik.values.deployment.additionalContainers[0]: runs in Traefik's pods");
  });

  it.each<[string, object, string]>([
    ['84a-4 persistence.path', { persistence: { path: TOKEN } }, 'persistence.path'],
    ['84a-4 persistence.path on the token file', { persistence: { path: `${TOKEN}/token` } }, 'persistence.path'],
    [
      "84a-4 a local plugin's mountPath",
      {
        experimental: {
          localPlugins: { p1: { moduleName: 'github.com/x/p', mountPath: TOKEN, type: 'hostPath', hostPath: '/opt/plugins/p' } },
        },
      },
      'experimental.localPlugins.p1.mountPath',
    ],
  ])("%s over the token folder of Traefik's container: refused as additionalVolumeMounts there are", (_, values, at) => {
    const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, chartVersion: '39.0.7', values } });
    const file = parseConfigText('config/t.yaml', stringify(config)).errors.map(line).join('\n');
    expect(file).toContain(`traefik.values.${at}: mounts a volume over ${TOKEN}`);
  });

  it.each<[string, object]>([
    ['persistence.path elsewhere', { persistence: { path: '/data' } }],
    [
      "a local plugin's volume mounted only in Traefik's container",
      {
        experimental: {
          localPlugins: {
            p1: {
              moduleName: 'github.com/x/p',
              mountPath: '/plugins-local/src/github.com/x/p',
              type: 'hostPath',
              hostPath: '/opt/plugins/p',
            },
          },
        },
      },
    ],
    [
      "the pod's RuntimeDefault seccomp beside a sidecar",
      { podSecurityContext: { seccompProfile: { type: 'RuntimeDefault' } }, deployment: { additionalContainers: [shipper] } },
    ],
  ])('%s passes', (_, values) => {
    const config = withChanges(devConfig(), { traefik: { ...devConfig().traefik, chartVersion: '39.0.7', values } });
    expect(parseConfigText('config/t.yaml', stringify(config)).errors.map(line)).toEqual([]);
  });
});

describe('round 84a, second part', () => {
  const shipper = { name: 'shipper', image: 'fluent/fluent-bit:3.0.0' };
  const configErrors = (values: object, traefik: object = {}) =>
    parseConfigText(
      'config/t.yaml',
      stringify(withChanges(devConfig(), { traefik: { ...devConfig().traefik, chartVersion: '39.0.7', ...traefik, values } })),
    ).errors.map(line);
  it.each<[string, object, string, string]>([
    [
      '84a-20 persistence.name takes the reserved name beside a sidecar',
      { persistence: { enabled: true, name: 'no-service-account-token' }, deployment: { additionalContainers: [shipper] } },
      'persistence.name',
      'names pod volume "no-service-account-token"',
    ],
    [
      '84a-20 a volumes[] name that becomes the reserved name (dots as dashes)',
      {
        volumes: [{ name: 'no.service-account-token', mountPath: '/x', type: 'configMap' }],
        deployment: { additionalContainers: [shipper] },
      },
      'volumes[0].name',
      'names pod volume "no-service-account-token"',
    ],
    [
      "84a-21 serviceAccount.name naming K3s' helm-traefik",
      { serviceAccount: { name: 'helm-traefik' }, rbac: { enabled: false } },
      'serviceAccount.name',
      'is "helm-traefik", an account kube-system already holds with rights of its own (K3s\' helm-* accounts are cluster-admin',
    ],
    [
      "84a-17 Rancher's kube-vip mirror as a sidecar",
      {
        deployment: {
          additionalContainers: [{ name: 'j', image: 'rancher/mirrored-kube-vip-kube-vip-iptables:v0.8.7', args: ['manager'] }],
        },
      },
      'deployment.additionalContainers[0].image',
      'runs kube-vip',
    ],
    [
      "84a-19 a token projected for the API server (k3s audience) is still Traefik's",
      {
        deployment: {
          additionalVolumes: [{ name: 't', projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'k3s' } }] } }],
          additionalContainers: [{ ...shipper, volumeMounts: [{ name: 't', mountPath: '/t' }] }],
        },
      },
      'deployment.additionalContainers[0].volumeMounts[0].name',
      'is "t", a projected ServiceAccount token',
    ],
  ])('%s: refused', (_, values, at, expected) => {
    expect(configErrors(values).join('\n')).toContain(`traefik.values.${at}: ${expected}`);
  });

  it('84a-20: with the reserved name taken by persistence.name, the tool adds no second volume of it (one line only)', () => {
    const errors = configErrors({
      persistence: { enabled: true, name: 'no-service-account-token' },
      deployment: { additionalContainers: [shipper] },
    });
    expect(errors).toHaveLength(1);
  });

  it.each<[string, object]>([
    [
      '84a-13 shareProcessNamespace with the chart EXAMPLES.md volume-permissions init container only',
      {
        persistence: { enabled: true },
        deployment: {
          shareProcessNamespace: true,
          initContainers: [
            {
              name: 'volume-permissions',
              image: 'busybox:1.36',
              command: ['sh', '-c', 'touch /data/acme.json; chmod -v 600 /data/acme.json'],
              volumeMounts: [{ mountPath: '/data', name: 'data' }],
            },
          ],
        },
      },
    ],
    [
      '84a-19 a Vault agent with a token projected for vault',
      {
        deployment: {
          additionalVolumes: [
            {
              name: 'vault-token',
              projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault', expirationSeconds: 600 } }] },
            },
          ],
          additionalContainers: [
            {
              name: 'vault-agent',
              image: 'hashicorp/vault:1.17',
              args: ['agent', '-config=/etc/vault/agent.hcl'],
              volumeMounts: [{ name: 'vault-token', mountPath: '/var/run/secrets/vault', readOnly: true }],
            },
          ],
        },
      },
    ],
    [
      "a serviceAccount.name of the user's own that is shipped",
      {
        serviceAccount: { name: 'traefik-sa' },
        extraObjects: [{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'traefik-sa' } }],
      },
    ],
  ])('%s passes', (_, values) => {
    expect(configErrors(values)).toEqual([]);
  });

  it("84a-15: additionalVolumes as a map is one line (the schema's), not one more per sidecar", () => {
    const errors = configErrors({
      deployment: { additionalVolumes: { logs: { emptyDir: {} } }, additionalContainers: [shipper, { ...shipper, name: 'b' }] },
    });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('traefik.values.deployment.additionalVolumes: is a map');
  });

  it("84a-15: additionalVolumes: null (Helm's none) still gets the empty folder over the token", () => {
    expect(
      written({ deployment: { additionalVolumes: null, additionalContainers: [shipper] } }).deployment.additionalContainers[0].volumeMounts,
    ).toEqual([noTokenMount]);
  });
});

describe('round 84a, third part', () => {
  const configErrors = (values: object) =>
    parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik: { ...devConfig().traefik, values } }))).errors.map(line);
  const externalSecret = (target: object, name = 'e') => ({
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: { name, namespace: 'kube-system' },
    spec: { secretStoreRef: { name: 's', kind: 'ClusterSecretStore' }, target, data: [{ secretKey: 'tls.key', remoteRef: { key: 'x' } }] },
  });
  it.each<[string, object, string]>([
    [
      "84a-23 an ExternalSecret merging into K3s' serving key",
      externalSecret({ name: 'k3s-serving', creationPolicy: 'Merge' }),
      'spec.target.name',
    ],
    [
      "84a-23 an ExternalSecret named after a node's password, no target name",
      externalSecret({}, 'k3s-1.node-password.k3s'),
      'metadata.name',
    ],
  ])('%s: refused', (_, item, at) => {
    expect(configErrors({ extraObjects: [item] }).join('\n')).toContain(`traefik.values.extraObjects[0].${at}: is "`);
    expect(configErrors({ extraObjects: [item] }).join('\n')).toContain(
      "a name K3s keeps for its own Secrets in kube-system (its serving certificate, node passwords, Helm's records, join tokens), which External Secrets would write",
    );
  });
  it('84a-23: an ExternalSecret of a name of its own passes', () => {
    expect(configErrors({ extraObjects: [externalSecret({ name: 'app-db' })] }).join('\n')).not.toContain('External Secrets would write');
  });

  it.each<[string, object]>([
    [
      'nice traefik',
      { name: 'e', image: 'traefik:v3.1', command: ['nice', '-n', '5', 'traefik'], args: ['--providers.kubernetesingress'] },
    ],
    ['env traefik', { name: 'e', image: 'traefik:v3.1', command: ['env', 'A=b', 'traefik'] }],
    [
      'a copied binary run by busybox',
      { name: 'e', image: 'busybox:1.36', command: ['/plugins/traefik'], args: ['--providers.kubernetesingress'] },
    ],
    ['tini -- traefik', { name: 'e', image: 'traefik:v3.1', command: ['tini', '--', '/usr/local/bin/traefik'] }],
  ])('84a-18 a second Traefik through %s: refused', (_, container) => {
    expect(configErrors({ deployment: { additionalContainers: [container] } }).join('\n')).toContain(
      'traefik.values.deployment.additionalContainers[0].image: is',
    );
  });
  // 85a-2: a Traefik image kept running as a sidecar is refused whatever it runs, so the copy is an init container's.
  it.each<[string, string, object]>([
    [
      'the binary copied only',
      'initContainers',
      { name: 'c', image: 'traefik:v3.1', command: ['cp', '/usr/local/bin/traefik', '/shared/traefik'] },
    ],
    [
      'nice of another program',
      'additionalContainers',
      { name: 'c', image: 'busybox:1.36', command: ['nice', '-n', '5', 'sleep', 'infinity'] },
    ],
    ['traefik version', 'additionalContainers', { name: 'c', image: 'busybox:1.36', command: ['/shared/traefik', 'version'] }],
  ])('84a-18 neighbour: %s passes', (_, list, container) => {
    expect(configErrors({ deployment: { [list]: [container] } })).toEqual([]);
  });
});

describe('a key of a text item that Helm reads as another (YAML 1.1) is refused, at every door', () => {
  const text = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, namespace: default}\ndata: ${data}\n`;
  it.each<[string, string, string[]]>([
    ['n and on', '{n: "5", on: "x"}', ['data.false: is the key "n" as written', 'data.true: is the key "on" as written']],
    ['Yes', '{Yes: "1"}', ['data.true: is the key "Yes" as written']],
  ])('%s', (_, data, expected) => {
    const { file, cluster, chart } = doors({ extraObjects: [text(data)] });
    for (const said of expected) expect(file).toContain(`traefik.values.extraObjects[0].${said}`);
    expect(file.split('\n')).toHaveLength(expected.length);
    for (const door of [cluster, chart]) expect(door).toContain('which Helm reads with sigs.k8s.io/yaml (YAML 1.1)');
  });
  it.each<[string, unknown]>([
    ['quoted keys in a text item', text('{"n": "5", "on": "x"}')],
    ['other keys in a text item', text('{nn: "5", off_peak: "x"}')],
    [
      'the same keys in a map item (read as written)',
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'default' }, data: { n: '5', on: 'x' } },
    ],
  ])('%s passes', (_, item) => {
    expect(doors({ extraObjects: [item] })).toEqual({ file: '', cluster: '', chart: '' });
  });
});

describe('round 84b: accounts kube-system holds, and Secrets K3s keeps', () => {
  const configErrors = (values: object) =>
    parseConfigText('config/t.yaml', stringify(withChanges(devConfig(), { traefik: { ...devConfig().traefik, values } }))).errors.map(line);
  it.each(['clusterrole-aggregation-controller', 'namespace-controller', 'generic-garbage-collector', 'kube-vip', 'coredns'])(
    '84b-5 serviceAccount.name %s: refused',
    (name) => {
      expect(configErrors({ serviceAccount: { name } }).join('\n')).toContain(
        `traefik.values.serviceAccount.name: is "${name}", an account kube-system already holds with rights of its own`,
      );
    },
  );
  it('84b-5: an extraObjects pod naming a kube-system controller account it declares is still refused', () => {
    const errors = configErrors({
      extraObjects: [
        { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'namespace-controller' } },
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: { serviceAccountName: 'namespace-controller', containers: [{ name: 'c', image: 'alpine:3.20' }] },
        },
      ],
    });
    expect(errors.join('\n')).toContain('traefik.values.extraObjects[1].spec.serviceAccountName: is "namespace-controller"');
  });
  it.each(['bootstrap-token-abcdef', 'chart-values-traefik'])('84b-3 an ExternalSecret writing %s in kube-system: refused', (name) => {
    const item = {
      apiVersion: 'external-secrets.io/v1beta1',
      kind: 'ExternalSecret',
      metadata: { name: 'e', namespace: 'kube-system' },
      spec: {
        secretStoreRef: { name: 's', kind: 'ClusterSecretStore' },
        target: { name, creationPolicy: 'Merge' },
        dataFrom: [{ extract: { key: 'x' } }],
      },
    };
    expect(configErrors({ extraObjects: [item] }).join('\n')).toContain(
      `spec.target.name: is "${name}", a name K3s keeps for its own Secrets in kube-system`,
    );
  });
});

describe('84b-8: a mount over the token folder is refused beside httpRoutes too', () => {
  const gatewayOnly = (values: object) => {
    const config = parse(readFileSync(join(__dirname, '..', 'config', 'examples', 'gateway.yaml'), 'utf8'));
    delete config.ingresses;
    config.traefik = { ...config.traefik, values };
    return parseConfigText('config/t.yaml', stringify(config)).errors.map(line);
  };
  it('persistence.path over the folder', () => {
    expect(gatewayOnly({ persistence: { enabled: true, path: TOKEN } }).join('\n')).toContain(
      "traefik.values.persistence.path: mounts a volume over /var/run/secrets/kubernetes.io/serviceaccount, so Traefik's API client has no token",
    );
  });
  it('a mount elsewhere passes', () => {
    expect(gatewayOnly({ persistence: { enabled: true, path: '/data' } })).toEqual([]);
  });
});

describe('84b-10: a text item is held to the entry bound a map item is', () => {
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: web}\ndata: {${data}}\n`;
  it.each<[string, string, string]>([
    ['a mapping of 1001 entries', cm([...Array(1001).keys()].map((i) => `k${i}: "v"`).join(', ')), 'holds a mapping of 1001 entries'],
    [
      '1001 documents',
      [...Array(1001).keys()].map((i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}, namespace: web}`).join('\n---\n'),
      'holds 1001 documents',
    ],
  ])('%s: refused, with the split to write', (_, text, expected) => {
    const { file } = doors({ extraObjects: [text] });
    expect(file).toContain(`traefik.values.extraObjects[0]: is text that ${expected}`);
    expect(file).toContain('split it into items of their own');
  });
  it('1000 entries pass', () => {
    expect(doors({ extraObjects: [cm([...Array(1000).keys()].map((i) => `k${i}: "v"`).join(', '))] }).file).toBe('');
  });
});
