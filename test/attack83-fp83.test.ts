import { stringify } from 'yaml';
import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { devConfig, REFERENCE_K3S, withChanges, withTraefikValues } from './helpers';
import { deploymentOf } from './traefik-fixtures';
import { bypassesProxy } from '../src/traefik/api-client-env';

/**
 * Round 82 (attacker a), fix wave 83 (fp83): Traefik's proxy env judged as the container gets it, envFrom sources of
 * extraObjects included (82a-5), each variable read as Go reads it, upper-case first (82a-6), a NO_PROXY `ip:port`
 * entry (82a-7); a kube-vip.io/serviceInterface on a second NIC or VLAN (82a-11); a keepalived exporter (82a-13); a
 * volume over the ServiceAccount token's file (82a-22); an entrypoint middleware no provider defines (82a-23).
 */
const SECRET = 'Hx7kQ2mZpW9vLt4R';
const diagnosticsOf = (values: object, patch: object = {}) => {
  const parsed = parseConfigText(
    'config/t.yaml',
    stringify(withTraefikValues(values, {}, withChanges(withChanges(devConfig(), { k3s: REFERENCE_K3S }), patch))),
  );
  return { errors: parsed.errors.map(formatDiagnostic), warnings: parsed.warnings.map(formatDiagnostic) };
};
const errorsOf = (values: object, patch: object = {}) => diagnosticsOf(values, patch).errors;

const ignored = 'Traefik ignores the 1 Ingress(es) of ingresses[]';
const proxied = "sends Traefik's API requests to this cluster's API server (10.43.0.1) through that proxy";
const configMap = (name: string, data: Record<string, string>, namespace = 'kube-system') => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace },
  data,
});
const env = (...pairs: Array<[string, string]>) => ({ env: pairs.map(([name, value]) => ({ name, value })) });
const fromConfigMap = (data: Record<string, string>, more: object = {}) => ({
  envFrom: [{ configMapRef: { name: 'proxy-env' } }],
  extraObjects: [configMap('proxy-env', data)],
  ...more,
});
const tokenVolume = (mountPath: string) => ({
  deployment: { additionalVolumes: [{ name: 'sa', emptyDir: {} }] },
  additionalVolumeMounts: [{ name: 'sa', mountPath }],
});
const websecureMiddlewares = (middlewares: string[], more: object = {}) => ({
  ports: { websecure: { http: { middlewares } } },
  ...more,
});
const fileMiddleware = (name: string) => ({
  providers: {
    file: { enabled: true, content: stringify({ http: { middlewares: { [name]: { headers: { customRequestHeaders: { a: 'b' } } } } } }) },
  },
});
const keepalivedPod = (...images: string[]) =>
  deploymentOf({ containers: images.map((image, i) => ({ name: `c${i}`, image, args: ['--ka.pid-path=/var/run/keepalived.pid'] })) });

// [case, traefik.values, config patch, key path below traefik.values and words of its message (undefined: passes)]
const ROWS: Array<[string, object, object, [string, string[]] | undefined]> = [
  // 82a-5: envFrom sources of extraObjects, and valueFrom references to them, are read as the container gets them.
  [
    '82a-5: HTTPS_PROXY through envFrom of an extraObjects ConfigMap',
    fromConfigMap({ HTTPS_PROXY: 'http://proxy:3128' }),
    {},
    ['extraObjects[0].data.HTTPS_PROXY', ['envFrom[0]', proxied, 'NO_PROXY does not list it', ignored, 'add 10.43.0.1']],
  ],
  [
    '82a-5: HTTPS_PROXY through envFrom with a NO_PROXY that misses the service network',
    fromConfigMap({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '.svc,.cluster.local' }),
    {},
    ['extraObjects[0].data.HTTPS_PROXY', [proxied]],
  ],
  [
    'neighbour: envFrom giving HTTPS_PROXY and a NO_PROXY with the service CIDR',
    fromConfigMap({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: '10.43.0.0/16,.svc' }),
    {},
    undefined,
  ],
  [
    'neighbour: envFrom HTTPS_PROXY, env NO_PROXY listing the API server',
    fromConfigMap({ HTTPS_PROXY: 'http://proxy:3128' }, env(['NO_PROXY', '10.43.0.1'])),
    {},
    undefined,
  ],
  [
    "neighbour: env's empty HTTPS_PROXY overrides the envFrom one",
    fromConfigMap({ HTTPS_PROXY: 'http://proxy:3128' }, env(['HTTPS_PROXY', ''])),
    {},
    undefined,
  ],
  [
    '82a-5: HTTPS_PROXY through envFrom with a prefix',
    {
      envFrom: [{ prefix: 'HTTPS_', configMapRef: { name: 'proxy-env' } }],
      extraObjects: [configMap('proxy-env', { PROXY: 'http://proxy:3128' })],
    },
    {},
    ['extraObjects[0].data.PROXY', ['envFrom[0]', proxied]],
  ],
  [
    '82a-5: https_proxy through envFrom of an extraObjects Secret (stringData)',
    {
      envFrom: [{ secretRef: { name: 'proxy-env' } }],
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'proxy-env', namespace: 'kube-system' },
          stringData: { https_proxy: 'http://proxy:3128' },
        },
      ],
    },
    {},
    ['extraObjects[0].stringData.https_proxy', ['envFrom[0]', proxied]],
  ],
  [
    'neighbour: envFrom of a ConfigMap in another namespace (not the one Traefik reads)',
    {
      envFrom: [{ configMapRef: { name: 'proxy-env' } }],
      extraObjects: [configMap('proxy-env', { HTTPS_PROXY: 'http://proxy:3128' }, 'default')],
    },
    {},
    undefined,
  ],
  [
    '82a-5: NO_PROXY from configMapKeyRef of an extraObjects ConfigMap that misses the API server',
    {
      env: [
        { name: 'HTTPS_PROXY', valueFrom: { secretKeyRef: { name: 'proxy', key: 'url' } } },
        { name: 'NO_PROXY', valueFrom: { configMapKeyRef: { name: 'proxy-env', key: 'NO_PROXY' } } },
      ],
      extraObjects: [configMap('proxy-env', { NO_PROXY: '.svc' })],
    },
    {},
    ['env[0]', [proxied]],
  ],
  [
    'neighbour: NO_PROXY from configMapKeyRef of an extraObjects ConfigMap listing the API server',
    {
      env: [
        { name: 'HTTPS_PROXY', valueFrom: { secretKeyRef: { name: 'proxy', key: 'url' } } },
        { name: 'NO_PROXY', valueFrom: { configMapKeyRef: { name: 'proxy-env', key: 'NO_PROXY' } } },
      ],
      extraObjects: [configMap('proxy-env', { NO_PROXY: '10.43.0.1,.svc' })],
    },
    {},
    undefined,
  ],
  [
    'neighbour: NO_PROXY from a ConfigMap this config does not write is taken as listing it',
    {
      env: [
        { name: 'HTTPS_PROXY', value: 'http://proxy:3128' },
        { name: 'NO_PROXY', valueFrom: { configMapKeyRef: { name: 'elsewhere', key: 'NO_PROXY' } } },
      ],
    },
    {},
    undefined,
  ],
  [
    '82a-5: KUBERNETES_SERVICE_HOST through envFrom naming another server',
    fromConfigMap({ KUBERNETES_SERVICE_HOST: '10.99.0.1' }),
    {},
    ['extraObjects[0].data.KUBERNETES_SERVICE_HOST', ['KUBERNETES_SERVICE_HOST', '"10.99.0.1"', 'envFrom[0]', ignored]],
  ],
  [
    "neighbour: KUBERNETES_SERVICE_HOST through envFrom naming this cluster's",
    fromConfigMap({ KUBERNETES_SERVICE_HOST: '10.43.0.1' }),
    {},
    undefined,
  ],
  // 82a-6: Go reads HTTPS_PROXY, then https_proxy when it is empty (golang.org/x/net/http/httpproxy getEnvAny); NO_PROXY alike.
  [
    '82a-6 A: HTTPS_PROXY set and https_proxy empty',
    env(['HTTPS_PROXY', 'http://proxy:3128'], ['https_proxy', '']),
    {},
    ['env[0]', [proxied]],
  ],
  [
    '82a-6 B: NO_PROXY listing the service CIDR and no_proxy empty',
    env(['HTTPS_PROXY', 'http://proxy:3128'], ['NO_PROXY', '10.43.0.0/16'], ['no_proxy', '']),
    {},
    undefined,
  ],
  [
    'neighbour: NO_PROXY empty, no_proxy listing the service CIDR',
    env(['HTTPS_PROXY', 'http://proxy:3128'], ['NO_PROXY', ''], ['no_proxy', '10.43.0.0/16']),
    {},
    undefined,
  ],
  [
    '82a-6: NO_PROXY missing the API server wins over a no_proxy that lists it',
    env(['HTTPS_PROXY', 'http://proxy:3128'], ['no_proxy', '10.43.0.0/16'], ['NO_PROXY', '.svc']),
    {},
    ['env[0]', [proxied]],
  ],
  [
    'neighbour: HTTPS_PROXY empty, https_proxy set, no NO_PROXY',
    env(['HTTPS_PROXY', ''], ['https_proxy', 'http://proxy:3128']),
    {},
    ['env[1]', [proxied]],
  ],
  // 82a-7: a NO_PROXY entry `ip:port` bypasses the proxy for that address on that port (httpproxy ipMatch).
  [
    '82a-7: NO_PROXY 10.43.0.1:443',
    env(['HTTPS_PROXY', 'http://proxy:3128'], ['NO_PROXY', '10.43.0.1:443,.svc,.cluster.local']),
    {},
    undefined,
  ],
  [
    'neighbour: NO_PROXY 10.43.0.1:6443 (another port than the kubernetes Service)',
    env(['HTTPS_PROXY', 'http://proxy:3128'], ['NO_PROXY', '10.43.0.1:6443,.svc']),
    {},
    ['env[0]', [proxied]],
  ],
  [
    'neighbour: NO_PROXY naming the kubernetes Service by DNS (client-go dials the IP)',
    env(['HTTPS_PROXY', 'http://proxy:3128'], ['NO_PROXY', 'kubernetes.default.svc']),
    {},
    ['env[0]', [proxied]],
  ],
  // 82a-11: the annotation may name a second NIC or VLAN of the servers.
  [
    "82a-11: serviceInterface on a VLAN of the servers' NIC",
    { service: { annotations: { 'kube-vip.io/serviceInterface': 'eth0.100' } } },
    {},
    undefined,
  ],
  ['82a-11: serviceInterface on a second NIC', { service: { annotations: { 'kube-vip.io/serviceInterface': 'eth1' } } }, {}, undefined],
  [
    'neighbour: serviceInterface breaking the interface name rule',
    { service: { annotations: { 'kube-vip.io/serviceInterface': 'eth 0' } } },
    {},
    ['service.annotations["kube-vip.io/serviceInterface"]', ['"eth 0"']],
  ],
  // 82a-22: a mount over the token's file (or the CA's) is a mount over what the token volume gives.
  [
    '82a-22: a volume over the ServiceAccount token file',
    tokenVolume('/var/run/secrets/kubernetes.io/serviceaccount/token'),
    {},
    [
      'additionalVolumeMounts[0].mountPath',
      ['/var/run/secrets/kubernetes.io/serviceaccount', 'token', 'as rbac.enabled false, refused alike', ignored],
    ],
  ],
  [
    '82a-22: a volume over the ServiceAccount CA file',
    tokenVolume('/var/run/secrets/kubernetes.io//serviceaccount/ca.crt'),
    {},
    ['additionalVolumeMounts[0].mountPath', ['/var/run/secrets/kubernetes.io/serviceaccount', ignored]],
  ],
  [
    "82a-22: the chart's volumes[] over the token file",
    { volumes: [{ name: 'proxy-env', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount/token', type: 'configMap' }] },
    {},
    ['volumes[0].mountPath', ['/var/run/secrets/kubernetes.io/serviceaccount']],
  ],
  ['neighbour: a volume over the folder above the token', tokenVolume('/var/run/secrets/kubernetes.io'), {}, undefined],
  ['neighbour: a volume beside the token folder', tokenVolume('/var/run/secrets/kubernetes.io/serviceaccount-extra'), {}, undefined],
  // 82a-23: an entrypoint middleware the file provider does not define drops every router of the entrypoint.
  [
    '82a-23: websecure middleware nope@file with no file provider',
    websecureMiddlewares(['nope@file']),
    {},
    [
      'ports.websecure.http.middlewares',
      ['item 1', '"nope@file"', 'file provider', 'every router on entrypoint websecure', 'middleware does not exist'],
    ],
  ],
  [
    '82a-23: the same through the flag',
    { additionalArguments: ['--entrypoints.websecure.http.middlewares=nope@file'] },
    {},
    ['additionalArguments[0]', ['item 1', '"nope@file"', 'every router on entrypoint websecure']],
  ],
  [
    '82a-23: a file provider that defines another middleware',
    websecureMiddlewares(['headers@file', 'nope@file'], fileMiddleware('headers')),
    {},
    ['ports.websecure.http.middlewares', ['item 2', '"nope@file"', 'every router on entrypoint websecure']],
  ],
  ['neighbour: a middleware the file provider defines', websecureMiddlewares(['headers@file'], fileMiddleware('headers')), {}, undefined],
  [
    'neighbour: a file provider reading a directory this tool cannot trace is not judged',
    websecureMiddlewares(['nope@file'], { additionalArguments: ['--providers.file.directory=/etc/traefik/dynamic'] }),
    {},
    undefined,
  ],
  [
    "neighbour: a file mounted beside the chart's own file-provider file is not judged",
    websecureMiddlewares(['extra@file'], {
      ...fileMiddleware('headers'),
      deployment: { additionalVolumes: [{ name: 'more', configMap: { name: 'more' } }] },
      additionalVolumeMounts: [{ name: 'more', mountPath: '/etc/traefik/dynamic/more.yml', subPath: 'more.yml' }],
    }),
    {},
    undefined,
  ],
  [
    'neighbour: a CRD Middleware among the extraObjects',
    websecureMiddlewares(['kube-system-hdr@kubernetescrd'], {
      extraObjects: [
        {
          apiVersion: 'traefik.io/v1alpha1',
          kind: 'Middleware',
          metadata: { name: 'hdr', namespace: 'kube-system' },
          spec: { headers: { customRequestHeaders: { a: 'b' } } },
        },
      ],
    }),
    {},
    undefined,
  ],
];

describe('fp83: rules judge what the container, kube-vip and Traefik will do', () => {
  test.each(ROWS)('%s', (_case, values, patch, expected) => {
    const errors = errorsOf(values, patch);
    if (!expected) {
      expect(errors).toEqual([]);
      return;
    }
    const [key, words] = expected;
    const line = errors.find((error) => error.includes(`traefik.values.${key}: `));
    expect(line).toBeDefined();
    for (const word of words) expect(line).toContain(word);
  });
});

describe('82a-5: a proxy URL from a Secret is judged, never shown', () => {
  test('an https_proxy with credentials in an envFrom Secret is refused without its password', () => {
    const values = {
      envFrom: [{ secretRef: { name: 'proxy-env' } }],
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'proxy-env', namespace: 'kube-system' },
          data: { HTTPS_PROXY: Buffer.from(`http://u:${SECRET}@proxy:3128`).toString('base64') },
        },
      ],
    };
    const errors = errorsOf(values).join('\n');
    expect(errors).toContain(`traefik.values.extraObjects[0].data.HTTPS_PROXY: `);
    expect(errors).toContain(proxied);
    expect(errors).not.toContain(SECRET);
    expect(errors).not.toContain(Buffer.from(`http://u:${SECRET}@proxy:3128`).toString('base64'));
  });
  test('a KUBERNETES_SERVICE_HOST from a Secret names no value', () => {
    const values = {
      envFrom: [{ secretRef: { name: 'api' } }],
      extraObjects: [
        {
          apiVersion: 'v1',
          kind: 'Secret',
          metadata: { name: 'api', namespace: 'kube-system' },
          stringData: { KUBERNETES_SERVICE_HOST: SECRET },
        },
      ],
    };
    const errors = errorsOf(values).join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0].stringData.KUBERNETES_SERVICE_HOST: ');
    expect(errors).not.toContain(SECRET);
  });
});

describe("82a-11: a Traefik VIP on a services VLAN is not held to the servers' LAN", () => {
  const vlan = (nic: string, vip = '192.168.100.41') => [
    { service: { annotations: { 'kube-vip.io/serviceInterface': nic } } },
    { traefik: { loadBalancerIPs: [vip] } },
  ];
  const lanWords = "is not in the servers' 192.168.0.0/24";
  test('eth0.100 with a VIP of its own subnet passes', () => {
    const [values, patch] = vlan('eth0.100');
    expect(errorsOf(values, patch)).toEqual([]);
  });
  test('with k3s.nodeCidr set, the VLAN VIP passes too', () => {
    const [values, patch] = vlan('eth0.100');
    expect(errorsOf(values, withChanges(patch, { k3s: { nodeCidr: '192.168.0.0/24' } }))).toEqual([]);
  });
  test("the servers' own NIC named in the annotation keeps the LAN rule", () => {
    const [values, patch] = vlan('eth0');
    const errors = errorsOf(values, patch).join('\n');
    expect(errors).toContain('traefik.loadBalancerIPs[0]: ');
    expect(errors).toContain(lanWords);
  });
  test('no annotation keeps the LAN rule', () => {
    const errors = errorsOf({}, { traefik: { loadBalancerIPs: ['192.168.100.41'] } }).join('\n');
    expect(errors).toContain(lanWords);
  });
  test("a VLAN VIP that is a server's address is still refused", () => {
    const [values, patch] = vlan('eth0.100', '192.168.0.12');
    expect(errorsOf(values, patch).join('\n')).toContain('is the address of node k3s-2');
  });
  test("a VLAN VIP inside K3s' service network is still refused", () => {
    const [values, patch] = vlan('eth0.100', '10.43.0.50');
    expect(errorsOf(values, patch).join('\n')).toContain('lies inside');
  });
});

describe('82a-11: kubeVip.interface is unchanged', () => {
  test('kubeVip.interface contradicting a server is still refused', () => {
    const errors = errorsOf({}, { kubeVip: { interface: 'eth1' } }).join('\n');
    expect(errors).toContain('k3s.servers[0].interface: "eth0" contradicts kubeVip.interface "eth1"');
  });
});

describe('82a-13: a keepalived exporter reads keepalived, it announces nothing', () => {
  const announcer = 'that announces addresses beside kube-vip';
  test.each([
    ['ghcr.io/mehdy/keepalived-exporter:1.4.0'],
    ['docker.io/gen2brain/keepalived_exporter:0.5.0'],
    ['quay.io/cafebazaar/keepalived-exporter@sha256:' + 'a'.repeat(64)],
  ])('%s passes', (image) => {
    expect(errorsOf(keepalivedPod(image)).join('\n')).not.toContain(announcer);
  });
  test.each([
    ['osixia/keepalived:2.0.20', 'containers[0]'],
    ['kubesphere/kube-keepalived-vip:0.35', 'containers[0]'],
    ['registry.example.com/keepalived_exporter-and-keepalived:1', 'containers[0]'],
  ])('%s is still refused', (image, container) => {
    const errors = errorsOf(keepalivedPod(image)).join('\n');
    expect(errors).toContain('traefik.values.extraObjects[0]: ');
    expect(errors).toContain(announcer);
    expect(errors).toContain(container);
  });
  test('keepalived beside its exporter in one pod is refused for keepalived', () => {
    const errors = errorsOf(keepalivedPod('ghcr.io/mehdy/keepalived-exporter:1.4.0', 'osixia/keepalived:2.0.20')).join('\n');
    expect(errors).toContain(announcer);
    expect(errors).toContain('spec.template.spec.containers[1]');
    expect(errors).toContain('osixia/keepalived:2.0.20');
  });
});

describe('82a-23: an entrypoint CRD middleware defined outside this config is not refused', () => {
  test('kube-system-missing@kubernetescrd is no error', () => {
    const errors = errorsOf(websecureMiddlewares(['kube-system-missing@kubernetescrd']));
    expect(errors).toEqual([]);
  });
});

describe('82a-7: NO_PROXY entries as Go http/httpproxy parses them', () => {
  test.each([
    [['10.43.0.1:443'], '10.43.0.1', true],
    [['10.43.0.1:'], '10.43.0.1', true],
    [['10.43.0.1:6443'], '10.43.0.1', false],
    [['10.43.0.0/16'], '10.43.0.1', true],
    [['*'], '10.43.0.1', true],
    [['[fd00:43::1]:443'], 'fd00:43::1', true],
    [['fd00:43::1'], 'fd00:43::1', true],
    [['[fd00:43::1]:8443'], 'fd00:43::1', false],
    [['[fd00:43::1]'], 'fd00:43::1', false],
    [['kubernetes.default.svc:443'], '10.43.0.1', false],
  ])('%j for %s: %s', (noProxy, ip, bypassed) => {
    expect(bypassesProxy(noProxy, ip)).toBe(bypassed);
  });
});
