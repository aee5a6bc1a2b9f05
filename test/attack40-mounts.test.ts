import { formatDiagnostic, parseConfigText } from '../src/config/load';
import { judgedValues, valuesDoors } from './helpers';
import { deploymentOf } from './traefik-fixtures';

/**
 * Attack round 39b-2, 39b-3, 39b-4 and 39b-8 (minor): the API server's subPath and subPathExpr rules and one source per
 * volume, in Traefik's own pod and in extraObjects workloads; a volumes[].mountPath that is no text, through every door;
 * the mount rules for Traefik's sidecars, init containers and additionalVolumeMounts; and the line of a problem inside
 * an extraObjects text item. Judged in-process.
 */
const errorsOf = (values: object, chart = '41.3.0') => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, chart).errors;
const pod = (spec: object) => ({ extraObjects: [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec }] });
const podMounting = (mounts: object[], volumes: object[] = [{ name: 'v', emptyDir: {} }]) =>
  pod({ containers: [{ name: 'c', image: 'busybox:1.36', volumeMounts: mounts }], volumes });
const deployment = deploymentOf;
const sidecar = (mounts: unknown, list = 'additionalContainers') => ({
  deployment: { [list]: [{ name: 'side', image: 'busybox:1.36', volumeMounts: mounts }] },
});
const localPath = (plugin: object) => ({
  experimental: {
    localPlugins: {
      demo: {
        moduleName: 'github.com/x/y',
        mountPath: '/plugins-local/src/github.com/x/y',
        type: 'localPath',
        volumeName: 'plug',
        ...plugin,
      },
    },
  },
  deployment: { additionalVolumes: [{ name: 'plug', emptyDir: {} }] },
});
const MOUNT = 'extraObjects[0].spec.containers[0].volumeMounts';
const SIDE = 'deployment.additionalContainers[0].volumeMounts';
const INIT = 'deployment.initContainers[0].volumeMounts';

describe('refused', () => {
  test.each<[string, object, string, RegExp]>([
    // 39b-2: subPath and subPathExpr leave the volume, or come together; a volume of two sources
    [
      'persistence.subPath absolute',
      { persistence: { enabled: true, subPath: '/abs' } },
      'persistence.subPath',
      /"\/abs".*must be a relative path/,
    ],
    ['persistence.subPath ../up', { persistence: { subPath: '../up' } }, 'persistence.subPath', /must not contain '\.\.'/],
    ['persistence.subPath a/../b', { persistence: { subPath: 'a/../b' } }, 'persistence.subPath', /must not contain '\.\.'/],
    ['persistence.subPath blank-padded absolute', { persistence: { subPath: ' /abs' } }, 'persistence.subPath', /relative path/],
    [
      'additionalVolumeMounts subPath absolute',
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: '/x', subPath: '/abs' }] },
      'additionalVolumeMounts[0].subPath',
      /must be a relative path.*fails to install/,
    ],
    [
      'additionalVolumeMounts subPath with subPathExpr',
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: '/x', subPath: 'a', subPathExpr: 'b' }] },
      'additionalVolumeMounts[0].subPathExpr',
      /mutually exclusive/,
    ],
    [
      'additionalVolumeMounts subPathExpr with ..',
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: '/x', subPathExpr: '$(POD_NAME)/../x' }] },
      'additionalVolumeMounts[0].subPathExpr',
      /must not contain '\.\.'/,
    ],
    [
      'localPath plugin subPath absolute',
      localPath({ subPath: '/abs' }),
      'experimental.localPlugins.demo.subPath',
      /must be a relative path/,
    ],
    [
      'sidecar subPath absolute',
      sidecar([{ name: 'tmp', mountPath: '/r', subPath: '/abs' }]),
      `${SIDE}[0].subPath`,
      /must be a relative path/,
    ],
    [
      'init container subPathExpr ..',
      sidecar([{ name: 'tmp', mountPath: '/r', subPathExpr: '..' }], 'initContainers'),
      `${INIT}[0].subPathExpr`,
      /'\.\.'/,
    ],
    [
      'extraObjects subPathExpr absolute',
      podMounting([{ name: 'v', mountPath: '/w', subPathExpr: '/abs' }]),
      `${MOUNT}[0].subPathExpr`,
      /relative/,
    ],
    [
      'extraObjects subPath with subPathExpr',
      podMounting([{ name: 'v', mountPath: '/w2', subPath: 'a', subPathExpr: 'b' }]),
      `${MOUNT}[0].subPathExpr`,
      /"b", set beside subPath.*mutually exclusive/,
    ],
    ['extraObjects subPath ../up', podMounting([{ name: 'v', mountPath: '/w', subPath: '../up' }]), `${MOUNT}[0].subPath`, /'\.\.'/],
    [
      'extraObjects Deployment subPath absolute',
      deployment({
        containers: [{ name: 'c', image: 'busybox:1.36', volumeMounts: [{ name: 'v', mountPath: '/v', subPath: '/abs' }] }],
        volumes: [{ name: 'v', emptyDir: {} }],
      }),
      'extraObjects[0].spec.template.spec.containers[0].volumeMounts[0].subPath',
      /must be a relative path/,
    ],
    [
      'extraObjects volume of two sources',
      podMounting([{ name: 'v', mountPath: '/v' }], [{ name: 'v', emptyDir: {}, hostPath: { path: '/a' } }]),
      'extraObjects[0].spec.volumes[0].hostPath',
      /second source of this volume \(it has emptyDir too\).*more than 1 volume type/,
    ],
    [
      'additionalVolumes volume of two sources',
      { deployment: { additionalVolumes: [{ name: 'x', emptyDir: {}, hostPath: { path: '/a' } }] } },
      'deployment.additionalVolumes[0].hostPath',
      /more than 1 volume type.*fails to install/,
    ],
    [
      'extraObjects mount of no name',
      podMounting([{ name: '', mountPath: '/v' }]),
      `${MOUNT}[0].name`,
      /requires the name of the pod volume/,
    ],
    // 39b-3: a volumes[].mountPath that is no text
    [
      'volumes mountPath number',
      { volumes: [{ name: 'cfg', mountPath: 5, type: 'configMap' }] },
      'volumes[0].mountPath',
      /is 5, not a text/,
    ],
    [
      'volumes mountPath boolean',
      { volumes: [{ name: 'cfg', mountPath: true, type: 'configMap' }] },
      'volumes[0].mountPath',
      /is true, not a text/,
    ],
    [
      'volumes mountPath list',
      { volumes: [{ name: 'cfg', mountPath: ['/x'], type: 'secret' }] },
      'volumes[0].mountPath',
      /is \["\/x"\], not a text/,
    ],
    [
      'volumes mountPath map',
      { volumes: [{ name: 'cfg', mountPath: { a: 'b' }, type: 'secret' }] },
      'volumes[0].mountPath',
      /"map\[\.\.\.\]"/,
    ],
    // No source is no API server refusal but an empty folder (SetDefaults_Volume): the message says so.
    [
      'volumes type other than secret or configMap',
      { volumes: [{ name: 'cfg', mountPath: '/c', type: 'ConfigMap' }] },
      'volumes[0].type',
      /makes it an empty folder \(emptyDir\)/,
    ],
    // 39b-4: the mounts of sidecars, init containers and additionalVolumeMounts
    [
      'sidecar mount of no volume',
      sidecar([{ name: 'nosuch2', mountPath: '/q' }]),
      `${SIDE}[0].name`,
      // Wave 84: the empty folder this tool mounts over the sidecar's ServiceAccount token is a volume of the pod too.
      /"nosuch2", which names no volume of Traefik's pod \(.*"data", "tmp", "no-service-account-token"\)/,
    ],
    [
      'sidecar mountPath twice',
      sidecar([
        { name: 'tmp', mountPath: '/q' },
        { name: 'data', mountPath: '/q' },
      ]),
      `${SIDE}[1].mountPath`,
      /the same as volumeMounts\[0\]\.mountPath of container "side"/,
    ],
    [
      'sidecar mount without mountPath',
      sidecar([{ name: 'tmp' }]),
      `${SIDE}[0].mountPath`,
      /is missing, but the API server requires a mountPath/,
    ],
    ['sidecar mountPath number', sidecar([{ name: 'tmp', mountPath: 5 }]), `${SIDE}[0].mountPath`, /is 5, not a text/],
    ['sidecar mount without name', sidecar([{ mountPath: '/q' }]), `${SIDE}[0].name`, /is missing, but the API server requires the name/],
    ['sidecar mount not a map', sidecar(['tmp']), `${SIDE}[0]`, /is "tmp", not a map/],
    ['sidecar volumeMounts not a list', sidecar({ name: 'tmp' }), SIDE, /not a list/],
    [
      'init container mount of plugins without plugins',
      sidecar([{ name: 'plugins', mountPath: '/p' }], 'initContainers'),
      `${INIT}[0].name`,
      /names no volume/,
    ],
    [
      'additionalVolumeMounts without mountPath',
      { additionalVolumeMounts: [{ name: 'tmp' }] },
      'additionalVolumeMounts[0].mountPath',
      /is missing/,
    ],
    [
      'additionalVolumeMounts mountPath null',
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: null }] },
      'additionalVolumeMounts[0].mountPath',
      /is null/,
    ],
    [
      'additionalVolumeMounts without name',
      { additionalVolumeMounts: [{ mountPath: '/x' }] },
      'additionalVolumeMounts[0].name',
      /is missing/,
    ],
  ])('%s', (_, values, key, message) => {
    const errors = errorsOf(values);
    expect(errors.filter((e) => e.startsWith(`traefik.values.${key}: `) && message.test(e))).toHaveLength(1);
  });

  test.each([5, true])('volumes mountPath %p through the construct doors', (mountPath) => {
    const values = { volumes: [{ name: 'cfg', mountPath, type: 'configMap' }] };
    expect(valuesDoors.chart(values)).toMatch(/volumes\[0\]\.mountPath:? is (5|true), not a text/);
    expect(valuesDoors.cluster(values)).toMatch(/traefik\.values\.volumes\[0\]\.mountPath: is (5|true), not a text/);
  });
});

describe('accepted', () => {
  const statefulSet = {
    extraObjects: [
      {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: { name: 'ss', namespace: 'default' },
        spec: {
          serviceName: 'ss',
          selector: { matchLabels: { a: 'b' } },
          template: {
            metadata: { labels: { a: 'b' } },
            spec: { containers: [{ name: 'c', image: 'busybox:1.36', volumeMounts: [{ name: 'data', mountPath: '/d', subPath: 'a/b' }] }] },
          },
          volumeClaimTemplates: [
            { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
          ],
        },
      },
    ],
  };
  test.each<[string, object, string?]>([
    ['persistence.subPath a/b', { persistence: { enabled: true, subPath: 'a/b' } }],
    ['persistence.subPath with dots that are no element', { persistence: { subPath: 'a..b/..c/d..' } }],
    ['persistence.subPath a/b before v37', { persistence: { subPath: 'a/b' } }, '34.5.0'],
    [
      'additionalVolumeMounts subPathExpr $(POD_NAME)',
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: '/x', subPathExpr: '$(POD_NAME)' }] },
    ],
    [
      'additionalVolumeMounts empty subPath beside subPathExpr',
      { additionalVolumeMounts: [{ name: 'tmp', mountPath: '/x', subPath: '', subPathExpr: 'a' }] },
    ],
    ['localPath plugin subPath a/b', localPath({ subPath: 'a/b' })],
    [
      'sidecar mounting tmp and data, init container mounting an additional volume',
      {
        deployment: {
          additionalVolumes: [{ name: 'extra', emptyDir: {} }],
          additionalContainers: [
            {
              name: 'side',
              image: 'busybox:1.36',
              volumeMounts: [
                { name: 'tmp', mountPath: '/tmp' },
                { name: 'data', mountPath: '/data', subPath: 'logs' },
              ],
            },
          ],
          initContainers: [{ name: 'i', image: 'busybox:1.36', volumeMounts: [{ name: 'extra', mountPath: '/tmp' }] }],
        },
      },
    ],
    [
      'init container mounting plugins with experimental.plugins',
      {
        experimental: { plugins: { demo: { moduleName: 'github.com/x/y', version: 'v1.0.0' } } },
        ...sidecar([{ name: 'plugins', mountPath: '/p' }], 'initContainers'),
      },
    ],
    ['sidecar without volumeMounts', { deployment: { additionalContainers: [{ name: 'side', image: 'busybox:1.36' }] } }],
    ['extraObjects subPathExpr $(POD_NAME)/logs', podMounting([{ name: 'v', mountPath: '/v', subPathExpr: '$(POD_NAME)/logs' }])],
    [
      'extraObjects volume with a null second source',
      // Wave 83: not hostPath, refused in extraObjects pods as such (extra-workload-powers.ts).
      podMounting([{ name: 'v', mountPath: '/v' }], [{ name: 'v', emptyDir: null, configMap: { name: 'c' } }]),
    ],
    ['extraObjects StatefulSet mounting its claim template with a subPath', statefulSet],
    ['additionalVolumes of one source', { deployment: { additionalVolumes: [{ name: 'x', hostPath: { path: '/a' } }] } }],
    ['volumes mountPath text', { volumes: [{ name: 'cfg', mountPath: '/config', type: 'configMap' }] }],
  ])('%s', (_, values, chart = '41.3.0') => {
    expect(errorsOf(values, chart)).toEqual([]);
  });
});

describe('a problem inside an extraObjects text item is placed at its line (39b-8)', () => {
  const config = (item: string) =>
    [
      'kubeVip: {version: v1.2.3, interface: eth0, controlPlane: {address: 192.168.0.40}}',
      'traefik:',
      '  loadBalancerIPs: [192.168.0.41]',
      '  values:',
      '    extraObjects:',
      item,
    ].join('\n');
  const literal = [
    '      - |', // line 6
    '        apiVersion: v1',
    '        kind: Pod',
    '        metadata: {name: p, namespace: default}',
    '        spec:',
    '          containers:', // line 11
    '            - name: c',
    '              image: busybox:1.36',
    '              volumeMounts:',
    '                - {name: nov, mountPath: /v}', // line 15
    '                - name: w', // line 16
    '                  mountPath: /w',
    '                  subPath: /abs', // line 18
    '          volumes: [{name: v, emptyDir: {}}, {name: w, emptyDir: {}, hostPath: {path: /a}}]', // line 19
    '',
  ].join('\n');
  const located = (text: string) => parseConfigText('config/t.yaml', text).errors.map(formatDiagnostic);

  test.each<[string, string, string[]]>([
    [
      'a literal block',
      literal,
      [
        'config/t.yaml:18:28: traefik.values.extraObjects[0].spec.containers[0].volumeMounts[1].subPath: is "/abs"',
        'config/t.yaml:19:80: traefik.values.extraObjects[0].spec.volumes[1].hostPath: is a second source',
        'config/t.yaml:15:26: traefik.values.extraObjects[0].spec.containers[0].volumeMounts[0].name: is "nov"',
      ],
    ],
    [
      'a literal block with a blank line and a comment-like line',
      literal.replace('        kind: Pod', '        kind: Pod\n\n        # not a comment in a block'),
      ['config/t.yaml:20:28: traefik.values.extraObjects[0].spec.containers[0].volumeMounts[1].subPath: is "/abs"'],
    ],
    [
      'a one-line quoted text',
      '      - \'{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "namespace": "default"}, "spec": {"containers": [{"name": "c", "image": "busybox:1.36", "volumeMounts": [{"name": "nov", "mountPath": "/v"}]}]}}\'',
      ['config/t.yaml:6:186: traefik.values.extraObjects[0].spec.containers[0].volumeMounts[0].name: is "nov"'],
    ],
  ])('%s', (_, item, expected) => {
    const errors = located(config(item));
    for (const start of expected) expect(errors.filter((e) => e.startsWith(start))).toHaveLength(1);
  });

  test('a quoted text of several lines stays at the item', () => {
    const item =
      '      - "apiVersion: v1\\nkind: Pod\\nmetadata: {name: p, namespace: default}\\nspec: {containers: [{name: c, image: busybox, volumeMounts: [{name: nov, mountPath: /v}]}]}"';
    const errors = located(config(item));
    expect(errors.filter((e) => e.includes('volumeMounts[0].name: is "nov"'))[0]).toMatch(/^config\/t\.yaml:6:9: /);
  });
});
