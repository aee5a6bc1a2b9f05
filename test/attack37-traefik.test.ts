import { helmChartConfigRefusal, judgedValues } from './helpers';

/**
 * Attack rounds 36b-1/2/3/7/10/11 and 36a-11: local plugin names, pod volume names, host ports shared with
 * deployment.additionalContainers, nodePorts of extraObjects Services, ports below 1024 under hostNetwork, and messages
 * that name the written value (or a long text by its size). Judged in-process on one config (no synth).
 */
const errorsOf = (values: unknown, chart = '39.0.7') => judgedValues(values, chart).errors;
const plugin = { moduleName: 'github.com/x/y', mountPath: '/plugins-local/src/github.com/x/y', type: 'hostPath', hostPath: '/opt/p' };
const remote = { demo: { moduleName: 'github.com/x/demo', version: 'v1.0.0' } };
const side = (ports: object[], name = 'side') => ({ name, image: 'busybox:1.36', ports });
const svc = (name: string, nodePort: number, extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { type: 'NodePort', selector: { app: 'a' }, ports: [{ port: 80, nodePort, ...extra }] },
});

describe('refused', () => {
  test.each<[string, unknown, string, RegExp]>([
    // 36b-1
    [
      'quote in a local plugin',
      { experimental: { localPlugins: { 'my"plug': plugin } } },
      'experimental.localPlugins["my\\"plug"]',
      /is a key with a quote/,
    ],
    [
      'backslash in a local plugin',
      { experimental: { localPlugins: { 'my\\plug': plugin } } },
      'experimental.localPlugins["my\\\\plug"]',
      /is a key with a backslash/,
    ],
    [
      'upper-case plugin',
      { experimental: { localPlugins: { MyPlug: plugin } } },
      'experimental.localPlugins.MyPlug',
      /is local plugin "MyPlug", which the chart writes as pod volume name "MyPlug", where .*DNS-1123 label/,
    ],
    ['plugin with _', { experimental: { localPlugins: { my_plug: plugin } } }, 'experimental.localPlugins.my_plug', /DNS-1123 label/],
    // 36b-2
    [
      'plugin named tmp',
      { experimental: { localPlugins: { tmp: plugin } } },
      'experimental.localPlugins.tmp',
      /names pod volume "tmp".*the same as the chart's own volume "tmp"/,
    ],
    ['volume named tmp', { volumes: [{ name: 'tmp', mountPath: '/x', type: 'configMap' }] }, 'volumes[0].name', /names pod volume "tmp"/],
    [
      'additional volume data',
      { deployment: { additionalVolumes: [{ name: 'data', emptyDir: {} }] } },
      'deployment.additionalVolumes[0].name',
      /the same as the chart's own volume "data"/,
    ],
    ['volume My_Cm', { volumes: [{ name: 'My_Cm', mountPath: '/x', type: 'configMap' }] }, 'volumes[0].name', /is "My_Cm".*DNS-1123 label/],
    [
      'a.b then a-b',
      {
        volumes: [{ name: 'a.b', mountPath: '/x', type: 'configMap' }],
        deployment: { additionalVolumes: [{ name: 'a-b', emptyDir: {} }] },
      },
      'deployment.additionalVolumes[0].name',
      /names pod volume "a-b", the same as traefik\.values\.volumes\[0\]\.name/,
    ],
    [
      'renamed persistence',
      { persistence: { name: 'store' }, deployment: { additionalVolumes: [{ name: 'store', emptyDir: {} }] } },
      'deployment.additionalVolumes[0].name',
      /the same as traefik\.values\.persistence\.name/,
    ],
    // 36b-3
    [
      'sidecar hostPort of web',
      { ports: { web: { hostPort: 8000 } }, deployment: { additionalContainers: [side([{ containerPort: 9999, hostPort: 8000 }])] } },
      'deployment.additionalContainers[0].ports[0].hostPort',
      /opens host port 8000\/TCP .* the same as ports\.web/,
    ],
    [
      'two sidecars',
      {
        deployment: {
          additionalContainers: [side([{ containerPort: 1, hostPort: 7000 }]), side([{ containerPort: 2, hostPort: 7000 }], 'b')],
        },
      },
      'deployment.additionalContainers[1].ports[0].hostPort',
      /the same as deployment\.additionalContainers\[0\]\.ports\[0\]/,
    ],
    // 36b-7
    [
      'extra nodePort of web',
      { ports: { web: { nodePort: 30080 } }, extraObjects: [svc('np', 30080)] },
      'extraObjects[0].spec.ports[0].nodePort',
      /is 30080\/TCP, the nodePort of Service "np", but ports\.web\.nodePort/,
    ],
    [
      'two extra nodePorts',
      { extraObjects: [svc('np', 30080), svc('np2', 30080, { port: 81, protocol: 'UDP' })] },
      'extraObjects[1].spec.ports[0].nodePort',
      /already takes node port 30080/,
    ],
    [
      'extra nodePort 32768',
      { extraObjects: [svc('np', 32768)] },
      'extraObjects[0].spec.ports[0].nodePort',
      /is 32768, .*only 30000 to 32767 \(K3s' default service-node-port-range\)/,
    ],
    // 36b-10
    [
      'hostNetwork on 80',
      { hostNetwork: true, ports: { web: { port: 80 } } },
      'ports.web.port',
      /is 80, .*hostNetwork.*securityContext: \{runAsUser: 0, runAsNonRoot: false, capabilities: \{add: \[NET_BIND_SERVICE\]\}\}/,
    ],
    [
      'root that drops ALL',
      { hostNetwork: true, ports: { websecure: { port: 443 } }, podSecurityContext: { runAsUser: 0, runAsNonRoot: false } },
      'ports.websecure.port',
      /is 443, /,
    ],
    // 36b-11 a14
    [
      'httpChallenge on UDP',
      {
        ports: { web: { protocol: 'UDP' } },
        certificatesResolvers: { le: { acme: { email: 'a@b.io', storage: '/data/acme.json', httpChallenge: { entryPoint: 'web' } } } },
      },
      'certificatesResolvers.le',
      /entrypoint web, which is UDP/,
    ],
    // 36b-11 h3
    [
      'healthchecksPort text on a schema that refuses it',
      { deployment: { healthchecksPort: 'web' } },
      'deployment.healthchecksPort',
      /is "web", a text .*values schema/,
    ],
    // 36a-11
    ['long kind', { deployment: { kind: 'Deploy' + 'a'.repeat(100) } }, 'deployment.kind', /is a text of 106 characters/],
    ['long tag', { image: { tag: 'v3.' + 'a'.repeat(100) } }, 'image.tag', /is a text of 103 characters/],
  ])('%s', (_name, values, key, pattern) => {
    refusedAt(values, '39.0.7', key, pattern);
  });

  // The chart's own volumes after the user's: "plugins" (chart-versions.ts pluginStorage) and "traefik-extra-config".
  test.each<[string, string, unknown, string, RegExp]>([
    [
      '39.0.7',
      'volume named plugins',
      { experimental: { plugins: remote }, volumes: [{ name: 'plugins', mountPath: '/x', type: 'configMap' }] },
      'volumes[0].name',
      /names pod volume "plugins", the same as the chart's own volume "plugins"/,
    ],
    [
      '33.0.2',
      'additional volume plugins before v33.1.0',
      { experimental: { plugins: remote }, deployment: { additionalVolumes: [{ name: 'plugins', emptyDir: {} }] } },
      'deployment.additionalVolumes[0].name',
      /the same as the chart's own volume "plugins"/,
    ],
    [
      '39.0.7',
      'volume named traefik-extra-config',
      {
        providers: { file: { enabled: true, content: 'x: 1' } },
        deployment: { additionalVolumes: [{ name: 'traefik-extra-config', emptyDir: {} }] },
      },
      'deployment.additionalVolumes[0].name',
      /the same as the chart's own volume "traefik-extra-config"/,
    ],
  ])('chart %s: %s', (chart, _name, values, key, pattern) => refusedAt(values, chart, key, pattern));

  function refusedAt(values: unknown, chart: string, key: string, pattern: RegExp) {
    const errors = errorsOf(values, chart);
    const prefix = `traefik.values.${key}: `;
    expect(errors.filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length))).toContainEqual(expect.stringMatching(pattern));
  }

  test.each([['34.2.0'], ['41.3.0']])('chart %s: a healthchecksPort name is shown as written', (chart) => {
    const errors = errorsOf({ deployment: { healthchecksPort: 'web' } }, chart);
    expect(errors.join('\n')).toMatch(/deployment\.healthchecksPort: is "web"/);
  });

  test('36a-11: a long entrypoint name is named by its size in the message', () => {
    const errors = errorsOf({ ports: { ['x'.repeat(100)]: { port: 8000, protocol: 'SCTP' } } });
    const protocol = errors.find((e) => e.includes('protocol: '))!;
    expect(protocol).toMatch(/entrypoint \(a text of 100 characters\) \(\/sctp\)/);
    expect(protocol).toMatch(/^traefik\.values\.ports\.\(a text of 100 characters\)\.protocol: /);
    expect(protocol).not.toContain('x'.repeat(81));
  });
});

test('36a-11: a long local plugin name is named by its size in the chart failure it quotes', () => {
  const long = 'p'.repeat(100);
  const errors = errorsOf({ experimental: { localPlugins: { [long]: { mountPath: '/p', type: 'hostPath', hostPath: '/opt/p' } } } });
  const missing = errors.find((e) => e.includes('is missing moduleName'))!;
  expect(missing).toMatch(/local plugin \(a text of 100 characters\) is missing moduleName/);
  expect(missing).not.toContain(long);
});

test.each<[unknown, RegExp]>([
  [{ experimental: { localPlugins: { MyPlug: plugin } } }, /values\.experimental\.localPlugins\.MyPlug is local plugin "MyPlug"/],
  [
    { ports: { web: { hostPort: 8000 } }, deployment: { additionalContainers: [side([{ containerPort: 9999, hostPort: 8000 }])] } },
    /values\.deployment\.additionalContainers\[0\]\.ports\[0\]\.hostPort opens host port 8000\/TCP/,
  ],
  [{ extraObjects: [svc('np', 32768)] }, /values\.extraObjects\[0\]\.spec\.ports\[0\]\.nodePort is 32768/],
  [{ hostNetwork: true, ports: { web: { port: 80 } } }, /values\.ports\.web\.port is 80, .*securityContext: \{runAsUser: 0/],
])('the TraefikHelmChartConfig door refuses it too: %j', (values, pattern) => {
  expect(helmChartConfigRefusal({ chartVersion: '39.0.7', values })).toMatch(pattern);
});

describe('controls: accepted', () => {
  test.each<[string, unknown, string]>([
    ['a dotted plugin name', { experimental: { localPlugins: { 'my.plug': plugin } } }, '39.0.7'],
    [
      'a localPath plugin named tmp (no volume from v37.4.0)',
      {
        experimental: {
          localPlugins: { tmp: { moduleName: 'github.com/x/y', mountPath: '/p', type: 'localPath', volumeName: 'plugins-vol' } },
        },
        deployment: { additionalVolumes: [{ name: 'plugins-vol', emptyDir: {} }] },
      },
      '39.0.7',
    ],
    [
      'distinct volumes',
      {
        volumes: [{ name: 'my.cm', mountPath: '/x', type: 'configMap' }],
        deployment: { additionalVolumes: [{ name: 'extra', emptyDir: {} }] },
      },
      '39.0.7',
    ],
    [
      'sidecar on another host port',
      { ports: { web: { hostPort: 8000 } }, deployment: { additionalContainers: [side([{ containerPort: 9999, hostPort: 8001 }])] } },
      '39.0.7',
    ],
    [
      'sidecar hostPort over UDP',
      {
        ports: { web: { hostPort: 8000 } },
        deployment: { additionalContainers: [side([{ containerPort: 9999, hostPort: 8000, protocol: 'UDP' }])] },
      },
      '39.0.7',
    ],
    [
      'one extra Service on TCP and UDP',
      {
        extraObjects: [
          {
            ...svc('dns', 30053),
            spec: {
              type: 'NodePort',
              selector: { app: 'a' },
              ports: [
                { name: 'a', port: 53, nodePort: 30053 },
                { name: 'b', port: 53, protocol: 'UDP', nodePort: 30053 },
              ],
            },
          },
        ],
      },
      '39.0.7',
    ],
    ['extra nodePorts apart', { ports: { web: { nodePort: 30080 } }, extraObjects: [svc('np', 30081)] }, '39.0.7'],
    [
      // A non-root Traefik needs a file capability too (attack round 39b-7): root here.
      'hostNetwork with NET_BIND_SERVICE as root',
      {
        hostNetwork: true,
        ports: { web: { port: 80 } },
        securityContext: { runAsUser: 0, runAsNonRoot: false, capabilities: { add: ['NET_BIND_SERVICE'] } },
      },
      '39.0.7',
    ],
    ['hostNetwork on the default ports', { hostNetwork: true }, '39.0.7'],
    [
      'additional volume plugins from v33.1.0 (the chart then writes none)',
      { experimental: { plugins: remote }, deployment: { additionalVolumes: [{ name: 'plugins', emptyDir: {} }] } },
      '39.0.7',
    ],
    ['volume named plugins without experimental.plugins', { volumes: [{ name: 'plugins', mountPath: '/x', type: 'configMap' }] }, '39.0.7'],
    ['healthchecksPort by number', { deployment: { healthchecksPort: 8080 } }, '39.0.7'],
  ])('%s', (_name, values, chart) => {
    expect(errorsOf(values, chart)).toEqual([]);
  });
});
