import { judgedValues } from './helpers';
import { SETCAP_SECURITY, SETCAP_INIT } from './traefik-fixtures';

/**
 * Attack round 39b-1, 39b-5, 39b-6, 39b-7: texts the chart writes unquoted into Traefik's pod template (persistence.subPath,
 * a localPath plugin's volumeName and subPath, local plugin names, existingClaim, priorityClassName, the TZ env var,
 * runtimeClassName, image.pullPolicy, deployment.dnsPolicy), on both sides of each chart version that starts writing one; and
 * ports below 1024 under hostNetwork, which a non-root Traefik binds only with a file capability. Judged in-process.
 */
const errorsOf = (values: object, chart: string) => judgedValues({ image: { tag: 'v3.6.2' }, ...values }, chart).errors;
const at = (errors: string[], key: string) => errors.filter((e) => e.startsWith(`traefik.values.${key}: `));
const hostPlugin = (name: string) => ({
  experimental: {
    localPlugins: { [name]: { moduleName: 'github.com/x/y', mountPath: '/plugins-local/src/x', type: 'hostPath', hostPath: '/opt/p' } },
  },
});
const localPath = (fields: object, volume = 'plug') => ({
  experimental: {
    localPlugins: {
      demo: { moduleName: 'github.com/x/y', mountPath: '/plugins-local/src/x', type: 'localPath', volumeName: volume, ...fields },
    },
  },
  deployment: { additionalVolumes: [{ name: volume, emptyDir: {} }] },
});
const low = (security: object, extra: object = {}) => ({
  updateStrategy: { rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
  hostNetwork: true,
  ports: { web: { port: 80 } },
  ...security,
  ...extra,
});
const ROOT = { runAsUser: 0, runAsNonRoot: false };
// traefik-helm-chart EXAMPLES.md (v41.3.0) "Running on privileged ports with host network", image tag aside.
const EXAMPLE = SETCAP_SECURITY;
const SETCAP = SETCAP_INIT;
const NOT_ROOT =
  /is 80, .*but the chart runs Traefik as user 65532, .*unless the traefik binary carries it as a file capability too .*EXAMPLES\.md.*: run Traefik as root with it, securityContext: \{runAsUser: 0, runAsNonRoot: false, capabilities: \{add: \[NET_BIND_SERVICE\]\}\}.*setcap cap_net_bind_service=\+ep/;

describe('refused', () => {
  test.each<[string, object, string, string, RegExp]>([
    // 39b-1
    [
      'persistence.subPath yes',
      { persistence: { enabled: true, subPath: 'yes' } },
      '41.3.0',
      'persistence.subPath',
      /is "yes", which the chart writes unquoted.*as a boolean.*refuses a subPath/,
    ],
    ['persistence.subPath 123 (emptyDir too)', { persistence: { subPath: '123' } }, '39.0.7', 'persistence.subPath', /as a number/],
    ['persistence.subPath null on chart 20', { persistence: { subPath: 'null' } }, '20.3.0', 'persistence.subPath', /as null/],
    [
      'localPath volumeName true',
      localPath({}, 'true'),
      '41.3.0',
      'experimental.localPlugins.demo.volumeName',
      /is "true", .*as a boolean.*volume mount's name/,
    ],
    [
      'localPath subPath off',
      localPath({ subPath: 'off' }),
      '41.3.0',
      'experimental.localPlugins.demo.subPath',
      /is "off", .*as a boolean/,
    ],
    ['localPath subPath 0x1F', localPath({ subPath: '0x1F' }), '37.4.0', 'experimental.localPlugins.demo.subPath', /as a number/],
    // 39b-5
    [
      'local plugin true',
      hostPlugin('true'),
      '41.3.0',
      'experimental.localPlugins.true',
      /is local plugin "true", whose name the chart writes unquoted as a pod volume's name.*as a boolean/,
    ],
    ['local plugin 1e3', hostPlugin('1e3'), '41.3.0', 'experimental.localPlugins.1e3', /as a number/],
    ['local plugin y', hostPlugin('y'), '41.3.0', 'experimental.localPlugins.y', /as a boolean/],
    [
      'local plugin 2001.12.14 (dots as -)',
      hostPlugin('2001.12.14'),
      '41.3.0',
      'experimental.localPlugins["2001.12.14"]',
      /as "2001-12-14" \(each "\." written as "-"\).*as a timestamp/,
    ],
    ['local plugin on at v37.0.0', hostPlugin('on'), '37.0.0', 'experimental.localPlugins.on', /as a boolean/],
    [
      'volumes name 2001.12.14 (written 2001-12-14)',
      { volumes: [{ name: '2001.12.14', mountPath: '/a', type: 'secret' }] },
      '41.3.0',
      'volumes[0].name',
      /is "2001\.12\.14", which the chart writes unquoted as "2001-12-14" \(each "\." written as "-"\).*as a timestamp/,
    ],
    // 39b-6
    [
      'existingClaim yes',
      { persistence: { enabled: true, existingClaim: 'yes' } },
      '41.3.0',
      'persistence.existingClaim',
      /is "yes", .*as a boolean.*refuses a claimName/,
    ],
    ['existingClaim 0x10', { persistence: { enabled: true, existingClaim: '0x10' } }, '20.3.0', 'persistence.existingClaim', /as a number/],
    ['priorityClassName on', { priorityClassName: 'on' }, '41.3.0', 'priorityClassName', /is "on", .*as a boolean.*priorityClassName/],
    [
      'accessLog.timezone 1',
      { accessLog: { timezone: '1' } },
      '41.3.0',
      'accessLog.timezone',
      /is "1", .*as a number.*env var TZ.*Europe\/Paris/,
    ],
    ['accessLog.timezone no', { accessLog: { timezone: 'no' } }, '41.0.0', 'accessLog.timezone', /as a boolean/],
    ['logs.access.timezone 1 from v37.1.0', { logs: { access: { timezone: '1' } } }, '37.1.0', 'logs.access.timezone', /as a number/],
    ['logs.access.timezone no up to v40', { logs: { access: { timezone: 'no' } } }, '40.3.0', 'logs.access.timezone', /as a boolean/],
    [
      'runtimeClassName true from v26.1.0',
      { deployment: { runtimeClassName: 'true' } },
      '26.1.0',
      'deployment.runtimeClassName',
      /is "true", .*as a boolean.*runtimeClassName/,
    ],
    [
      'pullPolicy on',
      { image: { tag: 'v3.6.2', pullPolicy: 'on' } },
      '41.3.0',
      'image.pullPolicy',
      /is "on", .*as a boolean.*image pull policy.*Always, IfNotPresent, Never/,
    ],
    [
      'pullPolicy ifnotpresent',
      { image: { tag: 'v3.6.2', pullPolicy: 'ifnotpresent' } },
      '41.3.0',
      'image.pullPolicy',
      /is not an image pull policy the API server takes.*the case matters/,
    ],
    [
      'dnsPolicy ~',
      { deployment: { dnsPolicy: '~' } },
      '41.3.0',
      'deployment.dnsPolicy',
      /is "~", .*as null.*the field is dropped and Kubernetes' default \(ClusterFirst\) applies/,
    ],
    ['dnsPolicy yes', { deployment: { dnsPolicy: 'yes' } }, '20.3.0', 'deployment.dnsPolicy', /as a boolean.*ClusterFirstWithHostNet/],
    [
      'priorityClassName null (dropped)',
      { priorityClassName: 'null' },
      '41.3.0',
      'priorityClassName',
      /as null.*the field is dropped and no PriorityClass applies/,
    ],
    [
      'accessLog.timezone ~ (dropped)',
      { accessLog: { timezone: '~' } },
      '41.3.0',
      'accessLog.timezone',
      /the field is dropped and an empty TZ \(UTC\) applies/,
    ],
    // 39b-7
    [
      'non-root with NET_BIND_SERVICE',
      low({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, runAsNonRoot: true, runAsUser: 65532 } }),
      '41.3.0',
      'ports.web.port',
      NOT_ROOT,
    ],
    [
      'non-root privileged',
      low({ securityContext: { privileged: true, allowPrivilegeEscalation: true } }),
      '41.3.0',
      'ports.web.port',
      NOT_ROOT,
    ],
    [
      'pod root under the container default of chart 21.2.0',
      low({ podSecurityContext: ROOT, securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } }),
      '21.2.0',
      'ports.web.port',
      NOT_ROOT,
    ],
    [
      'root with add ALL next to the default drop ALL',
      low({ securityContext: { ...ROOT, capabilities: { add: ['ALL'] } } }),
      '41.3.0',
      'ports.web.port',
      /runs as root without NET_BIND_SERVICE \(securityContext\.capabilities\.add: \[ALL\] grants nothing next to drop: \[ALL\], the chart's default, which containerd applies after it\).*: add securityContext: \{capabilities: \{add: \[NET_BIND_SERVICE\]\}\}/,
    ],
    [
      'root that drops ALL',
      low({ securityContext: { ...ROOT } }),
      '41.3.0',
      'ports.web.port',
      /runs as root without NET_BIND_SERVICE \(securityContext\.capabilities\.drop: \[ALL\], the chart's default\)/,
    ],
    [
      'setcap but NET_BIND_SERVICE dropped',
      low(
        { securityContext: { allowPrivilegeEscalation: true, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['NET_BIND_SERVICE'] } } },
        SETCAP,
      ),
      '41.3.0',
      'ports.web.port',
      /an init container gives the traefik binary the file capability, yet .*drop names it/,
    ],
    ['setcap without a shared volume', low(EXAMPLE, { ...SETCAP, additionalVolumeMounts: [] }), '41.3.0', 'ports.web.port', NOT_ROOT],
    // 41b-6: under no_new_privs exec grants no file capability (kernel Documentation/userspace-api/no_new_privs.rst)
    [
      'setcap with allowPrivilegeEscalation false (the chart default)',
      low({ securityContext: { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } } }, SETCAP),
      '41.3.0',
      'ports.web.port',
      /allowPrivilegeEscalation: false \(the chart's default securityContext\), so the kubelet sets no_new_privs/,
    ],
  ])('%s', (_, values, chart, key, message) => {
    const errors = at(errorsOf(values, chart), key);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
  });
});

describe('accepted (nothing said at the key)', () => {
  test.each<[string, object, string, string]>([
    ['persistence.subPath data', { persistence: { enabled: true, subPath: 'data' } }, '41.3.0', 'persistence.subPath'],
    ['localPath subPath data', localPath({ subPath: 'data' }), '41.3.0', 'experimental.localPlugins.demo.subPath'],
    ['local plugin demo.v1', hostPlugin('demo.v1'), '41.3.0', 'experimental.localPlugins.demo.v1'],
    [
      'volumes name 1.5 (written 1-5, a text)',
      { volumes: [{ name: '1.5', mountPath: '/a', type: 'secret' }] },
      '41.3.0',
      'volumes[0].name',
    ],
    [
      'local plugin true of type localPath (no volume of its own)',
      { experimental: { localPlugins: { true: localPath({}).experimental.localPlugins.demo } }, deployment: localPath({}).deployment },
      '41.3.0',
      'experimental.localPlugins.true',
    ],
    ['local plugin true before v37 (no local plugins)', hostPlugin('true'), '36.2.0', 'experimental.localPlugins.true'],
    [
      'localPath subPath off before v37.4.0 (a hostPath volume)',
      localPath({ subPath: 'off', hostPath: '/opt/p' }),
      '37.3.0',
      'experimental.localPlugins.demo.subPath',
    ],
    ['existingClaim yes without persistence', { persistence: { existingClaim: 'yes' } }, '41.3.0', 'persistence.existingClaim'],
    [
      'existingClaim traefik-data',
      { persistence: { enabled: true, existingClaim: 'traefik-data' } },
      '41.3.0',
      'persistence.existingClaim',
    ],
    ['priorityClassName system-cluster-critical', { priorityClassName: 'system-cluster-critical' }, '41.3.0', 'priorityClassName'],
    ['accessLog.timezone Europe/Paris', { accessLog: { timezone: 'Europe/Paris' } }, '41.3.0', 'accessLog.timezone'],
    ['logs.access.timezone 1 before v37.1.0 (no TZ)', { logs: { access: { timezone: '1' } } }, '37.0.0', 'logs.access.timezone'],
    [
      'runtimeClassName true before v26.1.0 (not written)',
      { deployment: { runtimeClassName: 'true' } },
      '26.0.0',
      'deployment.runtimeClassName',
    ],
    ['runtimeClassName gvisor', { deployment: { runtimeClassName: 'gvisor' } }, '41.3.0', 'deployment.runtimeClassName'],
    ['pullPolicy Always', { image: { tag: 'v3.6.2', pullPolicy: 'Always' } }, '41.3.0', 'image.pullPolicy'],
    ['pullPolicy " Never" (YAML drops the blank)', { image: { tag: 'v3.6.2', pullPolicy: ' Never' } }, '41.3.0', 'image.pullPolicy'],
    ['dnsPolicy ClusterFirstWithHostNet', { deployment: { dnsPolicy: 'ClusterFirstWithHostNet' } }, '41.3.0', 'deployment.dnsPolicy'],
    [
      'root with NET_BIND_SERVICE',
      low({ securityContext: { ...ROOT, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] } } }),
      '41.3.0',
      'ports.web.port',
    ],
    [
      'root with add all and no drop',
      low({ securityContext: { ...ROOT, capabilities: { add: ['all'], drop: [] } } }),
      '41.3.0',
      'ports.web.port',
    ],
    [
      'root by the pod from chart 21.2.1',
      low({ podSecurityContext: ROOT, securityContext: { capabilities: { add: ['NET_BIND_SERVICE'] } } }),
      '21.2.1',
      'ports.web.port',
    ],
    [
      'root with runAsUser deleted (the image runs as root)',
      low({ podSecurityContext: { runAsUser: null, runAsNonRoot: false }, securityContext: { capabilities: { drop: null } } }),
      '41.3.0',
      'ports.web.port',
    ],
    ['EXAMPLES.md setcap init container', low(EXAMPLE, SETCAP), '41.3.0', 'ports.web.port'],
  ])('%s', (_, values, chart, key) => {
    expect(at(errorsOf(values, chart), key)).toEqual([]);
  });
});
