import { judgedValues } from './helpers';
import { deploymentOf } from './traefik-fixtures';

/**
 * Attack round 38b-1 to 38b-8: texts the chart writes unquoted that YAML reads as another value, Traefik's mount paths
 * twice and mounts of no volume, the same mount rules and CAP_ names in the pod's other containers and in extraObjects
 * workloads, a capability both added and dropped, messages, and volume items that are no map. Judged in-process.
 */
const errorsOf = (values: object, chart = '41.3.0') => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, chart).errors;
const port = { port: 9001, expose: { default: false }, exposedPort: 9001, protocol: 'TCP' };
const deployment = deploymentOf;
const mounted = (mounts: object[], extra: object = {}) =>
  deployment({
    volumes: [{ name: 'v', emptyDir: {} }],
    containers: [{ name: 'c', image: 'busybox:1.36', volumeMounts: mounts, ...extra }],
  });
const withCaps = (list: string, add: string[]) => ({
  name: 's',
  image: 'busybox:1.36',
  securityContext: { capabilities: { [list]: add } },
});
const hostNetwork = (capabilities: object) => ({
  updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  hostNetwork: true,
  ports: { web: { port: 80 } },
  securityContext: { capabilities },
});
const SPEC = 'extraObjects[0].spec.template.spec';

describe('refused', () => {
  test.each<[string, object, string, RegExp]>([
    // 38b-1: unquoted texts
    [
      'persistence.name 123',
      { persistence: { name: '123' } },
      'persistence.name',
      /is "123", which the chart writes unquoted.*as a number/,
    ],
    ['persistence.name yes', { persistence: { name: 'yes' } }, 'persistence.name', /as a boolean/],
    ['persistence.name null text', { persistence: { name: 'null' } }, 'persistence.name', /as null/],
    ['persistence.name 0x10', { persistence: { name: '0x10' } }, 'persistence.name', /as a number/],
    ['persistence.name 1e3', { persistence: { name: '1e3' } }, 'persistence.name', /as a number/],
    ['persistence.path ~', { persistence: { path: '~' } }, 'persistence.path', /is "~", which the chart writes unquoted.*as null/],
    ['persistence.path null text', { persistence: { path: 'null' } }, 'persistence.path', /as null/],
    ['persistence.path blank', { persistence: { path: ' ' } }, 'persistence.path', /as null/],
    ['persistence.path #x', { persistence: { path: '#x' } }, 'persistence.path', /YAML syntax/],
    [
      'hub.tokenMountPath blank-padded 123',
      { hub: { token: 'abc', tokenMountPath: ' 123 ' } },
      'hub.tokenMountPath',
      /is " 123 ".*as a number/,
    ],
    [
      'volumes mountPath blank-padded null',
      { volumes: [{ name: 'ab', mountPath: ' null', type: 'secret' }] },
      'volumes[0].mountPath',
      /as null/,
    ],
    ['persistence.path trailing blank', { persistence: { path: '/data ' } }, 'persistence.path', /without its leading and trailing blanks/],
    ['persistence.path ": "', { persistence: { path: '/a: b' } }, 'persistence.path', /YAML syntax/],
    ['volumes name 123', { volumes: [{ name: '123', mountPath: '/a', type: 'secret' }] }, 'volumes[0].name', /as a number/],
    ['volumes name on', { volumes: [{ name: 'on', mountPath: '/a', type: 'configMap' }] }, 'volumes[0].name', /as a boolean/],
    ['volumes mountPath ~', { volumes: [{ name: 'ab', mountPath: '~', type: 'configMap' }] }, 'volumes[0].mountPath', /as null/],
    ['volumes mountPath blank', { volumes: [{ name: 'ab', mountPath: ' ', type: 'configMap' }] }, 'volumes[0].mountPath', /as null/],
    ['volumes mountPath *x', { volumes: [{ name: 'ab', mountPath: '*x', type: 'configMap' }] }, 'volumes[0].mountPath', /YAML syntax/],
    ['hub.tokenMountPath ~', { hub: { token: 'abc', tokenMountPath: '~' } }, 'hub.tokenMountPath', /as null/],
    ['hub.token 123', { hub: { token: '123' } }, 'hub.token', /secretName.*as a number/],
    ['port name yes', { ports: { yes: port } }, 'ports.yes', /writes unquoted as port name "yes", so .*as a boolean/],
    ['port name NULL', { ports: { NULL: port } }, 'ports.NULL', /port name "null".*as null/],
    ['volumes name number', { volumes: [{ name: 123, mountPath: '/a', type: 'secret' }] }, 'volumes[0].name', /is 123, not a text.*tpl/],
    [
      'additionalVolumes name number',
      { deployment: { additionalVolumes: [{ name: 123, emptyDir: {} }] } },
      'deployment.additionalVolumes[0].name',
      /is 123, not a text/,
    ],
    // 38b-2: mount paths
    [
      'volumes at /tmp',
      { volumes: [{ name: 'a', mountPath: '/tmp', type: 'secret' }] },
      'volumes[0].mountPath',
      /mounts at "\/tmp".*the chart's own mount "\/tmp"/,
    ],
    [
      'volumes at /data',
      { volumes: [{ name: 'a', mountPath: '/data', type: 'secret' }] },
      'volumes[0].mountPath',
      /the chart's own mount "\/data" \(traefik\.values\.persistence\.path, unset\)/,
    ],
    [
      'two volumes at /x',
      {
        volumes: [
          { name: 'a', mountPath: '/x', type: 'secret' },
          { name: 'b', mountPath: '/x', type: 'secret' },
        ],
      },
      'volumes[1].mountPath',
      /the same path as traefik\.values\.volumes\[0\]\.mountPath/,
    ],
    ['persistence.path /tmp', { persistence: { path: '/tmp' } }, 'persistence.path', /the same path as the chart's own mount "\/tmp"/],
    [
      'hub.tokenMountPath /data',
      { hub: { token: 'abc', tokenMountPath: '/data' } },
      'hub.tokenMountPath',
      /the same path as the chart's own mount "\/data"/,
    ],
    [
      'localPlugins at /tmp',
      { experimental: { localPlugins: { p: { moduleName: 'github.com/a/b', mountPath: '/tmp', type: 'hostPath', hostPath: '/x' } } } },
      'experimental.localPlugins.p.mountPath',
      /the same path as the chart's own mount "\/tmp"/,
    ],
    [
      'additionalVolumeMounts at /tmp',
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: '/tmp' }] },
      'additionalVolumeMounts[0].mountPath',
      /the chart's own mount "\/tmp"/,
    ],
    [
      'additionalVolumeMounts of no volume',
      { additionalVolumeMounts: [{ name: 'nosuch', mountPath: '/x' }] },
      'additionalVolumeMounts[0].name',
      /is "nosuch", which names no volume of Traefik's pod \(.*"data", "tmp"\)/,
    ],
    // 38b-3: extraObjects workloads
    [
      'extraObjects empty mountPath',
      mounted([{ name: 'v', mountPath: '' }]),
      `${SPEC}.containers[0].volumeMounts[0].mountPath`,
      /the API server requires a mountPath/,
    ],
    [
      'extraObjects mountPath twice',
      mounted([
        { name: 'v', mountPath: '/x' },
        { name: 'v', mountPath: '/x' },
      ]),
      `${SPEC}.containers[0].volumeMounts[1].mountPath`,
      /the same as volumeMounts\[0\]\.mountPath/,
    ],
    [
      'extraObjects mount of no volume',
      mounted([{ name: 'nosuch', mountPath: '/x' }]),
      `${SPEC}.containers[0].volumeMounts[0].name`,
      /names no volume of the pod/,
    ],
    [
      'extraObjects init container mount of no volume',
      deployment({
        volumes: [],
        initContainers: [{ name: 'i', image: 'busybox:1.36', volumeMounts: [{ name: 'nosuch', mountPath: '/x' }] }],
        containers: [{ name: 'c', image: 'busybox:1.36' }],
      }),
      `${SPEC}.initContainers[0].volumeMounts[0].name`,
      /names no volume of the pod/,
    ],
    // 38b-4: CAP_ everywhere
    [
      'sidecar CAP_',
      { deployment: { additionalContainers: [withCaps('add', ['CAP_NET_ADMIN'])] } },
      'deployment.additionalContainers[0].securityContext.capabilities.add[0]',
      /no CAP_ prefix/,
    ],
    [
      'init container CAP_',
      { deployment: { initContainers: [withCaps('drop', ['CAP_SYS_TIME'])] } },
      'deployment.initContainers[0].securityContext.capabilities.drop[0]',
      /no CAP_ prefix/,
    ],
    [
      'extraObjects CAP_',
      deployment({ containers: [withCaps('add', ['CAP_NET_ADMIN'])] }),
      `${SPEC}.containers[0].securityContext.capabilities.add[0]`,
      /no CAP_ prefix/,
    ],
    [
      'extraObjects init CAP_',
      deployment({ initContainers: [withCaps('add', ['CAP_NET_ADMIN'])], containers: [{ name: 'c', image: 'busybox:1.36' }] }),
      `${SPEC}.initContainers[0].securityContext.capabilities.add[0]`,
      /no CAP_ prefix/,
    ],
    // 38b-5
    [
      'NET_BIND_SERVICE added and dropped',
      hostNetwork({ add: ['NET_BIND_SERVICE'], drop: ['NET_BIND_SERVICE'] }),
      'ports.web.port',
      /only a process with NET_BIND_SERVICE/,
    ],
    [
      'NET_BIND_SERVICE added, net_bind_service dropped',
      hostNetwork({ add: ['NET_BIND_SERVICE'], drop: ['ALL', 'net_bind_service'] }),
      'ports.web.port',
      /only a process with NET_BIND_SERVICE/,
    ],
    // 38b-6
    [
      'cap_all as the runtime makes it',
      { securityContext: { capabilities: { drop: ['cap_all'] } } },
      'securityContext.capabilities.drop[0]',
      /making "CAP_CAP_ALL"/,
    ],
    [
      'long CAP_ name',
      { securityContext: { capabilities: { add: [`CAP_${'a'.repeat(120)}`] } } },
      'securityContext.capabilities.add[0]',
      /write it without the leading CAP_$/,
    ],
    [
      'long volumes type',
      { volumes: [{ name: 'ab', mountPath: '/a', type: 'x'.repeat(121) }] },
      'volumes[0].type',
      /: is \(a text of 121 characters\), but/,
    ],
    // 38b-8
    ['volumes null item', { volumes: [null] }, 'volumes[0]', /is null, not a map/],
    ['volumes text item', { volumes: ['x'] }, 'volumes[0]', /is "x", not a map.*Helm fails to render/],
    ['additionalVolumes null item', { deployment: { additionalVolumes: [null] } }, 'deployment.additionalVolumes[0]', /is null, not a map/],
    ['additionalVolumes text item', { deployment: { additionalVolumes: ['x'] } }, 'deployment.additionalVolumes[0]', /is "x", not a map/],
    ['additionalVolumeMounts null item', { additionalVolumeMounts: [null] }, 'additionalVolumeMounts[0]', /is null, not a map/],
    ['additionalVolumeMounts list item', { additionalVolumeMounts: [[1]] }, 'additionalVolumeMounts[0]', /is \[1\], not a map/],
  ])('%s', (_, values, key, message) => {
    const errors = errorsOf(values);
    expect(errors.filter((e) => e.startsWith(`traefik.values.${key}: `) && message.test(e))).toHaveLength(1);
  });
});

describe('accepted', () => {
  test.each<[string, object, string]>([
    [
      'names and paths that stay texts',
      { persistence: { name: 'state', path: '/state' }, volumes: [{ name: 'yes-1', mountPath: '/on', type: 'secret' }] },
      '41.3.0',
    ],
    ['a port name that stays a text', { ports: { yesno: port } }, '41.3.0'],
    ['a boolean-like port name before v35 (quoted)', { ports: { yes: port } }, '34.5.0'],
    // A name of 65 characters (79a-14: 65 digits look generated now, a pasted token, and are refused as one).
    ['hub.token of 65 characters (the chart writes its default name)', { hub: { token: 'hub-token-'.repeat(7).slice(0, 65) } }, '41.3.0'],
    ['hub.token 123 before v39.0.8 (no hub-token volume)', { hub: { token: '123' } }, '39.0.7'],
    [
      'additionalVolumeMounts of an additional volume',
      {
        deployment: { additionalVolumes: [{ name: 'extra', emptyDir: {} }] },
        additionalVolumeMounts: [{ name: 'extra', mountPath: '/extra' }],
      },
      '41.3.0',
    ],
    [
      "additionalVolumeMounts of the chart's tmp elsewhere",
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: '/other-tmp' }] },
      '41.3.0',
    ],
    [
      'extraObjects mounts of its volume',
      mounted([
        { name: 'v', mountPath: '/x' },
        { name: 'v', mountPath: '/y' },
      ]),
      '41.3.0',
    ],
    // As root: a non-root Traefik needs a file capability too (attack round 39b-7).
    [
      'NET_BIND_SERVICE added after drop ALL',
      { ...hostNetwork({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] }), podSecurityContext: { runAsUser: 0, runAsNonRoot: false } },
      '41.3.0',
    ],
  ])('%s', (_, values, chart) => {
    expect(errorsOf(values, chart)).toEqual([]);
  });
});
